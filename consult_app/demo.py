"""The demo: fictional patients at different stages, and two accounts to try both roles.

``consult-app seed-demo`` fills a data folder with the patients; ``consult-app --demo`` opens
the app on a fresh folder with the patients and the accounts.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from consult_app.content.models import AreaKind, Content, Country
from consult_app.context import AppContext
from consult_app.domain.access import Role
from consult_app.domain.models import (
    Answer,
    Assessment,
    Goal,
    Hope,
    Patient,
    PatientDetails,
    ReviewOutcome,
    ScreeningAnswer,
    Severity,
    TreatmentRecord,
)
from consult_app.domain.plan import derive_plan
from consult_app.store import Store, StoreError

#: Who the demo's records say wrote them, when seeded from the command line.
DEMO_PRACTITIONER = "Dr Hala"

DEMO_PASSWORD = "demo-password"  # noqa: S105 (shown on the demo sign-in screen)
DEMO_HINT = (
    "This is a demo with fictional patients. Sign in as 'hala' (practitioner and admin) or "
    f"'reception', both with the password '{DEMO_PASSWORD}'."
)


#: The demo patients' "signature" on their consent: an empty 1 by 1 pixel PNG image.
DEMO_SIGNATURE = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0bIDAT\x08\x99c`\x00\x02\x00\x00"
    b"\x05\x00\x01bU2\x88\x00\x00\x00\x00IEND\xaeB`\x82"
)


def seed_demo_with_accounts(context: AppContext) -> None:
    """Fill a fresh demo folder with fictional patients and two accounts to try the roles."""
    store = context.store
    admin = store.users.create_first_admin(
        "hala", context.content.clinic.practitioner, DEMO_PASSWORD
    )
    as_admin = store.for_user(admin)
    as_admin.users.add_user("reception", "Reception", Role.RECEPTION, DEMO_PASSWORD)
    seed_demo(as_admin, context.content, date.today())


def _phones(country: Country) -> list[str]:
    # Numbers reserved for drama and examples (Ofcom, ACMA): they reach nobody.
    if country is Country.AU:
        return ["0491 570 156", "0491 570 157", "0491 570 158", "0491 570 159"]
    if country is Country.US:  # 555-0100 to 555-0199 are kept for fiction (NANPA)
        return ["202-555-0141", "202-555-0142", "202-555-0143", "202-555-0144"]
    return ["07700 900111", "07700 900222", "07700 900333", "07700 900444"]


def seed_demo(store: Store, content: Content, today: date) -> list[Patient]:
    """Fill an empty store with fictional patients at different stages; return them.

    A first consultation (goals and plan, nothing treated yet), one awaiting review, one due
    for a repeat treatment, and one treated for underarm sweating.
    """
    if store.patients.search_patients("", limit=1, include_archived=True):
        raise StoreError("This data folder already has patients. Use an empty folder for the demo.")
    face = [a.id for a in content.areas if a.kind is AreaKind.COSMETIC]
    sweat = [a.id for a in content.areas if a.kind is AreaKind.SWEATING]
    if not face or not content.clinic.products:
        raise StoreError("The content has no face areas or no products, so no demo can be made.")
    product = content.clinic.products[0].id
    phones = _phones(content.clinic.country)
    note = "Fictional patient made for the demo."

    def patient(given: str, family: str, born: date, phone: str, email: str = "") -> Patient:
        details = PatientDetails(given, family, born, phone=phone, email=email, notes=note)
        return store.patients.create_patient(details, today)

    def visit(patient_id: int, day: date, goals: list[Goal], treat: list[str]) -> int:
        started = store.visits.start_visit(patient_id, day)
        for question in content.screening:
            answer = ScreeningAnswer(question.id, Answer.NO)
            store.visits.save_screening_answer(started.id, answer, content)
        for goal in goals:
            store.visits.save_goal(started.id, goal, content)
        if goals:
            plan = derive_plan(goals, content.timings, day, first_areas=2)
            store.visits.save_plan(patient_id, plan, "Agreed at consultation", started.id)
        if treat:  # treated only once the patient signed consent for those areas
            version = content.clinic.content_version
            store.documents.record_consent(started.id, tuple(treat), DEMO_SIGNATURE, version)
        for area in treat:
            units = Decimal(50) if area in sweat else Decimal(10)
            record = TreatmentRecord(area, product, units, "DEMO-001", day + timedelta(days=365))
            store.visits.record_treatment(started.id, record, content)
        return started.id

    def wants(area: str, priority: int, words: str, hope: Hope = Hope.SOFTER) -> Goal:
        return Goal(area, words, Severity.MILD, Severity.MODERATE, hope, priority)

    made = []
    first = patient("Zoë", "O'Brien", date(1988, 2, 29), phones[0], "zoe@example.com")
    v = visit(first.id, today, [wants(face[0], 1, "I look cross when I am not.")], [])
    store.visits.finish_visit(v, content)
    made.append(first)

    waiting = patient("عائشة", "Haddad", date(1979, 11, 3), phones[1])
    goals = [wants(a, n, "Lines when I smile.") for n, a in enumerate(face[:2], 1)]
    v = visit(waiting.id, today - timedelta(days=10), goals, face[:2])
    store.visits.finish_visit(v, content)
    made.append(waiting)

    repeat = patient("Mei", "Lin", date(1970, 7, 14), phones[2], "mei.lin@example.org")
    treated_on = today - timedelta(days=content.area(face[0]).timing.min_interval_days + 7)
    v = visit(
        repeat.id, treated_on, [wants(face[0], 1, "Deep frown lines.", Hope.SMOOTHER)], [face[0]]
    )
    store.visits.finish_visit(v, content)
    review_after = content.area(face[0]).timing.review_after_days
    review = store.visits.start_visit(repeat.id, treated_on + timedelta(days=review_after))
    outcome = ReviewOutcome(face[0], 4, Assessment.AS_PLANNED, top_up_given=False)
    store.visits.save_review(review.id, outcome, content)
    store.visits.finish_visit(review.id, content)
    made.append(repeat)

    if sweat:
        sam = patient("Sam", "Taylor", date(1995, 5, 5), phones[3])
        sweaty = [wants(sweat[0], 1, "Wet shirts at work.", Hope.DRIER)]
        sam_day = today - timedelta(days=40)
        v = visit(sam.id, sam_day, sweaty, [sweat[0]])
        store.visits.finish_visit(v, content)
        review = store.visits.start_visit(sam.id, sam_day + timedelta(days=14))
        outcome = ReviewOutcome(sweat[0], 5, Assessment.AS_PLANNED, top_up_given=False)
        store.visits.save_review(review.id, outcome, content)
        store.visits.finish_visit(review.id, content)
        made.append(sam)
    return made
