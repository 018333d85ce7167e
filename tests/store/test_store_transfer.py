"""Export and import a whole record; listing and recall lines; the demo data."""

import json
from datetime import date

import pytest
from factories import all_no, details, goal, make_content, treatment

from consult_app.domain.models import Assessment, ReviewOutcome, StepKind
from consult_app.domain.plan import derive_plan
from consult_app.store import ImportFileError, Store, StoreError
from consult_app.store.commands import patient_lines, recall_lines, seed_demo
from consult_app.store.transfer import export_json, export_patient, import_patient

TODAY = date(2025, 6, 15)
HALA = "Dr Hala"


@pytest.fixture
def full_record(store, content):
    pid = store.create_patient(
        details("Zoë", "O'Brien", phone="07700 900111", notes="<b>'; DROP TABLE</b>"),
        "reception",
        TODAY,
    ).id
    visit = store.start_visit(pid, HALA, date(2025, 3, 3))
    for answer in all_no(content):
        store.save_screening_answer(visit.id, answer, HALA, content)
    store.save_goal(visit.id, goal("glabella", 1), HALA, content)
    store.save_goal(visit.id, goal("forehead", 2, "لا أحب الخطوط"), HALA, content)
    store.save_plan(pid, derive_plan([goal()], content.timing, date(2025, 3, 3)), HALA, "agreed")
    stored = store.record_treatment(visit.id, treatment(units="12.5"), HALA, content)
    store.finish_visit(visit.id, HALA, content)
    store.amend_treatment(stored.id, treatment(units="12"), HALA, "miscounted", content)
    review = store.start_visit(pid, HALA, date(2025, 3, 17))
    store.save_review(
        review.id, ReviewOutcome("glabella", 5, Assessment.AS_PLANNED, False), HALA, content
    )
    store.finish_visit(review.id, HALA, content)
    return pid


def without_ids(file):
    """The patient's file as the user sees it, minus database ids."""
    visits = [
        (
            v.visit.visit_date,
            v.visit.finished_by,
            v.answers,
            v.goals,
            [(t.record, t.recorded_by) for t in v.treatments],
            v.reviews,
            [(a.target, a.original, a.amended, a.reason, a.actor, a.at) for a in v.amendments],
        )
        for v in file.visits
    ]
    plans = [(p.number, p.reason, p.plan, p.created_by) for p in file.plan_versions]
    return file.patient.details, file.patient.created_by, visits, plans


def test_export_import_round_trip(store, full_record, tmp_path, content):
    text = export_json(store, full_record)
    assert json.loads(text)["patient"]["given_name"] == "Zoë"
    with Store.open(tmp_path / "other") as other:
        other.create_patient(details("Someone", "Else"), "reception", TODAY)
        imported = import_patient(other, text, "reception", content)
        assert without_ids(other.patient_file(imported.id)) == without_ids(
            store.patient_file(full_record)
        )
        assert [p.id for p in other.search_patients("obrien")] == [imported.id]
        assert (
            export_patient(other, imported.id)["goals"]
            == export_patient(store, full_record)["goals"]
        )
        with pytest.raises(ImportFileError, match="already here"):
            import_patient(other, text, "reception", content)


def broken_files(store, pid):
    good = export_patient(store, pid)

    def changed(edit):
        data = json.loads(json.dumps(good))
        edit(data)
        return data

    return {
        "not json": "{not json",
        "not an object": "[1, 2]",
        "wrong format": changed(lambda d: d.update(format="something")),
        "missing section": changed(lambda d: d.pop("treatments")),
        "partial (cut short)": export_json(store, pid)[:-200],
        "missing column": changed(lambda d: d["visits"][0].pop("visit_date")),
        "bad date": changed(lambda d: d["treatments"][0].update(expiry="2025-13-01")),
        "bad units": changed(lambda d: d["treatments"][0].update(units="lots")),
        "bad enum": changed(lambda d: d["goals"][0].update(hope="younger")),
        "wrong type": changed(lambda d: d["goals"][0].update(priority="1")),
        "dangling visit": changed(lambda d: d["goals"][0].update(visit_id=999)),
        "empty name": changed(lambda d: d["patient"].update(given_name=" ")),
        "bad plan": changed(lambda d: d["plan_versions"][0]["plan"].pop("steps")),
        "extra key": changed(lambda d: d["reviews"][0].update(sneaky=1)),
    }


def test_malformed_or_partial_import_is_refused_and_changes_nothing(
    store, full_record, tmp_path, content
):
    cases = broken_files(store, full_record)
    with Store.open(tmp_path / "other") as other:
        for name, data in cases.items():
            with pytest.raises(ImportFileError, match="Nothing was changed") as caught:
                import_patient(other, data, "reception", content)
            assert "cannot be imported" in str(caught.value), name
        tables = ["patients", "visits", "goals", "treatments", "plan_versions", "amendments"]
        for table in tables:
            assert other._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_patient_lines(store):
    a = store.create_patient(details("Zoë", "O'Brien", date(1985, 3, 7)), "r", TODAY).id
    b = store.create_patient(details("Ann  Marie", "Smith", date(1990, 1, 2)), "r", TODAY).id
    assert patient_lines(store) == [
        f"{a}\tZoë O'Brien\t1985-03-07",
        f"{b}\tAnn Marie Smith\t1990-01-02",
    ]
    assert patient_lines(store, "smi") == [f"{b}\tAnn Marie Smith\t1990-01-02"]
    assert patient_lines(store, "nobody") == []


def test_seed_demo_makes_patients_at_each_stage(tmp_path):
    content = make_content()
    with Store.open(tmp_path) as store:
        made = seed_demo(store, content, TODAY)
        assert len(made) == 4
        stages = {}
        for p in made:
            current = store.current_plan(p.id)
            stages[p.details.given_name] = current.plan.next_step.kind
        assert stages["Zoë"] is StepKind.TREAT  # first consultation, nothing treated yet
        assert stages["عائشة"] is StepKind.REVIEW
        assert stages["Mei"] is StepKind.REPEAT
        lines = recall_lines(store, 30, TODAY)
        assert [line.split("\t")[1] for line in lines] == ["Mei Lin", "عائشة Haddad"]
        assert lines[1].split("\t")[2:] == ["07700 900222", "2025-06-19", "review"]
        assert recall_lines(store, 0, TODAY) == lines[:1]  # only the overdue repeat
        with pytest.raises(StoreError, match="already has patients"):
            seed_demo(store, content, TODAY)
