"""Loading the content folder: the bundled content loads, and every kind of bad content is
reported with its file and line, all at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from consult_app.bundled import bundled_resource
from consult_app.content import (
    AppliesTo,
    AreaKind,
    ContentError,
    ContentProblem,
    DerivedCheckKind,
    DiagramView,
    Rule,
    check_content,
    load_content,
    load_diagram,
)
from consult_app.content.validate import Validator
from consult_app.content.yamlsafe import MAX_FILE_BYTES, parse_yaml

FACE_AREAS = [
    "glabella",
    "forehead",
    "crows_feet",
    "bunny_lines",
    "lip_lines",
    "gummy_smile",
    "mouth_corners",
    "chin",
    "masseter",
    "platysma",
]
BODY_AREAS = ["underarms", "palms", "soles"]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path`` with ``new`` (``old`` must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """Return the 1-based line of the first line containing ``needle`` (after ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if after in line)
    for number, line in enumerate(lines[start:], start=start + 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def problems(folder: Path) -> list[str]:
    """Return the problems of ``folder`` as printed; the content must not load."""
    content, found = check_content(folder)
    assert content is None
    assert found
    return [str(problem) for problem in found]


# The bundled content ---------------------------------------------------------------------


def test_bundled_content_loads_with_all_areas_in_order() -> None:
    content = load_content()

    assert [area.id for area in content.areas] == FACE_AREAS + BODY_AREAS
    assert [a.id for a in content.areas_on(DiagramView.FACE)] == FACE_AREAS
    assert [a.id for a in content.areas_on(DiagramView.BODY)] == BODY_AREAS
    for area in content.areas:
        expected = AreaKind.SWEATING if area.id in BODY_AREAS else AreaKind.COSMETIC
        assert area.kind is expected, area.id


def test_bundled_content_has_its_diagrams_logo_and_clinic_profile() -> None:
    content = load_content()

    assert content.source_dir == bundled_resource()
    assert content.diagrams[DiagramView.FACE].name == "face.svg"
    assert content.diagrams[DiagramView.BODY].name == "body.svg"
    assert content.clinic.logo is not None
    assert content.clinic.logo.name == "logo.png"
    assert content.clinic.logo.read_bytes().startswith(b"\x89PNG")
    assert content.clinic.practitioner == "Dr Hala"
    assert content.clinic.languages == ("en",)
    assert content.clinic.state == "NSW"
    assert content.local_help.emergency.phone == "000"
    assert [p.name for p in content.clinic.products] == [
        "onabotulinumtoxinA",
        "abobotulinumtoxinA",
        "incobotulinumtoxinA",
    ]
    # Speywood units are abobotulinumtoxinA's own: never the same label as the others'.
    assert {p.id: p.unit for p in content.clinic.products}["abobotulinumtoxin_a"] == "Speywood U"


def test_bundled_timing_and_derived_checks() -> None:
    content = load_content()

    assert content.timing.ask_about_toxin_within_days == 120
    for area in content.areas:
        low, high = area.timing.review_window_days
        assert low <= area.timing.review_after_days <= high
        assert area.timing.min_interval_days >= area.timing.review_after_days
    age = next(c for c in content.derived_checks if c.kind is DerivedCheckKind.MINIMUM_AGE)
    assert (age.value, age.rule, age.applies_to) == (18, Rule.DO_NOT_TREAT, AppliesTo.COSMETIC)
    assert "2021" in age.source
    recent = next(c for c in content.derived_checks if c.kind is DerivedCheckKind.RECENT_TREATMENT)
    # No fixed number of days: each area's own minimum interval is used.
    assert (recent.value, recent.rule, recent.applies_to) == (None, Rule.TAKE_CARE, AppliesTo.ALL)


def test_bundled_screening_stops_treatment_for_the_contraindications() -> None:
    content = load_content()
    rules = {question.id: question.rule for question in content.screening}

    for ident in ("site_infection", "toxin_allergy", "myasthenia_gravis", "lambert_eaton"):
        assert rules[ident] is Rule.DO_NOT_TREAT, ident
    for ident in ("pregnancy", "breastfeeding", "planning_pregnancy"):
        assert rules[ident] is Rule.DO_NOT_TREAT, ident  # no safety data: defer
    assert rules["recent_toxin"] is Rule.TAKE_CARE
    sweating = next(q for q in content.screening if q.id == "other_sweating_causes")
    assert sweating.applies_to is AppliesTo.SWEATING
    assert all(question.reason and question.source for question in content.screening)


def test_bundled_approvals_are_dated_and_sourced() -> None:
    content = load_content()

    for area in content.areas:
        assert area.approvals, area.id
        for approval in area.approvals:
            assert approval.checked == date(2026, 11, 30)
            assert approval.source
    # Platysma is on label in the US only; elsewhere the register must be checked first.
    statuses = {a.country: a.status.value for a in content.area("platysma").approvals}
    assert statuses == {"US": "approved"}
    assert content.area("bunny_lines").doses == ()
    # Off-label statements are sourced to the country's own register.
    for approval in content.area("lip_lines").approvals:
        register = {"AU": "ARTG", "UK": "UK SmPC", "US": "DailyMed"}[approval.country]
        assert register in approval.source, approval


def test_every_area_has_exactly_one_shape_in_its_diagram() -> None:
    content = load_content()

    for view, path in content.diagrams.items():
        diagram = load_diagram(path)
        assert sorted(diagram.area_ids) == sorted(a.id for a in content.areas_on(view))


# Problems in YAML files ------------------------------------------------------------------


def test_unknown_key_is_reported_with_a_suggestion_and_its_line(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    line = line_of(areas, "summary: The lines across your forehead")
    edit(areas, "    summary: The lines across your forehead", "    sumary: The lines across")

    found = problems(content_dir)

    assert (
        f"content/areas.yaml:{line}: unknown key 'sumary' in area 'forehead' "
        "(did you mean 'summary'?)"
    ) in found


def test_missing_key_is_reported_at_its_mapping(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    edit(areas, "    treats: It relaxes the small muscles between your eyebrows", "    # ")

    assert problems(content_dir) == [
        f"content/areas.yaml:{line_of(areas, '- id: glabella')}: "
        "missing key 'treats' in area 'glabella'"
    ]


def test_wrong_type_is_reported(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    edit(areas, "    muscles: [frontalis]", "    muscles: frontalis")

    assert problems(content_dir) == [
        f"content/areas.yaml:{line_of(areas, 'muscles: frontalis')}: "
        "'muscles' in area 'forehead' must be a list, not text"
    ]


def test_yes_no_words_are_not_taken_as_text(content_dir: Path) -> None:
    clinic = content_dir / "content" / "clinic.yaml"
    edit(clinic, "phone: (02) 5550 1234", "phone: no")

    [problem] = problems(content_dir)
    assert problem.startswith(f"content/clinic.yaml:{line_of(clinic, 'phone: no')}: ")
    assert "'phone' in clinic.yaml must be text, not false" in problem


def test_wrong_enum_value_lists_the_choices(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    line = line_of(areas, "view: face", after="id: forehead")
    lines = areas.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = "    view: fase\n"
    areas.write_text("".join(lines), encoding="utf-8")

    assert (
        f"content/areas.yaml:{line}: 'view' in area 'forehead' is 'fase'; use one of: "
        "face, body (did you mean 'face'?)"
    ) in problems(content_dir)


def test_bad_date_and_number_are_reported(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    timing = content_dir / "content" / "timing.yaml"
    edit(areas, "checked: 2026-11-30}", "checked: last week}")
    edit(timing, "ask_about_toxin_within_days: 120", "ask_about_toxin_within_days: 0")

    found = problems(content_dir)

    assert (
        f"content/areas.yaml:{line_of(areas, 'last week')}: 'checked' in item 1 of "
        "'approvals' in area 'glabella' must be a date written as YYYY-MM-DD, not text"
    ) in found
    assert (
        f"content/timing.yaml:{line_of(timing, 'ask_about_toxin_within_days: 0')}: "
        "'ask_about_toxin_within_days' in timing.yaml is 0, but must be at least 1"
    ) in found


def test_duplicate_key_is_reported_with_both_lines(content_dir: Path) -> None:
    clinic = content_dir / "content" / "clinic.yaml"
    first = line_of(clinic, "name: Harbour Skin Clinic")
    edit(clinic, "practitioner: Dr Hala\n", "practitioner: Dr Hala\nname: Other Clinic\n")

    assert problems(content_dir) == [
        f"content/clinic.yaml:{line_of(clinic, 'name: Other Clinic')}: "
        f"duplicate key 'name' (first at line {first})"
    ]


def test_duplicate_area_id_is_reported(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    first = line_of(areas, "- id: forehead")
    edit(areas, "- id: chin", "- id: forehead")

    found = problems(content_dir)

    assert (
        f"content/areas.yaml:{line_of(areas, '- id: forehead', after='id: mouth_corners')}: "
        f"duplicate area id 'forehead' (first at line {first})"
    ) in found


def test_duplicate_question_id_is_reported(content_dir: Path) -> None:
    screening = content_dir / "content" / "screening.yaml"
    first = line_of(screening, "- id: pregnancy")
    edit(screening, "- id: breastfeeding", "- id: pregnancy")

    assert problems(content_dir) == [
        f"content/screening.yaml:{line_of(screening, '- id: pregnancy', after='No safety data')}: "
        f"duplicate question id 'pregnancy' (first at line {first})"
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "~\n"])
def test_empty_file_is_reported(content_dir: Path, text: str) -> None:
    (content_dir / "content" / "timing.yaml").write_text(text, encoding="utf-8")

    assert problems(content_dir) == ["content/timing.yaml: file is empty"]


def test_missing_and_unknown_files_are_reported(content_dir: Path) -> None:
    folder = content_dir / "content"
    (folder / "timing.yaml").rename(folder / "timng.yaml")

    assert problems(content_dir) == [
        "content/timing.yaml: file is missing",
        "content/timng.yaml: unknown content file 'timng.yaml' (did you mean 'timing.yaml'?); "
        "the content files are clinic.yaml, areas.yaml, info.yaml, screening.yaml, timing.yaml, "
        "wording.yaml, help.yaml",
    ]


def test_non_utf8_file_is_reported_at_the_bad_line(content_dir: Path) -> None:
    info = content_dir / "content" / "info.yaml"
    data = info.read_bytes().replace(b"Bruising where", b"Bruising wh\xe9ere", 1)
    info.write_bytes(data)

    line = data[: data.index(b"\xe9")].count(b"\n") + 1

    assert problems(content_dir) == [
        f"content/info.yaml:{line}: not valid UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]


def test_yaml_syntax_error_gives_its_line(content_dir: Path) -> None:
    timing = content_dir / "content" / "timing.yaml"
    edit(timing, "ask_about_toxin_within_days: 120", "ask_about_toxin_within_days: 84: weeks")

    [problem] = problems(content_dir)
    assert problem.startswith(f"content/timing.yaml:{line_of(timing, '84: weeks')}: YAML error:")
    assert "mapping values are not allowed" in problem


def test_alias_is_rejected(content_dir: Path) -> None:
    info = content_dir / "content" / "info.yaml"
    edit(info, "no_driving: Do not drive", "no_driving: *warning\nx: Do not drive")

    assert problems(content_dir) == [
        f"content/info.yaml:{line_of(info, '*warning')}: YAML error: aliases (*name) are not "
        "allowed in content files; write the value out in full"
    ]


def test_anchor_is_rejected_before_any_expansion(content_dir: Path) -> None:
    # The "billion laughs" document: it must be refused at the first anchor, unexpanded.
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        laughs.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    (content_dir / "content" / "timing.yaml").write_text("\n".join(laughs) + "\n", "utf-8")

    assert problems(content_dir) == [
        "content/timing.yaml:1: YAML error: anchors (&name) are not allowed in content files; "
        "write the value out in full"
    ]


def test_merge_keys_and_python_tags_are_rejected(content_dir: Path) -> None:
    timing = content_dir / "content" / "timing.yaml"
    clinic = content_dir / "content" / "clinic.yaml"
    edit(timing, "ask_about_toxin_within_days: 120", "<<: {ask_about_toxin_within_days: 120}")
    edit(clinic, "phone: (02) 5550 1234", "phone: !!python/object/apply:os.system [ls]")

    found = problems(content_dir)

    assert found[0].startswith(f"content/clinic.yaml:{line_of(clinic, 'phone:')}: YAML error:")
    assert "python/object/apply:os.system" in found[0]
    assert found[1] == (
        f"content/timing.yaml:{line_of(timing, '<<:')}: YAML error: merge keys (<<) are not "
        "allowed in content files"
    )


def test_file_over_the_size_limit_is_not_parsed(content_dir: Path) -> None:
    info = content_dir / "content" / "info.yaml"
    with info.open("a", encoding="utf-8") as file:
        file.write("#" * MAX_FILE_BYTES + "\n")

    assert problems(content_dir) == [
        f"content/info.yaml: file is larger than the limit of {MAX_FILE_BYTES // 1024} KB"
    ]


# Referenced files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("icons/nope.png", "names a file that does not exist: 'icons/nope.png'"),
        (
            "../../etc/passwd",
            "points outside the content folder ('../../etc/passwd'); keep files inside it",
        ),
        (
            "/etc/passwd",
            "is an absolute path ('/etc/passwd'); write it relative to the content folder",
        ),
        ("icons", "names a file that does not exist: 'icons'"),
    ],
)
def test_bad_logo_path_is_reported(content_dir: Path, logo: str, message: str) -> None:
    clinic = content_dir / "content" / "clinic.yaml"
    edit(clinic, "logo: icons/logo.png", f"logo: {logo}")

    assert problems(content_dir) == [
        f"content/clinic.yaml:{line_of(clinic, 'logo: ')}: 'logo' in clinic.yaml {message}"
    ]


def test_symlink_pointing_outside_the_folder_is_refused(content_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG not really")
    (content_dir / "icons" / "evil.png").symlink_to(outside)
    clinic = content_dir / "content" / "clinic.yaml"
    edit(clinic, "logo: icons/logo.png", "logo: icons/evil.png")

    assert problems(content_dir) == [
        f"content/clinic.yaml:{line_of(clinic, 'logo: ')}: 'logo' in clinic.yaml points "
        "outside the content folder ('icons/evil.png'); keep files inside it"
    ]


def test_logo_is_optional(content_dir: Path) -> None:
    edit(content_dir / "content" / "clinic.yaml", "logo: icons/logo.png", "")

    assert load_content(content_dir).clinic.logo is None


# Translations ----------------------------------------------------------------------------


def test_plain_text_is_a_missing_translation_when_the_clinic_has_two_languages(
    content_dir: Path,
) -> None:
    clinic = content_dir / "content" / "clinic.yaml"
    info = content_dir / "content" / "info.yaml"
    edit(clinic, "languages: [en]", "languages: [en, ar]")

    found = problems(content_dir)

    assert (
        f"content/info.yaml:{line_of(info, 'name: anti-wrinkle treatment')}: missing "
        "translation: 'name' in 'cosmetic' in 'families' in info.yaml is a single text, but "
        "clinic.yaml lists 2 languages; "
        "write it as {en: ..., ar: ...}"
    ) in found
    areas = content_dir / "content" / "areas.yaml"
    assert (
        f"content/areas.yaml:{line_of(areas, 'name: Frown lines')}: missing translation: "
        "'name' in area 'glabella' is a single text, but clinic.yaml lists 2 languages; "
        "write it as {en: ..., ar: ...}"
    ) in found


def test_translations_load_in_language_order(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    data = parse_yaml("t: {ar: نص, en: text}\n", path).data
    validator = Validator(path, tmp_path, ("en", "ar"))

    text = validator.text_value(data["t"], 1, "'t'")

    assert validator.problems == []
    assert text.values == (("en", "text"), ("ar", "نص"))
    assert text.get("ar") == "نص"
    assert text.get("fr") == "text"


def test_mapping_missing_a_language_or_with_an_unknown_one(content_dir: Path) -> None:
    info = content_dir / "content" / "info.yaml"
    edit(info, "no_driving: Do not drive", "no_driving: {enn: Do not drive}\n  x_: Do not drive")
    edit(info, "x_: Do not drive", "# Do not drive")

    found = problems(content_dir)
    line = line_of(info, "no_driving:")

    assert found == [
        f"content/info.yaml:{line}: 'no_driving' in 'urgent_help' in info.yaml has text in "
        "'enn', which is not in clinic.yaml languages (en) (did you mean 'en'?)",
        f"content/info.yaml:{line}: missing translation 'en' for 'no_driving' in 'urgent_help' "
        "in info.yaml",
    ]


# Diagrams --------------------------------------------------------------------------------


def test_area_without_shape_and_shape_without_area(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    edit(areas, "- id: chin", "- id: chinn")
    face = content_dir / "diagrams" / "face.svg"
    shape_line = load_diagram(face).area_lines["chin"]

    assert problems(content_dir) == [
        f"content/areas.yaml:{line_of(areas, '- id: chinn')}: area 'chinn' has no shape in "
        'diagrams/face.svg; add an element with id="chinn" and class="area"',
        f"diagrams/face.svg:{shape_line}: shape 'chin' has no area in content/areas.yaml; add "
        "the area, or give line art an id starting with 'art-'",
    ]


def test_area_on_the_wrong_view_is_reported(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    line = line_of(areas, "view: body", after="id: palms")
    lines = areas.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = "    view: face\n"
    areas.write_text("".join(lines), encoding="utf-8")

    found = problems(content_dir)

    assert (
        f"content/areas.yaml:{line_of(areas, '- id: palms')}: area 'palms' is on the face view, "
        "but its shape is in diagrams/body.svg, not diagrams/face.svg"
    ) in found


def test_broken_diagram_is_reported_as_a_problem(content_dir: Path) -> None:
    (content_dir / "diagrams" / "body.svg").write_text("<svg><g></svg>\n", encoding="utf-8")

    found = problems(content_dir)

    assert len(found) == 1
    assert found[0].startswith("diagrams/body.svg:")


def test_missing_diagram_file_is_reported(content_dir: Path) -> None:
    areas = content_dir / "content" / "areas.yaml"
    (content_dir / "diagrams" / "body.svg").unlink()

    assert problems(content_dir) == [
        f"content/areas.yaml:{line_of(areas, 'body: diagrams/body.svg')}: 'body' in "
        "'diagrams' in areas.yaml names a file that does not exist: 'diagrams/body.svg'"
    ]


# Everything at once ----------------------------------------------------------------------


def test_every_problem_is_reported_at_once(content_dir: Path) -> None:
    folder = content_dir / "content"
    edit(folder / "clinic.yaml", "paper_size: A4", "paper_size: A5")
    edit(folder / "areas.yaml", "    muscles: [frontalis]", "    muscle: [frontalis]")
    edit(folder / "info.yaml", "no_driving: Do not drive", "no_driving:\n  x: Do not drive")
    edit(folder / "screening.yaml", "rule: do_not_treat", "rule: never")
    edit(folder / "areas.yaml", "review_window_days: [10, 21]", "review_window_days: [15, 21]")

    with pytest.raises(ContentError) as caught:
        load_content(content_dir)

    printed = [str(problem) for problem in caught.value.problems]
    assert len(printed) == 7
    assert [p.split(":")[0] for p in printed] == [
        "content/areas.yaml",
        "content/areas.yaml",
        "content/areas.yaml",
        "content/clinic.yaml",
        "content/info.yaml",
        "content/info.yaml",
        "content/screening.yaml",
    ]
    joined = "\n".join(printed)
    for fragment in (
        "unknown key 'muscle' in area 'forehead' (did you mean 'muscles'?)",
        "missing key 'muscles' in area 'forehead'",
        "'paper_size' in clinic.yaml is 'A5'; use one of: A4, Letter",
        "'no_driving' in 'urgent_help' in info.yaml is empty",
        "unknown key 'x' in 'urgent_help' in info.yaml",
        "'rule' in question 'site_infection' is 'never'; use one of: do_not_treat, take_care,",
        "'review_window_days' [15, 21] of area 'glabella' must include 'review_after_days' (14)",
    ):
        assert fragment in joined
    assert str(caught.value).startswith("the clinic content has 7 problems:\n")


def test_missing_content_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    content, found = check_content(tmp_path / "nowhere")

    assert content is None
    assert [problem.message for problem in found] == ["content folder not found"]


def test_problem_prints_relative_path_or_whole_file() -> None:
    root = Path("/clinic")

    assert str(ContentProblem(root / "content/a.yaml", 3, "bad", root)) == "content/a.yaml:3: bad"
    assert str(ContentProblem(root / "content/a.yaml", 0, "bad", root)) == "content/a.yaml: bad"
    assert str(ContentProblem(Path("/else/a.yaml"), 2, "bad", root)) == "/else/a.yaml:2: bad"


def test_control_characters_and_deep_nesting_are_reported(content_dir: Path) -> None:
    folder = content_dir / "content"
    edit(folder / "info.yaml", "Bruising where", "Bruising\x07where")
    (folder / "timing.yaml").write_text("[" * 5000, encoding="utf-8")

    assert problems(content_dir) == [
        f"content/info.yaml:{line_of(folder / 'info.yaml', 'Bruising')}: control character "
        "U+0007 is not allowed in a content file",
        "content/timing.yaml:1: YAML error: the values are nested more than 32 levels deep",
    ]


def test_pure_python_parser_gives_the_same_refusals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, aliases, deep nesting and duplicates are refused the same way."""
    from consult_app.content import yamlsafe

    samples = {
        "a: &x 1\nb: *x\n": "anchors (&name) are not allowed",
        "a: 1\na: 2\n": "duplicate key 'a'",
        "a:" + " [" * 40 + "1" + "]" * 40 + "\n": "nested more than 32 levels",
    }
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr(yamlsafe, "_CParser", None)
        for text, expected in samples.items():
            result = yamlsafe.parse_yaml(text, Path("x.yaml"))
            assert expected in " ".join(str(p) for p in result.problems), (fast, text)


def test_recent_treatment_takes_its_days_from_each_area_and_ages_need_a_value(
    content_dir: Path,
) -> None:
    screening = content_dir / "content" / "screening.yaml"
    edit(screening, "    kind: recent_treatment\n", "    kind: recent_treatment\n    value: 84\n")
    edit(screening, "    kind: minimum_age\n    value: 18\n", "    kind: minimum_age\n")

    found = problems(content_dir)

    assert (
        f"content/screening.yaml:{line_of(screening, 'value: 84')}: check 'recent_treatment' is a "
        "recent_treatment check: leave out 'value', as each area's own 'min_interval_days' "
        "(areas.yaml) is used"
    ) in found
    assert any("check 'under_18_cosmetic' needs a 'value': the age in years" in p for p in found)


def test_questions_of_one_topic_must_stand_together(content_dir: Path) -> None:
    screening = content_dir / "content" / "screening.yaml"
    edit(screening, "  - id: dry_eye\n    topic: Eyes\n", "  - id: dry_eye\n    topic: Today\n")

    found = problems(content_dir)

    assert (
        f"content/screening.yaml:{line_of(screening, 'topic: Today', after='id: dry_eye')}: "
        "topic 'Today' is used again after other questions; put the questions of a topic next "
        "to each other"
    ) in found


def test_bundled_questions_are_grouped_by_topic() -> None:
    content = load_content()
    topics = {q.id: q.topic for q in content.screening}

    assert topics["pregnancy"] == topics["breastfeeding"] == topics["planning_pregnancy"]
    assert topics["recent_toxin"] == topics["past_toxin_problem"] == "Earlier toxin treatment"
    # A question that concerns only some areas is asked on its own.
    assert topics["fine_control"] == topics["other_sweating_causes"] == ""
