"""Clinical and wording rules that span an area, a file or several files.

They run on the raw YAML (so every problem keeps its line) after the schema checks, and
refuse content a doctor could not sign: an area's timing that contradicts itself, doses or
approvals for a product the clinic does not list, two areas with the same risk list, and
patient-facing text with a brand name, a price, a promotional word, a word the clinic has
replaced with another, or wrinkle wording in a sweating text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from consult_app.content.problems import ContentProblem
from consult_app.content.schema import FILES, RECORDS, Audience
from consult_app.content.yamlsafe import YamlList, YamlMap

__all__ = ["PatientText", "check_rules", "patient_texts"]

#: A price: a currency sign or code next to a number, or a word that names a price.
_PRICE = re.compile(
    r"[$£€¥]\s*\d|\d\s*(?:dollars|pounds|euros|AUD|GBP|USD)\b|\b(?:price|prices|priced|"
    r"costs?|cheap|cheaper|fee|fees)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PatientText:
    """One patient-facing string: where it is, what it is, and whether it is about sweating."""

    file: str
    line: int
    what: str
    text: str
    sweating: bool


def patient_texts(raw_files: dict[str, Any]) -> Iterator[PatientText]:
    """Yield every patient-facing string of the raw content files, in every language."""
    for name, record_name in FILES.items():
        data = raw_files.get(name)
        if isinstance(data, YamlMap):
            yield from _walk_record(name, record_name, data, "", sweating=False)


def _walk_record(
    file: str, record_name: str, data: YamlMap, what: str, *, sweating: bool
) -> Iterator[PatientText]:
    record = RECORDS[record_name]
    if record_name == "Area" and data.get("kind") == "sweating":
        sweating = True
    for key in record.keys:
        if key.name not in data:
            continue
        value = data[key.name]
        where = f"{what}{key.name}" if not what else f"{what}.{key.name}"
        inner_sweating = sweating or (record_name == "Families" and key.name == "sweating")
        yield from _walk_value(
            file, key.type, key.audience, value, data.line_of(key.name), where, inner_sweating
        )


def _walk_value(
    file: str, type_name: str, audience: Audience, value: Any, line: int, what: str, sweating: bool
) -> Iterator[PatientText]:
    if type_name.startswith("list[") and isinstance(value, YamlList):
        for index, item in enumerate(value):
            label = what
            if isinstance(item, YamlMap) and isinstance(item.get("id"), str):
                label = f"{what} '{item['id']}'"
            yield from _walk_value(
                file, type_name[5:-1], audience, item, value.line_of(index), label, sweating
            )
    elif type_name in RECORDS and isinstance(value, YamlMap):
        yield from _walk_record(file, type_name, value, what, sweating=sweating)
    elif type_name == "text" and audience is Audience.PATIENT:
        if isinstance(value, str):
            yield PatientText(file, line, what, value, sweating)
        elif isinstance(value, YamlMap):
            for language, text in value.items():
                if isinstance(text, str):
                    yield PatientText(file, value.line_of(language), what, text, sweating)


def _word_pattern(words: list[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern matching any of ``words`` as whole words."""
    usable = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not usable:
        return None
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in usable)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, YamlList) else []


