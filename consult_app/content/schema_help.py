"""The records of the help file (help.yaml), part of :data:`schema.RECORDS`."""

from __future__ import annotations

from consult_app.content import models
from consult_app.content.schema_types import CHECKED, CLINIC_SOURCE, SOURCE, C, D, Key, P, Record

RECORDS: dict[str, Record] = {
    "HelpFile": Record(
        "help file",
        "Emergency numbers, advice lines and regulators by country (help.yaml).",
        (
            Key(
                "countries",
                "list[CountryHelp]",
                C,
                "One entry per country; the clinic's country must have one.",
                min_items=1,
                unique="country",
            ),
        ),
    ),
    "CountryHelp": Record(
        "country",
        "Where a patient in one country gets help, and reports a side effect.",
        (
            Key("country", "enum[Country]", C, "The country these numbers are for."),
            Key("emergency", "EmergencyNumber", P, "The emergency (ambulance) number."),
            Key("regulator", "Regulator", P, "Where side effects can be reported."),
            Key(
                "advice_lines",
                "list[AdviceLine]",
                P,
                "Health advice lines for when the clinic is closed, by state where it matters.",
                required=False,
            ),
        ),
        models.CountryHelp,
    ),
    "EmergencyNumber": Record(
        "emergency number",
        "The number to call for an ambulance.",
        (
            Key("phone", "str", P, "The number, as dialled (e.g. 000)."),
            Key("source", "str", D, SOURCE + CLINIC_SOURCE),
            Key("checked", "date", D, CHECKED),
        ),
        models.EmergencyNumber,
    ),
    "AdviceLine": Record(
        "advice line",
        "A health advice line; without 'states' it covers the whole country.",
        (
            Key("name", "str", P, "The line's name, as patients know it."),
            Key("phone", "str", P, "Its number, as dialled."),
            Key("source", "str", D, SOURCE + CLINIC_SOURCE),
            Key("checked", "date", D, CHECKED),
            Key(
                "states",
                "list[str]",
                C,
                "States or territories it serves (e.g. NSW), matched to clinic.yaml 'state'.",
                required=False,
            ),
            Key(
                "note",
                "str",
                D,
                "Anything the clinic should know, e.g. a new name.",
                required=False,
            ),
        ),
        models.AdviceLine,
    ),
    "Regulator": Record(
        "regulator",
        "Where a patient can report a side effect.",
        (
            Key("name", "str", P, "Its name as printed after 'report a side effect to'."),
            Key("source", "str", D, SOURCE + CLINIC_SOURCE),
            Key("checked", "date", D, CHECKED),
            Key("web", "str", P, "Its web address for reports.", required=False),
            Key("note", "str", D, "What the clinic should check.", required=False),
        ),
        models.Regulator,
    ),
}
