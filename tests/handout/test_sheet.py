"""The personalised sheet, read back from the PDF as a patient (or a printer) would see it."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from handout_pdf import embedded_fonts, reader, runs, text_of
from handout_requests import AREAS, ISSUED, NEXT, REVIEW, fake_loader, make_content

from consult_app.content.models import Content, Country, PaperSize
from consult_app.handout import (
    GoalLine,
    HandoutError,
    PlanEntry,
    SheetRequest,
    TreatedLine,
    build_sheet,
    pdf_sha256,
)
from consult_app.handout.document import BOTTOM_MARGIN, LEFT_MARGIN, RIGHT_MARGIN, TOP_MARGIN
from consult_app.handout.styles import (
    FONT_BOLD,
    FONT_ITALIC,
    FONT_REGULAR,
    format_weekday_date,
    register_fonts,
)

INJECTION = '<b>Ann</b> & Co <img src="/etc/passwd"/>'


def build(content: Content, req: SheetRequest) -> bytes:
    return build_sheet(content, req, diagram_loader=fake_loader)


def test_sheet_shows_the_patient_date_practitioner_and_plan_dates(content, sheet_request):
    text = text_of(build(content, sheet_request))
    assert "Zoë Åsa Müller-Łukasiewicz" in text
    assert "Hello Zoë." in text
    assert "3 June 2025" in text
    assert "Dr Hala" in text
    assert "Tuesday 3 June 2025 (today)" in text
    assert f"Tuesday {REVIEW.day} June 2025" in text
    assert "Review visit to check the result" in text
    assert format_weekday_date(NEXT) in text


def test_sheet_shows_the_goals_in_the_patients_own_words(content, sheet_request):
    text = text_of(build(content, sheet_request))
    assert "I look cross all the time, even when I'm happy." in text
    assert "The result you hope for: Look rested" in text


def test_sheet_covers_only_the_patients_areas(content, sheet_request):
    text = text_of(build(content, sheet_request))
    for name in ("Frown lines", "Forehead lines", "Crow's feet"):
        assert name in text
    # Side effects of their areas are there; those of other areas are not.
    assert "A drooping eyelid" in text
    assert "Heavy or lower eyebrows" in text
    assert "Jaw muscle" not in text
    assert "Chewing may feel weaker" not in text
    assert "Underarm sweating" not in text
    # The sweating explanation is only for sweating areas.
    assert "Sweat glands" not in text


def test_sheet_explains_sweating_only_when_a_sweating_area_is_chosen(content, sheet_request):
    req = dataclasses.replace(sheet_request, area_ids=("underarms",), goals=())
    text = text_of(build(content, req))
    assert "Sweat glands also get their signal" in text
    assert "About 4 to 7 months." in text
    assert "Frown lines" not in text


def test_sheet_has_every_section_and_the_urgent_help_box(content, sheet_request):
    text = text_of(build(content, sheet_request))
    for heading in (
        "What to expect and when",
        "How the treatment works",
        "What it can do",
        "What it cannot do",
        "Other choices",
        "About your medicine",
        "Possible side effects",
        "Get help urgently",
        "Aftercare",
    ):
        assert heading in text
    assert "Trouble breathing, swallowing or speaking" in text
    assert "Call 999 now" in text
    assert "Rare but serious" in text
    assert "Do not rub or massage the areas." in text


def test_typical_sheet_fits_3_pages_with_a_footer_on_each(content, sheet_request):
    pdf = build(content, sheet_request)
    pages = reader(pdf).pages
    assert len(pages) <= 3
    for number, page in enumerate(pages, start=1):
        page_text = page.extract_text()
        assert f"Page {number} of {len(pages)}" in page_text
        assert "01273 555 0199" in page_text
        assert "HS-2025-000123" in page_text
        assert "Content version 2025.06-1" in page_text


def test_fonts_are_embedded_noto_sans(content, sheet_request):
    fonts = embedded_fonts(build(content, sheet_request))
    assert fonts
    assert all(fonts.values()), fonts
    assert all("NotoSans" in name for name in fonts), fonts


def test_bundled_font_has_glyphs_for_accented_latin_names():
    register_fonts()
    from reportlab.pdfbase import pdfmetrics

    for name in (FONT_REGULAR, FONT_BOLD, FONT_ITALIC):
        glyphs = pdfmetrics.getFont(name).face.charToGlyph
        for char in "éèëêàâäåçñöøüßÅÉÖÜŁłŚśŽžČčĞğİıŐő":
            assert ord(char) in glyphs, (name, char)


def test_metadata_title_author_subject_language_and_date(content, sheet_request):
    pdf = build(content, sheet_request)
    meta = reader(pdf).metadata
    assert meta is not None
    assert meta.title == "Information sheet for Zoë Åsa Müller-Łukasiewicz"
    assert meta.author == "Harbour Skin Clinic"
    assert meta.subject == "Anti-wrinkle treatment: Frown lines, Forehead lines, Crow's feet"
    assert str(reader(pdf).root_object["/Lang"]) == "en"
    assert meta.creation_date is not None and meta.creation_date.date() == ISSUED


def test_markup_in_user_text_prints_exactly_as_typed(content, sheet_request):
    req = dataclasses.replace(
        sheet_request,
        patient_name=INJECTION,
        patient_preferred_name="",
        practitioner="Dr <i>Hala</i>",
        goals=(GoalLine("glabella", "Fix <this> & that </para>", "<font size=40>big</font>"),),
        plan=(PlanEntry('Review <a href="x">link</a>', REVIEW),),
    )
    pdf = build(content, req)
    text = text_of(pdf)
    assert INJECTION in text
    assert "Dr <i>Hala</i>" in text
    assert "Fix <this> & that </para>" in text
    assert "<font size=40>big</font>" in text
    assert 'Review <a href="x">link</a>' in text
    # Nothing was interpreted: no image was embedded and no text is 40 pt.
    assert all(not page.images for page in reader(pdf).pages)
    assert max(run.size for run in runs(pdf)) < 40


def test_body_text_is_at_least_12_pt(content, sheet_request):
    body = [r for r in runs(build(content, sheet_request)) if r.y > BOTTOM_MARGIN]
    checked = [
        r
        for r in body
        if any(
            s in r.text
            for s in ("I look cross", "Review visit", "Redness", "Do not drive", "Frown lines")
        )
    ]
    assert len(checked) >= 5
    assert all(r.size >= 12 for r in checked), [(r.text, r.size) for r in checked]


def _width(run) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = (
        FONT_BOLD if "Bold" in run.font else FONT_ITALIC if "Italic" in run.font else FONT_REGULAR
    )
    return float(stringWidth(run.text.rstrip("\n"), font, run.size))


def assert_inside_page(pdf: bytes, paper: PaperSize = PaperSize.A4) -> None:
    """Every piece of text starts and ends inside the page margins."""
    page_width, page_height = (612.0, 792.0) if paper is PaperSize.LETTER else (595.28, 841.89)
    for run in runs(pdf):
        assert run.x >= LEFT_MARGIN - 1, run
        assert run.x + _width(run) <= page_width - RIGHT_MARGIN + 1, (run, _width(run))
        assert 0 < run.y <= page_height - TOP_MARGIN + 1, run


def test_long_names_goals_and_many_areas_are_never_cut_off(content, sheet_request):
    long_word = "Wolfeschlegelsteinhausenbergerdorff" * 4
    name = f"Maria-Fernanda {long_word} de la Cruz Müller-Łukasiewicz " * 3
    long_goal = " ".join(f"worry{i}" for i in range(700)) + " THE-LAST-WORD"
    req = dataclasses.replace(
        sheet_request,
        patient_name=name,
        patient_preferred_name=long_word,
        area_ids=tuple(a.id for a in AREAS),
        goals=tuple(GoalLine(a.id, long_goal, "x " * 200 + "HOPED-END") for a in AREAS[:3]),
        plan=tuple(
            PlanEntry(f"Step {i}: " + "check the result carefully " * 8, ISSUED + timedelta(i))
            for i in range(12)
        ),
    )
    pdf = build(content, req)
    text = text_of(pdf)
    assert text.count("THE-LAST-WORD") == 3
    assert text.count("HOPED-END") == 3
    assert "Step 11:" in text
    for area in AREAS:
        assert area.name.get() in text
    assert_inside_page(pdf)


def test_typical_sheet_text_stays_inside_the_margins(content, sheet_request):
    assert_inside_page(build(content, sheet_request))


def test_same_request_gives_identical_bytes_and_another_date_does_not(content, sheet_request):
    first = build(content, sheet_request)
    again = build(make_content(), sheet_request)
    assert first == again
    assert pdf_sha256(first) == pdf_sha256(again)
    later = build(content, dataclasses.replace(sheet_request, issued_on=date(2025, 6, 4)))
    assert pdf_sha256(later) != pdf_sha256(first)


def test_us_letter_is_a_clinic_setting():
    content = make_content(PaperSize.LETTER)
    req = SheetRequest("Ann Lee", "", ISSUED, "Dr Hala", ("glabella",), (), (), "R-1")
    pdf = build(content, req)
    box = reader(pdf).pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612.0, 792.0)
    assert_inside_page(pdf, PaperSize.LETTER)


def test_practitioner_only_fields_never_reach_the_sheet(content, sheet_request):
    text = text_of(build(content, sheet_request))
    assert "PRACTITIONER-ONLY" not in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"area_ids": ()}, "Choose at least one treatment area"),
        ({"area_ids": ("glabella", "elbows")}, "Unknown treatment area: elbows"),
        ({"goals": (GoalLine("knees", "sore"),)}, "unknown treatment area (knees)"),
    ],
)
def test_bad_requests_get_a_clear_message(content, sheet_request, change, message):
    with pytest.raises(HandoutError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build(content, dataclasses.replace(sheet_request, **change))


def test_missing_diagram_file_gets_a_clear_message(content, sheet_request):
    with pytest.raises(HandoutError, match=r"diagram face\.svg could not be read"):
        build_sheet(content, sheet_request)  # the default loader reads the (absent) file


def test_importing_the_package_does_not_import_reportlab():
    code = (
        "import sys, consult_app.handout, consult_app.handout.model;"
        "sys.exit('reportlab' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


WRINKLE_WORDS = re.compile(r"(?<![\w-])(wrinkles?|anti-wrinkle|lines?|frown)(?![\w-])", re.I)


def test_a_sweating_sheet_never_uses_wrinkle_wording(content, sheet_request):
    req = dataclasses.replace(sheet_request, area_ids=("underarms",), goals=(), plan=())
    text = text_of(build(content, req))
    assert "How the sweating treatment works" in text
    assert "Treatment for heavy sweating" in text
    assert WRINKLE_WORDS.findall(text) == []
    # The other choices for sweating, including no treatment, are on the sheet.
    assert "Stronger antiperspirants." in text
    assert "You can choose not to have treatment." in text


def test_a_sheet_for_both_families_has_both_sections(content, sheet_request):
    req = dataclasses.replace(sheet_request, area_ids=("glabella", "underarms"))
    text = text_of(build(content, req))
    assert "How the treatment works" in text
    assert "How the sweating treatment works" in text
    assert "Anti-wrinkle treatment and treatment for heavy sweating" in text


def test_the_sheet_gives_consent_grade_information_per_area(content, sheet_request):
    treated = (TreatedLine("glabella", "toxin_a", "onabotulinumtoxinA", "LOT <7&2>"),)
    req = dataclasses.replace(sheet_request, area_ids=("glabella", "masseter"), treated=treated)
    text = text_of(build(content, req))
    assert "The medicine is botulinum toxin type A." in text
    assert "Used: onabotulinumtoxinA, batch LOT <7&2>." in text
    assert "Frown lines: an approved use." in text
    assert "Jaw muscle: an off-label use." in text
    # What off-label means, in one plain sentence, once an off-label area is on the sheet.
    assert "This use is off-label." in text
    assert (
        "Review at about 2 weeks. Next treatment no sooner than 90 days (about 3 months)." in text
    )
    # What it cannot do: the limits of the treatment.
    assert "Some people respond only a little." in text


def test_label_status_is_not_assumed_for_a_country_without_a_row(content, sheet_request):
    clinic = dataclasses.replace(content.clinic, country=Country.AU)
    text = text_of(build(dataclasses.replace(content, clinic=clinic), sheet_request))
    assert "ask us if this use is approved." in text
    assert "an approved use" not in text
