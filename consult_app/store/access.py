"""The guard on every public store method: ``@requires(Permission.X)``.

The rules themselves are in :mod:`consult_app.domain.access`. A method marked
:func:`open_to_all` needs no permission (signing in, closing the store); a test walks the
store's public methods and fails on any that carries neither mark.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

from consult_app.domain.access import ROLE_TITLES, Permission, User
from consult_app.store.errors import StoreError

F = TypeVar("F", bound=Callable[..., Any])

#: The attribute that marks a guarded method with the permissions it needs.
GUARD_ATTRIBUTE = "__requires__"


class AccessDeniedError(StoreError):
    """The signed-in user may not do this; nothing was read or changed."""


class SessionEndedError(AccessDeniedError):
    """The signed-in account was disabled while signed in: nothing was saved, the session ends."""


class _HasUser(Protocol):
    @property
    def user(self) -> User: ...


def denial(user: User, permission: Permission) -> AccessDeniedError:
    """Return the error that tells ``user`` they may not do ``permission``."""
    return AccessDeniedError(
        f"Your account ({ROLE_TITLES[user.role].lower()}) may not {permission.value}. "
        "Ask the practitioner or the admin if you need this."
    )


def check(user: User, *permissions: Permission) -> None:
    """Raise :class:`AccessDeniedError` unless ``user`` has every one of ``permissions``."""
    for permission in permissions:
        if not user.can(permission):
            raise denial(user, permission)


def requires(*permissions: Permission) -> Callable[[F], F]:
    """Let the method run only for a user who has every one of ``permissions``."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def guarded(self: _HasUser, *args: Any, **kwargs: Any) -> Any:
            check(self.user, *permissions)
            return method(self, *args, **kwargs)

        setattr(guarded, GUARD_ATTRIBUTE, frozenset(permissions))
        return cast(F, guarded)

    return decorate


def open_to_all(method: F) -> F:
    """Mark a method that anyone may call (it checks what it must itself)."""
    setattr(method, GUARD_ATTRIBUTE, frozenset())
    return method


def required_permissions(method: object) -> frozenset[Permission] | None:
    """Return the permissions a method is guarded by, or ``None`` if it is not marked."""
    found = getattr(method, GUARD_ATTRIBUTE, None)
    return found if isinstance(found, frozenset) else None
