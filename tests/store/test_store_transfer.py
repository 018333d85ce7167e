"""Export and import a whole record; listing and recall lines; the demo data."""

import dataclasses
import json
import re
from datetime import date

import pytest
from factories import all_no, consent_to, details, goal, make_content, treatment

from consult_app.content.models import Country
from consult_app.demo import seed_demo
from consult_app.domain.models import Assessment, ReviewOutcome, StepKind
from consult_app.domain.plan import derive_plan
from consult_app.store import ImportFileError, Store, StoreError
from consult_app.store.transfer import export_json, export_patient, import_patient
from consult_app.terminal import patient_lines, recall_lines

TODAY = date(2025, 6, 15)
HALA = "Dr Hala"


@pytest.fixture
def full_record(store, content):
    pid = store.patients.create_patient(
        details("Zoë", "O'Brien", phone="07700 900111", notes="<b>'; DROP TABLE</b>"),
        TODAY,
    ).id
    visit = store.visits.start_visit(pid, date(2025, 3, 3))
    for answer in all_no(content):
        store.visits.save_screening_answer(visit.id, answer, content)
    store.visits.save_goal(visit.id, goal("glabella", 1), content)
    store.visits.save_goal(visit.id, goal("forehead", 2, "لا أحب الخطوط"), content)
    store.visits.save_plan(pid, derive_plan([goal()], content.timings, date(2025, 3, 3)), "agreed")
    consent_to(store, visit.id, content, ("glabella",))
    stored = store.visits.record_treatment(visit.id, treatment(units="12.5"), content)
    store.visits.finish_visit(visit.id, content)
    store.visits.amend_treatment(stored.id, treatment(units="12"), "miscounted", content)
    review = store.visits.start_visit(pid, date(2025, 3, 17))
    store.visits.save_review(
        review.id, ReviewOutcome("glabella", 5, Assessment.AS_PLANNED, False), content
    )
    store.visits.finish_visit(review.id, content)
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
        other.patients.create_patient(details("Someone", "Else"), TODAY)
        imported = import_patient(other, text, content)
        assert without_ids(other.visits.patient_file(imported.id)) == without_ids(
            store.visits.patient_file(full_record)
        )
        assert [p.id for p in other.patients.search_patients("obrien")] == [imported.id]
        assert (
            export_patient(other, imported.id)["goals"]
            == export_patient(store, full_record)["goals"]
        )
        with pytest.raises(ImportFileError, match="already here"):
            import_patient(other, text, content)


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
                import_patient(other, data, content)
            assert "cannot be imported" in str(caught.value), name
        tables = ["patients", "visits", "goals", "treatments", "plan_versions", "amendments"]
        for table in tables:
            assert other._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_patient_lines(store):
    a = store.patients.create_patient(details("Zoë", "O'Brien", date(1985, 3, 7)), TODAY).id
    b = store.patients.create_patient(details("Ann  Marie", "Smith", date(1990, 1, 2)), TODAY).id
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
            current = store.visits.current_plan(p.id)
            assert current is not None and current.plan.next_step is not None
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


def test_seed_demo_gives_a_us_clinic_numbers_kept_for_fiction(tmp_path):
    content = make_content()
    us_clinic = dataclasses.replace(content.clinic, country=Country.US)
    with Store.open(tmp_path) as store:
        made = seed_demo(store, dataclasses.replace(content, clinic=us_clinic), TODAY)
    assert made
    assert all(re.fullmatch(r"202-555-01\d\d", p.details.phone) for p in made)


