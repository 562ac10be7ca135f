"""Property tests (hypothesis) over the ingest readers and what their text reaches: the RDF mapping,
RDF/XML, CSV and the terminal. Each replays a family of issue 13's attacks with generated input,
bounded to a few seconds in all.

Any text here may hold lone surrogates, control characters and non-characters: hypothesis draws
from every Unicode category, surrogates included (``ANY_CHAR``).
"""

from __future__ import annotations

import io
import json
import tempfile
import xml.dom.minidom
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.export import _copy
from kg.formats import graph_format
from kg.ingest import iter_articles, safe_id
from kg.model import Article, Event, Evidence, Extraction
from kg.rdf import article_iri, extraction_quads, slug
from kg.text import FORMULA_START, INVALID, NUMBER, printable, spreadsheet_cell

ANY_CHAR = st.one_of(
    st.characters(),  # every category but surrogates (hypothesis leaves them out by default)
    st.characters(categories=["Cs"]),  # lone surrogates
    st.sampled_from(list("\x00\x07\x1b\x0c\x9b\ufffe\t\r\n =+-@")),
)
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=40)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
WHEN = datetime(2025, 1, 2, tzinfo=timezone.utc)


def read(paths: list[Path]) -> tuple[list[Article], list[IngestError]]:
    errors: list[IngestError] = []
    return list(iter_articles(paths, on_error=errors.append)), errors


def assert_valid(article: Article) -> None:
    """Every field encodes as UTF-8 and holds nothing XML 1.0 cannot; the digest is computable."""
    for value in (article.id, article.title, article.text, article.source or "", article.url or ""):
        value.encode("utf-8")
        assert INVALID.search(value) is None, repr(value)
    assert len(article.sha256) == 64
    assert article.id and "/" not in article.id


@FUZZ
@given(records=st.lists(st.fixed_dictionaries({
    "text": ANY_TEXT,
    "title": st.one_of(st.none(), ANY_TEXT),
    "id": st.one_of(st.none(), ANY_TEXT),
    "source": st.one_of(st.none(), ANY_TEXT, st.integers()),
    "url": st.one_of(st.none(), ANY_TEXT),
}), min_size=1, max_size=6))
def test_jsonl_of_any_text_gives_valid_articles_or_one_error_a_line(tmp_path: Path, records: list) -> None:
    """Attacks 4 and 6: lone surrogates and control characters in any field, any line."""
    feed = Path(tempfile.mkdtemp(dir=tmp_path)) / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="ascii")  # \\uXXXX escapes
    articles, errors = read([feed])
    assert len(articles) + len(errors) <= len(records)  # duplicates of a line before are silent
    for article in articles:
        assert_valid(article)
    for error in errors:
        assert str(error).startswith(f"{feed}:") and "\n" not in str(error)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(published=st.one_of(st.text(max_size=12), st.integers(), st.floats(), st.booleans()))
def test_any_published_value_gives_a_date_or_none(tmp_path: Path, published: object) -> None:
    """One odd ``published`` value never stops a line (dateparser is slow to load: few examples)."""
    feed = Path(tempfile.mkdtemp(dir=tmp_path)) / "feed.jsonl"
    feed.write_text(json.dumps({"text": "A bomb exploded.", "published": published}) + "\n", encoding="ascii")
    articles, errors = read([feed])
    assert errors == [] and len(articles) == 1


@FUZZ
@given(title=ANY_TEXT, source=ANY_TEXT, body=ANY_TEXT)
def test_markdown_front_matter_of_any_text_gives_a_valid_article_or_one_error(
    tmp_path: Path, title: str, source: str, body: str
) -> None:
    page = tmp_path / "page.md"
    front = yaml.safe_dump({"title": title, "source": source}, allow_unicode=False)  # escapes surrogates
    page.write_text(f"---\n{front}---\n{body}", encoding="utf-8", errors="surrogatepass")
    articles, errors = read([page])
    assert len(articles) + len(errors) == 1
    for article in articles:
        assert_valid(article)


