"""Fault survival through the real ``kg build`` command: bad input, SIGKILL mid-run, two builds at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf import incidents_graph, provenance_graph
from kg.store.oxigraph import OxigraphStore
from kg.terms import KG_IRI as KG

pytestmark = pytest.mark.slow

TIMEOUT = 600
GOOD = (
    "Gunmen opened fire on a police convoy near Westbury on Tuesday, killing {n} officers, police said.\n\n"
    "The {group} said in a statement that its fighters had carried out the attack."
)
GROUPS = ("Eastern Front", "Red Hand Brigade", "Valley Liberation Army", "Northern Resistance")
PLACES = ("Westbury", "Lakeside", "Port Amara", "Kessel", "Dunmore", "Saltmarsh")


def run_kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def start_kg(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_hear_ctrl_c,
    )


def _hear_ctrl_c() -> None:
    """Let the child hear SIGINT even when the tests run with it ignored (a background job of a
    non-interactive shell, e.g. ``nohup bash .ci/run &``, ignores SIGINT, and children inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def write_feed(path: Path, count: int, prefix: str) -> list[str]:
    """A ``.jsonl`` of ``count`` varied short articles; returns their ids."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            group, place = GROUPS[i % len(GROUPS)], PLACES[i % len(PLACES)]
            text = GOOD.format(n=i % 9 + 2, group=group).replace("Westbury", place)
            text += f" It was bulletin {i} of the day."  # every text its own: no article repeats another
            out.write(json.dumps({"id": f"{prefix}{i}", "title": f"Attack in {place}", "text": text}) + "\n")
    return [f"{prefix}{i}" for i in range(count)]


def stored_ids(store: Path) -> list[str]:
    """The articles of a store another process may be writing (opened read-only)."""
    if not (store / "CURRENT").is_file():
        return []
    try:
        with OxigraphStore(store, read_only=True) as reader:
            return reader.articles()
    except Exception:  # the writer may be mid-compaction; try again
        return []


def wait_for_articles(store: Path, process: subprocess.Popen[str], minimum: int) -> list[str]:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, f"kg build ended early: {process.communicate()}"
        ids = stored_ids(store)
        if len(ids) >= minimum:
            return ids
        time.sleep(0.2)
    raise AssertionError("kg build stored nothing in time")


def graph_quads(store: OxigraphStore, article_id: str) -> set[ox.Quad]:
    from kg.rdf import article_graph

    graph = article_graph(article_id)
    return {
        ox.Quad(r["s"], r["p"], r["o"], graph)
        for r in store.query("SELECT * { ?s ?p ?o }", default_graph=graph)
    }


def test_bad_input_is_named_one_line_each_and_the_rest_ingested(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "one").mkdir(parents=True)
    (corpus / "two").mkdir()
    (corpus / "good.txt").write_text(
        "Attack in Lakeside\n\n" + GOOD.format(n=4, group=GROUPS[0]), encoding="utf-8"
    )
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    (corpus / "latin1.txt").write_bytes(
        "Explosion à Genève: la police arrête deux suspects".encode("latin-1")
    )
    with (corpus / "huge.txt").open("w", encoding="utf-8") as huge:
        huge.write("A very long article\n\n")
        huge.write("The protest went on. " * 2_500_000)  # 52 MB, over the 10 MB default limit
    (corpus / "page.html").write_text(
        "<html><head><title>Rally</title><script>var tracker = 'SCRIPTJUNK';</script></head><body>"
        "<nav>Home | World | NAVJUNK</nav><article><h1>Rally in Kessel</h1><p>"
        + GOOD.format(n=3, group=GROUPS[1]).replace("\n\n", "</p><p>")
        + "</p><script>document.write('INLINEJUNK')</script></article></body></html>",
        encoding="utf-8",
    )
    lines = [
        json.dumps({"text": GOOD.format(n=5, group=GROUPS[2])}),
        '{"text": "unterminated',
        json.dumps({"text": "x"}),
    ]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "one" / "story.txt").write_text(
        "Story\n\n" + GOOD.format(n=2, group=GROUPS[3]), encoding="utf-8"
    )
    (corpus / "two" / "story.txt").write_text("Story\n\nA different text about Dunmore.", encoding="utf-8")
    store = tmp_path / "store"

    result = run_kg("build", corpus, "--store", store)

    assert result.returncode == 0, result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped ")]
    first_story = corpus / "one" / "story.txt"
    expected = {
        f"{corpus / 'empty.txt'}: empty",
        f"{corpus / 'binary.txt'}: binary",
        f"{corpus / 'latin1.txt'}: not UTF-8",
        f"{corpus / 'huge.txt'}: too large: 52.5 MB",
        f"{corpus / 'feed.jsonl'}:2: invalid JSON",
        f"{corpus / 'two' / 'story.txt'}: duplicate id: id 'story' was already read from {first_story}",
    }
    for start in expected:
        assert sum(line.startswith(f"kg: skipped {start}") for line in skipped) == 1, (start, skipped)
    assert len(skipped) == len(expected)
    summary = result.stdout.strip().splitlines()[0]
    assert "skipped 6 (" in summary
    for count in ("1 empty", "1 binary", "1 not UTF-8", "1 too large", "1 invalid JSON", "1 duplicate id"):
        assert count in summary
    with OxigraphStore(store, read_only=True) as built:
        assert built.articles() == ["feed-1", "feed-3", "good", "page", "story"]
        assert not built.query(
            "ASK { ?s ?p ?o FILTER(REGEX(STR(?o), 'SCRIPTJUNK|NAVJUNK|INLINEJUNK|tracker')) }"
        )


def test_sigkill_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 600, "k")
    reference, store = tmp_path / "reference", tmp_path / "store"
    assert run_kg("build", feed, "--store", reference).returncode == 0

    process = start_kg("build", feed, "--store", store)
    wait_for_articles(store, process, 3)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL

    with OxigraphStore(store) as killed, OxigraphStore(reference, read_only=True) as full:
        present = killed.articles()
        assert 3 <= len(present) < len(ids), "the kill must land mid-run"
        graphs = {r["g"] for r in killed.query("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }")}
        graphs.discard(provenance_graph())
        graphs.discard(incidents_graph())  # a linking round may have run: it links stored reports only
        from kg.rdf import article_graph

        assert graphs <= {article_graph(article_id) for article_id in present}, "a graph without its article"
        linked = {  # a set, not the query's iterator: that would keep the store open past this block
            row["r"].value
            for row in killed.query(
                f"SELECT DISTINCT ?r {{ GRAPH <{incidents_graph().value}> {{ ?r <{KG}incident> ?i }} }}"
            )
        }
        stored = {quad.subject.value for article_id in present for quad in graph_quads(killed, article_id)}
        assert linked <= stored, "an incident links a report that is not stored"
        shas = {
            r["id"].value: r["h"].value
            for r in full.query(
                f"SELECT ?id ?h {{ ?a <{KG}sha256> ?h ; <http://purl.org/dc/terms/identifier> ?id }}"
            )
        }
        for article_id in present:
            assert killed.has_article(article_id, shas[article_id]), (
                f"{article_id} lacks its completion marker"
            )
            assert graph_quads(killed, article_id) == graph_quads(full, article_id), (
                f"{article_id} is not whole"
            )

    rerun = run_kg("build", feed, "--store", store)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(ids) - len(present)} added" in rerun.stdout and f"{len(present)} unchanged" in rerun.stdout
    with OxigraphStore(store, read_only=True) as resumed, OxigraphStore(reference, read_only=True) as full:
        assert resumed.articles() == full.articles() == sorted(ids)
        for article_id in ids[::37]:
            assert graph_quads(resumed, article_id) == graph_quads(full, article_id)


def test_a_second_build_on_a_busy_store_fails_clearly(tmp_path: Path) -> None:
    first_feed, second_feed = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first_ids = write_feed(first_feed, 300, "f")
    write_feed(second_feed, 5, "s")
    store = tmp_path / "store"

    first = start_kg("build", first_feed, "--store", store)
    wait_for_articles(store, first, 1)
    second = run_kg("build", second_feed, "--store", store)
    _, first_err = first.communicate(timeout=TIMEOUT)

    assert second.returncode != 0
    message = second.stderr.strip()
    assert message.startswith("kg: error: ") and "in use" in message and str(store) in message
    assert len(message.splitlines()) == 1
    assert first.returncode == 0, first_err
    with OxigraphStore(store, read_only=True) as built:
        assert built.articles() == sorted(first_ids)


# --- a full disk (attack 7 of issue 13): one line, never a traceback ------------------------------


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 1 MB tmpfs (root, as here and in CI), unmounted afterwards; skipped where mounting is denied."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    """Fill ``disk`` up to the last byte."""
    with (disk / "filler").open("wb", buffering=0) as out:
        try:
            while out.write(b"\0" * 4096):
                pass
        except OSError:
            pass


def assert_one_line_disk_full(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "error" in line.lower()]  # progress aside
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
    assert "the disk is full" in lines[0]


def test_a_full_disk_during_a_build_is_one_line_and_whole_articles_stay(
    tmp_path: Path, small_disk: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for i in range(80):
            text = (GOOD.format(n=i % 9 + 2, group=GROUPS[i % 4]) + f" Report {i}. ") * 20
            out.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
    store = small_disk / "store"
    result = run_kg("build", feed, "--store", store)
    assert_one_line_disk_full(result)
    assert "; running the build again completes it" in result.stderr
    kept = int(result.stderr.split("; the ")[1].split(" ")[0])
    assert kept > 0
    with OxigraphStore(store, read_only=True) as built:
        assert len(built.articles()) == kept  # whole articles, as the message says


def test_export_events_view_and_stdout_on_a_full_disk_are_one_line(tmp_path: Path, small_disk: Path) -> None:
    store = tmp_path / "store"
    write_feed(tmp_path / "feed.jsonl", 12, "s")
    assert run_kg("build", tmp_path / "feed.jsonl", "--store", store).returncode == 0
    fill(small_disk)
    for args in (
        ("export", "--format", "turtle", "--out", small_disk / "g.ttl"),
        ("export", "--format", "rdfxml", "--out", small_disk / "g.rdf"),
        ("export", "--format", "nq", "--out", small_disk / "g.nq"),
        ("events", "--out", small_disk / "events.csv"),
        ("view", "--out", small_disk / "view.html"),
    ):
        result = run_kg(*args, "--store", store)
        assert_one_line_disk_full(result)
        assert f"cannot write {args[-1]}: " in result.stderr
        assert not Path(args[-1]).exists()  # nothing half-written
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]  # no temporary file left
    for args in (("events",), ("export", "--format", "nt"), ("query", "SELECT * WHERE { ?s ?p ?o }")):
        with (small_disk / "out.txt").open("w") as out:  # standard output on the full disk
            result = subprocess.run(
                [sys.executable, "-m", "kg", *args, "--store", str(store)],
                stdout=out, stderr=subprocess.PIPE, text=True, timeout=TIMEOUT, check=False,
            )
        assert_one_line_disk_full(result)
        assert "cannot write standard output" in result.stderr


# --- SIGKILL in the middle of a batched write (kg.store.oxigraph.OxigraphStore.write_articles) ----------

BATCH_WRITER = """
import sys
import pyoxigraph as ox
from kg.store.oxigraph import OxigraphStore

store_path, (first, batches, per_batch, size) = sys.argv[1], map(int, sys.argv[2:])
P = [ox.NamedNode(f"https://example.org/p{i}") for i in range(17)]


def article(n):
    graph = ox.NamedNode(f"https://example.org/graph/{n}")
    quads = [
        ox.Quad(ox.NamedNode(f"https://example.org/s/{n}/{i // 9}"), P[i % 17], ox.Literal(f"{n} {i}"), graph)
        for i in range(size)
    ]
    return quads  # as kg build hands them over


with OxigraphStore(store_path) as store:
    for batch in range(first, first + batches):
        articles = [(f"a{batch * per_batch + k}", article(batch * per_batch + k)) for k in range(per_batch)]
        print(f"writing {batch}", flush=True)
        store.write_articles(articles)
        print(f"wrote {batch}", flush=True)
"""


def test_sigkill_during_batched_writes_leaves_whole_articles_and_whole_batches(tmp_path: Path) -> None:
    store, per_batch, size = tmp_path / "store", 40, 2_000  # 80,000 quads a batch: one bulk ingestion
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    first, landed_in_write = 0, 0
    for fraction in (0.2, 0.5, 0.8, 0.95):
        process = subprocess.Popen(
            [sys.executable, "-c", BATCH_WRITER, str(store), str(first), "50", str(per_batch), str(size)],
            stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        assert process.stdout is not None
        started = {}
        while True:  # time one whole write, then kill the next one `fraction` of the way through
            line = process.stdout.readline()
            assert line, "the writer ended early"
            kind, batch = line.split()
            started.setdefault(kind, {})[int(batch)] = time.monotonic()
            done = started.get("wrote", {})
            if kind == "writing" and done and int(batch) - 1 in done:
                took = done[int(batch) - 1] - started["writing"][int(batch) - 1]
                time.sleep(took * fraction)
                os.kill(process.pid, signal.SIGKILL)
                break
        rest = process.communicate()[0].split()
        landed_in_write += not rest  # no "wrote" after the kill: it landed inside write_articles
        first = max(started["writing"]) + 1
        with OxigraphStore(store) as killed:
            counts = {
                r["g"].value: int(r["n"].value)
                for r in killed.query("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
            }
        assert set(counts.values()) == {size}, "an article is not whole"
        numbers = sorted(int(g.rsplit("/", 1)[1]) for g in counts)
        batches = {n // per_batch for n in numbers}
        assert len(numbers) == len(batches) * per_batch, "a batch is not whole"
    assert landed_in_write >= 2, "the kills must land inside the batched writes"


# --- Ctrl-C (SIGINT) in the middle of a build -----------------------------------------------------------


def test_an_interrupted_build_says_what_it_kept_in_one_line_and_a_rerun_completes(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 1200, "c")  # write batches of 200 after the first: the signal lands mid-run
    store = tmp_path / "store"
    process = start_kg("build", feed, "--store", store)
    wait_for_articles(store, process, 100)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("kg: error: ")]
    assert len(errors) == 1, err
    assert errors[0].startswith("kg: error: interrupted; ")
    assert errors[0].endswith("; running the build again completes it")
    kept = int(errors[0].split("; ")[1].split(" ")[0])
    with OxigraphStore(store, read_only=True) as built:
        present = built.articles()
    assert 100 <= kept == len(present) < len(ids), (kept, len(present))
    rerun = run_kg("build", feed, "--store", store, "-q")
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(ids) - kept} added" in rerun.stdout and f"{kept} unchanged" in rerun.stdout


# --- SIGKILL while linking ---------------------------------------------------------------------------


def incidents_of(store: Path) -> dict[tuple[str, str], str]:
    """(article, event) → incident id of every Attack, from a store no process writes."""
    from kg.events import event_rows

    with OxigraphStore(store, read_only=True) as reader:
        return {(r["doc"], r["event"]): r["incident"] for r in event_rows(reader) if r["type"] == "Attack"}


def linked_reports(store: Path) -> int:
    """How many reports the incidents graph links, in a store another process may be writing (-1: not now)."""
    from kg.rdf import incidents_graph

    if not (store / "CURRENT").is_file():
        return -1
    try:
        with OxigraphStore(store, read_only=True) as reader:
            query = f"SELECT (COUNT(*) AS ?n) {{ GRAPH {incidents_graph()} {{ ?r <{KG}incident> ?i }} }}"
            return int(next(iter(reader.query(query)))["n"].value)
    except Exception:  # the writer may be mid-compaction; try again
        return -1


def killed_and_rerun(feed: Path, store: Path, reference: Path, ready) -> None:
    """Start ``kg build feed`` into ``store``, SIGKILL it once ``ready()`` holds, check that the store holds
    whole incidents only, then that a second build links every report as ``reference`` does."""
    from kg.rdf import incidents_graph

    process = start_kg("build", feed, "--store", store)
    deadline = time.monotonic() + TIMEOUT
    while not ready():
        assert process.poll() is None and time.monotonic() < deadline, "kg build ended before the kill"
        time.sleep(0.1)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    graph, incident, named = incidents_graph(), f"<{KG}incident>", f"<{KG}incidentId>"
    dangling = f"ASK {{ GRAPH {graph} {{ ?r {incident} ?i FILTER NOT EXISTS {{ ?i {named} ?id }} }} }}"
    empty = f"ASK {{ GRAPH {graph} {{ ?i {named} ?id FILTER NOT EXISTS {{ ?r {incident} ?i }} }} }}"
    with OxigraphStore(store, read_only=True) as killed:
        assert not killed.query(dangling), "a report linked to an incident that was not written"
        assert not killed.query(empty), "an incident without reports"
    rerun = run_kg("build", feed, "--store", store)
    assert rerun.returncode == 0, rerun.stderr
    linked, expected = incidents_of(store), incidents_of(reference)
    assert linked.keys() == expected.keys() and all(linked.values()), "a report left without its incident"
    assert run_kg("validate", "--store", store).returncode == 0


def test_sigkill_while_linking_leaves_whole_incidents_and_a_rerun_links_every_report(tmp_path: Path) -> None:
    feed, first = tmp_path / "feed.jsonl", tmp_path / "first.jsonl"
    write_feed(feed, 450, "l")
    lines = feed.read_text(encoding="utf-8").splitlines(keepends=True)
    first.write_text("".join(lines[:30]), encoding="utf-8")
    reference, store = tmp_path / "reference", tmp_path / "store"
    assert run_kg("build", feed, "--store", reference).returncode == 0
    assert run_kg("build", first, "--store", store).returncode == 0  # incidents stored: the next build
    before = linked_reports(store)  # adds to them round by round (linking rounds after 200 and 400 articles)
    assert before > 0
    killed_and_rerun(feed, store, reference, lambda: linked_reports(store) > before)


def test_sigkill_of_a_first_build_holding_its_incidents_leaves_whole_articles_and_a_rerun_links_them(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 450, "h")  # a fresh store: the incidents are held in memory, written at the end
    reference, store = tmp_path / "reference", tmp_path / "store"
    assert run_kg("build", feed, "--store", reference).returncode == 0
    killed_and_rerun(feed, store, reference, lambda: 0 < len(stored_ids(store)) < len(ids))
