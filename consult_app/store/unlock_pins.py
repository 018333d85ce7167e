"""A short unlock PIN, so a locked window can be opened without typing the whole password.

The PIN only unlocks the signed-in user's own locked window; it never signs anyone in. It is
kept as an argon2id hash, like a password, and a wrong PIN counts towards the account's pause
just as a wrong password does (both are recorded as ``unlock_failed``).
"""

from __future__ import annotations

from itertools import pairwise

from consult_app.store.access import open_to_all
from consult_app.store.base import StoreBase
from consult_app.store.errors import StoreError, ValidationError

MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 8


def pin_problem(pin: str, repeated: str | None = None) -> str | None:
    """Return why ``pin`` cannot be used (or does not match ``repeated``), else ``None``."""
    if not (pin.isascii() and pin.isdigit()):
        return "Use digits only (0 to 9) for the PIN."
    if not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        return f"Use a PIN of {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits."
    steps = {int(b) - int(a) for a, b in pairwise(pin)}
    # One repeated digit or a straight run (1111, 1234, 9876) is the first thing guessed.
    if len(steps) == 1 and steps <= {-1, 0, 1}:
        return "That PIN is too easy to guess (one digit repeated, or counting). Choose another."
    if repeated is not None and repeated != pin:
        return "The two PINs are not the same. Type them again."
    return None


class UnlockPins(StoreBase):
    """The signed-in user's own unlock PIN: set it, remove it, check it."""

    @open_to_all
    def has_unlock_pin(self) -> bool:
        """Return whether the signed-in user has an unlock PIN."""
        return self._pin_hash() is not None

    @open_to_all
    def set_unlock_pin(self, password: str, pin: str) -> None:
        """Set the signed-in user's unlock PIN after checking their password.

        A wrong password counts towards the account's pause; while paused, :class:`SignInError`.
        """
        row = self._conn.execute("SELECT * FROM users WHERE id = ?", (self._user.id,)).fetchone()
        if row is None or self._user.is_system:
            raise StoreError("Sign in with your own account to set an unlock PIN.")
        from consult_app.store.users import _hasher, _paused, _verify

        if self._too_many_failures(row["username"]):
            self._log("set_pin_failed", reason="too_many")
            raise _paused()
        if not _verify(row["password_hash"], password):
            self._log("set_pin_failed")
            raise ValidationError({"password": "That is not your password."})
        problem = pin_problem(pin)
        if problem:
            raise ValidationError({"pin": problem})

        with self._write("set_unlock_pin") as conn:
            conn.execute(
                "INSERT OR REPLACE INTO unlock_pins (user_id, pin_hash, set_at) VALUES (?, ?, ?)",
                (row["id"], _hasher().hash(pin), self._now()),
            )

    @open_to_all
    def remove_unlock_pin(self) -> None:
        """Remove the signed-in user's unlock PIN (the password alone unlocks again)."""
        if self._user.is_system or self._pin_hash() is None:
            return
        with self._write("remove_unlock_pin") as conn:
            conn.execute("DELETE FROM unlock_pins WHERE user_id = ?", (self._user.id,))

    def _pin_hash(self) -> str | None:
        found = self._conn.execute(
            "SELECT pin_hash FROM unlock_pins WHERE user_id = ?", (self._user.id,)
        ).fetchone()
        return str(found[0]) if found else None

    def _pin_matches(self, pin: str) -> bool:
        """Return whether ``pin`` is the signed-in user's unlock PIN (none set: never)."""
        from consult_app.store.users import _verify

        pin_hash = self._pin_hash()
        return pin_hash is not None and pin_problem(pin) is None and _verify(pin_hash, pin)

    def _too_many_failures(self, username: str) -> bool:
        """Return whether the account must wait; the session's store counts the failures."""
        raise NotImplementedError