class _Rules:
    def __init__(self, root: Path, folder: Path) -> None:
        self.root = root
        self.folder = folder
        self.problems: list[ContentProblem] = []

    def add(self, file: str, line: int, message: str) -> None:
        self.problems.append(ContentProblem(self.folder / file, line, message, self.root))

    def area_timing(self, areas: list[YamlMap], ask_within: Any) -> None:
        """Each area's timing agrees with itself and with the 'ask about toxin' window."""
        for area in areas:
            timing = area.get("timing")
            if not isinstance(timing, YamlMap):
                continue
            name = f"area '{area.get('id')}'"
            for key in ("onset_days", "peak_days", "duration_days", "review_window_days"):
                pair = timing.get(key)
                if _is_pair(pair) and pair[0] > pair[1]:
                    self.add(
                        "areas.yaml",
                        timing.line_of(key),
                        f"'{key}' of {name} runs backwards: [{pair[0]}, {pair[1]}]; write the "
                        "smaller number first",
                    )
            review, window = timing.get("review_after_days"), timing.get("review_window_days")
            interval = timing.get("min_interval_days")
            if _is_int(review) and _is_pair(window) and not window[0] <= review <= window[1]:
                self.add(
                    "areas.yaml",
                    timing.line_of("review_window_days"),
                    f"'review_window_days' [{window[0]}, {window[1]}] of {name} must include "
                    f"'review_after_days' ({review})",
                )
            if _is_int(review) and _is_int(interval) and interval < review:
                self.add(
                    "areas.yaml",
                    timing.line_of("min_interval_days"),
                    f"'min_interval_days' ({interval}) of {name} is before its review "
                    f"({review} days); the next treatment cannot come before the review",
                )
            if _is_int(interval) and _is_int(ask_within) and ask_within < interval:
                self.add(
                    "timing.yaml",
                    1,
                    f"'ask_about_toxin_within_days' ({ask_within}) must be at least the "
                    f"'min_interval_days' of {name} ({interval})",
                )

    def products(self, areas: list[YamlMap], clinic: Any) -> None:
        """Doses and approvals name products that clinic.yaml lists."""
        if not isinstance(clinic, YamlMap):
            return
        known = [
            item["id"]
            for item in clinic.get("products") or []
            if isinstance(item, YamlMap) and isinstance(item.get("id"), str)
        ]
        for area in areas:
            name = f"area '{area.get('id')}'"
            for dose in _maps(area.get("doses")):
                product = dose.get("product")
                if isinstance(product, str) and product not in known:
                    self._unknown_product(dose.line_of("product"), product, name, known)
            for approval in _maps(area.get("approvals")):
                products = approval.get("products")
                for product in _strings(products):
                    if product not in known:
                        self._unknown_product(approval.line_of("products"), product, name, known)

    def _unknown_product(self, line: int, product: str, where: str, known: list[str]) -> None:
        self.add(
            "areas.yaml",
            line,
            f"product '{product}' in {where} is not in clinic.yaml 'products' "
            f"({', '.join(known) or 'none listed'}); add it there or correct the id",
        )

    def risks(self, areas: list[YamlMap]) -> None:
        """No area's risk list is a copy of another's: each area has its own risks."""
        first: dict[tuple[str, ...], str] = {}
        for area in areas:
            effects = area.get("side_effects")
            texts = tuple(sorted(_text_key(item) for item in effects or []))
            if not isinstance(effects, YamlList) or not texts:
                continue
            ident = str(area.get("id"))
            if texts in first:
                self.add(
                    "areas.yaml",
                    area.line_of("side_effects"),
                    f"the side effects of area '{ident}' are a copy of those of area "
                    f"'{first[texts]}'; write the risks of this area from its own sources",
                )
            else:
                first[texts] = ident

    def wording(self, texts: list[PatientText], wording: Any) -> None:
        """Patient-facing text has no brand, price, promotion or replaced word."""
        if not isinstance(wording, YamlMap):
            return
        brands = _word_pattern(_strings(wording.get("brand_names")))
        promotion = _word_pattern(_strings(wording.get("promotional_words")))
        wrinkle = _word_pattern(_strings(wording.get("wrinkle_words")))
        avoided: list[tuple[re.Pattern[str], str, str]] = []
        for term in _maps(wording.get("preferred_terms")):
            avoid, use = term.get("avoid"), term.get("use")
            pattern = _word_pattern([avoid]) if isinstance(avoid, str) else None
            if pattern is not None and isinstance(use, str):
                avoided.append((pattern, str(avoid), use))
        for item in texts:
            where = f"'{item.what}' in {item.file}"
            if brands and (found := brands.search(item.text)):
                self.add(
                    item.file,
                    item.line,
                    f"{where} names the brand '{found.group()}'; patient text uses generic "
                    "words only",
                )
            if promotion and (found := promotion.search(item.text)):
                self.add(
                    item.file,
                    item.line,
                    f"{where} uses the promotional word '{found.group()}'; state plain facts",
                )
            if found := _PRICE.search(item.text):
                self.add(
                    item.file,
                    item.line,
                    f"{where} mentions a price ('{found.group()}'); patient text has no prices",
                )
            for pattern, avoid, use in avoided:
                if pattern.search(item.text):
                    self.add(
                        item.file,
                        item.line,
                        f"{where} says '{avoid}'; write '{use}' (one word for one thing)",
                    )
            if item.sweating and wrinkle and (found := wrinkle.search(item.text)):
                self.add(
                    item.file,
                    item.line,
                    f"{where} is about sweating but says '{found.group()}'; sweating text "
                    "never uses wrinkle wording",
                )


def check_rules(root: Path, folder: Path, raw_files: dict[str, Any]) -> list[ContentProblem]:
    """Return the problems the cross-file clinical and wording rules find."""
    rules = _Rules(root, folder)
    areas_file = raw_files.get("areas.yaml")
    areas = _maps(areas_file.get("areas")) if isinstance(areas_file, YamlMap) else []
    timing = raw_files.get("timing.yaml")
    ask_within = timing.get("ask_about_toxin_within_days") if isinstance(timing, YamlMap) else None
    rules.area_timing(areas, ask_within)
    rules.products(areas, raw_files.get("clinic.yaml"))
    rules.risks(areas)
    rules.wording(list(patient_texts(raw_files)), raw_files.get("wording.yaml"))
    return rules.problems


def _maps(value: Any) -> list[YamlMap]:
    if not isinstance(value, YamlList):
        return []
    return [item for item in value if isinstance(item, YamlMap)]


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_pair(value: Any) -> TypeGuard[YamlList]:
    return isinstance(value, YamlList) and len(value) == 2 and all(_is_int(v) for v in value)


def _text_key(value: Any) -> str:
    """A comparable form of one text (a plain string or a language mapping)."""
    if isinstance(value, YamlMap):
        return "|".join(f"{k}={v}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0])))
    return " ".join(str(value).lower().split())
