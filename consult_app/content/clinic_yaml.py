"""clinic.yaml as the way the clinic's details move in and out of the app.

:func:`read_clinic_details` takes the details (name, address, phone, country, state,
out-of-hours line and logo) from a clinic.yaml, saying file and line of anything wrong;
:func:`write_clinic_yaml` writes the content's clinic.yaml with the details entered in the app
in place of its own, the logo beside it. A logo is named relative to the content folder (the
folder that holds ``content/``) when the file sits in ``content/``, else relative to the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consult_app.content.models import Content
from consult_app.domain.clinic_profile import MAX_LOGO_BYTES, ClinicProfile

__all__ = ["ClinicYamlError", "read_clinic_details", "write_clinic_yaml"]

_TEXT_KEYS = ("name", "phone", "country", "state", "out_of_hours")


class ClinicYamlError(Exception):
    """The file cannot give the clinic's details; the message says where and what to do."""


def _base(path: Path) -> Path:
    """Return the folder a logo in ``path`` is named relative to."""
    return path.parent.parent if path.parent.name == "content" else path.parent


def read_clinic_details(path: Path) -> ClinicProfile:
    """Return the clinic's details in the clinic.yaml at ``path`` (not yet checked as a whole).

    Raises :class:`ClinicYamlError` naming the file, the line and the problem.
    """
    from consult_app.content.clinic_profile import logo_problem
    from consult_app.content.yamlsafe import YamlList, YamlMap, read_yaml

    result = read_yaml(path)
    if result.problems or not isinstance(result.data, YamlMap):
        found = [str(p) for p in result.problems] or [f"{path}: not a clinic.yaml mapping"]
        raise ClinicYamlError("; ".join(found) + ". Choose a clinic.yaml file.")
    data: YamlMap = result.data
    values: dict[str, Any] = {}
    for key in _TEXT_KEYS:
        value = data.get(key)
        if value is not None and not isinstance(value, str | int):
            raise ClinicYamlError(f"{path}:{data.line_of(key)}: '{key}' must be one line of text.")
        values[key] = "" if value is None else str(value)
    address = data.get("address")
    if not isinstance(address, YamlList) or not all(isinstance(x, str) for x in address):
        raise ClinicYamlError(
            f"{path}:{data.line_of('address')}: 'address' must be a list of lines, "
            "for example address: [12 Wharf Street, Harbourtown NSW 2000]."
        )
    logo: bytes | None = None
    if isinstance(data.get("logo"), str):
        logo_path = _base(path) / data["logo"]
        where = f"{path}:{data.line_of('logo')}"
        try:
            if logo_path.stat().st_size > MAX_LOGO_BYTES:
                raise ClinicYamlError(f"{where}: the logo {logo_path.name} is too large.")
            logo = logo_path.read_bytes()
        except OSError as error:
            reason = error.strerror or str(error)
            raise ClinicYamlError(
                f"{where}: the logo {logo_path} cannot be read ({reason})."
            ) from error
        problem = logo_problem(logo, f"The file {logo_path.name}")
        if problem:
            raise ClinicYamlError(f"{where}: {problem}")
    return ClinicProfile(address=tuple(address), logo=logo, **values)


def write_clinic_yaml(content: Content, profile: ClinicProfile, path: Path) -> None:
    """Write ``content``'s clinic.yaml to ``path`` with ``profile``'s details in its place.

    Raises ``OSError`` if a file cannot be written.
    """
    import yaml

    from consult_app.content.clinic_profile import logo_suffix

    source = content.source_dir / "content" / "clinic.yaml"
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(
        name=profile.name,
        address=list(profile.address),
        phone=profile.phone,
        country=profile.country,
    )
    for key, value in (("state", profile.state), ("out_of_hours", profile.out_of_hours)):
        if value:
            data[key] = value
        else:
            data.pop(key, None)
    image = profile.logo
    if image is None and content.clinic.logo is not None:
        image = (content.source_dir / content.clinic.logo).read_bytes()
    if image is not None:
        logo = path.with_name(path.stem + "-logo" + logo_suffix(image))
        logo.write_bytes(image)
        data["logo"] = logo.relative_to(_base(path)).as_posix()
    else:
        data.pop("logo", None)
    heading = "# The clinic profile, written from the app's clinic settings.\n"
    text = heading + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
