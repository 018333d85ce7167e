"""The questionnaire result kept with the visit, product-limited blocks, and note prompts."""

import json
import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest
from factories import all_no, details, make_content, treatment

from consult_app.content.models import AppliesTo, Questionnaire, Rule, ScreeningQuestion
from consult_app.domain.models import Answer, QuestionnaireResult, ScreeningAnswer, ScreenOutcome
from consult_app.store import (
    ImportFileError,
    Store,
    TreatmentBlockedError,
    ValidationError,
    VisitLockedError,
)
from consult_app.store.schema import upgrade
from consult_app.store.transfer import export_json, export_patient, import_patient

TODAY = date(2025, 6, 15)
HALA = "Dr Hala"

SCREEN = Questionnaire(
    id="body_image_screen",
    title="Body image screen",
    instruments=("BDDQ-AS", "Other form"),
    applies_to=AppliesTo.COSMETIC,
    rule=Rule.TAKE_CARE,
    positive_reason="Positive: discuss and consider referral.",
    declined_reason="Declined.",
    missing_reason="Not recorded.",
)
MILK = ScreeningQuestion(
    "cows_milk_allergy",
    "Cow's milk protein allergy?",
    Rule.DO_NOT_TREAT,
    AppliesTo.ALL,
    "Contains lactose.",
    products=("product_b",),
)
PAST = ScreeningQuestion(
    "past_toxin_problem",
    "Past reaction?",
    Rule.TAKE_CARE,
    AppliesTo.ALL,
    "Possible antibodies.",
    note_prompt="Which product?",
)


@pytest.fixture
def content():
    base = make_content()
    return replace(base, screening=(*base.screening, MILK, PAST), questionnaire=SCREEN)


@pytest.fixture
def patient_id(store):
    return store.create_patient(details(), "reception", TODAY).id


def screened_visit(store, content, patient_id, **yes):
    visit = store.start_visit(patient_id, HALA)
    for answer in all_no(content):
        if answer.question_id in yes:
            answer = ScreeningAnswer(answer.question_id, Answer.YES, yes[answer.question_id])
        store.save_screening_answer(visit.id, answer, HALA, content)
    return visit


def screen(outcome, instrument="BDDQ-AS", note=""):
    return QuestionnaireResult("body_image_screen", instrument, ScreenOutcome(outcome), note)


def test_result_is_kept_with_the_visit_with_who_and_when(store, content, patient_id, clock):
    visit = screened_visit(store, content, patient_id)

    saved = store.save_questionnaire_result(
        visit.id, screen("positive", note=" 3 of 4 "), HALA, content
    )

    assert (saved.instrument, saved.outcome, saved.note) == (
        "BDDQ-AS",
        ScreenOutcome.POSITIVE,
        "3 of 4",
    )
    assert (saved.recorded_by, saved.recorded_at) == (HALA, clock.now)
    assert store.visit_record(visit.id).questionnaires == (saved,)
    assert store.questionnaire_results(visit.id) == (saved,)


def test_screening_result_follows_the_recorded_outcome(store, content, patient_id, clock):
    visit = screened_visit(store, content, patient_id)

    def reasons():
        result = store.screening_result(visit.id, content, ("glabella", "underarms"))
        return [(f.check_id, f.reason, f.areas) for f in result.findings]

    assert reasons() == [("body_image_screen", "Not recorded.", ("glabella",))]
    store.save_questionnaire_result(visit.id, screen("positive"), HALA, content)
    [(_, reason, areas)] = reasons()
    assert reason.startswith("Positive: discuss and consider referral. (BDDQ-AS, recorded by Dr")
    assert areas == ("glabella",)
    clock.now += timedelta(minutes=5)
    changed = store.save_questionnaire_result(
        visit.id, screen("negative", "Other form"), HALA, content
    )
    assert reasons() == []
    assert store.visit_record(visit.id).questionnaires == (changed,)
    # A take-care finding never stops treatment by itself.
    store.save_questionnaire_result(visit.id, screen("declined"), HALA, content)
    store.record_treatment(visit.id, treatment("glabella"), HALA, content)


def test_bad_result_is_refused_and_nothing_saved(store, content, patient_id):
    visit = screened_visit(store, content, patient_id)

    with pytest.raises(ValidationError) as caught:
        store.save_questionnaire_result(visit.id, screen("positive", "Made-up test"), HALA, content)
    assert "BDDQ-AS, Other form" in caught.value.errors["instrument"]
    unknown = replace(screen("negative"), questionnaire_id="other")
    with pytest.raises(ValidationError, match="Unknown questionnaire"):
        store.save_questionnaire_result(visit.id, unknown, HALA, content)
    with pytest.raises(ValidationError):
        store.save_questionnaire_result(
            visit.id, screen("negative", note="x" * 2001), HALA, content
        )
    assert store.visit_record(visit.id).questionnaires == ()


def test_finished_visit_keeps_its_result(store, content, patient_id):
    visit = screened_visit(store, content, patient_id)
    store.save_questionnaire_result(visit.id, screen("negative"), HALA, content)
    store.finish_visit(visit.id, HALA, content)

    with pytest.raises(VisitLockedError, match="amendment"):
        store.save_questionnaire_result(visit.id, screen("positive"), HALA, content)
    assert [r.outcome for r in store.visit_record(visit.id).questionnaires] == [
        ScreenOutcome.NEGATIVE
    ]


