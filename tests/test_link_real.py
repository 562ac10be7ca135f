"""Incidents end to end on real articles of bench/real/tune: three outlets' reports of one bombing, two of
another attack, and an unrelated attack, built with ``kg build`` and read back through the CLI."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import _load_commands, app

_load_commands()
pytestmark = pytest.mark.slow

TUNE = Path(__file__).resolve().parent.parent / "bench" / "real" / "tune" / "articles"
BOMBING = ("a01_kabul-airport-inews", "a02_kabul-airport-parhlo", "a03_kabul-airport-rollingstone")
OTHER = ("c04_crocus-kyiv-denies", "c05_crocus-recriminations")
UNRELATED = "b07_nyanya-france24"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    names = (*BOMBING, *OTHER, UNRELATED)
    if not all((TUNE / f"{name}.txt").is_file() for name in names):
        pytest.skip("the tuning articles are not in bench/real/tune")
    folder = tmp_path_factory.mktemp("real")
    for name in names:
        shutil.copy(TUNE / f"{name}.txt", folder / f"{name}.txt")
    store = folder / "store"
    done = CliRunner().invoke(app, ["build", str(folder), "--store", str(store)])
    assert done.exit_code == 0, done.output
    return store


def table(store: Path, *args: str) -> list[dict[str, str]]:
    done = CliRunner().invoke(app, [*args, "--store", str(store), "--format", "csv"])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(io.StringIO(done.stdout)))


def main_attacks(store: Path) -> dict[str, dict[str, str]]:
    """Each article's first attack: the one its headline and lead tell."""
    found: dict[str, dict[str, str]] = {}
    for row in table(store, "events"):
        if row["type"] == "Attack":
            found.setdefault(row["doc"], row)
    return found


def test_reports_of_one_bombing_share_one_incident_and_others_do_not(built: Path) -> None:
    attacks = main_attacks(built)
    bombing = {attacks[doc]["incident"] for doc in BOMBING}
    other = {attacks[doc]["incident"] for doc in OTHER}
    assert len(bombing) == 1 and len(other) == 1 and bombing != other
    assert attacks[UNRELATED]["incident"] not in bombing | other
    assert all(row["incident"] for row in attacks.values())


def test_casualties_count_the_bombing_once_with_its_range(built: Path) -> None:
    [incident] = {main_attacks(built)[doc]["incident"] for doc in BOMBING}
    [row] = [r for r in table(built, "query", "--name", "attacks-by-place") if r["incident"] == incident]
    assert row["reports"] == "3" and set(row["docs"].split(" | ")) == set(BOMBING)
    low, _, high = row["killed_range"].partition("-")
    assert int(low) <= int(row["killed"]) <= int(high or low)
    [place] = [
        r for r in table(built, "query", "--name", "casualties-by-place") if r["place"] == row["place"]
    ]
    assert int(place["reports"]) - int(place["incidents"]) >= 2  # three reports, counted as one
    assert int(place["killed"]) >= int(row["killed"])


def test_facts_give_each_value_its_sentence_and_a_figure_is_in_its_sentence(built: Path) -> None:
    facts = table(built, "query", "--name", "facts")
    assert facts and {"doc", "event", "role", "value", "sentence", "start", "end", "rule"} <= set(facts[0])
    figures = [f for f in facts if f["role"] in ("killed", "injured")]
    assert figures
    for fact in figures:
        assert fact["value"] in fact["sentence"].replace(",", "") or fact["rule"] == "event.evidence", fact


def test_the_graph_validates_and_removing_a_report_unlinks_it(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    done = CliRunner().invoke(app, ["validate", "--store", str(copy)])
    assert done.exit_code == 0, done.output
    done = CliRunner().invoke(app, ["remove", OTHER[0], "--store", str(copy)])
    assert done.exit_code == 0, done.output
    attacks = main_attacks(copy)
    assert OTHER[0] not in attacks and attacks[OTHER[1]]["incident"]
    docs = {d for r in table(copy, "query", "--name", "attacks-by-place") for d in r["docs"].split(" | ")}
    assert OTHER[0] not in docs and OTHER[1] in docs
    done = CliRunner().invoke(app, ["validate", "--store", str(copy)])  # no incident left without reports
    assert done.exit_code == 0, done.output