def rule_breaking_files(store, pid):
    """Files whose every part is well formed but which break a rule of typing or keeping,
    with a part of the message that says which."""
    good = export_patient(store, pid)

    def changed(edit, expected):
        data = json.loads(json.dumps(good))
        edit(data)
        return data, expected

    def reopened(data):
        data["visits"][0].update(finished_at=None, finished_by="")

    huge = "x" * 10_000_000
    return {
        "10 MB name": changed(
            lambda d: d["patient"].update(given_name=huge), "patient: The given name is too long"
        ),
        "10 MB goal": changed(
            lambda d: d["goals"][0].update(concern=huge), "goals item 1: The description is too"
        ),
        "NUL in a name": changed(
            lambda d: d["patient"].update(family_name="O'Bri\x00en"), "patient: a text holds a NUL"
        ),
        "newline in a name": changed(
            lambda d: d["patient"].update(given_name="Zo\në"), "given name has a hidden control"
        ),
        "NUL in a note": changed(lambda d: d["goals"][1].update(concern="a\x00b"), "goals: a text"),
        "born 9999-12-31": changed(
            lambda d: d["patient"].update(birth_date="9999-12-31"), "date of birth is in the future"
        ),
        "NaN units": changed(
            lambda d: d["treatments"][0].update(units="NaN"), "Enter the number of units"
        ),
        "1E+999999 units": changed(
            lambda d: d["treatments"][0].update(units="1E+999999"), "more than 1000 units"
        ),
        "unknown goal area": changed(
            lambda d: d["goals"][0].update(area_id="knee"), "goals item 1: unknown area 'knee'"
        ),
        "unknown treated area": changed(
            lambda d: d["treatments"][0].update(area_id="knee"), "treatments item 1: unknown area"
        ),
        "unknown planned area": changed(
            lambda d: d["plan_versions"][0]["plan"]["steps"][0].update(areas=["knee"]),
            "plan_versions item 1: unknown area 'knee'",
        ),
        "unknown product": changed(
            lambda d: d["treatments"][0].update(product_id="cheap"), "a product the clinic stocks"
        ),
        "unknown question": changed(
            lambda d: d["screening_answers"][0].update(question_id="nothing"),
            "unknown question 'nothing'",
        ),
        "duplicate visit ids": changed(
            lambda d: d["visits"].append(dict(d["visits"][0])), "visit 1 is in the file twice"
        ),
        "duplicate treatment ids": changed(
            lambda d: d["treatments"].append(dict(d["treatments"][0], area_id="forehead")),
            "treatment 1 is in the file twice",
        ),
        "duplicate goal": changed(
            lambda d: d["goals"].append(dict(d["goals"][0])),
            "the goal for area glabella at visit 1 is in the file twice",
        ),
        "re-opened finished visit": changed(reopened, "a visit that is not finished (a re-opened"),
        "goal changed after its visit was finished": changed(
            lambda d: d["goals"][0].update(updated_at="2025-06-16T09:00:00+10:00"),
            "changed after its visit was finished, with no amendment",
        ),
        "half finished visit": changed(
            lambda d: d["visits"][1].update(finished_by=""), "who finished it do not go together"
        ),
        "empty author": changed(
            lambda d: d["treatments"][0].update(created_by=" "), "the author is not named"
        ),
        "author with a fake log line": changed(
            lambda d: d["visits"][0].update(started_by="hala\n2025-06-15 owner sign_in"),
            "the person who started it 'hala?2025-06-15 owner sign_in' is not a name",
        ),
        "10 MB author": changed(
            lambda d: d["goals"][0].update(updated_by=huge), "the author 'xxxxxxx"
        ),
        "time in the future": changed(
            lambda d: d["patient"].update(created_at="9999-01-01T00:00:00+00:00"),
            "is in the future",
        ),
        "goal saved at no time": changed(
            lambda d: d["goals"][0].update(updated_at="yesterday"),
            "goals item 1: the time it was saved 'yesterday' is not a date and time",
        ),
        "plan made at no time": changed(
            lambda d: d["plan_versions"][0].update(created_at="2025-13-01T00:00:00"),
            "plan_versions item 1: the time it was made '2025-13-01T00:00:00' is not a date",
        ),
        "amendment keeping a deep value": changed(
            lambda d: d["amendments"][0].update(original="[" * 30_000),
            "the original value is not what the app keeps",
        ),
        "rating 6": changed(
            lambda d: d["reviews"][0].update(patient_rating=6), "rating goes from 1"
        ),
        "amendment of the note of another visit": changed(
            lambda d: d["amendments"][0].update(target="visit_note", target_id="999"),
            "it corrects the note of another visit",
        ),
    }


def test_import_checks_every_value_as_typing_does_and_changes_nothing(
    store, full_record, tmp_path, content
):
    with Store.open(tmp_path / "other") as other:
        for name, (data, expected) in rule_breaking_files(store, full_record).items():
            with pytest.raises(ImportFileError, match="Nothing was changed") as caught:
                import_patient(other, json.dumps(data), content)
            message = str(caught.value)
            assert message.startswith("The file cannot be imported: "), name
            assert expected in message, (name, message)
            assert len(message) < 400 and "\x00" not in message and "\n" not in message, name
        for table in ("patients", "visits", "goals", "treatments", "plan_versions", "amendments"):
            assert other._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_import_says_why_for_what_would_crash_it(store, full_record, tmp_path, content):
    text = export_json(store, full_record)
    cases = {
        "an integer over 2^63": (
            text.replace('"priority": 1', '"priority": 18446744073709551616', 1),
            "goals: a number is too large",
        ),
        "a lone surrogate": (
            text.replace('"Zoë"', '"Zo\\ud800"', 1),
            "patient: a text holds half of a character pair",
        ),
        "deeply nested JSON": ("[" * 200_000 + "]" * 200_000, "nested too deeply"),
        "more than 16 MB": (" " * (16 * 2**20) + text, "larger than 16 MB"),
    }
    with Store.open(tmp_path / "other") as other:
        for name, (data, expected) in cases.items():
            with pytest.raises(ImportFileError, match="Nothing was changed") as caught:
                import_patient(other, data, content)
            assert expected in str(caught.value), name
        assert other._conn.execute("SELECT count(*) FROM patients").fetchone()[0] == 0
