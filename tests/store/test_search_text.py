"""Search normalisation: case, accents and apostrophes do not matter; FTS syntax is inert."""

from datetime import date

import pytest

from consult_app.store.search_text import fold, fts_query, index_text


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Zoë", "zoe"), ("O'Brien", "obrien"), ("O’Brien", "obrien"), ("STRASSE", "strasse"),
     ("Straße", "strasse"), ("李小龙", "李小龙"), ("Ünal", "unal")],
)  # fmt: skip
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("zo", '"zo"*'),
        ("Zoë O'B", '"zoe"* "ob"*'),
        ('"; DROP TABLE', '"drop"* "table"*'),
        ("1985-03", '"1985 03"*'),
        ("NEAR(a b) OR *", '"near a"* "b"* "or"*'),
        ("  ", None),
        ("'\";*", None),
    ],
)
def test_fts_query_is_quoted_prefix_phrases(typed, query):
    assert fts_query(typed) == query


def test_index_text_has_names_phone_digits_and_both_date_orders():
    text = index_text("Anna-Lena", "Müller", "", "+44 7700 900123", date(1985, 3, 7))
    words = text.split()
    for expected in ["anna", "lena", "annalena", "muller", "447700900123", "1985", "07"]:
        assert expected in words
    assert "1985 03 07" in text and "07 03 1985" in text


def test_whole_names_without_spaces_and_phone_endings_are_indexed():
    from consult_app.store.search_text import index_text

    terms = index_text("小龙", "李", "", "0491 570 156", None).split()
    assert {"李小龙", "小龙李"} <= set(terms)
    assert {"570156", "156", "91570156"} <= set(terms)
    assert "56" not in terms  # endings shorter than 3 digits would find everyone
