"""Names and goals in Arabic, Hebrew, Chinese and mixed scripts print, joined and in order."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from arabic_reshaper import reshape
from bidi import get_display
from handout_pdf import embedded_fonts, runs, text_of
from handout_requests import fake_loader
from reportlab.lib.enums import TA_RIGHT
from reportlab.pdfbase import pdfmetrics

from consult_app.bundled import bundled_resource
from consult_app.content.models import Content
from consult_app.handout import GoalLine, SheetRequest, build_sheet
from consult_app.handout.scripts import (
    FALLBACKS,
    UserPara,
    bold_fallbacks,
    markup,
    missing_letters,
    right_to_left,
)
from consult_app.handout.styles import Para, escape, make_styles, register_fonts

ARABIC = "هالة الخطيب"
HEBREW = "שרה כהן"
CHINESE = "李小龙"
LONG_ARABIC = (
    "أريد أن تختفي الخطوط بين حاجبي لأنني أبدو غاضبة طوال الوقت، حتى عندما أكون سعيدة جدا. "
    "قال لي زوجي إنني أبدو متعبة في الصور العائلية وأريد أن أبدو مرتاحة."
)


def build(content: Content, req: SheetRequest) -> bytes:
    return build_sheet(content, req, diagram_loader=fake_loader)


def letters(text: str) -> list[str]:
    """The letters of ``text``, sorted: PDF readers put right-to-left runs in orders of their
    own, so the tests compare which letters were drawn, and check the order on the layout."""
    return sorted(ch for ch in text if not ch.isspace())


def drawn(pdf: bytes, font: str) -> str:
    """Everything drawn in ``font`` (a base font name without its subset prefix)."""
    return "".join(r.text for r in runs(pdf) if r.font.endswith(f"+{font}"))


def fonts(pdf: bytes) -> set[str]:
    return {name.split("+", 1)[-1] for name in embedded_fonts(pdf)}


def test_an_arabic_name_prints_joined_in_bold_and_embedded(content, sheet_request):
    req = dataclasses.replace(sheet_request, patient_name=ARABIC, patient_preferred_name="")
    pdf = build(content, req)
    assert "NotoSansArabic-Bold" in fonts(pdf)  # the name is bold, like a Latin one
    assert all(embedded_fonts(pdf).values())
    # Joined: the letters drawn are the connected forms (ﻫ ﺎ ﻟ ﺔ ...), every one of them.
    assert letters(drawn(pdf, "NotoSansArabic-Bold")) == letters(reshape(ARABIC))
    assert not (set(ARABIC) - {" "}) & set(drawn(pdf, "NotoSansArabic-Bold"))
    # In a left-to-right line the name is written in display order.
    assert markup(ARABIC).endswith(f"{get_display(reshape(ARABIC))}</font>")


def test_chinese_and_hebrew_names_print_with_their_fonts(content, sheet_request):
    name = f"{CHINESE} / {HEBREW} / Zoë"
    req = dataclasses.replace(sheet_request, patient_name=name, patient_preferred_name="")
    pdf = build(content, req)
    assert CHINESE in text_of(pdf)
    assert {"DroidSansFallback", "NotoSansHebrew-Bold"} <= fonts(pdf)
    assert letters(drawn(pdf, "NotoSansHebrew-Bold")) == letters(HEBREW)
    assert HEBREW[::-1] in markup(name)  # right to left: last letter first
    assert missing_letters(name) == ""


@pytest.mark.parametrize(
    ("name", "font"),
    [
        ("김민준", "NanumSquareB"),
        ("สมชาย ใจดี", "NotoSansThai-Bold"),
        ("山田 はなこ", "DroidSansFallback"),
        ("Ελένη Дмитрий Nguyễn Thị", "NotoSans-Bold"),
        # Shaped: conjuncts such as प्र are glyphs of their own, so only the font is checked.
        ("प्रिया शर्मा", "NotoSansDevanagari-Bold"),
    ],
)
def test_names_in_other_scripts_print_in_a_font_that_has_them(content, sheet_request, name, font):
    req = dataclasses.replace(sheet_request, patient_name=name, patient_preferred_name="")
    pdf = build(content, req)
    assert missing_letters(name) == ""
    assert font in fonts(pdf)
    if "Devanagari" not in font:
        assert Counter(drawn(pdf, font)) >= Counter(letters(name))  # every letter, in that font


def test_devanagari_is_shaped_so_its_letters_combine_and_reorder():
    register_fonts()
    style = make_styles().body
    name = "प्रिया"  # the vowel sign ि is typed after र but drawn before प्र
    shaped = Para(markup(name), style)
    assert shaped.style.shaping == 1
    assert Para(markup("Priya"), style).style.shaping == 0  # Latin text is left as it was
    shaped.wrap(400, 100)
    letters_side_by_side = pdfmetrics.stringWidth(name, "HandoutDevanagari", style.fontSize)
    # The conjunct प्र is narrower than its letters side by side.
    assert shaped.getActualLineWidths0()[0] < letters_side_by_side


def test_text_touching_devanagari_is_drawn_in_its_own_font(content, sheet_request):
    # ReportLab shapes a word in one font: quotation marks and a full stop next to Devanagari
    # join its run; Latin letters typed against it are parted by a space, never lost.
    goal = GoalLine("glabella", "मुझे रेखाएँ कम करनी हैं (abcप्रिया)!")
    req = dataclasses.replace(
        sheet_request,
        patient_name="प्रिया शर्मा / Priya Sharma",
        patient_preferred_name="प्रिया",
        goals=(goal,),
    )
    pdf = build(content, req)
    assert "Priya Sharma" in drawn(pdf, "NotoSans-Bold")
    assert "abc" in drawn(pdf, "NotoSans-Italic")
    assert "“" in drawn(pdf, "NotoSansDevanagari-Regular")
    assert "Hello" in drawn(pdf, "NotoSans-Regular")
    assert markup("(abcप्रिया)") == '(abc<font face="HandoutDevanagari"> प्रिया)</font>'


def test_markup_in_arabic_text_still_prints_exactly_as_typed(content, sheet_request):
    typed = f"<b>{ARABIC}</b> & Co"
    req = dataclasses.replace(sheet_request, patient_name=typed, patient_preferred_name="")
    pdf = build(content, req)
    latin = drawn(pdf, "NotoSans-Bold")
    assert "<b>" in latin
    assert "b> & Co" in latin
    assert letters(drawn(pdf, "NotoSansArabic-Bold")) == letters(reshape(ARABIC))
    assert markup(typed).startswith("&lt;b&gt;<font")


def test_a_long_arabic_goal_wraps_in_reading_order_against_the_right_edge(content, sheet_request):
    register_fonts()
    style = make_styles().body_tight
    paragraph = UserPara(LONG_ARABIC, style)
    _, height = paragraph.wrap(300, 1000)
    assert paragraph._inner.style.alignment == TA_RIGHT
    assert all(width <= 300 for width in paragraph._inner.getActualLineWidths0())
    lines = paragraph._inner.text.split("<br/>")
    assert len(lines) >= 3
    assert height >= 3 * style.leading
    # The first line holds the first words of the sentence, the last line the last words.
    first_words, last_word = LONG_ARABIC.split()[:2], LONG_ARABIC.split()[-1]
    assert all(reshape(word)[::-1][1:-1] in lines[0] for word in first_words)
    assert reshape(last_word)[::-1][1:-1] in lines[-1]
    # In the PDF every line ends at the same right edge.
    goal = GoalLine("glabella", LONG_ARABIC)
    pdf = build(content, dataclasses.replace(sheet_request, goals=(goal,)))
    arabic_runs = [r for r in runs(pdf) if r.font.endswith("+NotoSansArabic-Regular")]
    assert len({round(r.y) for r in arabic_runs}) >= 2
    drawn_letters = [ch for ch in "".join(r.text for r in arabic_runs) if ch.isalpha()]
    assert sorted(drawn_letters) == [ch for ch in letters(reshape(LONG_ARABIC)) if ch.isalpha()]


def test_a_right_to_left_word_wider_than_the_line_is_broken_not_cut_off():
    register_fonts()
    word = "ب" * 400
    paragraph = UserPara(f"{word} {HEBREW}", make_styles().body_tight)
    paragraph.wrap(200, 1000)
    lines = paragraph._inner.text.split("<br/>")
    assert len(lines) >= 3
    assert all(width <= 200 for width in paragraph._inner.getActualLineWidths0())
    assert sum(line.count("\ufe91") + line.count("\ufe92") for line in lines) >= 390


def test_a_long_chinese_goal_without_spaces_wraps_inside_the_page(content, sheet_request):
    goal = GoalLine("glabella", CHINESE * 60)
    pdf = build(content, dataclasses.replace(sheet_request, goals=(goal,)))
    chinese = [r for r in runs(pdf) if CHINESE[0] in r.text]
    assert len({round(r.y) for r in chinese}) >= 3
    assert "".join(text_of(pdf).split()).count(CHINESE) >= 59  # nothing lost at the breaks


def test_letters_no_font_has_are_named_and_reach_the_service():
    assert missing_letters("தமிழ் Ann") == "தமழ"  # Tamil: the vowel signs are not letters
    assert missing_letters("नमस्ते प्रिया") == ""
    assert missing_letters(f"{ARABIC} {CHINESE} Zoë Ørsted") == ""
    assert missing_letters("🙂") == "🙂"


def test_plain_text_is_only_escaped_and_right_to_left_is_detected():
    typed = '<b>Ann</b> & Co <img src="/etc/passwd"/>'
    assert markup(typed) == escape(typed)
    assert markup("Zoë O'Brien") == escape("Zoë O'Brien")
    assert right_to_left(f"  {ARABIC} Ann") and right_to_left(f"123 {HEBREW}")
    assert not right_to_left(f"Ann {ARABIC}") and not right_to_left(CHINESE)


@pytest.mark.parametrize(
    ("text", "bold", "expected"),
    [
        ('<b><font face="HandoutArabic">x</font></b>', False, "HandoutArabic-Bold"),
        ('<font face="HandoutArabic">x</font>', True, "HandoutArabic-Bold"),
        ('<b>a</b> <font face="HandoutArabic">x</font>', False, "HandoutArabic"),
        ('<b><font face="HandoutCJK">x</font></b>', False, "HandoutCJK"),  # one weight only
    ],
)
def test_fallback_runs_take_the_weight_around_them(text, bold, expected):
    assert f'face="{expected}"' in bold_fallbacks(text, bold)


def test_every_fallback_font_is_bundled_as_truetype_with_its_licence():
    folder = bundled_resource() / "fonts"
    files = {f for family in FALLBACKS for f in (family.regular_file, family.bold_file)}
    for name in files:
        assert (folder / name).read_bytes()[:4] == b"\x00\x01\x00\x00", name  # TrueType
    licences = (folder / "OFL.txt").read_text() + (folder / "LICENSE-Apache-2.0.txt").read_text()
    assert all(name in licences for name in files)
