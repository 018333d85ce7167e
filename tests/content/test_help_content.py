"""Urgent help by the clinic's country and state: help.yaml, its checks and the 4 steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from consult_app.cli import main
from consult_app.content import Content, Country, check_content, load_content
from consult_app.content.models import AdviceLine, EmergencyNumber, Regulator
from consult_app.content.urgent import urgent_steps


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path`` with ``new`` (``old`` must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """Return the 1-based line of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def set_place(folder: Path, country: str, state: str | None) -> None:
    """Move the clinic to ``country`` (and ``state``; ``None`` removes the key)."""
    clinic = folder / "content" / "clinic.yaml"
    edit(clinic, "country: AU", f"country: {country}")
    edit(clinic, "state: NSW\n", "" if state is None else f"state: {state}\n")


def steps_text(content: Content) -> list[str]:
    """Each step as one line of plain text, no-break spaces made ordinary."""
    lines = []
    for step in urgent_steps(content):
        words = [step.action, step.when, *step.signs, *step.then]
        lines.append(" ".join(" ".join(words).split()))
    return lines


def problems(folder: Path) -> list[str]:
    content, found = check_content(folder)
    assert content is None
    return [str(problem) for problem in found]


# Each country and state gets its own numbers -----------------------------------------------


def test_bundled_clinic_in_new_south_wales_gets_000_healthdirect_and_the_tga() -> None:
    content = load_content()
    assert content.clinic.country is Country.AU
    emergency, clinic, driving, report = steps_text(content)
    assert emergency.startswith("Call 000 now if you have:")
    assert "Wheezing." in emergency and "Feeling faint." in emergency
    assert clinic.startswith("Contact the clinic today on (02) 5550 1234 if you have:")
    assert "If the clinic is closed, call healthdirect on 1800 022 222." in clinic
    assert "Or go to the nearest emergency department." in clinic
    assert driving.startswith("Do not drive")
    assert report == (
        "Report a side effect to the TGA at tga.gov.au. The clinic can help you do this."
    )


@pytest.mark.parametrize(
    ("state", "name", "number"),
    [
        ("NSW", "healthdirect", "1800 022 222"),
        ("ACT", "healthdirect", "1800 022 222"),
        ("TAS", "healthdirect", "1800 022 222"),
        ("VIC", "NURSE-ON-CALL", "1300 60 60 24"),
        ("QLD", "13 HEALTH", "13 43 25 84"),
    ],
)
def test_australian_state_selects_its_advice_line(
    content_dir: Path, state: str, name: str, number: str
) -> None:
    set_place(content_dir, "AU", state)
    content = load_content(content_dir)
    emergency, clinic, _driving, _report = steps_text(content)
    assert f"If the clinic is closed, call {name} on {number}." in clinic
    for other in {"healthdirect", "NURSE-ON-CALL", "13 HEALTH"} - {name}:
        assert other not in clinic
    assert emergency.startswith("Call 000 now")


def test_uk_clinic_gets_999_nhs_111_and_the_yellow_card(content_dir: Path) -> None:
    set_place(content_dir, "UK", None)
    content = load_content(content_dir)
    emergency, clinic, _driving, report = steps_text(content)
    assert emergency.startswith("Call 999 now if you have:")
    assert "If the clinic is closed, call NHS 111 on 111." in clinic
    assert "the Yellow Card scheme at yellowcard.mhra.gov.uk" in report
    assert not any(number in " ".join(steps_text(content)) for number in ("000", "911", "1800"))


def test_us_clinic_gets_911_an_emergency_department_and_medwatch(content_dir: Path) -> None:
    set_place(content_dir, "US", "CA")  # no US line depends on the state
    content = load_content(content_dir)
    emergency, clinic, _driving, report = steps_text(content)
    assert emergency.startswith("Call 911 now if you have:")
    assert content.local_help.advice_line is None
    assert clinic.endswith("If the clinic is closed, go to the nearest emergency department.")
    assert "FDA MedWatch at www.fda.gov/medwatch" in report
    assert "000" not in " ".join(steps_text(content))


@pytest.mark.parametrize(
    ("country", "state"), [("AU", "NSW"), ("AU", "VIC"), ("AU", "QLD"), ("UK", None), ("US", None)]
)
def test_numbers_the_facts_do_not_give_are_marked_for_the_clinic_to_check(
    content_dir: Path, country: str, state: str | None
) -> None:
    set_place(content_dir, country, state)
    local = load_content(content_dir).local_help
    entries: list[EmergencyNumber | Regulator | AdviceLine] = [local.emergency, local.regulator]
    entries += [local.advice_line] if local.advice_line else []
    for entry in entries:
        assert entry.source.strip() and entry.checked.year >= 2026, entry
    # The clinical facts give no web addresses, nor the digits of 13 HEALTH.
    assert local.regulator.web
    assert local.regulator.source == "clinic"
    if state == "QLD":
        assert local.advice_line is not None and local.advice_line.source == "clinic"
    else:
        assert "CLINICAL-FACTS.md" in local.emergency.source
        if local.advice_line is not None:
            assert "CLINICAL-FACTS.md" in local.advice_line.source


