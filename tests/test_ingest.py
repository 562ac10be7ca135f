"""Reading articles: every reader, folders, and every kind of bad input reported by name."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import READERS, iter_articles, read_article, safe_id

BODY = (
    "A car bomb exploded near a checkpoint in Northtown on Monday, killing four soldiers.\n\n"
    "The Valley Front said in a statement that its fighters carried out the attack."
)


def collect(paths: list[Path | str]) -> tuple[list, list[IngestError]]:
    errors: list[IngestError] = []
    return list(iter_articles(paths, on_error=errors.append)), errors


def test_plain_txt_first_line_is_title_and_whole_text_kept(tmp_path: Path) -> None:
    path = tmp_path / "car-bomb.txt"
    path.write_text("\n  Car bomb kills four  \n\n" + BODY + "\n", encoding="utf-8")
    article = read_article(path)
    assert article.id == "car-bomb"
    assert article.title == "Car bomb kills four"
    assert article.text.startswith("\n  Car bomb kills four")
    assert "Valley Front said" in article.text
    assert article.published is None


def test_txt_header_block_gives_metadata_and_body_only(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text(
        "title: Checkpoint attack\nsource: Wire\nurl: https://example.org/a\npublished: 5 March 2023\n\n"
        + BODY,
        encoding="utf-8",
    )
    article = read_article(path)
    assert (article.title, article.source, article.url) == (
        "Checkpoint attack",
        "Wire",
        "https://example.org/a",
    )
    assert article.published == date(2023, 3, 5)
    assert article.text == BODY
    assert "title:" not in article.text


def test_txt_line_that_merely_looks_like_a_header_is_text(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Title: a headline with a colon\nand a second line\n\nbody", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Title: a headline with a colon"
    assert article.text.endswith("body") and article.text.startswith("Title:")


def test_utf8_bom_is_accepted_and_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffBombing in Sūsa\n\nText.".encode())
    article = read_article(path)
    assert article.title == "Bombing in Sūsa"
    assert not article.text.startswith("\ufeff")


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: Rally turns violent\nsource: Local Paper\npublished: 2022-11-09\nid: rally/2022\n---\n"
        "# Heading ignored for title\n\n" + BODY,
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.id == "rally-2022"
    assert article.title == "Rally turns violent"
    assert article.published == date(2022, 11, 9)
    assert article.source == "Local Paper"
    assert "---" not in article.text and "Valley Front" in article.text


def test_markdown_without_front_matter_takes_heading_as_title(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text("Some intro\n\n# Gunmen storm a hotel\n\n" + BODY, encoding="utf-8")
    assert read_article(path).title == "Gunmen storm a hotel"


@pytest.mark.parametrize(
    ("header", "title", "article_id"),
    [
        ("title: No\nid: 007", "No", "007"),
        ("title: 1984\nid: off", "1984", "off"),
        ("title: 3.50\nid: yes", "3.50", "yes"),
    ],
)
def test_front_matter_words_and_digits_stay_as_written(
    tmp_path: Path, header: str, title: str, article_id: str
) -> None:
    # YAML 1.1 reads No/off/yes as booleans and 007 as the number 7: a headline "No" was stored as "False"
    path = tmp_path / "plain.md"
    path.write_text(f"---\n{header}\npublished: 2024-01-03\n---\n{BODY}", encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.id, article.published) == (title, article_id, date(2024, 1, 3))


def test_markdown_broken_front_matter_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nbody", encoding="utf-8")
    with pytest.raises(IngestError, match=r"bad\.md: bad front matter"):
        read_article(path)


HTML = """<!doctype html><html><head><title>Market blast | Daily Courier</title>
<meta property="og:title" content="Market blast kills six in Eastport">
<meta property="og:site_name" content="Daily Courier">
<meta property="article:published_time" content="2021-07-14T08:00:00Z">
<script>window.tracker = "SCRIPT-JUNK-42"; function f() { return 1; }</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>NAV-JUNK</li></ul></nav>
<article><h1>Market blast kills six in Eastport</h1>
<p>A bomb hidden in a vegetable cart exploded in the crowded central market of Eastport on Wednesday
morning, killing six people and wounding at least twenty, the city police chief told reporters.</p>
<script>document.write("INLINE-SCRIPT-JUNK")</script>
<p>No group immediately claimed responsibility, but the interior minister blamed the Northern Brigade,
which denied any role in a message posted on its channel late on Wednesday night.</p>
</article><footer>Copyright FOOTER-JUNK</footer></body></html>"""


def test_html_main_text_and_metadata_without_scripts_or_navigation(tmp_path: Path) -> None:
    path = tmp_path / "blast.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Market blast kills six in Eastport"
    assert article.published == date(2021, 7, 14)
    assert article.source == "Daily Courier"
    assert "vegetable cart" in article.text and "Northern Brigade" in article.text
    for junk in ("SCRIPT-JUNK", "NAV-JUNK", "window.tracker", "document.write"):
        assert junk not in article.text


def test_html_declaring_its_own_charset_is_read_in_it(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Attentat à Genève</title></head><body><article>'
        "<p>Une bombe a explosé près de la gare de Genève mardi, tuant trois personnes, selon la police.</p>"
        "<p>Le groupe a revendiqué l’attaque dans un communiqué publié mercredi.</p></article></body></html>"
    )
    path = tmp_path / "geneve.html"
    path.write_bytes(page.encode("cp1252"))
    article = read_article(path)
    assert article.title == "Attentat à Genève"
    assert "explosé près de la gare" in article.text and "l’attaque" in article.text


def test_html_with_no_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.htm"
    path.write_text("<html><head><script>var x = 1;</script></head><body></body></html>", encoding="utf-8")
    with pytest.raises(IngestError, match=r"blank\.htm: empty"):
        read_article(path)


def test_jsonl_optional_fields_and_default_ids(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"text": BODY, "title": "One", "published": "2020-01-03", "url": "https://e.org/1", "source": "S"},
        {"text": "Protesters marched in Lakeside on Friday.\nMore text."},
        {"text": "Rebels threatened the capital.", "id": "custom-7"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    articles, errors = collect([path])
    assert errors == []
    assert [a.id for a in articles] == ["feed-1", "feed-2", "custom-7"]
    assert articles[0].published == date(2020, 1, 3) and articles[0].source == "S"
    assert articles[1].title == "Protesters marched in Lakeside on Friday."
    assert articles[2].url is None


def test_jsonl_broken_line_is_named_and_the_rest_ingested(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"text": "first article text"})
        + '\n{"text": oops}\n[1, 2]\n{"title": "no text"}\n'
        + json.dumps({"text": "last article text"})
        + "\n",
        encoding="utf-8",
    )
    articles, errors = collect([path])
    assert [a.id for a in articles] == ["mixed-1", "mixed-5"]
    messages = [str(e) for e in errors]
    assert messages[0].startswith(f"{path}:2: invalid JSON: ")
    assert messages[1].startswith(f"{path}:3: invalid record: expected a JSON object")
    assert messages[2] == f'{path}:4: invalid record: missing string field "text"'
    assert all("\n" not in m for m in messages)


def test_folder_is_recursive_sorted_and_skips_hidden_and_notes_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed\n\nzzz", encoding="utf-8")
    (tmp_path / "a.md").write_text("Aye\n\naaa", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nhhh", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("Git\n\nggg", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    articles, errors = collect([tmp_path])
    assert [a.id for a in articles] == ["a", "z"]
    assert [getattr(e, "kind", None) for e in errors] == ["unsupported type"]
    assert str(errors[0]).startswith(f"{tmp_path / 'image.png'}: unsupported type")


def test_iteration_is_lazy(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"{name}\n\ntext", encoding="utf-8")
    errors: list[IngestError] = []
    stream = iter_articles([tmp_path / "a.txt", tmp_path / "missing.txt", tmp_path / "b.txt"], errors.append)
    assert next(stream).id == "a"
    assert errors == []  # nothing beyond the first article has been looked at yet
    assert next(stream).id == "b"
    assert [e.kind for e in errors] == ["missing"]


@pytest.mark.parametrize(
    ("content", "kind", "fragment"),
    [
        (b"", "empty", "empty: no text in it"),
        (b"  \n\t\n", "empty", "empty: no text in it"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "binary"),
        (bytes(range(1, 9)) * 30, "binary", "binary"),
        ("Anschlag in Köln: Polizei ermittelt wegen Brandstiftung".encode("latin-1"), "not UTF-8", "0xf6"),
    ],
)
def test_bad_files_give_one_line_error_naming_the_file(
    tmp_path: Path, content: bytes, kind: str, fragment: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    articles, errors = collect([path])
    assert articles == []
    assert len(errors) == 1
    assert errors[0].kind == kind
    message = str(errors[0])
    assert message.startswith(f"{path}: ") and fragment in message and "\n" not in message


def test_latin1_error_says_how_to_fix(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Déclaration du ministère après l'attentat à Genève".encode("cp1252"))
    with pytest.raises(
        IngestError, match=r"latin\.txt: not UTF-8: invalid byte 0xe9 at offset 1 .*save it as UTF-8"
    ):
        read_article(path)


def test_too_large_article_names_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_MAX_ARTICLE_BYTES", "1000")
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "word " * 400, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": "x " * 600}) + "\n" + json.dumps({"text": "small"}) + "\n", encoding="utf-8"
    )
    articles, errors = collect([big, feed])
    assert [a.id for a in articles] == ["feed-2"]
    assert (
        str(errors[0])
        == f"{big}: too large: 2,007 bytes exceeds the 1,000 bytes limit (KG_MAX_ARTICLE_BYTES)"
    )
    assert str(errors[1]).startswith(f"{feed}:1: too large: ")


def test_duplicate_ids(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "three").mkdir()
    (tmp_path / "one" / "story.txt").write_text("Story\n\nfirst version", encoding="utf-8")
    (tmp_path / "two" / "story.txt").write_text("Story\n\nfirst version", encoding="utf-8")
    (tmp_path / "three" / "story.txt").write_text("Story\n\nsecond, different version", encoding="utf-8")
    articles, errors = collect([tmp_path])
    assert [a.text for a in articles] == ["Story\n\nfirst version"]
    assert len(errors) == 1
    message = str(errors[0])
    assert message.startswith(str(tmp_path / "three" / "story.txt"))
    assert "'story'" in message and str(tmp_path / "one" / "story.txt") in message


def test_missing_path_and_every_skip_named_by_its_kind(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine\n\ntext", encoding="utf-8")
    (tmp_path / "e1.txt").write_bytes(b"")
    (tmp_path / "e2.txt").write_bytes(b"\n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    articles, errors = collect([tmp_path, tmp_path / "nope.txt"])
    assert [a.id for a in articles] == ["ok"]
    assert Counter(error.kind for error in errors) == {"empty": 2, "binary": 1, "missing": 1}


def test_readers_registry_and_safe_ids() -> None:
    assert set(READERS) == {".txt", ".md", ".html", ".htm", ".jsonl"}
    assert safe_id(" a/b\\c ") == "a-b-c"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".jsonl", ".html"]))
def test_arbitrary_bytes_give_an_article_or_exactly_one_error(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    errors: list[IngestError] = []
    articles = list(iter_articles([path], on_error=errors.append))
    if suffix == ".jsonl":  # one result per non-blank line
        assert len(articles) + len(errors) <= max(1, data.count(b"\n") + 1)
    else:
        assert len(articles) + len(errors) == 1
    for article in articles:
        assert article.id and "/" not in article.id
        assert article.text.strip() and article.title
    for error in errors:
        assert "\n" not in str(error) and str(error).startswith(str(path))


# --- attacks of issue 13, replayed -------------------------------------------------------------


def test_ids_that_would_share_an_iri_are_an_error_naming_both_files(tmp_path: Path) -> None:
    """Attack 2: ``Report A.txt``, ``report-a.txt`` and ``REPORT A.txt`` minted one graph."""
    for name, where in (("Report A", "Kabul"), ("report-a", "Herat"), ("REPORT A", "Mosul")):
        (tmp_path / f"{name}.txt").write_text(f"Bombing\n\nA bomb exploded in {where}.", encoding="utf-8")
    articles, errors = collect([tmp_path])
    assert [a.id for a in articles] == ["REPORT A"]  # sorted: 'R' < 'r', 'E' < 'e'
    assert [e.kind for e in errors] == ["id collision", "id collision"]
    first = str(errors[0])
    assert first.startswith(f"{tmp_path / 'Report A.txt'}: id collision: id 'Report A' ")
    assert f"as 'REPORT A' (read from {tmp_path / 'REPORT A.txt'})" in first
    assert str(errors[1]).startswith(f"{tmp_path / 'report-a.txt'}: id collision: id 'report-a' ")


def test_an_id_colliding_with_a_stored_one_is_refused_but_the_same_id_is_not(tmp_path: Path) -> None:
    """The store holds ``Report A``: ``report-a`` would overwrite it, ``Report A`` (edited) replaces it."""
    (tmp_path / "report-a.txt").write_text("Bombing\n\nA bomb exploded in Herat.", encoding="utf-8")
    (tmp_path / "Report A.md").write_text("# Bombing\n\nA bomb exploded in Kabul.", encoding="utf-8")
    stored = {"report-a": "Report A", "Report A": "Report A"}.get
    errors: list[IngestError] = []
    assert list(iter_articles([tmp_path / "report-a.txt"], on_error=errors.append, stored_id=stored)) == []
    edited = list(iter_articles([tmp_path / "Report A.md"], on_error=errors.append, stored_id=stored))
    assert [a.id for a in edited] == ["Report A"]
    assert len(errors) == 1 and errors[0].kind == "id collision"
    assert "'report-a' names the same article IRI as 'Report A' (already in the store)" in str(errors[0])


def test_the_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    articles, errors = collect([path, path, tmp_path])
    assert [a.id for a in articles] == ["story"] and errors == []


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('{"id": "bad", "text": "Bombers struck \\udc80 a market in Herat."}', "text"),
        ('{"id": "bad", "title": "\\ud800", "text": "Bombers struck a market in Herat."}', "title"),
        ('{"id": "b\\udfffad", "text": "Bombers struck a market in Herat."}', "id"),
        ('{"id": "bad", "source": "\\udc80", "url": "\\ud83d", "text": "Bombers struck."}', "source"),
    ],
)
def test_a_lone_surrogate_is_replaced_and_the_batch_goes_on(tmp_path: Path, line: str, field: str) -> None:
    """Attack 4: ``"\\udc80"`` is valid JSON; it raised UnicodeEncodeError in Article.sha256 and
    stopped the whole build."""
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "good", "text": BODY})
    after = json.dumps({"id": "after", "text": BODY + " Later."})
    feed.write_text(f"{good}\n{line}\n{after}\n", encoding="utf-8")
    articles, errors = collect([feed])
    assert errors == []
    assert [a.id for a in articles][0::2] == ["good", "after"]
    odd = articles[1]
    assert "\ufffd" in getattr(odd, field)
    for article in articles:
        article.sha256  # noqa: B018 -- hashing no longer raises
        for value in (article.id, article.title, article.text, article.source or "", article.url or ""):
            value.encode("utf-8")


def test_a_lone_surrogate_in_front_matter_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text('---\ntitle: "Attack \\ud800 report"\n---\n' + BODY, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Attack \ufffd report"
    assert len(article.sha256) == 64


def test_characters_xml_cannot_hold_are_dropped_on_ingest(tmp_path: Path) -> None:
    """Attack 6 at its source: BEL, ESC, NUL from article text reached RDF/XML and SPARQL XML."""
    feed = tmp_path / "feed.jsonl"
    record = {"title": "Bell\u0007 and \u001b[31mred", "text": "Gunmen\u0000 fired\u000cthen fled."}
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    article = read_article(feed)
    assert article.title == "Bell and [31mred"
    assert article.text == "Gunmen fired\nthen fled."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path: Path, codec: str) -> None:
    """Attack 13: a UTF-16 file with its BOM was called "binary: NUL bytes"."""
    path = tmp_path / "wide.txt"
    text = "Anschlag in Köln\n\nA bomb exploded near the cathedral in Köln — no one was hurt."
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}
    bom["utf-32-be"] = b"\x00\x00\xfe\xff"
    path.write_bytes(bom.get(codec, b"") + text.encode(codec))
    article = read_article(path)
    assert article.title == "Anschlag in Köln"
    assert article.text == text


def test_a_utf16_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a", "text": "Bomb in Köln."}), '{"text": }', json.dumps({"text": "Raid."})]
    feed.write_bytes("\n".join(lines).encode("utf-16"))
    articles, errors = collect([feed])
    assert [a.id for a in articles] == ["a", "feed-3"]
    assert [str(e) for e in errors] == [f"{feed}:2: invalid JSON: Expecting value at column 10"]


def test_utf16_without_a_byte_order_mark_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(("A bomb exploded near the cathedral on Monday. " * 4).encode("utf-16-le"))
    with pytest.raises(IngestError, match=r"binary: NUL bytes \(looks like utf_16.*\) without a byte-order"):
        read_article(path)


def test_a_wide_file_that_is_not_what_its_bom_says_is_named(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfe" + "Bomb".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate
    with pytest.raises(IngestError, match=r"odd\.txt: not UTF-16: starts with a UTF-16 byte-order mark"):
        read_article(path)


def test_json_error_message_says_at_once(tmp_path: Path) -> None:
    """Attack 13: "Invalid control character at at column 22"."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "a\tb"}\n', encoding="utf-8")
    _, errors = collect([feed])
    assert [str(e) for e in errors] == [f"{feed}:1: invalid JSON: Invalid control character at column 12"]


