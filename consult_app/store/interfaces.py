"""What each repository of the store offers, as typed interfaces another engine can implement.

The SQLite classes (:class:`~consult_app.store.patients.SqlitePatients` and the others) satisfy
these; :class:`~consult_app.store.store.Store` holds one of each, typed by its interface, so
mypy checks that they do. Every method checks the rights of the store's user and records each
change under that user's name: no method takes the acting user.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from consult_app.content.models import Content
    from consult_app.domain.access import Role, User
    from consult_app.domain.clinic_profile import ClinicProfile
    from consult_app.domain.models import (
        Goal,
        Patient,
        PatientDetails,
        PatientFile,
        Plan,
        PlanVersion,
        QuestionnaireResult,
        Recall,
        ReviewOutcome,
        ScreeningAnswer,
        ScreeningResult,
        StoredTreatment,
        TreatmentRecord,
        Visit,
        VisitRecord,
    )
    from consult_app.domain.practitioner import PractitionerCard
    from consult_app.domain.recalls import ContactMethod, DeskRecall, RecallContact, RecallFilter
    from consult_app.domain.signoff import ContentSignOff
    from consult_app.store.audit import AuditEntry, AuditFilter
    from consult_app.store.documents import Consent, HandoutKind, IssuedHandout
    from consult_app.store.screening_history import EarlierScreening
    from consult_app.store.users import Account
    from consult_app.store.views import PatientSummary, SheetFacts


@runtime_checkable
class Patients(Protocol):
    """Patients: their details, search as you type, the recall list, the front desk's summary."""

    def create_patient(self, details: PatientDetails, today: date) -> Patient:
        """Save a new patient; raise :class:`ValidationError` (nothing saved) on bad input."""
        ...

    def update_patient(self, patient_id: int, details: PatientDetails, today: date) -> Patient:
        """Save edited details; raise :class:`ValidationError` (nothing saved) on bad input."""
        ...

    def archive_patient(self, patient_id: int) -> Patient:
        """Archive a patient: hidden from search and recalls, but never deleted."""
        ...

    def restore_patient(self, patient_id: int) -> Patient:
        """Bring an archived patient back."""
        ...

    def get_patient(self, patient_id: int) -> Patient:
        """Return a patient (archived or not); :class:`NotFoundError` if there is none."""
        ...

    def search_patients(
        self, text: str, limit: int | None = 50, include_archived: bool = False
    ) -> list[Patient]:
        """Find patients by name, phone or birth date as the user types."""
        ...

    def same_person(self, given_name: str, family_name: str, birth_date: date) -> list[Patient]:
        """Return the patients (not archived) with this name and date of birth."""
        ...

    def recalls(self, today: date, within_days: int) -> list[Recall]:
        """Return patients whose next step is a review or repeat due by ``today + within_days``."""
        ...

    def patient_summary(self, patient_id: int) -> PatientSummary:
        """Return the patient's contact details and plan dates, and nothing clinical."""
        ...

    def open_patient_summary(self, patient_id: int) -> PatientSummary:
        """Return :meth:`patient_summary`, and record that the patient's file was opened."""
        ...