def test_each_save_is_in_the_audit_trail(store, content, patient_id):
    visit = screened_visit(store, content, patient_id)
    store.save_questionnaire_result(visit.id, screen("positive"), HALA, content)

    rows = store._conn.execute(
        "SELECT actor, detail FROM audit_log WHERE action = 'save_questionnaire_result'"
    ).fetchall()
    # Which questionnaire, not its result: clinical answers stay out of the trail.
    assert [(r[0], json.loads(r[1])) for r in rows] == [
        (HALA, {"visit_id": visit.id, "question": "body_image_screen"})
    ]


def test_product_limited_block_refuses_that_product_only(store, content, patient_id):
    visit = screened_visit(store, content, patient_id, cows_milk_allergy="")

    with pytest.raises(TreatmentBlockedError, match=r"with Product B: Contains lactose\. Choose"):
        store.record_treatment(visit.id, treatment(product_id="product_b"), HALA, content)
    assert store.visit_record(visit.id).treatments == ()
    store.record_treatment(visit.id, treatment(product_id="product_a"), HALA, content)
    store.record_override(visit.id, "forehead", "Allergist confirmed tolerance", HALA)
    store.record_treatment(visit.id, treatment("forehead", product_id="product_b"), HALA, content)
    assert [t.record.product_id for t in store.visit_record(visit.id).treatments] == [
        "product_a",
        "product_b",
    ]


def test_yes_needs_the_note_the_question_asks_for(store, content, patient_id):
    visit = store.start_visit(patient_id, HALA)

    with pytest.raises(ValidationError) as caught:
        store.save_screening_answer(visit.id, ScreeningAnswer(PAST.id, Answer.YES), HALA, content)
    assert "Which product?" in caught.value.errors["note"]
    assert store.visit_record(visit.id).answers == ()
    store.save_screening_answer(
        visit.id,
        ScreeningAnswer(PAST.id, Answer.YES, "product A in 2023, no effect"),
        HALA,
        content,
    )
    store.save_screening_answer(visit.id, ScreeningAnswer(PAST.id, Answer.UNSURE), HALA, content)


def test_migration_6_adds_the_table_to_an_existing_database(tmp_path, content):
    conn = sqlite3.connect(tmp_path / "consult.db", isolation_level=None)
    upgrade(conn, target=5)
    conn.execute(
        "INSERT INTO patients (given_name, family_name, birth_date, created_at, created_by, "
        "updated_at, updated_by) VALUES ('Ada', 'Old', '1980-01-01', '2024-01-01T09:00:00', "
        "'old', '2024-01-01T09:00:00', 'old')"
    )
    conn.close()
    with Store.open(tmp_path) as store:
        visit = store.start_visit(1, HALA, TODAY)
        store.save_questionnaire_result(visit.id, screen("declined"), HALA, content)
        assert store.get_patient(1).details.given_name == "Ada"
        assert store.visit_record(visit.id).questionnaires[0].outcome is ScreenOutcome.DECLINED
        with pytest.raises(sqlite3.IntegrityError):
            store._conn.execute(
                "INSERT INTO questionnaire_results VALUES (?, 'x', 'BDDQ-AS', 'maybe', '', '', '')",
                (visit.id,),
            )


def test_export_and_import_carry_the_result(store, content, patient_id, tmp_path):
    visit = screened_visit(store, content, patient_id)
    saved = store.save_questionnaire_result(
        visit.id, screen("positive", note="referred"), HALA, content
    )
    text = export_json(store, patient_id)
    older = export_patient(store, patient_id)
    del older["questionnaire_results"]  # a file exported before results were kept

    with Store.open(tmp_path / "other") as other:
        imported = import_patient(other, text, "reception", content)
        [record] = other.patient_file(imported.id).visits
        assert record.questionnaires == (saved,)
    with Store.open(tmp_path / "third") as third:
        imported = import_patient(third, older, "reception", content)
        [record] = third.patient_file(imported.id).visits
        assert record.questionnaires == ()
        assert len(record.answers) == len(content.screening)


def test_import_checks_the_questionnaire_result_as_recording_does(
    store, content, patient_id, tmp_path
):
    visit = screened_visit(store, content, patient_id)
    store.save_questionnaire_result(visit.id, screen("negative"), HALA, content)
    good = export_patient(store, patient_id)
    for edit, expected in (
        ({"outcome": "maybe"}, "'maybe' is not a valid"),
        ({"instrument": "made-up test"}, "Choose the questionnaire used"),
        ({"recorded_by": ""}, "the author is not named"),
    ):
        data = json.loads(json.dumps(good))
        data["questionnaire_results"][0].update(edit)
        with Store.open(tmp_path / "other") as other:
            with pytest.raises(ImportFileError, match="Nothing was changed") as caught:
                import_patient(other, json.dumps(data), "reception", content)
            assert expected in str(caught.value)
            assert other._conn.execute("SELECT count(*) FROM patients").fetchone()[0] == 0
