"""kg.build: the main job's streaming, skipping and accounting, on a real store and pipeline."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import kg.build
import kg.extract.version
from kg.build import BuildReport, build
from kg.errors import KgError, NothingIngestedError, StoreError
from kg.extract.version import extractor_version
from kg.store import open_store

pytestmark = pytest.mark.slow

FIRST = "Rebels attack depot\n\nRebels attacked a fuel depot in Tarvona on Monday, killing four guards.\n"
SECOND = "Ministry condemns raid\n\nThe Interior Ministry condemned the raid on the depot.\n"


def _corpus(folder: Path, **texts: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _count(store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))[0].value)


KG_NS = "https://w3id.org/newskg/ontology#"
EVENTS = "PREFIX kg: <https://w3id.org/newskg/ontology#> SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Event }"


def test_build_adds_each_article_once(tmp_path: Path, nlp) -> None:
    corpus = _corpus(tmp_path / "in", depot=FIRST, reaction=SECOND)
    with open_store(tmp_path / "store") as store:
        first = build([corpus], store)
        events = _count(store, EVENTS)
        second = build([corpus], store)
        assert (first.read, first.added, first.unchanged) == (2, 2, 0)
        assert first.events == events > 0
        assert (second.added, second.unchanged) == (0, 2)
        assert _count(store, EVENTS) == events
        assert sorted(store.articles()) == ["depot", "reaction"]


def test_a_changed_article_replaces_its_old_facts(tmp_path: Path, nlp) -> None:
    corpus = _corpus(tmp_path / "in", depot=FIRST)
    with open_store(tmp_path / "store") as store:
        build([corpus], store)
        _corpus(corpus, depot=FIRST.replace("killing four guards", "killing nine guards"))
        report = build([corpus], store)
        assert report.added == 1
        killed = store.query(
            "PREFIX kg: <https://w3id.org/newskg/ontology#> SELECT ?k WHERE { ?e kg:killed ?k }"
        )
        assert [row[0].value for row in killed] == ["9"]


def test_bad_items_are_reported_counted_and_skipped(tmp_path: Path, nlp) -> None:
    corpus = _corpus(tmp_path / "in", depot=FIRST)
    (corpus / "empty.txt").write_bytes(b"")
    heard: list[KgError] = []
    with open_store(tmp_path / "store") as store:
        report = build([corpus], store, on_error=heard.append)
    assert report.added == 1
    assert report.skipped == {"empty": 1}
    assert [str(e) for e in heard] == [f"{corpus / 'empty.txt'}: empty: no text in it"]
    assert report.summary().endswith("skipped 1 (1 empty)")


def test_nothing_readable_raises(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with open_store(tmp_path / "store") as store, pytest.raises(NothingIngestedError):
        build([tmp_path / "empty.txt"], store, on_error=lambda error: None)


def test_the_store_is_flushed_as_the_build_goes(tmp_path: Path, nlp, monkeypatch) -> None:
    monkeypatch.setattr(kg.build, "FLUSH_EVERY", 1)
    corpus = _corpus(tmp_path / "in", depot=FIRST, reaction=SECOND)
    with open_store(tmp_path / "store") as store:
        flushes: list[int] = []
        real_flush = store.flush
        monkeypatch.setattr(store, "flush", lambda: (flushes.append(1), real_flush()))
        build([corpus], store)
    assert len(flushes) == 2


def test_the_same_text_under_another_id_is_recorded_once(tmp_path: Path, nlp) -> None:
    copy = FIRST.replace("Rebels attack depot", "Depot attacked").replace("  ", " ").upper()
    corpus = _corpus(tmp_path / "in", depot=FIRST, mirror=copy, reaction=SECOND)
    heard: list[tuple[str, str]] = []
    with open_store(tmp_path / "store") as store:
        report = build([corpus], store, on_duplicate=lambda a, b: heard.append((a, b)))
        assert report.duplicates == heard == [("mirror", "depot")]
        assert (report.added, report.read) == (2, 3)
        assert "1 duplicate" in report.summary()
        assert sorted(store.articles()) == ["depot", "mirror", "reaction"]
        mirror = (
            "PREFIX kg: <https://w3id.org/newskg/ontology#> SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Event ; "
            "<http://www.w3.org/ns/prov#wasDerivedFrom> <https://w3id.org/newskg/article/mirror> }"
        )
        assert _count(store, mirror) == 0
        again = build([corpus], store)
        assert (again.unchanged, again.duplicates) == (3, [])


def test_build_links_attacks_into_incidents_and_no_link_leaves_them_for_later(tmp_path: Path, nlp) -> None:
    from kg.events import event_rows

    corpus = _corpus(tmp_path / "in", depot=FIRST, reaction=SECOND)
    with open_store(tmp_path / "store") as store:
        build([corpus], store, link=False)
        assert all(not r["incident"] for r in event_rows(store))
        later = _corpus(tmp_path / "more", other=FIRST.replace("four guards", "five guards") + "More.\n")
        report = build([later], store)
        attacks = [r for r in event_rows(store) if r["type"] == "Attack"]
        assert attacks and all(r["incident"] for r in attacks)
        assert report.incidents >= 1


def test_ids_sharing_an_iri_are_skipped_and_the_summary_matches_the_store(tmp_path: Path, nlp) -> None:
    """Attack 2: three spellings of one id said "3 added", kept one, and each rebuild flipped which."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, town in (("Report A", "Tarvona"), ("report-a", "Kessel"), ("REPORT A", "Dunmore")):
        (corpus / f"{name}.txt").write_text(FIRST.replace("Tarvona", town), encoding="utf-8")
    heard: list[KgError] = []
    with open_store(tmp_path / "store") as store:
        first = build([corpus], store, on_error=heard.append)
        assert (first.read, first.added, first.skipped) == (1, 1, {"id collision": 2})
        assert store.articles() == ["REPORT A"]
        assert len(heard) == 2 and all("'REPORT A'" in str(error) for error in heard)
        again = build([corpus], store, on_error=heard.append)
        assert (again.added, again.unchanged) == (0, 1)
        assert store.articles() == ["REPORT A"]  # no flip
        (tmp_path / "later").mkdir()
        (tmp_path / "later" / "report  a.txt").write_text(SECOND, encoding="utf-8")
        with pytest.raises(NothingIngestedError):
            build([tmp_path / "later"], store, on_error=heard.append)
        assert "'report  a' names the same article IRI as 'REPORT A' (already in the store)" in str(heard[-1])
        assert store.articles() == ["REPORT A"]


