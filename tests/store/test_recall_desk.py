"""The front desk's recall work: filters, contacts and snoozes, kept with who and when."""

import sqlite3
from datetime import date

import pytest
from factories import all_no, consent_to, details, treatment

from consult_app.domain.access import Role, User, system_user
from consult_app.domain.models import StepKind
from consult_app.domain.recalls import ContactMethod, RecallFilter, recalls_csv
from consult_app.store import Store, ValidationError

TODAY = date(2025, 6, 15)


def treated(store, content, name, day, area="glabella", phone="0400 000 001"):
    pid = store.patients.create_patient(details(name, "Test", phone=phone), TODAY).id
    visit = store.visits.start_visit(pid, day)
    for answer in all_no(content):
        store.visits.save_screening_answer(visit.id, answer, content)
    consent_to(store, visit.id, content, (area,))
    store.visits.record_treatment(visit.id, treatment(area), content)
    store.visits.finish_visit(visit.id, content)
    return pid


@pytest.fixture
def other(tmp_path, clock):
    opened = Store.open(tmp_path / "data", clock=clock, user=system_user("Dr Lee"))
    yield opened
    opened.close()


def test_the_list_filters_by_due_range_area_family_and_practitioner(store, other, content):
    overdue = treated(store, content, "Overdue", date(2025, 4, 1))  # review 04-15
    soon = treated(store, content, "Soon", date(2025, 6, 10), area="underarms")  # 07-08
    lees = treated(other, content, "Lees", date(2025, 6, 12))  # 06-26
    until = date(2025, 7, 10)
    everyone = store.recall_desk.recall_list(TODAY, RecallFilter(due_to=until))
    assert [(r.patient_id, r.kind, r.due) for r in everyone] == [
        (overdue, StepKind.REVIEW, date(2025, 4, 15)),
        (lees, StepKind.REVIEW, date(2025, 6, 26)),
        (soon, StepKind.REVIEW, date(2025, 7, 8)),
    ]
    assert [r.practitioner for r in everyone] == ["Dr Hala", "Dr Lee", "Dr Hala"]
    ranged = RecallFilter(due_to=date(2025, 6, 30), due_from=TODAY)
    assert [r.patient_id for r in store.recall_desk.recall_list(TODAY, ranged)] == [lees]
    sweating = RecallFilter(due_to=until, areas=frozenset({"underarms"}))
    assert [r.patient_id for r in store.recall_desk.recall_list(TODAY, sweating)] == [soon]
    by_lee = RecallFilter(due_to=until, practitioner="Dr Lee")
    assert [r.patient_id for r in store.recall_desk.recall_list(TODAY, by_lee)] == [lees]


def test_a_contact_is_kept_with_how_when_and_by_whom_and_a_snooze_hides_until_its_date(
    store, content
):
    pid = treated(store, content, "Zoë", date(2025, 6, 10))
    wanted = RecallFilter(due_to=date(2025, 6, 30))
    [recall] = store.recall_desk.recall_list(TODAY, wanted)
    assert recall.last_contact is None
    store.recall_desk.record_recall_contact(
        pid, recall.due, TODAY, method=ContactMethod.PHONE, on=date(2025, 6, 14), note="No answer"
    )
    [recall] = store.recall_desk.recall_list(TODAY, wanted)
    contact = recall.last_contact
    assert contact is not None
    assert (contact.method, contact.contacted_on, contact.note, contact.recorded_by) == (
        ContactMethod.PHONE,
        date(2025, 6, 14),
        "No answer",
        "Dr Hala",
    )
    store.recall_desk.record_recall_contact(pid, recall.due, TODAY, snooze_to=date(2025, 6, 20))
    assert store.recall_desk.recall_list(TODAY, wanted) == []
    [back] = store.recall_desk.recall_list(date(2025, 6, 20), wanted)
    assert back.last_contact == contact, "the snooze is not a contact"
    assert len(store.recall_desk.recall_contacts(pid, recall.due)) == 2
    actions = [e.action for e in store.audit.audit_trail()]
    assert actions.count("recall_contact") == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "Choose how the patient was contacted"),
        ({"method": ContactMethod.SMS, "on": date(2025, 6, 16)}, "in the future"),
        ({"snooze_to": TODAY}, "after today"),
        ({"method": ContactMethod.SMS, "note": "x" * 201}, "too long"),
        ({"method": ContactMethod.SMS, "note": "two\nlines"}, "one line"),
    ],
)
def test_bad_contacts_are_refused_and_nothing_is_saved(store, content, kwargs, message):
    pid = treated(store, content, "Zoë", date(2025, 6, 10))
    with pytest.raises(ValidationError, match=message):
        store.recall_desk.record_recall_contact(pid, date(2025, 6, 24), TODAY, **kwargs)
    assert store.recall_desk.recall_contacts(pid, date(2025, 6, 24)) == []


def test_contacts_cannot_be_rewritten(store, content):
    pid = treated(store, content, "Zoë", date(2025, 6, 10))
    store.recall_desk.record_recall_contact(pid, date(2025, 6, 24), TODAY, method=ContactMethod.SMS)
    conn = sqlite3.connect(store.path, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError, match="kept as recorded"):
        conn.execute("UPDATE recall_contacts SET note = 'changed'")
    with pytest.raises(sqlite3.IntegrityError, match="kept as recorded"):
        conn.execute("DELETE FROM recall_contacts")


def test_reception_works_recalls_and_the_export_carries_nothing_clinical(tmp_path, clock, content):
    with Store.open(tmp_path / "data", clock=clock, user=system_user("Dr Hala")) as hala:
        pid = treated(hala, content, "Zoë", date(2025, 6, 10), phone="+61 400 000 001")
        hala.patients.update_patient(
            pid, details("=Zoë", "Test", phone="+61 400 000 001", notes="SECRET NOTE"), TODAY
        )
    desk_user = User(0, "desk", "Front desk", Role.RECEPTION)
    with Store.open(tmp_path / "data", clock=clock, user=desk_user) as desk:
        recalls = desk.recall_desk.recall_list(TODAY, RecallFilter(due_to=date(2025, 6, 30)))
        desk.recall_desk.record_recall_contact(pid, recalls[0].due, TODAY, method=ContactMethod.SMS)
        text = recalls_csv(recalls)
    assert text.splitlines() == [
        "patient_id,name,phone,due,kind",
        f"{pid},'=Zoë Test,+61 400 000 001,2025-06-24,review",
    ]
    assert "SECRET" not in repr(recalls) and "LOT-1" not in repr(recalls)
