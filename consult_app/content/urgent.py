"""The 4 steps of urgent help, worded once for every sheet, screen and consent.

The signs come from info.yaml; the numbers from help.yaml for the clinic's country and state.
Every view renders :func:`urgent_steps` in order, so the emergency signs always sit under the
emergency number, never under the clinic's. The steps are plain text: each view escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from consult_app.content.models import Content

__all__ = ["URGENT_TITLE", "HelpStep", "urgent_steps"]

#: The heading of the urgent-help box.
URGENT_TITLE = "Get help urgently"


@dataclass(frozen=True)
class HelpStep:
    """One step: what to do (printed in bold), when, the signs it is for, and what else."""

    action: str
    when: str = ""
    signs: tuple[str, ...] = ()
    then: tuple[str, ...] = ()


def _unbroken(number: str) -> str:
    """Return a phone number that never breaks across lines (no-break spaces)."""
    return number.replace(" ", "\u00a0")


def urgent_steps(content: Content, language: str | None = None) -> tuple[HelpStep, ...]:
    """Return the 4 steps: emergency number, clinic today, no driving, reporting."""
    urgent = content.info.urgent_help
    local = content.local_help
    clinic = content.clinic
    # The clinic's own out-of-hours line comes first when it has one: it knows what was done.
    own: tuple[str, ...] = ()
    if clinic.out_of_hours:
        number = _unbroken(clinic.out_of_hours)
        own = (f"If the clinic is closed, call its out-of-hours line on {number}.",)
    closed = "Or, if you cannot reach it, " if own else "If the clinic is closed, "
    if local.advice_line is None:
        out_of_hours: tuple[str, ...] = (
            *own,
            f"{closed}go to the nearest emergency department.",
        )
    else:
        line = local.advice_line
        out_of_hours = (
            *own,
            f"{closed}call {line.name} on {_unbroken(line.phone)}.",
            "Or go to the nearest emergency department.",
        )
    regulator = local.regulator
    where = f" at {regulator.web}" if regulator.web else ""
    return (
        HelpStep(
            f"Call {_unbroken(local.emergency.phone)} now",
            "if you have:",
            tuple(sign.get(language) for sign in urgent.emergency_signs),
        ),
        HelpStep(
            f"Contact the clinic today on {_unbroken(clinic.phone)}",
            "if you have:",
            tuple(sign.get(language) for sign in urgent.serious_signs),
            out_of_hours,
        ),
        HelpStep(urgent.no_driving.get(language)),
        HelpStep(
            "Report a side effect",
            f"to {regulator.name}{where}. The clinic can help you do this.",
        ),
    )