# A place the content does not cover is a problem, never a silent default -----------------


def test_clinic_in_a_country_help_yaml_does_not_cover_is_refused(content_dir: Path) -> None:
    help_file = content_dir / "content" / "help.yaml"
    text = help_file.read_text(encoding="utf-8")
    help_file.write_text(text[: text.index("  - country: US")], encoding="utf-8")
    set_place(content_dir, "US", None)
    assert problems(content_dir) == [
        f"content/help.yaml:{line_of(help_file, 'countries:')}: no help numbers for the "
        "clinic's country US (content/clinic.yaml:"
        f"{line_of(content_dir / 'content' / 'clinic.yaml', 'country:')}); add an item to "
        "'countries' with country: US, emergency (phone, source, checked), regulator (name, "
        "source, checked) and, where there is one, advice_lines (name, phone, source, checked "
        "and states where it depends on them)"
    ]


def test_australian_clinic_without_a_state_is_told_which_to_add(content_dir: Path) -> None:
    set_place(content_dir, "AU", None)
    clinic = content_dir / "content" / "clinic.yaml"
    help_file = content_dir / "content" / "help.yaml"
    assert problems(content_dir) == [
        f"content/clinic.yaml:{line_of(clinic, 'country:')}: the clinic is in AU, where the "
        "health advice line depends on the state; add 'state:' with one of: ACT, NSW, NT, "
        f"QLD, SA, TAS, VIC, WA (as in content/help.yaml:{line_of(help_file, 'advice_lines:')})"
    ]


def test_australian_state_without_an_advice_line_is_named(content_dir: Path) -> None:
    set_place(content_dir, "AU", "nsw")
    clinic = content_dir / "content" / "clinic.yaml"
    [problem] = problems(content_dir)
    assert problem.startswith(
        f"content/clinic.yaml:{line_of(clinic, 'state:')}: no health advice line for state "
        "'nsw' of AU in content/help.yaml:"
    )
    assert "(did you mean 'NSW'?)" in problem
    assert "add an advice line with name, phone, states: [nsw], source and checked" in problem


def test_a_state_served_by_two_advice_lines_is_refused(content_dir: Path) -> None:
    help_file = content_dir / "content" / "help.yaml"
    edit(help_file, "states: [VIC]", "states: [VIC, NSW]")
    [problem] = problems(content_dir)
    assert problem == (
        f"content/help.yaml:{line_of(help_file, 'advice_lines:')}: state 'NSW' of AU is served "
        "by both 'healthdirect' and 'NURSE-ON-CALL'; keep one"
    )


def test_an_entry_without_its_source_or_date_is_refused(content_dir: Path) -> None:
    help_file = content_dir / "content" / "help.yaml"
    edit(
        help_file,
        '      phone: "999"\n      source: CLINICAL-FACTS.md',
        '      phone: "999"\n      sauce: x',
    )
    found = "\n".join(problems(content_dir))
    assert "missing key 'source' in 'emergency' in item 2 of 'countries' in help.yaml" in found
    assert "unknown key 'sauce'" in found


def test_check_content_command_fails_with_the_message(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_place(content_dir, "AU", None)
    assert main(["check-content", str(content_dir)]) == 1
    out = capsys.readouterr().out
    assert "content/clinic.yaml:" in out
    assert "add 'state:' with one of: ACT, NSW, NT, QLD, SA, TAS, VIC, WA" in out


def test_an_advice_line_without_states_among_lines_with_them_is_refused(
    content_dir: Path,
) -> None:
    help_file = content_dir / "content" / "help.yaml"
    edit(help_file, "        states: [VIC]\n", "")
    [problem] = problems(content_dir)
    assert problem == (
        f"content/help.yaml:{line_of(help_file, 'advice_lines:')}: the advice lines of AU must "
        "all list 'states', or be one line for the whole country; 'NURSE-ON-CALL' lists none"
    )


def test_two_advice_lines_for_the_whole_country_are_refused(content_dir: Path) -> None:
    help_file = content_dir / "content" / "help.yaml"
    edit(
        help_file,
        "      - name: NHS 111\n",
        '      - name: Another line\n        phone: "112"\n        source: x\n'
        "        checked: 2026-12-02\n      - name: NHS 111\n",
    )
    set_place(content_dir, "UK", None)
    lines = help_file.read_text(encoding="utf-8").splitlines()
    uk = lines.index("  - country: UK")
    uk_lines = next(n for n, line in enumerate(lines[uk:], start=uk + 1) if "advice_lines:" in line)
    assert problems(content_dir) == [
        f"content/help.yaml:{uk_lines}: UK has 2 advice lines for the whole country; keep one, "
        "or give each its 'states'"
    ]