def test_an_unmappable_value_is_dropped_and_its_article_stored(tmp_path: Path, monkeypatch) -> None:
    """Attack 15: MUC-4 TST4-MUC4-0083's attack got time '815' and the whole article was skipped."""
    from kg.model import Event, Evidence, Extraction

    def extract(articles, nlp, **options):
        for article in articles:
            evidence = Evidence(article.id, article.text, 0, len(article.text), 0.8, "test")
            yield Extraction(article, (), (Event("e1", "Attack", "bomb", evidence, time="815", killed=2),))

    monkeypatch.setattr(kg.build, "load_pipeline", lambda name: None)
    monkeypatch.setattr(kg.build, "extract", extract)
    corpus = _corpus(tmp_path / "in", school=FIRST)
    warnings: list[str] = []
    with open_store(tmp_path / "store") as store:
        report = build([corpus], store, on_warning=warnings.append)
        assert (report.added, report.dropped, report.skipped_total) == (1, 1, 0)
        assert warnings == [
            "school: event e1: dropped time '815': time '815' is not an ISO date, year-month or year"
        ]
        assert "1 unmappable value dropped" in report.summary()
        killed = store.query(f"SELECT ?k WHERE {{ ?e <{KG_NS}killed> ?k }}")
        assert [row[0].value for row in killed] == ["2"]


