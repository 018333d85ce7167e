"""The questionnaire result kept with the visit, product-limited blocks, and note prompts."""

import json
import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest
from factories import all_no, consent_to, details, make_content, treatment

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
    return store.patients.create_patient(details(), TODAY).id


def screened_visit(store, content, patient_id, **yes):
    visit = store.visits.start_visit(patient_id)
    for answer in all_no(content):
        if answer.question_id in yes:
            answer = ScreeningAnswer(answer.question_id, Answer.YES, yes[answer.question_id])
        store.visits.save_screening_answer(visit.id, answer, content)
    consent_to(store, visit.id, content)
    return visit


def screen(outcome, instrument="BDDQ-AS", note=""):
    return QuestionnaireResult("body_image_screen", instrument, ScreenOutcome(outcome), note)


def test_result_is_kept_with_the_visit_with_who_and_when(store, content, patient_id, clock):
    visit = screened_visit(store, content, patient_id)

    saved = store.questionnaires.save_questionnaire_result(
        visit.id, screen("positive", note=" 3 of 4 "), content
    )

    assert (saved.instrument, saved.outcome, saved.note) == (
        "BDDQ-AS",
        ScreenOutcome.POSITIVE,
        "3 of 4",
    )
    assert (saved.recorded_by, saved.recorded_at) == (HALA, clock.now)
    assert store.visits.visit_record(visit.id).questionnaires == (saved,)
    assert store.questionnaires.questionnaire_results(visit.id) == (saved,)


def test_screening_result_follows_the_recorded_outcome(store, content, patient_id, clock):
    visit = screened_visit(store, content, patient_id)

    def reasons():
        result = store.visits.screening_result(visit.id, content, ("glabella", "underarms"))
        return [(f.check_id, f.reason, f.areas) for f in result.findings]

    assert reasons() == [("body_image_screen", "Not recorded.", ("glabella",))]
    store.questionnaires.save_questionnaire_result(visit.id, screen("positive"), content)
    [(_, reason, areas)] = reasons()
    assert reason.startswith("Positive: discuss and consider referral. (BDDQ-AS, recorded by Dr")
    assert areas == ("glabella",)
    clock.now += timedelta(minutes=5)
    changed = store.questionnaires.save_questionnaire_result(
        visit.id, screen("negative", "Other form"), content
    )
    assert reasons() == []
    assert store.visits.visit_record(visit.id).questionnaires == (changed,)
    # A take-care finding never stops treatment by itself.
    store.questionnaires.save_questionnaire_result(visit.id, screen("declined"), content)
    store.visits.record_treatment(visit.id, treatment("glabella"), content)


def test_bad_result_is_refused_and_nothing_saved(store, content, patient_id):
    visit = screened_visit(store, content, patient_id)

    with pytest.raises(ValidationError) as caught:
        store.questionnaires.save_questionnaire_result(
            visit.id, screen("positive", "Made-up test"), content
        )
    assert "BDDQ-AS, Other form" in caught.value.errors["instrument"]
    unknown = replace(screen("negative"), questionnaire_id="other")
    with pytest.raises(ValidationError, match="Unknown questionnaire"):
        store.questionnaires.save_questionnaire_result(visit.id, unknown, content)
    with pytest.raises(ValidationError):
        store.questionnaires.save_questionnaire_result(
            visit.id, screen("negative", note="x" * 2001), content
        )
    assert store.visits.visit_record(visit.id).questionnaires == ()


def test_finished_visit_keeps_its_result(store, content, patient_id):
    visit = screened_visit(store, content, patient_id)
    store.questionnaires.save_questionnaire_result(visit.id, screen("negative"), content)
    store.visits.finish_visit(visit.id, content)

    with pytest.raises(VisitLockedError, match="amendment"):
        store.questionnaires.save_questionnaire_result(visit.id, screen("positive"), content)
    assert [r.outcome for r in store.visits.visit_record(visit.id).questionnaires] == [
        ScreenOutcome.NEGATIVE
    ]


def test_each_save_is_in_the_audit_trail(store, content, patient_id):
    visit = screened_visit(store, content, patient_id)
    store.questionnaires.save_questionnaire_result(visit.id, screen("positive"), content)

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
        store.visits.record_treatment(visit.id, treatment(product_id="product_b"), content)
    assert store.visits.visit_record(visit.id).treatments == ()
    store.visits.record_treatment(visit.id, treatment(product_id="product_a"), content)
    store.visits.record_override(visit.id, "forehead", "Allergist confirmed tolerance")
    store.visits.record_treatment(visit.id, treatment("forehead", product_id="product_b"), content)
    assert [t.record.product_id for t in store.visits.visit_record(visit.id).treatments] == [
        "product_a",
        "product_b",
    ]


def test_yes_needs_the_note_the_question_asks_for(store, content, patient_id):
    visit = store.visits.start_visit(patient_id)

    with pytest.raises(ValidationError) as caught:
        store.visits.save_screening_answer(visit.id, ScreeningAnswer(PAST.id, Answer.YES), content)
    assert "Which product?" in caught.value.errors["note"]
    assert store.visits.visit_record(visit.id).answers == ()
    store.visits.save_screening_answer(
        visit.id,
        ScreeningAnswer(PAST.id, Answer.YES, "product A in 2023, no effect"),
        content,
    )
    store.visits.save_screening_answer(visit.id, ScreeningAnswer(PAST.id, Answer.UNSURE), content)


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
        visit = store.visits.start_visit(1, TODAY)
        store.questionnaires.save_questionnaire_result(visit.id, screen("declined"), content)
        assert store.patients.get_patient(1).details.given_name == "Ada"
        assert (
            store.visits.visit_record(visit.id).questionnaires[0].outcome is ScreenOutcome.DECLINED
        )
        with pytest.raises(sqlite3.IntegrityError):
            store._conn.execute(
                "INSERT INTO questionnaire_results VALUES (?, 'x', 'BDDQ-AS', 'maybe', '', '', '')",
                (visit.id,),
            )


def test_export_and_import_carry_the_result(store, content, patient_id, tmp_path):
    visit = screened_visit(store, content, patient_id)
    saved = store.questionnaires.save_questionnaire_result(
        visit.id, screen("positive", note="referred"), content
    )
    text = export_json(store, patient_id)
    older = export_patient(store, patient_id)
    del older["questionnaire_results"]  # a file exported before results were kept

    with Store.open(tmp_path / "other") as other:
        imported = import_patient(other, text, content)
        [record] = other.visits.patient_file(imported.id).visits
        assert record.questionnaires == (saved,)
    with Store.open(tmp_path / "third") as third:
        imported = import_patient(third, older, content)
        [record] = third.visits.patient_file(imported.id).visits
        assert record.questionnaires == ()
        assert len(record.answers) == len(content.screening)


def test_import_checks_the_questionnaire_result_as_recording_does(
    store, content, patient_id, tmp_path
):
    visit = screened_visit(store, content, patient_id)
    store.questionnaires.save_questionnaire_result(visit.id, screen("negative"), content)
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
                import_patient(other, json.dumps(data), content)
            assert expected in str(caught.value)
            assert other._conn.execute("SELECT count(*) FROM patients").fetchone()[0] == 0
