"""The urgent-help box on every PDF: 4 steps in order, the country's numbers, bold and boxed."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pytest
from handout_pdf import reader, runs, text_of
from handout_requests import typical_request
from reportlab.lib.rl_accel import fp_str

from consult_app.bundled import bundled_resource
from consult_app.content import Content, load_content
from consult_app.handout import (
    ConsentRequest,
    GenericRequest,
    build_consent,
    build_generic,
    build_sheet,
)
from consult_app.handout.styles import URGENT

VISIT = date(2026, 12, 2)
STEPS = ("1. Call", "2. Contact the clinic today", "3. Do not drive", "4. Report a side effect")


def place(tmp_path: Path, country: str, state: str | None) -> Content:
    """Return the bundled content for a clinic moved to ``country`` and ``state``."""
    folder = tmp_path / "clinic"
    shutil.copytree(
        bundled_resource(), folder, ignore=shutil.ignore_patterns("__pycache__", "*.py")
    )
    clinic = folder / "content" / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8").replace("country: AU", f"country: {country}")
    text = text.replace("state: NSW\n", f"state: {state}\n" if state else "")
    clinic.write_text(text, encoding="utf-8")
    return load_content(folder)


def sheet(content: Content) -> bytes:
    return build_sheet(content, typical_request())


def generic(content: Content) -> bytes:
    return build_generic(content, GenericRequest(("glabella", "underarms"), VISIT, "G-1"))


def consent(content: Content) -> bytes:
    request = ConsentRequest(
        patient_name="Zoë Müller",
        visit_date=VISIT,
        practitioner="Dr Hala",
        area_ids=("glabella",),
        signature_png=b"",
        practitioner_confirmed=False,
        reference="C-1",
    )
    return build_consent(content, request)


BUILDERS = {"sheet": sheet, "generic": generic, "consent": consent}


def box_text(pdf: bytes) -> str:
    """The text of the urgent box: from its title to the end of step 4."""
    text = text_of(pdf)
    start = text.index("Get help urgently")
    end = text.index("The clinic can help you do this.", start)
    return text[start:end]


@pytest.mark.parametrize("kind", BUILDERS)
def test_the_4_steps_come_in_order_with_australian_numbers(bundled: Content, kind: str) -> None:
    box = box_text(BUILDERS[kind](bundled))
    positions = [box.index(step) for step in STEPS]
    assert positions == sorted(positions)
    assert "1. Call 000 now if you have:" in box
    assert "2. Contact the clinic today on (02) 5550 1234 if you have:" in box
    assert "If the clinic is closed, call healthdirect on 1800 022 222." in box
    assert "4. Report a side effect to the TGA at tga.gov.au." in box


@pytest.mark.parametrize("kind", BUILDERS)
def test_wheezing_and_feeling_faint_are_under_the_emergency_number(
    bundled: Content, kind: str
) -> None:
    box = box_text(BUILDERS[kind](bundled))
    emergency = box[box.index("1. Call 000 now") : box.index("2. Contact the clinic today")]
    clinic = box[box.index("2. Contact the clinic today") : box.index("3. Do not drive")]
    for sign in ("Wheezing.", "Feeling faint.", "Trouble breathing, swallowing or speaking."):
        assert sign in emergency
        assert sign not in clinic
    for sign in ("Muscle weakness.", "Double or blurred vision.", "A rash, itching"):
        assert sign in clinic
        assert sign not in emergency


@pytest.mark.parametrize(
    ("country", "state", "present", "absent"),
    [
        (
            "UK",
            None,
            ("1. Call 999 now", "call NHS 111 on 111.", "the Yellow Card scheme"),
            ("000", "911", "healthdirect", "TGA"),
        ),
        (
            "US",
            None,
            (
                "1. Call 911 now",
                "If the clinic is closed, go to the nearest emergency department.",
                "FDA MedWatch at www.fda.gov/medwatch",
            ),
            ("000", "999", "healthdirect", "NHS 111"),
        ),
        (
            "AU",
            "VIC",
            ("1. Call 000 now", "call NURSE-ON-CALL on 1300 60 60 24."),
            ("healthdirect", "911", "999"),
        ),
    ],
)
@pytest.mark.parametrize("kind", BUILDERS)
def test_each_country_prints_its_own_numbers(
    tmp_path: Path,
    kind: str,
    country: str,
    state: str | None,
    present: tuple[str, ...],
    absent: tuple[str, ...],
) -> None:
    box = box_text(BUILDERS[kind](place(tmp_path, country, state)))
    for text in present:
        assert text in box
    for text in absent:
        assert text not in box


@pytest.mark.parametrize("kind", BUILDERS)
def test_the_box_is_on_one_page_bold_and_outlined(bundled: Content, kind: str) -> None:
    pdf = BUILDERS[kind](bundled)
    found = runs(pdf)
    pages = {run.page for run in found if run.text.startswith(("Get help urgently", "4. Report"))}
    assert len(pages) == 1
    [page] = pages
    actions = [run for run in found if run.text.startswith(("1. Call", "2. Contact"))]
    assert len(actions) == 2
    assert all("Bold" in run.font for run in actions)
    stroke = " ".join(fp_str(c) for c in (URGENT.red, URGENT.green, URGENT.blue)) + " RG"
    contents = reader(pdf).pages[page].get_contents()
    assert contents is not None
    assert stroke in contents.get_data().decode("latin-1")


def test_help_names_print_as_written_not_as_markup(bundled: Content) -> None:
    regulator = dataclasses.replace(bundled.local_help.regulator, name="<b>the TGA</b> & co")
    local = dataclasses.replace(bundled.local_help, regulator=regulator)
    box = box_text(generic(dataclasses.replace(bundled, local_help=local)))
    assert "4. Report a side effect to <b>the TGA</b> & co at tga.gov.au." in box
