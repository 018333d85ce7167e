"""Put the clinic profile entered in the app over the content's clinic.yaml, still checked.

The profile replaces clinic.yaml's name, address, phone, country, state and logo, and adds the
out-of-hours line. A country or state changes the help numbers, so they are chosen again from
the content's help.yaml by the same rules as a content check: a country (or state) help.yaml
does not cover is refused with the reason, and the content is never used with another
country's numbers. Nothing else in the content changes, so its sign-off fingerprint is the
same (the fingerprint is of the content's own files).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from consult_app.content.loader import ContentError
from consult_app.content.models import Content, LocalHelp
from consult_app.content.models_common import Country
from consult_app.content.problems import ContentProblem
from consult_app.domain.clinic_profile import ClinicProfile
from consult_app.pictures import read_picture

__all__ = [
    "LOGO_FILE",
    "apply_clinic_profile",
    "help_problems",
    "logo_problem",
    "logo_suffix",
]

#: The logo from the profile is written beside the records under this name (and its suffix),
#: as the handouts read the logo from a file.
LOGO_FILE = "clinic-logo"

_LOGO_FORMATS = {"PNG": ".png", "JPEG": ".jpg"}
#: The first bytes of each kind of logo file, and the suffix it is written with.
_LOGO_MAGIC = ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"))


def logo_suffix(data: bytes) -> str:
    """Return the file suffix of the PNG or JPEG image in ``data``; ``ValueError`` if not one."""
    kind, _width, _height = read_picture(data)
    return _LOGO_FORMATS[kind]


def logo_problem(data: bytes, name: str = "The file") -> str | None:
    """Return why ``data`` cannot be the logo (what to do included), or ``None`` if it can."""
    try:
        logo_suffix(data)
    except ValueError as error:
        return f"{name} cannot be the logo: {error}. Choose a PNG or JPEG picture of the logo."
    return None


def _country(code: str) -> Country | None:
    try:
        return Country(code)
    except ValueError:
        return None


def _choose_help(
    content: Content, country: Country, state: str
) -> tuple[LocalHelp | None, list[ContentProblem]]:
    """Choose the help numbers for ``country`` and ``state`` from the content's help.yaml."""
    # The YAML reader and checks load only when the country or state differ from clinic.yaml.
    from consult_app.content.local_help import choose_local_help
    from consult_app.content.schema import FILES
    from consult_app.content.validate import INVALID, Validator
    from consult_app.content.yamlsafe import read_yaml

    root = content.source_dir
    folder = root / "content"
    path = folder / "help.yaml"
    result = read_yaml(path, root)
    if result.data is None:
        return None, list(result.problems)
    validator = Validator(path, root, content.clinic.languages)
    countries = validator.check_file(FILES["help.yaml"], result.data)
    if countries is INVALID:
        return None, validator.problems
    clinic = replace(content.clinic, country=country, state=state or None)
    return choose_local_help(root, folder, clinic, None, countries, result.data)


def help_problems(content: Content, country: str, state: str) -> list[str]:
    """Return why the content cannot serve a clinic in ``country`` and ``state`` (empty: it can)."""
    code = _country(country.strip().upper())
    if code is None:
        known = ", ".join(c.value for c in Country)
        return [f"The app has no rules for the country '{country}'; choose one of: {known}."]
    local, problems = _choose_help(content, code, state.strip().upper())
    if local is None:
        return [
            "The clinic content cannot give patients the right help numbers for "
            f"{code.value}{' ' + state.strip().upper() if state.strip() else ''}: "
            f"{problem.message}"
            for problem in problems
        ] or [f"The clinic content has no help numbers for {code.value}."]
    return []


def apply_clinic_profile(
    content: Content, profile: ClinicProfile | None, logo_dir: Path
) -> Content:
    """Return ``content`` with ``profile``'s details in place of clinic.yaml's.

    The profile's logo is written to ``logo_dir`` (the data folder) for the handouts to read.
    Raises :class:`ContentError` when the content's help.yaml does not cover the profile's
    country or state.
    """
    if profile is None:
        return content
    where = logo_dir / LOGO_FILE
    country = _country(profile.country)
    if country is None:
        message = (
            f"the clinic's country '{profile.country}', set in the app, is not one the app "
            f"knows ({', '.join(c.value for c in Country)})"
        )
        raise ContentError([ContentProblem(logo_dir, 0, message)])
    state = profile.state or None
    local = content.local_help
    if country is not content.clinic.country or state != content.clinic.state:
        chosen, problems = _choose_help(content, country, profile.state)
        if chosen is None:
            raise ContentError(
                [
                    ContentProblem(
                        p.path,
                        p.line,
                        f"the clinic's details set in the app ({country.value}"
                        f"{' ' + state if state else ''}) do not fit the content: {p.message}; "
                        "add them to help.yaml, or start with the content they were set with "
                        "and correct them in Admin > Clinic settings",
                        p.root,
                    )
                    for p in problems
                ]
            )
        local = chosen
    logo = content.clinic.logo
    if profile.logo is not None:
        kept = _kept_logo(profile.logo, where)
        logo = kept if kept is not None else logo
    clinic = replace(
        content.clinic,
        name=profile.name,
        address=profile.address,
        phone=profile.phone,
        country=country,
        state=state,
        logo=logo,
        out_of_hours=profile.out_of_hours or None,
    )
    return replace(content, clinic=clinic, local_help=local)


def _kept_logo(data: bytes, where: Path) -> Path | None:
    """Write the logo's bytes beside ``where`` for the handouts; return the file, or ``None``.

    The picture was checked when it was chosen; here only its kind is read from its first
    bytes, so a start does not load an image library. A logo that cannot be kept gives ``None``
    (the content's own logo is printed): a logo is never a reason to refuse to start.
    """
    from consult_app.paths import write_private_file

    suffix = next((s for magic, s in _LOGO_MAGIC if data.startswith(magic)), None)
    if suffix is None:
        return None
    path = where.with_suffix(suffix)
    try:
        if not path.is_file() or path.read_bytes() != data:
            write_private_file(path, data)
    except OSError:
        return None
    return path.resolve()
