"""The clinic's own details as entered in the app, and the rules they must keep.

The profile overrides the identity fields of the bundled clinic.yaml (name, address, phone,
country, state, logo) and adds the clinic's out-of-hours line. The country and state are
checked against the content's help numbers where the content is loaded
(:mod:`consult_app.content.clinic_profile`), the logo's bytes there too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "MAX_ADDRESS_LINES",
    "MAX_LOGO_BYTES",
    "MAX_TEXT_LENGTH",
    "ClinicProfile",
    "phone_problem",
    "profile_problems",
]

#: Longest name, address line or phone number kept (a header line, not a letter).
MAX_TEXT_LENGTH = 120
MAX_ADDRESS_LINES = 6
#: Largest logo kept: it is printed about 17 mm high, so a bigger file only slows printing.
MAX_LOGO_BYTES = 2_000_000

_PHONE = re.compile(r"^\+?[0-9 ()\-.]+$")


@dataclass(frozen=True)
class ClinicProfile:
    """The clinic's name, address, phone, country, state, logo and out-of-hours line."""

    name: str
    address: tuple[str, ...]
    phone: str
    country: str
    state: str = ""
    out_of_hours: str = ""
    #: The logo image's bytes (PNG or JPEG), or ``None`` to use the content's own logo.
    logo: bytes | None = None

    def cleaned(self) -> ClinicProfile:
        """Return the profile with surrounding spaces and blank address lines removed."""
        return ClinicProfile(
            name=self.name.strip(),
            address=tuple(line.strip() for line in self.address if line.strip()),
            phone=self.phone.strip(),
            country=self.country.strip().upper(),
            state=self.state.strip().upper(),
            out_of_hours=self.out_of_hours.strip(),
            logo=self.logo or None,
        )


def phone_problem(phone: str, what: str) -> str | None:
    """Return why ``phone`` cannot be printed as ``what``, or ``None`` if it can."""
    phone = phone.strip()
    if not _PHONE.match(phone) or sum(char.isdigit() for char in phone) < 3:
        return (
            f"The {what} '{phone}' is not a phone number: use digits, spaces and + ( ) - only, "
            "as patients should dial it, for example (02) 5550 1234."
        )
    if len(phone) > MAX_TEXT_LENGTH:
        return f"The {what} is too long: use at most {MAX_TEXT_LENGTH} characters."
    return None


def profile_problems(profile: ClinicProfile) -> dict[str, str]:
    """Return what to fix in ``profile``, by field; empty when it can be kept."""
    profile = profile.cleaned()
    problems: dict[str, str] = {}
    if not profile.name:
        problems["name"] = "Type the clinic's name: it is printed on every handout."
    elif len(profile.name) > MAX_TEXT_LENGTH:
        problems["name"] = f"Use at most {MAX_TEXT_LENGTH} characters for the clinic's name."
    if not profile.address:
        problems["address"] = "Type the clinic's address: at least one line."
    elif len(profile.address) > MAX_ADDRESS_LINES:
        problems["address"] = f"Use at most {MAX_ADDRESS_LINES} lines for the address."
    elif any(len(line) > MAX_TEXT_LENGTH for line in profile.address):
        problems["address"] = f"Use at most {MAX_TEXT_LENGTH} characters on each address line."
    if not profile.phone:
        problems["phone"] = (
            "Type the clinic's phone number: patients are told to call it if something is wrong."
        )
    else:
        problem = phone_problem(profile.phone, "phone number")
        if problem:
            problems["phone"] = problem
    if not profile.country:
        problems["country"] = "Choose the clinic's country: it chooses the emergency numbers."
    if profile.out_of_hours:
        problem = phone_problem(profile.out_of_hours, "out-of-hours line")
        if problem:
            problems["out_of_hours"] = problem
    if profile.logo is not None and len(profile.logo) > MAX_LOGO_BYTES:
        problems["logo"] = (
            f"The logo file is {len(profile.logo) // 1000} kB; use a picture of at most "
            f"{MAX_LOGO_BYTES // 1_000_000} MB (it prints about 17 mm high)."
        )
    return problems