def test_a_rebuild_by_another_extractor_version_extracts_again_and_says_how_many(
    tmp_path: Path, nlp, monkeypatch, request
) -> None:
    corpus = _corpus(tmp_path / "in", depot=FIRST, reaction=SECOND)
    with open_store(tmp_path / "store") as store:
        build([corpus], store)
        same = build([corpus], store)
        assert (same.added, same.unchanged, same.reextracted) == (0, 2, 0)
        events = _count(store, EVENTS)
        old = extractor_version()
        extra = tmp_path / "cues-upgrade.yaml"
        extra.write_text("# a data file an upgrade brings\n", encoding="utf-8")
        files = [*kg.extract.version.extraction_files(), ("data/new.yaml", extra)]
        monkeypatch.setattr(kg.extract.version, "extraction_files", lambda: files)
        extractor_version.cache_clear()
        request.addfinalizer(extractor_version.cache_clear)
        new = extractor_version()
        assert new != old
        upgraded = build([corpus], store)
        assert (upgraded.read, upgraded.added, upgraded.unchanged, upgraded.reextracted) == (2, 2, 0, 2)
        assert "2 of them re-extracted (the extractor or the model changed)" in upgraded.summary()
        assert _count(store, EVENTS) == events
        versions = {
            row["v"].value
            for row in store.query(
                f"SELECT DISTINCT ?v WHERE {{ GRAPH ?g {{ ?run <{KG_NS}extractorVersion> ?v }} }}"
            )
        }
        assert versions == {new}
        assert (build([corpus], store).unchanged, build([corpus], store).reextracted) == (2, 0)


def _article_quads(store) -> set[tuple[str, str, str, str]]:
    rows = store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/graph/a')) }")
    return {(r["g"].value, r["s"].value, r["p"].value, str(r["o"])) for r in rows}


BOMBING = "The Tarvona Liberation Front bombed a market in Kessel, killing six people.\n"


def test_batched_writes_store_what_writing_each_article_alone_does(tmp_path: Path, nlp, monkeypatch) -> None:
    # one entity spelled two ways in two articles of one batch, and a duplicate of the first: what the
    # per-article store reads found (labels, duplicates) is still found before the batch is written
    corpus = _corpus(
        tmp_path / "in",
        a1="Front bombs market\n\n" + BOMBING,
        a2="Front denies it\n\nThe TARVONA LIBERATION FRONT denied any role in the Kessel bombing.\n",
        a3="FRONT BOMBS MARKET\n\n" + BOMBING,
    )
    stores = {}
    for every in (1, 100):
        monkeypatch.setattr(kg.build, "WRITE_EVERY", every)
        with open_store(tmp_path / f"store-{every}") as store:
            calls: list[int] = []

            def counted(items, real=store.write_articles, calls=calls):
                calls.append(len(items))
                real(items)

            monkeypatch.setattr(store, "write_articles", counted)
            report = build([corpus], store, link=False)
            assert report.duplicates == [("a3", "a1")] and report.added == 2
            assert calls == ([1, 1] if every == 1 else [2])
            stores[every] = _article_quads(store)
            labels = {o for _, _, p, o in stores[every] if p.endswith("#prefLabel") and "iberation" in o}
            assert len(labels) == 1, labels  # one preferred label in the union of the graphs
    assert stores[1] == stores[100] and stores[1]


def test_a_build_into_a_store_not_empty_reads_labels_and_duplicates_from_it(tmp_path: Path, nlp) -> None:
    # the first build starts empty (no store reads), the second finds the first's label and text stored
    first = _corpus(tmp_path / "one", a1="Front bombs market\n\n" + BOMBING)
    second = _corpus(
        tmp_path / "two",
        a2="Front denies it\n\nThe TARVONA LIBERATION FRONT denied any role in the Kessel bombing.\n",
        a3="FRONT BOMBS MARKET\n\n" + BOMBING,
    )
    with open_store(tmp_path / "store") as store:
        build([first], store, link=False)
        report = build([second], store, link=False)
        assert report.duplicates == [("a3", "a1")] and report.added == 1
        labels = {o for _, _, p, o in _article_quads(store) if p.endswith("#prefLabel") and "iberation" in o}
        assert len(labels) == 1, labels


