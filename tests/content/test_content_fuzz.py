"""Whatever is in a content file, loading reports problems and never crashes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult_app.content.schema import FILES, RECORDS
from consult_app.content.validate import Validator
from consult_app.content.yamlsafe import parse_yaml

ROOT = Path("/clinic")
PATH = ROOT / "content" / "timing.yaml"

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 500),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["face", "body", "cosmetic", "all", "en", "2026-11-30", "icons/logo.png"]),
)
keys = st.one_of(
    st.sampled_from(sorted({key.name for record in RECORDS.values() for key in record.keys})),
    st.text(max_size=8),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=6)
    ),
    max_leaves=25,
)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text_parses_or_gives_a_located_problem(text: str) -> None:
    result = parse_yaml(text, PATH, ROOT)

    for problem in result.problems:
        assert problem.line >= 0
        assert str(problem).startswith("content/timing.yaml")


@settings(max_examples=100, deadline=None)
@given(documents, st.sampled_from(sorted(set(FILES.values()))))
def test_any_structure_validates_without_crashing(document: object, record: str) -> None:
    data = parse_yaml(yaml.safe_dump(document), PATH, ROOT).data
    validator = Validator(PATH, ROOT, ("en", "ar"))

    validator.check_file(record, data)

    for problem in validator.problems:
        assert problem.message
        assert problem.line >= 0
