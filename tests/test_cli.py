"""The ``kg`` command end to end: the quickstart's main job on the seed, and bad input at the door."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from kg.cli import _load_commands, app

pytestmark = pytest.mark.slow

_load_commands()
runner = CliRunner()

KG = "https://w3id.org/newskg/ontology#"
COLUMNS = "doc,event,type,agent,target,location,time,killed,injured,about,incident,sentence,instrument"


def kg(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_dir: Path) -> dict:
    """Build the seed once, with the quickstart's deliverables in ``out``."""
    root = tmp_path_factory.mktemp("cli")
    store, out = root / "store", root / "out"
    result = kg("build", str(seed_dir), "--store", str(store), "--out", str(out))
    assert result.exit_code == 0, result.output
    return {"store": store, "out": out, "output": result.output, "root": root}


def _graph(path: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    return graph


def _ask(graph: rdflib.Graph, where: str) -> bool:
    prefixes = f"PREFIX kg: <{KG}>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    return bool(graph.query(prefixes + "ASK { " + where + " }").askAnswer)


def test_build_prints_where_the_deliverables_are(built: dict) -> None:
    out = built["out"]
    for name in ("graph.ttl", "events.csv", "view.html"):
        assert (out / name).stat().st_size > 0
        assert str(out / name) in built["output"]
    assert "1 added" in built["output"]


def test_turtle_holds_the_seed_key_facts(built: dict) -> None:
    graph = _graph(built["out"] / "graph.ttl")
    assert _ask(
        graph,
        """
        ?is skos:prefLabel ?isl . FILTER(CONTAINS(LCASE(STR(?isl)), "islamic state"))
        ?is kg:claimed ?attack . ?attack a kg:Attack ; kg:locatedIn ?place .
        ?place skos:prefLabel "Kerman"@en .""",
    )
    assert _ask(
        graph,
        '?a a kg:Attack ; kg:killed 100 ; kg:injured 284 ; kg:locatedIn ?p . ?p skos:prefLabel "Kerman"@en .',
    )
    assert _ask(
        graph,
        """
        ?c a kg:Condemn ; kg:agent ?unsc ; kg:about ?a . ?a a kg:Attack .
        ?unsc skos:prefLabel ?l . FILTER(CONTAINS(STR(?l), "Security Council"))""",
    )
    assert _ask(
        graph,
        """
        ?d a kg:Deny ; kg:agent ?us ; kg:about ?a . ?a a kg:Attack ; kg:locatedIn/skos:prefLabel "Kerman"@en .
        ?us skos:prefLabel "United States"@en .""",
    )


def test_no_accusation_of_israel_from_a_denial(built: dict) -> None:
    graph = _graph(built["out"] / "graph.ttl")
    assert not _ask(
        graph,
        """
        ?e a kg:Accuse ; kg:target ?t ; kg:sentence ?s . ?t skos:prefLabel "Israel"@en .
        FILTER(CONTAINS(?s, "no reason to believe"))""",
    )


def test_every_event_links_to_its_article_and_sentence(built: dict) -> None:
    graph = _graph(built["out"] / "graph.ttl")
    orphans = graph.query(f"""PREFIX kg: <{KG}> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?e WHERE {{ ?e a kg:Event .
          FILTER NOT EXISTS {{ ?e kg:sentence ?s ; prov:wasDerivedFrom ?art . ?art a kg:Article }} }}""")
    assert list(orphans) == []


def test_event_table_has_the_columns_and_the_attack(built: dict) -> None:
    text = (built["out"] / "events.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == COLUMNS
    rows = list(csv.DictReader(text.splitlines()))
    attacks = [r for r in rows if r["type"] == "Attack" and "Kerman" in r["location"]]
    assert any(r["killed"] == "100" and r["injured"] == "284" for r in attacks)
    keys = {r["event"] for r in rows}
    assert all(r["about"] in keys for r in rows if r["about"])


def test_view_contains_the_nodes(built: dict) -> None:
    html = (built["out"] / "view.html").read_text(encoding="utf-8")
    for label in ("Islamic State", "Kerman", "United States"):
        assert label in html
    assert "https://cdn" not in html


def test_rebuilding_adds_nothing_twice(built: dict, seed_dir: Path) -> None:
    before = kg(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--store",
        str(built["store"]),
        "--format",
        "csv",
    )
    again = kg("build", str(seed_dir), "--store", str(built["store"]))
    assert again.exit_code == 0, again.output
    assert "0 added" in again.output and "1 unchanged" in again.output
    after = kg(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--store",
        str(built["store"]),
        "--format",
        "csv",
    )
    assert before.output == after.output


def test_events_command_reads_the_store(built: dict, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    result = kg("events", "--store", str(built["store"]), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == (built["out"] / "events.csv").read_text(encoding="utf-8")


def test_malformed_sparql_is_a_usage_error(built: dict) -> None:
    result = runner.invoke(app, ["query", "SELECT ?x WHERE { ?x ", "--store", str(built["store"])])
    assert result.exit_code == 2
    assert "line 1, column 22" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unknown_export_format_is_a_usage_error(built: dict) -> None:
    result = runner.invoke(app, ["export", "--format", "docx", "--store", str(built["store"])])
    assert result.exit_code == 2
    assert "docx" in result.output


def test_bad_files_are_named_and_the_rest_is_built(tmp_path: Path, seed_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    shutil.copy(next(seed_dir.glob("*.txt")), corpus / "good.txt")
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert "1 added" in result.stdout and "skipped 2" in result.stdout


def test_nothing_readable_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(tmp_path / "empty.txt"),
            "--store",
            str(tmp_path / "store"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: error")]
    assert len(errors) == 1 and "no article" in errors[0]


def test_unknown_model_is_reported_clearly(tmp_path: Path, seed_dir: Path) -> None:
    result = runner.invoke(
        app, ["build", str(seed_dir), "--store", str(tmp_path / "s"), "--model", "xx_no_such"]
    )
    assert result.exit_code != 0
    assert "xx_no_such" in result.output


def test_help_lists_every_command() -> None:
    """Each command is a row of the Commands section (its name first), not a word of the app's description."""
    lines = kg("--help").output.splitlines()
    section = lines[lines.index("Commands:") + 1 :]
    listed = {row.split()[0] for row in section if row.startswith("  ") and row[2] != " "}
    expected = {
        "build",
        "export",
        "query",
        "events",
        "view",
        "analyze",
        "validate",
        "remove",
        "serve",
        "explain",
    }
    assert listed == expected


def test_help_speaks_in_metavars_not_python_types() -> None:
    """git/ripgrep conventions: ``-j, --jobs N``, ``PATH...``, flags without a type, no range noise."""
    build = kg("build", "--help").output
    assert "Usage: kg build [OPTIONS] PATH..." in build
    assert "-j, --jobs N " in build and "-s, --store STORE " in build and "-o, --out PATH " in build
    assert "-q, --quiet " in build and "--link / --no-link " in build
    for noise in ("<bool>", "<str>", "<int", "<path>", "list[", "{", "x>=1"):
        assert noise not in build
    query = kg("query", "--help").output
    assert "Usage: kg query [OPTIONS] [SPARQL]" in query
    assert "-F, --file PATH " in query and "-f, --format FORMAT " in query and "--param NAME=VALUE" in query
    assert "--since DATE" in kg("view", "--help").output
    assert "<bool>" not in kg("--help").output


def test_f_is_format_in_every_command() -> None:
    for command in ("query", "events", "export", "analyze", "explain"):
        assert "-f, --format FORMAT" in kg(command, "--help").output, command


def test_a_range_is_still_checked_with_a_one_line_reason() -> None:
    result = kg("build", "--jobs", "0", "nothing.txt")
    assert result.exit_code == 2
    assert "Invalid value for '--jobs' / '-j': Input should be greater than or equal to 1" in result.output


def test_outputs_and_stores_get_their_missing_folders(built: dict, tmp_path: Path) -> None:
    store = str(built["store"])
    nested = tmp_path / "a" / "b"
    assert kg("events", "-s", store, "-o", str(nested / "events.csv")).exit_code == 0
    assert kg("export", "-s", store, "-o", str(nested / "deep" / "graph.ttl")).exit_code == 0
    assert (nested / "events.csv").read_text(encoding="utf-8").startswith("doc,event,type")
    assert (nested / "deep" / "graph.ttl").stat().st_size > 0
    new_store = tmp_path / "not" / "yet" / "store"
    result = kg("query", "-s", str(new_store), "--allow-update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert result.exit_code == 0, result.output
    assert (new_store / "CURRENT").is_file()


def test_a_file_where_a_folder_should_be_is_named(built: dict, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    result = kg("export", "-s", str(built["store"]), "-o", str(tmp_path / "out" / "graph.ttl"))
    assert result.exit_code == 1
    folder = tmp_path / "out"
    expected = f"kg: error: cannot write {folder / 'graph.ttl'}: {folder} is a file, not a folder"
    assert expected in " ".join(result.output.split())


def test_tables_have_no_blank_first_line_and_no_trailing_spaces(built: dict) -> None:
    for args in (("query", "--name", "attacks-by-place"), ("events", "-f", "table")):
        output = kg(*args, "-s", str(built["store"])).output
        lines = output.splitlines()
        assert lines[0].split()[0] in {"place", "doc"}, args
        assert set(lines[1]) <= {"-", " "}, args
        assert all(line == line.rstrip() for line in lines), args
    tsv = kg("events", "-f", "tsv", "-s", str(built["store"])).output.splitlines()
    assert tsv[0].split("\t")[:3] == ["doc", "event", "type"]


def test_query_list_describes_each_ready_query_for_users() -> None:
    listing = kg("query", "--list").output
    assert "entity: Everything about one entity" in listing
    assert "--param name=VALUE  the entity's label or one of its aliases" in listing
    assert "usage: kg query --name entity --param name=VALUE" in listing
    assert "--param limit=N  the first N rows only" in listing
    assert "Speed:" not in listing and "IRI first" not in listing


def test_an_article_failing_to_store_is_one_line_the_rest_is_written_and_the_exit_code_is_1(
    tmp_path: Path, monkeypatch
) -> None:
    from kg.errors import StoreError
    from kg.store.oxigraph import OxigraphStore

    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("a1", "a2", "a3"):
        (corpus / f"{name}.txt").write_text(f"Raid {name}\n\nRebels attacked a depot in Tarvona ({name}).\n")
    real_batch, real_one = OxigraphStore.write_articles, OxigraphStore.replace_article

    def batch(self, items) -> None:
        if any(article_id == "a2" for article_id, _ in items):
            raise StoreError("endpoint answered HTTP 413: too large")
        real_batch(self, items)

    def one(self, article_id, quads) -> None:
        if article_id == "a2":
            raise StoreError("endpoint answered HTTP 413: too large")
        real_one(self, article_id, quads)

    monkeypatch.setattr(OxigraphStore, "write_articles", batch)
    monkeypatch.setattr(OxigraphStore, "replace_article", one)
    store = tmp_path / "store"
    result = runner.invoke(app, ["build", str(corpus), "--store", str(store), "-q"])
    assert result.exit_code == 1, result.output
    failed = [line for line in result.stderr.splitlines() if line.startswith("kg: failed ")]
    assert failed == ["kg: failed a2: store write failed: endpoint answered HTTP 413: too large"]
    assert "read 3 articles: 2 added" in result.stdout and "; failed 1 (1 store write);" in result.stdout
    monkeypatch.undo()
    with OxigraphStore(store, read_only=True) as built:
        assert built.articles() == ["a1", "a3"]


def test_text_on_the_command_line_that_is_not_utf8_is_one_error_line(built: dict) -> None:
    # bytes that are not UTF-8 reach Python as lone surrogates; pyoxigraph raised UnicodeEncodeError
    store = str(built["store"])
    for args in (
        ("query", "--store", store, 'ASK { ?s ?p "\udcff" }'),
        ("remove", "--store", store, "caf\udce9"),
        ("query", "--store", store, "--name", "entity", "--param", "name=\udcff"),
    ):
        result = runner.invoke(app, list(args))
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "not UTF-8" in lines[0], lines


def test_the_view_a_build_wrote_into_its_input_folder_is_not_read_as_an_article(
    built: dict, seed_dir: Path, tmp_path: Path
) -> None:
    # kg build news --out news, then kg build news: out/view.html was read as an HTML article
    news = tmp_path / "news"
    shutil.copytree(seed_dir, news)
    shutil.copy(built["out"] / "view.html", news / "view.html")
    store = tmp_path / "store"
    result = runner.invoke(app, ["build", str(news), "--store", str(store), "-q"])
    assert result.exit_code == 0, result.output
    assert f"kg: skipped {news / 'view.html'}: kg output: " in result.stderr
    assert "read 1 article: 1 added" in result.stdout and "skipped 1 (1 kg output)" in result.stdout
