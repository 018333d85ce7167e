"""The clinic profile over clinic.yaml: identity replaced, help numbers chosen again, checked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from consult_app.content import Content, ContentError, Country
from consult_app.content.clinic_profile import (
    apply_clinic_profile,
    help_problems,
    logo_problem,
)
from consult_app.content.urgent import urgent_steps
from consult_app.domain.clinic_profile import ClinicProfile

PROFILE = ClinicProfile(
    name="Riverside Skin",
    address=("1 River Road", "Rivertown VIC 3000"),
    phone="(03) 5550 9876",
    country="AU",
    state="VIC",
)


def png(path: Path | None = None, size: tuple[int, int] = (40, 20)) -> bytes:
    """Return a small PNG's bytes (and write them to ``path`` when given)."""
    import io

    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, format="PNG")
    if path is not None:
        path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def step_two(content: Content) -> str:
    step = urgent_steps(content)[1]
    return " ".join(" ".join([step.action, step.when, *step.signs, *step.then]).split())


def test_no_profile_leaves_the_content_as_it_is(bundled: Content, tmp_path: Path) -> None:
    assert apply_clinic_profile(bundled, None, tmp_path) is bundled


def test_the_profile_replaces_the_identity_and_keeps_the_rest(
    bundled: Content, tmp_path: Path
) -> None:
    applied = apply_clinic_profile(bundled, PROFILE, tmp_path)
    clinic = applied.clinic
    assert (clinic.name, clinic.address, clinic.phone) == (
        PROFILE.name,
        PROFILE.address,
        PROFILE.phone,
    )
    assert (clinic.country, clinic.state) == (Country.AU, "VIC")
    assert clinic.products == bundled.clinic.products
    assert clinic.logo == bundled.clinic.logo, "no logo in the profile: the content's own"
    assert applied.areas == bundled.areas
    assert "Contact the clinic today on (03) 5550 9876" in step_two(applied)


def test_a_new_country_chooses_that_countrys_help_numbers(bundled: Content, tmp_path: Path) -> None:
    applied = apply_clinic_profile(bundled, replace(PROFILE, country="UK", state=""), tmp_path)
    assert applied.clinic.country is Country.UK
    assert applied.local_help.country is Country.UK
    assert urgent_steps(applied)[0].action == "Call 999 now"
    assert "call NHS 111 on 111" in step_two(applied)
    assert bundled.local_help.country is Country.AU, "the loaded content is not changed"


def test_a_state_the_content_does_not_cover_is_refused_with_the_reason(
    bundled: Content, tmp_path: Path
) -> None:
    wrong = replace(PROFILE, state="XYZ")
    with pytest.raises(ContentError) as raised:
        apply_clinic_profile(bundled, wrong, tmp_path)
    text = str(raised.value)
    assert "help.yaml" in text and "no health advice line for state 'XYZ'" in text
    assert "add them to help.yaml" in text and "Admin > Clinic settings" in text
    [problem] = help_problems(bundled, "AU", "XYZ")
    assert "cannot give patients the right help numbers for AU XYZ" in problem
    assert "use one of:" in problem and "NSW" in problem
    assert help_problems(bundled, "AU", "") != [], "Australia needs a state"
    assert help_problems(bundled, "AU", "nsw") == []


def test_a_country_missing_from_help_yaml_is_refused(content_dir: Path, tmp_path: Path) -> None:
    from consult_app.content import load_content

    help_file = content_dir / "content" / "help.yaml"
    text = help_file.read_text(encoding="utf-8")
    start = text.index("  - country: UK")
    end = text.index("  - country: US")
    help_file.write_text(text[:start] + text[end:], encoding="utf-8")
    content = load_content(content_dir)
    with pytest.raises(ContentError, match="no help numbers for the clinic's country UK"):
        apply_clinic_profile(content, replace(PROFILE, country="UK", state=""), tmp_path)
    [problem] = help_problems(content, "UK", "")
    assert "no help numbers for the clinic's country UK" in problem
    assert help_problems(content, "FR", "") == [
        "The app has no rules for the country 'FR'; choose one of: AU, UK, US."
    ]


def test_the_profiles_logo_is_written_beside_the_records_for_the_handouts(
    bundled: Content, tmp_path: Path
) -> None:
    data = png()
    applied = apply_clinic_profile(bundled, replace(PROFILE, logo=data), tmp_path)
    logo = applied.clinic.logo
    assert logo is not None and logo.is_absolute() and logo.suffix == ".png"
    assert logo.read_bytes() == data
    assert logo.parent == tmp_path.resolve()


def test_a_kept_logo_that_is_not_a_picture_leaves_the_contents_logo(
    bundled: Content, tmp_path: Path
) -> None:
    applied = apply_clinic_profile(bundled, replace(PROFILE, logo=b"not a picture"), tmp_path)
    assert applied.clinic.logo == bundled.clinic.logo
    assert applied.clinic.name == PROFILE.name
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_picture_cannot_be_the_logo() -> None:
    assert logo_problem(png()) is None
    problem = logo_problem(b"%PDF-1.7 not a picture", "The file notes.pdf")
    assert problem is not None
    assert problem.startswith("The file notes.pdf cannot be the logo: it is not a picture")
    assert problem.endswith("Choose a PNG or JPEG picture of the logo.")


def test_the_out_of_hours_line_comes_first_in_step_two_when_set(
    bundled: Content, tmp_path: Path
) -> None:
    without = step_two(apply_clinic_profile(bundled, PROFILE, tmp_path))
    assert "out-of-hours" not in without
    # Victoria has its own advice line: the state chose it again, not clinic.yaml's NSW.
    assert "If the clinic is closed, call NURSE-ON-CALL on 1300 60 60 24." in without
    applied = apply_clinic_profile(bundled, replace(PROFILE, out_of_hours="0400 000 111"), tmp_path)
    with_line = step_two(applied)
    assert "If the clinic is closed, call its out-of-hours line on 0400 000 111." in with_line
    assert "Or, if you cannot reach it, call NURSE-ON-CALL on 1300 60 60 24." in with_line
    assert with_line.endswith("Or go to the nearest emergency department.")


def test_the_handout_command_prints_the_clinic_set_in_the_app(tmp_path: Path) -> None:
    from handout_pdf import text_of

    from consult_app.cli import main
    from consult_app.store import Store

    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.clinic.save_clinic_profile(replace(PROFILE, out_of_hours="0400 000 111"))
    out = tmp_path / "generic.pdf"
    args = ["handout", "--data-dir", str(folder), "--areas", "glabella", "--out", str(out)]
    assert main(args) == 0
    text = text_of(out.read_bytes())
    assert "Riverside Skin" in text and "Harbour Skin Clinic" not in text
    assert "out-of-hours line on 0400 000 111" in text
