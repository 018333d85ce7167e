"""The audit trail as a repository: read it, verify it, add the events done outside the store."""

from __future__ import annotations

from consult_app.domain.access import Permission
from consult_app.store.access import AccessDeniedError, open_to_all, requires
from consult_app.store.anchor import anchor_problems
from consult_app.store.audit import (
    AuditEntry,
    AuditFilter,
    actions_seen,
    entry_count,
    find_entries,
    trigger_problems,
)
from consult_app.store.audit import verify_audit as verify_chain
from consult_app.store.base import StoreBase

#: Audit entries for what happens outside the store, with the detail keys each may carry.
RECORDED_EVENTS: dict[str, frozenset[str]] = {
    "backup": frozenset({"kind"}),
    "restore": frozenset({"kind"}),
    # A printed or saved copy of the content review (it holds no patient data).
    "print_content_review": frozenset({"fingerprint"}),
}


class SqliteAudit(StoreBase):
    """Who did what and when: every write and every read that matters, hash-chained."""

    @requires(Permission.READ_AUDIT)
    def audit_trail(self, wanted: AuditFilter | None = None) -> list[AuditEntry]:
        """Return the audit entries that match ``wanted``, newest first."""
        return find_entries(self._conn, wanted or AuditFilter())

    @requires(Permission.READ_AUDIT)
    def audit_actions(self) -> list[str]:
        """Return the kinds of action found in the audit trail."""
        return actions_seen(self._conn)

    @requires(Permission.READ_AUDIT)
    def verify_audit(self) -> list[str]:
        """Return every problem in the audit trail: its chain, its safeguards, its anchor."""
        return (
            verify_chain(self._conn)
            + trigger_problems(self._conn)
            + anchor_problems(self._conn, self._folder)
        )

    @requires(Permission.READ_AUDIT)
    def audit_size(self) -> int:
        """Return how many entries the audit trail holds."""
        return entry_count(self._conn)

    @open_to_all
    def record_event(self, action: str, patient_id: int | None = None, **detail: object) -> None:
        """Add an event done outside the store (a backup, a restore) to the audit trail.

        Only the events in :data:`RECORDED_EVENTS`, with their own detail, are accepted: every
        other entry is written by the store's own actions, so no one can forge one (a sign-in,
        a password reset that would end an account's pause) through this method.
        """
        allowed = RECORDED_EVENTS.get(action)
        if allowed is None or patient_id is not None or not set(detail) <= allowed:
            raise AccessDeniedError(
                f"'{action}' cannot be added to the audit trail by hand: the records write "
                "that entry themselves when it happens."
            )
        self._append(action, None, "", detail)