def test_the_default_size_limit_is_the_10_mb_the_readme_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attack 13: the 10 MB limit printed as 10.5 MB (it was 10 MiB)."""
    monkeypatch.delenv("KG_MAX_ARTICLE_BYTES", raising=False)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "(default 10 MB)" in readme
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(12_345_678)
    with pytest.raises(IngestError) as caught:
        read_article(big)
    assert str(caught.value) == f"{big}: too large: 12.3 MB exceeds the 10 MB limit (KG_MAX_ARTICLE_BYTES)"
    big.write_bytes(b"x" * 10_000_001)
    with pytest.raises(IngestError, match="10,000,001 bytes exceeds the 10,000,000 bytes limit"):
        read_article(big)


def test_paths_that_are_not_article_files_are_named_as_skipped(tmp_path: Path) -> None:
    """Attack 13: a dangling ``*.txt`` link and a folder named ``x.txt`` were skipped without a word."""
    import os

    (tmp_path / "ok.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "x.txt" / "inner.txt").write_text(BODY + " Inner.", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "x.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block the build forever
    articles, skipped = collect([tmp_path])
    assert sorted(a.id for a in articles) == ["inner", "ok"]
    assert sorted(e.kind for e in skipped) == ["dangling link", "folder", "linked folder", "not a file"]
    errors: list[IngestError] = []
    list(iter_articles([tmp_path / "dangling.txt", tmp_path / "pipe.txt"], on_error=errors.append))
    assert [e.kind for e in errors] == ["dangling link", "not a file"]
    gone = tmp_path / "gone.txt"
    assert str(errors[0]) == f"{errors[0].item}: dangling link: points to {gone}, which does not exist"


def test_a_jsonl_field_that_is_an_object_or_a_list_is_named_not_spelled_as_python(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"id": {"a": 1}, "text": BODY},
        {"id": "t", "title": ["One", "Two"], "text": BODY + " Two."},
        {"id": "u", "url": {"href": "https://e.org"}, "text": BODY + " Three."},
        {"id": 7, "source": 12, "text": BODY + " Four."},  # numbers are read as their digits
    ]
    feed.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    articles, errors = collect([feed])
    assert [(a.id, a.source) for a in articles] == [("7", "12")]
    assert [str(e) for e in errors] == [
        f"{feed}:1: invalid field: 'id' must be one value, not an object",
        f"{feed}:2: invalid field: 'title' must be one value, not a list",
        f"{feed}:3: invalid field: 'url' must be one value, not an object",
    ]


LAUGHS = "\n".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefg", "bcdefgh", strict=True)]
)


@pytest.mark.parametrize(("key", "read"), [("extra", True), ("published", False)])
def test_front_matter_aliases_that_expand_to_millions_are_never_spelled_out(
    tmp_path: Path, key: str, read: bool
) -> None:
    # "billion laughs": 1 KB of YAML aliases is a list of 43 million items once str() spells it out;
    # every front-matter key was turned into text, so the build hung and grew without bound
    import subprocess
    import sys

    page = tmp_path / "laughs.md"
    page.write_text(f"---\n{LAUGHS}\n{key}: *h\ntitle: Laughs\n---\n{BODY}\n", encoding="utf-8")
    script = (
        "import sys\nfrom kg.ingest import iter_articles\n"
        "errors = []\narticles = list(iter_articles([sys.argv[1]], on_error=errors.append))\n"
        "print([a.title for a in articles], [str(e) for e in errors])\n"
    )
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run(
        [sys.executable, "-c", script, str(page)], capture_output=True, text=True, timeout=120, cwd=root
    )
    assert done.returncode == 0, done.stderr
    if read:
        assert done.stdout.strip() == "['Laughs'] []"
    else:
        message = f"{page}: invalid field: 'published' must be one value, not a list"
        assert done.stdout.strip() == f'[] ["{message}"]'