@FUZZ
@given(
    text=st.text(  # no controls: the binary heuristic counts bytes, and a BOM adds three
        alphabet=st.one_of(st.characters(codec="utf-8", exclude_categories=["Cc"]), st.sampled_from("\t\n")),
        min_size=1,
        max_size=200,
    ),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-be", "utf-32-le"]),
)
def test_wide_text_with_its_bom_reads_as_the_same_article(tmp_path: Path, text: str, codec: str) -> None:
    """Attack 13: UTF-16/32 with a byte-order mark is text, not "binary"."""
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}.get(codec, b"")
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + text.encode(codec))
    plain = tmp_path / "plain.txt"
    plain.write_bytes(text.encode("utf-8"))
    wide, wide_errors = read([path])
    same, same_errors = read([plain])
    assert [a.text for a in wide] == [a.text for a in same]
    assert [e.kind for e in wide_errors] == [e.kind for e in same_errors]  # type: ignore[attr-defined]


FILE_STEM = st.text(
    alphabet=st.sampled_from(list("aAbB -_.é ÉxX1\u00a0")), min_size=1, max_size=6
).filter(lambda s: not s.startswith(".") and s.strip(" .\u00a0"))


@FUZZ
@given(stems=st.lists(FILE_STEM, min_size=2, max_size=8, unique=True))
def test_no_two_articles_ever_share_an_iri(tmp_path: Path, stems: list[str]) -> None:
    """Attack 2: whatever the file names, each IRI gets one article; every other one is named."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    for number, stem in enumerate(stems):
        (folder / f"{stem}.txt").write_text(f"Story {number}\n\nA bomb exploded in town {number}.")
    articles, errors = read([folder])
    iris = [article_iri(a.id) for a in articles]
    assert len(set(iris)) == len(iris)
    assert len(articles) + len(errors) == len(stems)
    held = {slug(a.id) for a in articles}
    for error in errors:
        kind = error.kind  # type: ignore[attr-defined]
        assert kind in ("id collision", "duplicate id", "bad id"), error
        if kind != "bad id":  # the refused id names an IRI an article already holds
            assert slug(safe_id(Path(error.item).stem)) in held


@FUZZ
@given(time=st.one_of(st.none(), st.text(max_size=12)), killed=st.one_of(st.none(), st.integers(-5, 50)),
       about=st.one_of(st.none(), st.sampled_from(["e1", "e2", "e9", ""])))
def test_any_event_value_maps_or_is_dropped_and_the_article_kept(time, killed, about) -> None:
    """Attack 15: one value RDF cannot hold (a time '815') dropped the whole article."""
    article = Article("fuzz", "Invented", "Invented text of an invented attack.")
    evidence = Evidence("fuzz", article.text, 0, 10, 0.5, "test")
    events = (Event("e1", "Attack", "attack", evidence, time=time, killed=killed, about=about),)
    warnings: list[str] = []
    quads = extraction_quads(Extraction(article, (), events), generated_at=WHEN, on_warning=warnings.append)
    assert any(q.subject == article_iri("fuzz") for q in quads)
    assert all(w.startswith("fuzz: event e1: dropped ") for w in warnings)


@FUZZ
@given(value=ANY_TEXT)
def test_rdfxml_of_any_literal_is_well_formed(value: str) -> None:
    """Attack 6: whatever a literal holds, the exported RDF/XML parses."""
    clean = value.encode("utf-8", "replace").decode("utf-8")  # what a store can hold: no surrogates
    triple = ox.Triple(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal(clean))
    fmt = graph_format("rdfxml")
    out = io.BytesIO()
    _copy(io.BytesIO(ox.serialize([triple], None, fmt.rdf_format)), out, fmt)
    xml.dom.minidom.parseString(out.getvalue())


@FUZZ
@given(cell=ANY_TEXT)
def test_no_csv_cell_starts_a_formula_and_no_table_cell_holds_a_control(cell: str) -> None:
    """Attack 12, for any text."""
    safe = spreadsheet_cell(cell)
    assert not safe or safe[0] not in FORMULA_START or NUMBER.fullmatch(safe)
    assert safe.endswith(cell)
    shown = printable(cell)
    assert not any(ord(c) < 0x20 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in shown)
