"""A practitioner's own paper details: the name they print under, registration, signature.

The signature image is checked with Pillow before it is kept: a PNG or JPEG that decodes, not
too large, so every sheet, consent and letter can print it.
"""

from __future__ import annotations

from dataclasses import dataclass

from consult_app.pictures import read_picture

MAX_SIGNATURE_BYTES = 512 * 1024
MAX_SIGNATURE_PIXELS = 2000
MAX_REGISTRATION_LENGTH = 40
MAX_DISPLAY_NAME_LENGTH = 100


@dataclass(frozen=True)
class PractitionerCard:
    """What prints for the practitioner of a visit: name, registration, signature image."""

    username: str
    display_name: str
    registration: str = ""
    signature: bytes | None = None

    @property
    def printed_name(self) -> str:
        """Return the name as it prints, with the registration number when there is one."""
        if self.registration:
            return f"{self.display_name} (registration {self.registration})"
        return self.display_name


def signature_problem(data: bytes) -> str | None:
    """Return why ``data`` cannot be a signature image (PNG or JPEG), or ``None`` if it can."""
    if not data:
        return "The signature file is empty. Choose a PNG or JPEG picture of the signature."
    if len(data) > MAX_SIGNATURE_BYTES:
        return (
            f"The signature picture is too large ({len(data) // 1024} KB). Use one under "
            f"{MAX_SIGNATURE_BYTES // 1024} KB, for example a smaller scan."
        )
    try:
        read_picture(data, MAX_SIGNATURE_PIXELS)
    except ValueError as error:
        return f"The signature picture cannot be used: {error}. Choose a PNG or JPEG picture."
    return None


def details_problems(display_name: str, registration: str) -> dict[str, str]:
    """Return a message per field that cannot be saved (empty when all can)."""
    errors: dict[str, str] = {}
    if not display_name.strip():
        errors["display_name"] = "Type the name as it should print on sheets and letters."
    elif len(display_name.strip()) > MAX_DISPLAY_NAME_LENGTH:
        errors["display_name"] = f"Use at most {MAX_DISPLAY_NAME_LENGTH} characters for the name."
    reg = registration.strip()
    if len(reg) > MAX_REGISTRATION_LENGTH:
        errors["registration"] = (
            f"Use at most {MAX_REGISTRATION_LENGTH} characters for the registration number."
        )
    elif any(not (c.isalnum() or c in " -/.") for c in reg):
        errors["registration"] = (
            "Use only letters, digits, spaces, dashes, dots and slashes in the registration."
        )
    return errors