def test_a_batch_the_bulk_write_refuses_is_written_article_by_article_up_to_the_one_that_fails(
    tmp_path: Path, nlp, monkeypatch
) -> None:
    # the disk-full path without a small disk: the bulk call fails, then a2's own transaction fails
    corpus = _corpus(tmp_path / "in", a1=FIRST, a2=SECOND, a3="Front bombs market\n\n" + BOMBING)
    with open_store(tmp_path / "store") as store:
        real = store.replace_article

        def full() -> StoreError:
            error = StoreError("the disk is full")
            error.__cause__ = OSError(errno.ENOSPC, "No space left on device")
            return error

        def refused(items) -> None:
            raise full()

        def one_fails(article_id, quads) -> None:
            if article_id == "a2":
                raise full()
            real(article_id, quads)

        monkeypatch.setattr(store, "write_articles", refused)
        monkeypatch.setattr(store, "replace_article", one_fails)
        with pytest.raises(StoreError) as failed:
            build([corpus], store, link=False)
        message = str(failed.value)
        assert "\n" not in message and message.startswith("a2: ")
        assert "the 1 written before it are kept; running the build again completes it" in message
        assert store.articles() == ["a1"]
        monkeypatch.undo()
        again = build([corpus], store, link=False)
        assert (again.unchanged, again.added) == (1, 2) and sorted(store.articles()) == ["a1", "a2", "a3"]


def test_the_summary_says_one_incident_and_one_event_in_the_singular() -> None:
    line = BuildReport(read=1, added=1, events=1, quads=1, incidents=1, linked=1).summary()
    assert line == (
        "read 1 article: 1 added (1 event, 1 quad), 0 unchanged; 1 incident written "
        "(1 report linked across articles)"
    )


# --- one article failing in a step after extraction: named, counted, the rest of the batch written ------


def _three(tmp_path: Path) -> Path:
    return _corpus(tmp_path / "in", a1=FIRST, a2=SECOND, a3="Front bombs market\n\n" + BOMBING)


def _incident_docs(store) -> set[str]:
    rows = store.query(f"SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ ?r <{KG_NS}reportedIn> ?a }} }}")
    return {row["a"].value.rsplit("/", 1)[-1] for row in rows}


def test_a_build_writes_the_new_incidents_of_a_round_with_its_articles(
    tmp_path: Path, nlp, monkeypatch
) -> None:
    with open_store(tmp_path / "store") as store:
        real_batch, real_add = store.write_articles, store.add_quads
        batches: list[tuple[list[str], int]] = []
        added: list[int] = []

        def batch(items, also=()) -> None:
            batches.append(([article_id for article_id, _ in items], len(also)))
            real_batch(items, also)

        def add(quads) -> None:
            added.append(len(list(quads)))
            real_add(quads)

        monkeypatch.setattr(store, "write_articles", batch)
        monkeypatch.setattr(store, "add_quads", add)
        report = build([_three(tmp_path)], store)
        assert batches and batches[-1][0] == ["a1", "a2", "a3"] and batches[-1][1] > 0
        assert added == []  # no ingestion of its own for linking
        assert report.incidents > 0 and _incident_docs(store) == {"a1", "a2", "a3"}