@runtime_checkable
class Visits(Protocol):
    """Visits and plans: screening, goals, treatments, reviews, amendments, the patient's file."""

    def start_visit(self, patient_id: int, day: date | None = None) -> Visit:
        """Open a new visit for the patient on ``day`` (default: today, local time)."""
        ...

    def get_visit(self, visit_id: int) -> Visit:
        """Return a visit; :class:`NotFoundError` if there is none."""
        ...

    def set_visit_note(self, visit_id: int, note: str) -> None:
        """Save the open visit's note."""
        ...

    def save_screening_answer(
        self, visit_id: int, answer: ScreeningAnswer, content: Content
    ) -> None:
        """Save (or change) the answer to one screening question at an open visit."""
        ...

    def record_override(self, visit_id: int, area_id: str, reason: str) -> None:
        """Record the practitioner's reason to treat ``area_id`` despite a do-not-treat finding."""
        ...

    def save_goal(self, visit_id: int, goal: Goal, content: Content) -> None:
        """Save (or change) the goal for one area at an open visit."""
        ...

    def remove_goal(self, visit_id: int, area_id: str) -> None:
        """Remove a goal from an open visit (a finished visit keeps its goals)."""
        ...

    def latest_goals(self, patient_id: int) -> tuple[Goal, ...]:
        """Return the goals from the patient's most recent visit that has any, by priority."""
        ...

    def previous_treatment_dates(self, visit_id: int) -> list[date]:
        """Return the dates of the patient's toxin treatments at other visits up to this one."""
        ...

    def screening_result(
        self, visit_id: int, content: Content, area_ids: tuple[str, ...] = ()
    ) -> ScreeningResult:
        """Apply the screening rules to this visit's answers and the patient's record."""
        ...

    def earlier_screening(self, visit_id: int) -> EarlierScreening | None:
        """Return the answers of the patient's latest visit before this one, or ``None``."""
        ...

    def confirm_screening_unchanged(self, visit_id: int, content: Content) -> int:
        """Answer each unanswered question as at the last screening; return how many."""
        ...

    def answer_none_of(self, visit_id: int, question_ids: Sequence[str], content: Content) -> int:
        """Answer *no* to each of these questions not yet answered today; return how many."""
        ...

    def record_treatment(
        self,
        visit_id: int,
        record: TreatmentRecord,
        content: Content,
        without_consent: str = "",
    ) -> StoredTreatment:
        """Record what was injected in one area."""
        ...

    def save_review(self, visit_id: int, outcome: ReviewOutcome, content: Content) -> None:
        """Save (or change) how one area went, at an open review visit."""
        ...

    def save_plan(
        self, patient_id: int, plan: Plan, reason: str = "", visit_id: int | None = None
    ) -> PlanVersion:
        """Save ``plan`` as the patient's newest plan version (earlier versions are kept)."""
        ...

    def plan_history(self, patient_id: int) -> list[PlanVersion]:
        """Return every plan version, oldest first (the timeline across visits)."""
        ...

    def current_plan(self, patient_id: int) -> PlanVersion | None:
        """Return the newest plan version, or ``None``."""
        ...

    def finish_visit(self, visit_id: int, content: Content) -> Visit:
        """Finish and lock the visit, and move the plan on."""
        ...

    def visit_record(self, visit_id: int) -> VisitRecord:
        """Return everything recorded at one visit."""
        ...

    def patient_file(self, patient_id: int) -> PatientFile:
        """Return the patient's whole record: visits newest first, plan versions oldest first."""
        ...

    def open_patient_file(self, patient_id: int) -> PatientFile:
        """Return the patient's whole record, and record that their file was opened."""
        ...

    def amend_treatment(
        self, treatment_id: int, record: TreatmentRecord, reason: str, content: Content
    ) -> StoredTreatment:
        """Correct a treatment at a finished visit, keeping the original with who, when, why."""
        ...

    def amend_screening_answer(self, visit_id: int, answer: ScreeningAnswer, reason: str) -> None:
        """Correct a screening answer at a finished visit, keeping the original."""
        ...

    def amend_visit_note(self, visit_id: int, note: str, reason: str) -> None:
        """Correct the note of a finished visit, keeping the original."""
        ...

    def amend_plan(self, visit_id: int, plan: Plan, reason: str) -> PlanVersion:
        """Change the plan agreed at a finished visit: a new version and an amendment, why."""
        ...


@runtime_checkable
class Documents(Protocol):
    """Handouts issued (kept for re-prints) and consents given."""

    def sheet_facts(self, patient_id: int) -> SheetFacts:
        """Return what the patient's personal information sheet shows."""
        ...

    def next_handout_reference(self, day: date) -> str:
        """Return a fresh, human-readable reference for a handout issued on ``day``."""
        ...

    def record_handout(
        self,
        *,
        kind: HandoutKind,
        patient_id: int | None,
        visit_id: int | None,
        area_ids: tuple[str, ...],
        content_version: str,
        reference: str,
        sha256: str,
        pdf: bytes,
    ) -> IssuedHandout:
        """Keep a copy of a handout that was printed, saved or handed over."""
        ...

    def get_handout(self, handout_id: int) -> IssuedHandout:
        """Return one issued handout."""
        ...

    def handout_pdf(self, handout_id: int) -> bytes:
        """Return the PDF exactly as it was issued, to print again (recorded as a re-print)."""
        ...

    def handouts_for(self, patient_id: int) -> list[IssuedHandout]:
        """Return the handouts issued to a patient, newest first."""
        ...

    def record_consent(
        self, visit_id: int, area_ids: tuple[str, ...], signature_png: bytes, content_version: str
    ) -> Consent:
        """Keep the patient's signed consent for ``area_ids`` at an open visit."""
        ...

    def consents_for(self, visit_id: int) -> list[Consent]:
        """Return the consents given at a visit, oldest first."""
        ...


@runtime_checkable
class Questionnaires(Protocol):
    """Questionnaire results recorded at a visit."""

    def save_questionnaire_result(
        self, visit_id: int, result: QuestionnaireResult, content: Content
    ) -> QuestionnaireResult:
        """Record (or change) the questionnaire's result at an open visit; return it as saved."""
        ...

    def questionnaire_results(self, visit_id: int) -> tuple[QuestionnaireResult, ...]:
        """Return the questionnaire results recorded at the visit."""
        ...


