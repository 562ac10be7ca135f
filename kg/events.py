"""The event table: one row per event, built by ONE SPARQL query over the store.

Columns: ``doc,event,type,agent,target,location,time,killed,injured,about,incident,sentence,instrument``
— ``doc`` the article id, ``event`` the event key, entity cells the preferred labels joined by `` | ``,
``about`` the key of the event referred to, ``incident`` the id of the incident the event reports
(shared by every report of one real-world event, see :mod:`kg.link`), ``instrument`` the weapons or
means of an attack.
Every pattern is matched inside the event's own article graph
(which holds the labels of the entities it names), so rows do not multiply with the number of
articles naming an entity.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from string import Template
from typing import Any

from kg.errors import UnknownFormatError
from kg.files import atomic_file
from kg.model import EVENT_TYPES
from kg.text import spreadsheet_cell, text_table

COLUMNS: tuple[str, ...] = (
    "doc", "event", "type", "agent", "target", "location", "time", "killed", "injured", "about", "incident",
    "sentence", "instrument",
)
SEPARATOR = " | "

EVENTS_QUERY = Template("""PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?doc ?event ?type
       (GROUP_CONCAT(DISTINCT ?agentName; separator=" | ") AS ?agent)
       (GROUP_CONCAT(DISTINCT ?targetName; separator=" | ") AS ?target)
       (GROUP_CONCAT(DISTINCT ?placeName; separator=" | ") AS ?location)
       (SAMPLE(?when) AS ?time) (SAMPLE(?k) AS ?killed) (SAMPLE(?i) AS ?injured)
       (SAMPLE(?aboutKey) AS ?about) (SAMPLE(?incidentKey) AS ?incident) (SAMPLE(?text) AS ?sentence)
       (GROUP_CONCAT(DISTINCT ?instrumentName; separator=" | ") AS ?instrument)
WHERE {
  GRAPH ?g {
    VALUES ?class { $classes }
    ?node a ?class ; kg:eventKey ?key ; prov:wasDerivedFrom ?article .
    ?article dcterms:identifier ?docId .
    OPTIONAL { ?node kg:agent ?agent . ?agent skos:prefLabel ?agentLabel }
    OPTIONAL { ?node kg:target ?target . ?target skos:prefLabel ?targetLabel }
    OPTIONAL { ?node kg:locatedIn ?place . ?place skos:prefLabel ?placeLabel }
    OPTIONAL { ?node kg:instrument ?means . ?means skos:prefLabel ?instrumentLabel }
    OPTIONAL { ?node kg:time ?timeValue }
    OPTIONAL { ?node kg:killed ?killedValue }
    OPTIONAL { ?node kg:injured ?injuredValue }
    OPTIONAL { ?node kg:about ?aboutNode . ?aboutNode kg:eventKey ?aboutValue }
    OPTIONAL { ?node kg:sentence ?sentenceValue }
  }
  OPTIONAL {
    GRAPH ?incidents { ?node kg:incident ?incidentNode . ?incidentNode kg:incidentId ?incidentValue }
  }
  BIND(STR(?docId) AS ?doc)
  BIND(STR(?key) AS ?event)
  BIND(STRAFTER(STR(?class), "#") AS ?type)
  BIND(COALESCE(STR(?agentLabel), "") AS ?agentName)
  BIND(COALESCE(STR(?targetLabel), "") AS ?targetName)
  BIND(COALESCE(STR(?placeLabel), "") AS ?placeName)
  BIND(COALESCE(STR(?instrumentLabel), "") AS ?instrumentName)
  BIND(STR(?timeValue) AS ?when)
  BIND(STR(?killedValue) AS ?k)
  BIND(STR(?injuredValue) AS ?i)
  BIND(STR(?aboutValue) AS ?aboutKey)
  BIND(STR(?incidentValue) AS ?incidentKey)
  BIND(STR(?sentenceValue) AS ?text)
}
GROUP BY ?node ?doc ?event ?type
ORDER BY ?doc xsd:integer(SUBSTR(?event, 2)) ?event
""").substitute(classes=" ".join(f"kg:{name}" for name in EVENT_TYPES))


def _sorted_cell(value: str) -> str:
    """A joined cell with its parts in a stable order (GROUP_CONCAT's order is unspecified)."""
    return SEPARATOR.join(sorted(part for part in value.split(SEPARATOR) if part)) if value else ""


def event_rows(store: Any) -> list[dict[str, str]]:
    """One dict per event, keys exactly :data:`COLUMNS`, ordered by article id and event number."""
    rows = []
    for solution in store.query(EVENTS_QUERY):
        row = {name: (solution[name].value if solution[name] is not None else "") for name in COLUMNS}
        for name in ("agent", "target", "location", "instrument"):
            row[name] = _sorted_cell(row[name])
        rows.append(row)
    return rows


def _delimited(rows: list[dict[str, str]], dialect: type[csv.Dialect]) -> str:
    """The table as CSV or TSV, every cell a spreadsheet would run as a formula neutralised (OWASP)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), dialect=dialect, lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: spreadsheet_cell(value) for name, value in row.items()} for row in rows)
    return buffer.getvalue()


def _csv(rows: list[dict[str, str]]) -> str:
    return _delimited(rows, csv.excel)


def _tsv(rows: list[dict[str, str]]) -> str:
    return _delimited(rows, csv.excel_tab)


def _table(rows: list[dict[str, str]]) -> str:
    """The table for a terminal: the columns but the sentence, which is too long to align."""
    shown = [name for name in COLUMNS if name != "sentence"]
    return text_table(shown, [[row[name] for name in shown] for row in rows])


def _json(rows: list[dict[str, str]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[str, Callable[[list[dict[str, str]]], str]] = {
    "csv": _csv,
    "tsv": _tsv,
    "json": _json,
    "table": _table,
}
"""Event table formats."""


def format_events(rows: list[dict[str, str]], fmt: str) -> str:
    """The table as text in ``fmt`` (``csv``, ``tsv``, ``json`` or ``table``)."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise UnknownFormatError("event table format", fmt, list(WRITERS)) from None
    return writer(rows)


def write_events(rows: list[dict[str, str]], fmt: str, out: Path | None = None) -> None:
    """Write the table to ``out`` atomically (temp file, then rename), or to stdout when ``out`` is None."""
    text = format_events(rows, fmt)
    if out is None:
        sys.stdout.write(text)
        return
    with atomic_file(out) as file:
        file.write(text.encode("utf-8"))