@pytest.mark.parametrize(
    "error", [StoreError("the endpoint answered HTTP 400: bad literal"), ValueError("bad")]
)
def test_an_article_the_store_refuses_is_named_and_the_rest_of_its_batch_is_written(
    tmp_path: Path, nlp, monkeypatch, error
) -> None:
    with open_store(tmp_path / "store") as store:
        real_batch, real_one = store.write_articles, store.replace_article

        def batch(items, also=()) -> None:
            if any(article_id == "a3" for article_id, _ in items):
                raise error
            real_batch(items, also)

        def one(article_id, quads) -> None:
            if article_id == "a3":
                raise error
            real_one(article_id, quads)

        monkeypatch.setattr(store, "write_articles", batch)
        monkeypatch.setattr(store, "replace_article", one)
        heard: list[KgError] = []
        report = build([_three(tmp_path)], store, on_error=heard.append)
        assert store.articles() == ["a1", "a2"]
        assert (report.read, report.added, report.failed) == (3, 2, {"store write": 1})
        assert [str(e).split(": ")[:2] for e in heard] == [["a3", "store write failed"]]
        assert "\n" not in str(heard[0]) and str(error) in str(heard[0])
        assert report.summary().endswith("; failed 1 (1 store write)")
        assert report.done == 3
        assert _incident_docs(store) == {"a1", "a2"}  # a3 is not stored, so not linked
        assert report.events == _count(store, EVENTS)
        monkeypatch.undo()
        again = build([_three(tmp_path)], store)
        assert (again.added, again.unchanged, again.failed) == (1, 2, {})
        assert store.articles() == ["a1", "a2", "a3"]


def test_a_store_that_refuses_every_article_of_a_batch_stops_the_build(
    tmp_path: Path, nlp, monkeypatch
) -> None:
    # not each article's fault: the build stops with one error instead of naming every article
    with open_store(tmp_path / "store") as store:

        def refused(*args) -> None:
            raise StoreError("store is open read-only")

        monkeypatch.setattr(store, "write_articles", refused)
        monkeypatch.setattr(store, "replace_article", refused)
        heard: list[KgError] = []
        with pytest.raises(StoreError, match=r"^a1: store is open read-only; none was written"):
            build([_three(tmp_path)], store, on_error=heard.append, link=False)
        assert heard == []


def test_an_article_rdf_mapping_fails_on_is_named_and_the_others_are_written(
    tmp_path: Path, nlp, monkeypatch
) -> None:
    real_map, real_labels = kg.build.extraction_quads, kg.build.with_stored_labels

    def mapping(extraction, **options):
        if extraction.article.id == "a1":
            raise KeyError("kind 'Bogus'")
        return real_map(extraction, **options)

    def labels(store, article_id, quads, known):
        if article_id == "a3":
            raise RuntimeError("label clash")
        return real_labels(store, article_id, quads, known)

    monkeypatch.setattr(kg.build, "extraction_quads", mapping)
    monkeypatch.setattr(kg.build, "with_stored_labels", labels)
    heard: list[KgError] = []
    with open_store(tmp_path / "store") as store:
        report = build([_three(tmp_path)], store, on_error=heard.append)
        assert store.articles() == ["a2"]
        assert report.failed == {"RDF mapping": 2} and report.added == 1
        assert sorted(str(e) for e in heard) == [
            "a1: RDF mapping failed: KeyError: \"kind 'Bogus'\"",
            "a3: RDF mapping failed: RuntimeError: label clash",
        ]
        assert report.summary().endswith("; failed 2 (2 RDF mapping)")


