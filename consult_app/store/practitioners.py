"""Each practitioner's own paper details: printed name, registration number, signature image."""

from __future__ import annotations

import sqlite3

from consult_app.domain.access import Permission, normal_username
from consult_app.domain.practitioner import PractitionerCard, details_problems, signature_problem
from consult_app.store.access import denial, open_to_all, requires
from consult_app.store.base import StoreBase
from consult_app.store.errors import NotFoundError, ValidationError


def _card(row: sqlite3.Row) -> PractitionerCard:
    signature = row["signature"]
    return PractitionerCard(
        username=row["username"],
        display_name=row["display_name"],
        registration=row["registration"],
        signature=bytes(signature) if signature is not None else None,
    )


class SqlitePractitioners(StoreBase):
    """Reads and edits of the details a practitioner prints under."""

    @requires(Permission.PRINT_HANDOUTS)
    def practitioner_card(self, username: str) -> PractitionerCard | None:
        """Return what prints for ``username``, or ``None`` for no account by that name."""
        row = self._conn.execute(
            "SELECT username, display_name, registration, signature FROM users "
            "WHERE username_key = ?",
            (normal_username(username),),
        ).fetchone()
        return _card(row) if row is not None else None

    @requires(Permission.PRINT_HANDOUTS)
    def card_for_visit(self, visit_id: int) -> PractitionerCard | None:
        """Return the card of the user who started (holds) the visit, if they have an account."""
        row = self._conn.execute("SELECT started_by FROM visits WHERE id = ?", (visit_id,))
        found = row.fetchone()
        if found is None:
            raise NotFoundError(f"Visit {visit_id} does not exist.")
        return self.practitioner_card(found["started_by"])

    @open_to_all
    def set_practitioner_details(
        self, username: str, display_name: str, registration: str, signature: bytes | None
    ) -> PractitionerCard:
        """Save the name, registration and signature (``None``: none) ``username`` prints with.

        The admin edits anyone's; every other user only their own. Raises
        :class:`ValidationError` (nothing saved) for an empty name, an odd registration or a
        signature that is not a readable PNG or JPEG.
        """
        own = normal_username(username) == normal_username(self._user.username)
        if not own and not self._can(Permission.MANAGE_USERS):
            raise denial(self._user, Permission.MANAGE_USERS)
        errors = details_problems(display_name, registration)
        if signature is not None:
            problem = signature_problem(signature)
            if problem:
                errors["signature"] = problem
        if errors:
            raise ValidationError(errors)
        key = normal_username(username)
        if not self._conn.execute("SELECT 1 FROM users WHERE username_key = ?", (key,)).fetchone():
            raise NotFoundError(f"There is no account named {username}.")
        with self._write("practitioner_details", account=key) as conn:
            conn.execute(
                "UPDATE users SET display_name = ?, registration = ?, signature = ? "
                "WHERE username_key = ?",
                (display_name.strip(), registration.strip(), signature, key),
            )
        card = self.practitioner_card(username)
        assert card is not None
        return card
