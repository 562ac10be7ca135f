"""The event table (one SPARQL query, exact columns, joined labels, stable order) and the store commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_store import fill
from typer.testing import CliRunner

from kg.cli import _load_commands, app
from kg.errors import UnknownFormatError
from kg.events import COLUMNS, event_rows, format_events, write_events
from kg.store import open_store

HEADER = "doc,event,type,agent,target,location,time,killed,injured,about,incident,sentence,instrument"


@pytest.fixture(scope="module")
def location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("events") / "store"
    with open_store(path) as store:
        fill(store)
    return path


@pytest.fixture(scope="module")
def table(location: Path) -> list[dict[str, str]]:
    with open_store(location, read_only=True) as store:
        return event_rows(store)


def test_columns_are_exact(table) -> None:
    assert ",".join(COLUMNS) == HEADER
    assert all(list(row) == list(COLUMNS) for row in table)


def test_rows_in_doc_and_key_order(table) -> None:
    assert [(r["doc"], r["event"], r["type"]) for r in table] == [
        ("bombing", "e1", "Attack"),
        ("bombing", "e2", "ClaimResponsibility"),
        ("bombing", "e3", "Condemn"),
        ("bombing", "e4", "Accuse"),
        ("raid", "e1", "Attack"),
        ("raid", "e2", "Deny"),
        ("raid", "e3", "Protest"),
    ]


def test_cells(table) -> None:
    attack, claim, _, accuse, raid, _, protest = table
    assert (attack["location"], attack["time"], attack["killed"], attack["injured"], attack["about"]) == (
        "Old Market",
        "2023-05-04",
        "12",
        "30",
        "",
    )
    assert (claim["agent"], claim["about"], claim["sentence"]) == (
        "Northern Front",
        "e1",
        "The Northern Front said it did it.",
    )
    assert (accuse["agent"], accuse["target"]) == ("Ruritania", "Borduria")
    assert (raid["target"], raid["time"], raid["killed"], raid["injured"]) == (
        "villagers",
        "2023-06",
        "3",
        "",
    )
    assert (protest["agent"], protest["location"]) == ("villagers", "Harbour District")


def test_several_labels_are_joined_sorted(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        fill(store)
        harbour = "<https://w3id.org/newskg/entity/harbour-district>"
        store.update(
            "PREFIX kg: <https://w3id.org/newskg/ontology#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "INSERT DATA { GRAPH <https://w3id.org/newskg/graph/bombing> { "
            f"<https://w3id.org/newskg/event/bombing/e1> kg:locatedIn {harbour} . "
            f'{harbour} skos:prefLabel "Harbour District"@en }} }}'
        )
        rows = event_rows(store)
    assert rows[0]["location"] == "Harbour District | Old Market"


def test_csv_and_json(table, tmp_path: Path) -> None:
    text = format_events(table, "csv")
    assert text.splitlines()[0] == HEADER
    assert list(csv.DictReader(io.StringIO(text))) == table
    out = tmp_path / "events.json"
    write_events(table, "json", out)
    assert json.loads(out.read_text()) == table
    assert [p.name for p in tmp_path.iterdir()] == ["events.json"]
    with pytest.raises(UnknownFormatError):
        format_events(table, "xlsx")


@pytest.fixture(scope="module")
def cli() -> CliRunner:
    _load_commands()
    return CliRunner()


def test_cli_events(cli: CliRunner, location: Path, tmp_path: Path) -> None:
    result = cli.invoke(app, ["events", "--store", str(location)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == HEADER
    out = tmp_path / "e.json"
    assert cli.invoke(app, ["events", "-s", str(location), "--format", "json", "-o", str(out)]).exit_code == 0
    assert len(json.loads(out.read_text())) == 7


def test_cli_query_and_errors(cli: CliRunner, location: Path) -> None:
    listed = cli.invoke(app, ["query", "--list", "-s", str(location)])
    assert "who-claimed" in listed.stdout and "--param name=" in listed.stdout
    found = cli.invoke(
        app, ["query", "-s", str(location), "--name", "entity", "--param", "name=NF", "--format", "csv"]
    )
    assert found.exit_code == 0 and "claimed" in found.stdout
    bad = cli.invoke(app, ["query", "-s", str(location), "SELECT * WHERE { ?s ?p }"])
    assert bad.exit_code == 2 and "line 1, column" in bad.stderr
    update = cli.invoke(app, ["query", "-s", str(location), "CLEAR ALL"])
    assert update.exit_code == 2 and "--allow-update" in update.stderr


def test_cli_export_and_remove(cli: CliRunner, location: Path, tmp_path: Path) -> None:
    with open_store(location, read_only=True) as source:
        size = len(source)
    out = tmp_path / "g.nq"
    exported = cli.invoke(app, ["export", "-s", str(location), "-f", "application/n-quads", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert len(out.read_text().splitlines()) == size
    assert cli.invoke(app, ["export", "-s", str(location), "-f", "yaml"]).exit_code == 2
    missing = cli.invoke(app, ["remove", "-s", str(location), "nope"])
    assert missing.exit_code == 2 and "no article 'nope'" in missing.stderr
    copy = tmp_path / "copy"
    with open_store(copy) as store:
        fill(store)
    assert cli.invoke(app, ["remove", "-s", str(copy), "bombing"]).exit_code == 0
    with open_store(copy, read_only=True) as store:
        assert store.articles() == ["raid"]


def test_remove_finds_the_article_under_any_spelling_of_its_id(cli: CliRunner, tmp_path: Path) -> None:
    """Attack 2: after a build kept ``Report A``, ``kg remove report-a`` could not find it."""
    copy = tmp_path / "copy"
    with open_store(copy) as store:
        fill(store)
    removed = cli.invoke(app, ["remove", "-s", str(copy), "  BOMBING "])
    assert removed.exit_code == 0, removed.output
    assert removed.stdout.startswith("removed bombing; ")
    with open_store(copy, read_only=True) as store:
        assert store.articles() == ["raid"]


def test_csv_cells_that_would_be_formulas_are_neutralised(tmp_path: Path) -> None:
    """Attack 12: an id ``=HYPERLINK(…)`` or a sentence starting ``=``, ``+``, ``@`` went raw into CSV."""
    rows = [
        dict.fromkeys(COLUMNS, "")
        | {"doc": '=HYPERLINK("http://evil.example","click")', "event": "e1", "type": "Attack"}
        | {"killed": "3", "sentence": "+cmd|' /C calc'!A0", "agent": "@SUM(1+1)", "target": "\t=1"},
    ]
    out = tmp_path / "events.csv"
    write_events(rows, "csv", out)
    (row,) = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert row["doc"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["sentence"] == "'+cmd|' /C calc'!A0"
    assert row["agent"] == "'@SUM(1+1)" and row["target"] == "'\t=1"
    assert row["killed"] == "3" and row["type"] == "Attack"
    assert json.loads(format_events(rows, "json"))[0]["doc"].startswith("=HYPERLINK")  # JSON is data


def test_error_lines_carry_no_terminal_control_characters(cli: CliRunner, location: Path) -> None:
    """Attack 12: ESC and BEL in names reached the terminal raw (here a file name in an error line)."""
    result = cli.invoke(app, ["query", "-s", str(location), "-F", "evil\x1b]0;pwned\x07\x1b[2J.rq"])
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: cannot read query file evil]0;pwned[2J.rq")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