def test_an_article_linking_fails_on_is_stored_unlinked_named_and_linked_by_a_later_build(
    tmp_path: Path, nlp, monkeypatch
) -> None:
    real_reports = kg.build.reports_of

    def reports(extraction, labels):
        if extraction.article.id == "a1":
            raise ValueError("no date")
        return real_reports(extraction, labels)

    def failing(real):  # linking a3 fails, whether planned before its write or done after it
        def link(store, article_ids=(), **options):
            ids = list(article_ids)
            if "a3" in ids or any(iri.endswith("/a3") for iri in options.get("article_iris", ())):
                raise RuntimeError("cluster of none")
            return real(store, ids, **options)

        return link

    monkeypatch.setattr(kg.build, "reports_of", reports)
    monkeypatch.setattr(kg.build, "relink", failing(kg.build.relink))
    monkeypatch.setattr(kg.build, "plan", failing(kg.build.plan))
    heard: list[KgError] = []
    with open_store(tmp_path / "store") as store:
        report = build([_three(tmp_path)], store, on_error=heard.append)
        assert store.articles() == ["a1", "a2", "a3"]  # their events are stored
        assert report.added == 3 and report.failed == {"linking": 2} and report.done == 3
        assert sorted(str(e).split(": ")[0] for e in heard) == ["a1", "a3"]
        assert all("linking failed" in str(e) and "a later build links it" in str(e) for e in heard)
        assert _incident_docs(store) == {"a2"}
        monkeypatch.undo()
        later = build([_three(tmp_path)], store)
        assert later.unchanged == 3 and later.failed == {}
        assert _incident_docs(store) == {"a1", "a2", "a3"}


def test_an_endpoint_gone_mid_build_stops_it_instead_of_failing_each_article(
    tmp_path: Path, nlp, monkeypatch
) -> None:
    import httpx

    with open_store(tmp_path / "store") as store:

        def gone(*args) -> None:
            try:
                raise httpx.ConnectError("Connection refused")
            except httpx.ConnectError as exc:
                raise StoreError("cannot reach SPARQL endpoint http://h/sparql: Connection refused") from exc

        monkeypatch.setattr(kg.build, "WRITE_EVERY", 1)
        monkeypatch.setattr(store, "write_articles", gone)
        monkeypatch.setattr(store, "replace_article", gone)
        heard: list[KgError] = []
        with pytest.raises(StoreError, match=r"^a1: cannot reach SPARQL endpoint .*; none was written"):
            build([_three(tmp_path)], store, on_error=heard.append, link=False)
        assert heard == []


def test_jobs_two_extracts_in_workers_what_one_process_does_in_the_same_order(tmp_path: Path) -> None:
    third = "Gunmen kill villagers\n\nGunmen killed nine villagers near Karsi on Friday, police said.\n"
    texts = {  # distinct texts: a repeated one would be recorded as a duplicate, not extracted
        f"{name}{n}": text.replace("depot", f"depot {n}")
        for n in range(20)
        for name, text in (("depot", FIRST), ("raid", SECOND))
    }
    corpus = _corpus(tmp_path / "in", **texts, bad="", killing=third)
    runs = []
    for jobs in (1, 2):
        seen, errors = [], []
        with open_store(tmp_path / f"store{jobs}") as store:
            report = build([corpus], store, jobs=jobs, on_article=seen.append, on_error=errors.append)
            runs.append((report.summary(), seen, [str(e) for e in errors], store.articles()))
    one, two = runs
    assert two == one  # same extractions (values), same order, same counts, same skipped input
    assert len(one[1]) == 41 and one[2] and "empty" in one[2][0]
    assert [ex.article.id for ex in one[1]][:3] == ["depot0", "depot1", "depot10"]


def test_each_linking_round_gives_freed_memory_back(tmp_path: Path, nlp, monkeypatch) -> None:
    trims: list[int] = []
    monkeypatch.setattr(kg.build, "_trim", lambda: trims.append(1))
    corpus = _corpus(tmp_path / "in", depot=FIRST, reaction=SECOND)
    with open_store(tmp_path / "linked") as store:
        build([corpus], store)
    assert len(trims) == 1  # two articles: one round, at the end
    with open_store(tmp_path / "unlinked") as store:
        build([corpus], store, link=False)
    assert len(trims) == 1  # no round, nothing to give back
    trim = kg.build._malloc_trim()
    assert trim is None or trim(0) in (0, 1)  # glibc: 1 when memory went back, 0 when none could