@runtime_checkable
class Users(Protocol):
    """Accounts and the lock setting."""

    def has_users(self) -> bool:
        """Return whether any account exists (none: the first start asks for the admin)."""
        ...

    def create_first_admin(self, username: str, display_name: str, password: str) -> User:
        """Create the first account, an admin. Refused once any account exists."""
        ...

    def add_user(self, username: str, display_name: str, role: Role, password: str) -> User:
        """Add an account with ``role``; raise :class:`ValidationError` on bad input."""
        ...

    def accounts(self) -> list[Account]:
        """Return every account, disabled ones included, by user name."""
        ...

    def reset_password(self, username: str, password: str) -> None:
        """Give an account a new password (the user should change it when next signed in)."""
        ...

    def set_disabled(self, username: str, disabled: bool) -> None:
        """Disable an account (it can no longer sign in) or enable it again."""
        ...

    def lock_minutes(self) -> int:
        """Return after how many idle minutes the window locks."""
        ...

    def set_lock_minutes(self, minutes: int) -> None:
        """Set after how many idle minutes the window locks (1 to 120)."""
        ...


@runtime_checkable
class SignOffs(Protocol):
    """The doctor's sign-off of the clinical content."""

    def record_content_sign_off(
        self, content_version: str, fingerprint: str, signed_by: str
    ) -> ContentSignOff:
        """Record that ``signed_by`` signed off this content version and fingerprint."""
        ...

    def content_sign_off(self) -> ContentSignOff | None:
        """Return the newest sign-off, or ``None`` if the content was never signed off."""
        ...

    def content_sign_offs(self) -> list[ContentSignOff]:
        """Return every sign-off recorded, newest first."""
        ...


@runtime_checkable
class ClinicProfiles(Protocol):
    """The clinic's details entered in the app (over clinic.yaml's)."""

    def clinic_profile(self) -> ClinicProfile | None:
        """Return the profile entered in the app, or ``None`` before anyone entered one."""
        ...

    def save_clinic_profile(self, profile: ClinicProfile) -> ClinicProfile:
        """Keep ``profile`` (cleaned) in place of the one before; refuse it with what to fix."""
        ...


@runtime_checkable
class AuditTrail(Protocol):
    """The audit trail: read, verified, and events done outside the store added."""

    def audit_trail(self, wanted: AuditFilter | None = None) -> list[AuditEntry]:
        """Return the audit entries that match ``wanted``, newest first."""
        ...

    def audit_actions(self) -> list[str]:
        """Return the kinds of action found in the audit trail."""
        ...

    def verify_audit(self) -> list[str]:
        """Return every problem in the audit trail: its chain, its safeguards, its anchor."""
        ...

    def audit_size(self) -> int:
        """Return how many entries the audit trail holds."""
        ...

    def record_event(self, action: str, patient_id: int | None = None, **detail: object) -> None:
        """Add an event done outside the store (a backup, a restore) to the audit trail."""
        ...


@runtime_checkable
class RecallDesk(Protocol):
    """The front desk's recall work: the filtered list, contacts and snoozes."""

    def recall_list(self, today: date, wanted: RecallFilter) -> list[DeskRecall]:
        """Return the recalls ``wanted`` asks for (snoozed ones left out until their date)."""
        ...

    def recall_contacts(self, patient_id: int, due: date) -> list[RecallContact]:
        """Return the contacts and snoozes about one recall, newest first."""
        ...

    def record_recall_contact(
        self,
        patient_id: int,
        due: date,
        today: date,
        *,
        method: ContactMethod | None = None,
        on: date | None = None,
        note: str = "",
        snooze_to: date | None = None,
    ) -> RecallContact:
        """Record a contact or a snooze about one recall; refuse bad input, saving nothing."""
        ...


@runtime_checkable
class Practitioners(Protocol):
    """What each practitioner prints under: name, registration number, signature image."""

    def practitioner_card(self, username: str) -> PractitionerCard | None:
        """Return what prints for ``username``, or ``None`` for no account by that name."""
        ...

    def card_for_visit(self, visit_id: int) -> PractitionerCard | None:
        """Return the card of the user who started the visit, if they have an account."""
        ...

    def set_practitioner_details(
        self, username: str, display_name: str, registration: str, signature: bytes | None
    ) -> PractitionerCard:
        """Save a user's printed details: the admin anyone's, everyone else their own."""
        ...
