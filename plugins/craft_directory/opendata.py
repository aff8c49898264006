"""Open data: the columns, declared once, drive the JSON, the CSV, datapackage.json and the field page."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from .directory import Profile


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless Table Schema type
    title: str
    description: str


COLUMNS = [
    Column("id", "string", "Id", "Vaste id van het profiel; gelijk aan de laatste stap van de profiel-URL. Verandert nooit."),
    Column("naam", "string", "Naam", "Naam van de persoon of organisatie."),
    Column("soort", "string", "Soort", "ambachtsmens, leerbedrijf, opleiding, restauratie, museum, evenement of organisatie."),
    Column("ambachten", "string", "Ambachten (ids)", "Ambacht-ids uit de ambachtenlijst, gescheiden door een puntkomma."),
    Column("ambachten_namen", "string", "Ambachten", "Namen van de ambachten, gescheiden door een puntkomma."),
    Column("provincie", "string", "Provincie (id)", "Provincie-id, of landelijk."),
    Column("provincie_naam", "string", "Provincie", "Naam van de provincie."),
    Column("plaats", "string", "Plaats", "Gemeente of woonplaats (nooit een adres)."),
    Column("kernzin", "string", "Kernzin", "Wat de deelnemer doet, in één zin."),
    Column("aanbod", "string", "Aanbod",
           "leerplek, stage, workshop, rondleiding en/of opleiding, gescheiden door een puntkomma."),
    Column("actief_sinds", "integer", "Actief sinds", "Jaartal waarin de deelnemer begon."),
    Column("website", "string", "Website", "Website van de deelnemer."),
    Column("email", "string", "E-mail", "Alleen ingevuld als de deelnemer het e-mailadres openbaar heeft gemaakt."),
    Column("profiel_url", "string", "Profielpagina", "Adres van het profiel in de ambachtengids."),
]


def rows(profiles: list[Profile], craft_names: dict[str, str], region_names: dict[str, str], siteurl: str) -> list[dict]:
    """One row per profile whose consent covers open data."""
    result = []
    for profile in profiles:
        if "open-data" not in profile.scope:
            continue
        result.append({
            "id": profile.slug,
            "naam": profile.name,
            "soort": profile.type,
            "ambachten": ";".join(profile.crafts),
            "ambachten_namen": ";".join(craft_names.get(c, c) for c in profile.crafts),
            "provincie": profile.region,
            "provincie_naam": region_names.get(profile.region, profile.region),
            "plaats": profile.place or "",
            "kernzin": profile.tagline or "",
            "aanbod": ";".join(profile.offers),
            "actief_sinds": profile.since,
            "website": profile.website or "",
            "email": profile.email or "",
            "profiel_url": f"{siteurl}/{profile.url}",
        })
    return result


def to_json(data_rows: list[dict]) -> str:
    return json.dumps(data_rows, ensure_ascii=False, indent=1) + "\n"


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection"),
# also after leading white space; the full-width forms are read as formulas by some too.
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
FORMULA_CONTROLS = ("\t", "\r", "\n")


def neutralise_formula(value):
    """A text cell a spreadsheet would run as a formula gets a single quote in front (OWASP);
    numbers and other text stay as they are."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_CONTROLS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(data_rows: list[dict]) -> str:
    """The rows as CSV; text cells neutralised against formula injection (the JSON stays exact)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c.name for c in COLUMNS], lineterminator="\r\n")
    writer.writeheader()
    for row in data_rows:
        writer.writerow({k: ("" if v is None else neutralise_formula(v)) for k, v in row.items()})
    return buffer.getvalue()


def datapackage(siteurl: str, title: str, publisher: str) -> dict:
    """A Frictionless Data Package describing both files, CC BY 4.0."""
    fields = [{"name": c.name, "type": c.type, "title": c.title, "description": c.description} for c in COLUMNS]
    schema = {"fields": fields, "primaryKey": ["id"]}
    licence = [{"name": "CC-BY-4.0", "title": "Creative Commons Naamsvermelding 4.0 Internationaal",
                "path": "https://creativecommons.org/licenses/by/4.0/deed.nl"}]
    return {
        "name": "ambachtengids",
        "title": f"Ambachtengids — {title}",
        "description": "Deelnemers aan de campagne die toestemming gaven voor publicatie als open data.",
        "homepage": f"{siteurl}/open-data/",
        "licenses": licence,
        "contributors": [{"title": publisher, "role": "publisher"}],
        "resources": [
            {"name": "ambachtengids-csv", "path": "ambachtengids.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "profile": "tabular-data-resource", "schema": schema, "licenses": licence},
            {"name": "ambachtengids-json", "path": "ambachtengids.json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8", "profile": "tabular-data-resource", "schema": schema,
             "licenses": licence},
        ],
    }
