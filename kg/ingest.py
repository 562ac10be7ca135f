"""Read articles from files and folders, lazily, one at a time.

Readers are looked up by file suffix in :data:`READERS`. Each reader yields :class:`Article` values
or :class:`IngestError` values (a ``.jsonl`` file can hold good and bad lines), so one bad item is
reported through ``on_error`` and skipped while the rest is read.

Encoding: text must be UTF-8 (a UTF-8 byte-order mark is accepted), or UTF-16 or UTF-32 that starts
with its byte-order mark (it says which it is). Anything else is refused with a one-line error naming
the offending byte and the encoding ``charset_normalizer`` guesses, because a silent cp1252/Latin-1
guess can turn names into mojibake that then becomes entity IRIs. HTML is the exception: it declares
its own charset, so non-UTF-8 HTML is handed to trafilatura as bytes.

Every text field of an article is made valid (:func:`kg.text.valid_text`) before it is hashed or
stored: a lone surrogate from a JSON or YAML escape becomes U+FFFD, characters XML 1.0 cannot hold
are dropped.

Ids: two inputs whose ids would mint the same IRI (``Report A`` and ``report-a``: slugs are
case- and space-folded) are an error naming both; the first one read is kept.

Limits: an article (a file, or one ``.jsonl`` line) larger than ``KG_MAX_ARTICLE_BYTES`` bytes
(default 10 MB, 10,000,000 bytes) is refused with its size.

Paths: a folder is read recursively, hidden files left out; a dangling link, a folder named like an
article file (``x.txt``) and anything that is not a regular file (a FIFO, a socket) are named as skipped.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from kg.errors import IngestError
from kg.model import Article
from kg.rdf import slug
from kg.text import valid_text

DEFAULT_MAX_ARTICLE_BYTES = 10_000_000
CONTROL_RATIO_LIMIT = 0.05
TITLE_CHARS = 160
HEADER_KEYS = ("title", "source", "url", "published", "id")
_HEADER_LINE = re.compile(r"^(" + "|".join(HEADER_KEYS) + r")[ \t]*:[ \t]*(.*)$", re.IGNORECASE)
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}
_UNSAFE_ID = re.compile(r"[/\\\x00-\x1f\x7f]+")
_BOMS: tuple[tuple[bytes, str, str], ...] = (  # UTF-32 first: its little-endian BOM starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_JSON_MESSAGE_TAIL = re.compile(r"\s+at$")

Item = Article | IngestError
Reader = Callable[[Path], Iterator[Item]]


def max_article_bytes() -> int:
    """The size limit of one article, from ``KG_MAX_ARTICLE_BYTES`` (bytes; default 10 MB)."""
    raw = os.environ.get("KG_MAX_ARTICLE_BYTES", "")
    return int(raw) if raw.strip().isdigit() else DEFAULT_MAX_ARTICLE_BYTES


def rejected(item: str, kind: str, detail: str = "") -> IngestError:
    """An :class:`IngestError` whose ``kind`` (``empty``, ``binary``, ...) names the reason to count it by."""
    error = IngestError(item, f"{kind}: {detail}" if detail else kind)
    error.kind = kind  # type: ignore[attr-defined]
    return error


def _size(n: int) -> str:
    """``10 MB``, ``10.4 MB`` (decimal megabytes, as the README states the limit) or ``2,007 bytes``."""
    if n < 100_000:
        return f"{n:,} bytes"
    return f"{n / 1_000_000:.1f}".removesuffix(".0") + " MB"


def _check_size(item: str, n: int) -> None:
    limit = max_article_bytes()
    if n > limit:
        size, most = _size(n), _size(limit)
        if size == most:  # 10,000,001 bytes against 10,000,000: rounding would hide the difference
            size, most = f"{n:,} bytes", f"{limit:,} bytes"
        raise rejected(item, "too large", f"{size} exceeds the {most} limit (KG_MAX_ARTICLE_BYTES)")


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:65536]
    control = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return control > CONTROL_RATIO_LIMIT * len(sample)


def _guess_encoding(data: bytes) -> str:
    from charset_normalizer import from_bytes  # 32 ms (-X importtime), paid only for a file that is not UTF-8

    best = from_bytes(data[:65536]).best()
    return f" (looks like {best.encoding})" if best is not None else ""


def bom_encoding(data: bytes) -> tuple[str, str] | None:
    """``(codec, name)`` of the UTF-16 or UTF-32 byte-order mark ``data`` starts with, else None."""
    return next(((codec, name) for bom, codec, name in _BOMS if data.startswith(bom)), None)


def _not_wide(item: str, name: str, exc: UnicodeDecodeError) -> IngestError:
    detail = f"starts with a {name} byte-order mark but is not {name} ({exc.reason}); save it as UTF-8"
    return rejected(item, f"not {name}", detail)


def _decode_wide(item: str, data: bytes, codec: str, name: str) -> bytes:
    """UTF-16/UTF-32 text (with its byte-order mark) → the same text as UTF-8 bytes."""
    try:
        return data.decode(codec).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_wide(item, name, exc) from None


def _binary(item: str, data: bytes) -> IngestError:
    guess = _guess_encoding(data) if b"\x00" in data else ""
    if "utf_16" in guess or "utf_32" in guess:  # wide text without a byte-order mark
        detail = f"NUL bytes{guess} without a byte-order mark; save it as UTF-8"
        return rejected(item, "binary", detail)
    return rejected(item, "binary", "NUL bytes or control characters, not text")


def decode(item: str, data: bytes) -> str:
    """Bytes of one article → text; empty, binary and non-UTF-8 input are refused by name.

    UTF-16 and UTF-32 are read when they start with their byte-order mark.
    """
    _check_size(item, len(data))
    wide = bom_encoding(data)
    if wide is not None:
        data = _decode_wide(item, data, *wide)
    if not data.strip():
        raise rejected(item, "empty", "no text in it")
    if _looks_binary(data):
        raise _binary(item, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        detail = f"invalid byte 0x{bad} at offset {exc.start}{_guess_encoding(data)}; save it as UTF-8"
        raise rejected(item, "not UTF-8", detail) from None
    if not text.strip():
        raise rejected(item, "empty", "no text in it")
    return text


def _read_bytes(path: Path) -> bytes:
    item = str(path)
    try:
        _check_size(item, path.stat().st_size)
        return path.read_bytes()
    except OSError as exc:
        raise rejected(item, "unreadable", exc.strerror or str(exc)) from None


def safe_id(raw: str) -> str:
    """An article id without slashes or control characters (it becomes part of IRIs and file names)."""
    return _UNSAFE_ID.sub("-", raw.strip()).strip("-")


def parse_published(value: Any) -> date | None:
    """An ISO date, a datetime, or any form ``dateparser`` understands → ``date``; None when it can't tell."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser  # 97 ms (-X importtime), paid only for a date that is not ISO

    parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= TITLE_CHARS:
        return line
    return line[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _valid(value: Any) -> Any:
    """A read field with its text made valid (:func:`kg.text.valid_text`); dates and None as they are."""
    return valid_text(str(value)) if value is not None and not isinstance(value, date) else value


FIELDS = ("id", "title", "source", "url", "published")
"""The metadata an article keeps: each one value (text, a number read as its digits, a date); other keys
of a record or front matter are ignored, never turned into text (YAML aliases can make a 1 KB front
matter a list of 43 million items: "billion laughs")."""


def _kind_of(value: object) -> str:
    return "a list" if isinstance(value, list) else "an object"


def make_article(item: str, fields: dict[str, Any], text: str, default_id: str) -> Article:
    """An Article from read metadata and body text; refuses an empty body or an unusable id.

    Every text field is made valid Unicode that XML can hold before the article is hashed.
    """
    for key in FIELDS:
        value = fields.get(key)
        if isinstance(value, (dict, list)):  # str() would store Python's spelling of it: "{'a': 1}"
            raise rejected(item, "invalid field", f"{key!r} must be one value, not {_kind_of(value)}")
    fields = {key: _valid(fields[key]) for key in FIELDS if key in fields}
    text = valid_text(text).strip("\ufeff")
    if not text.strip():
        raise rejected(item, "empty", "no article text")
    raw_id = fields.get("id") or valid_text(default_id)
    article_id = safe_id(str(raw_id))
    if not article_id:
        raise rejected(item, "bad id", f"id {raw_id!r} has no usable characters")
    title = str(fields.get("title") or "").strip() or _first_line(text)

    def optional(key: str) -> str | None:
        value = fields.get(key)
        return str(value).strip() or None if value is not None else None

    return Article(
        id=article_id,
        title=title,
        text=text,
        published=parse_published(fields.get("published")),
        source=optional("source"),
        url=optional("url"),
    )


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """``title:``/``source:``/... lines at the top, then a blank line → (fields, body); else ({}, text)."""
    lines = text.lstrip("\ufeff").split("\n")
    fields: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            return (fields, "\n".join(lines[index + 1 :])) if fields else ({}, text)
        match = _HEADER_LINE.match(line.rstrip("\r"))
        if match is None:
            return {}, text
        fields[match.group(1).lower()] = match.group(2).strip()
    return {}, text


def read_txt(path: Path) -> Iterator[Item]:
    """Plain text: the first non-empty line is the title; an optional header block gives metadata."""
    item = str(path)
    text = decode(item, _read_bytes(path))
    fields, body = _split_header(text)
    yield make_article(item, fields, body if fields else text, path.stem)


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML as a writer of front matter means it: ``title: No``, ``id: 007`` and ``title: 1984`` stay text.

    PyYAML's safe loader reads yes/no/on/off as booleans and digit runs as numbers, so a headline "No"
    became "False" and an id "007" became "7"; dates stay dates (``published: 2024-01-03``).
    """


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith((":bool", ":int", ":float"))]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def read_md(path: Path) -> Iterator[Item]:
    """Markdown with optional YAML front matter (title, source, url, published, id); the body is the text."""
    item = str(path)
    text = decode(item, _read_bytes(path))
    match = _FRONT_MATTER.match(text)
    fields: dict[str, Any] = {}
    body = text
    if match:
        try:
            loaded = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # noqa: S506 (a safe loader)
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: a YAML date like 2024-13-45
            raise rejected(item, "bad front matter", " ".join(str(exc).split())) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise rejected(item, "bad front matter", "expected key: value pairs")
        fields = loaded or {}
        body = text[match.end() :]
    if not fields.get("title"):
        heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
        if heading:
            fields["title"] = heading.group(1).strip()
    yield make_article(item, fields, body, path.stem)


_KG_PAGE = re.compile(rb'<meta name="generator" content="kg[ "]')
"""The mark of a page kg itself wrote (``kg view``, ``kg build --out``)."""


def read_html(path: Path) -> Iterator[Item]:
    """An HTML page: main text and metadata by trafilatura (no comments, scripts, navigation)."""
    import trafilatura  # 238 ms (-X importtime), paid only when there is HTML to read

    item = str(path)
    data = _read_bytes(path)
    if _KG_PAGE.search(data[:4096]):  # `kg build news --out news`: the next build would read it
        raise rejected(item, "kg output", "a page kg wrote (kg view), not an article")
    try:
        page: str | bytes = decode(item, data)
    except IngestError as exc:
        if getattr(exc, "kind", "") != "not UTF-8":
            raise
        page = data  # HTML declares its own charset; trafilatura reads it
    document = trafilatura.bare_extraction(page, include_comments=False, with_metadata=True)
    if document is None or not (document.text or "").strip():
        raise rejected(item, "empty", "no article text found in the HTML")
    title = (document.title or "").strip()
    text = document.text.strip()
    if title and text.split("\n", 1)[0].strip() == title:
        text = text.split("\n", 1)[1] if "\n" in text else text
    fields = {"title": title, "published": document.date, "source": document.sitename, "url": document.url}
    yield make_article(item, fields, text, path.stem)


def _jsonl_lines(item: str, handle: BinaryIO) -> Iterator[bytes | IngestError]:
    """The lines of a ``.jsonl`` file as UTF-8 bytes (a UTF-16/UTF-32 file with its BOM is decoded)."""
    wide = bom_encoding(handle.read(4))
    handle.seek(0)
    if wide is None:
        yield from handle
        return
    codec, name = wide
    try:
        for line in io.TextIOWrapper(handle, encoding=codec, newline="\n"):
            yield line.encode("utf-8")
    except UnicodeDecodeError as exc:
        yield _not_wide(item, name, exc)


def _json_message(exc: json.JSONDecodeError) -> str:
    """``Invalid control character at column 12`` (json's own message ends in "at" already)."""
    return f"{_JSON_MESSAGE_TAIL.sub('', exc.msg)} at column {exc.colno}"


def read_jsonl(path: Path) -> Iterator[Item]:
    """One article per line: ``text`` required; ``title``, ``published``, ``url``, ``source``, ``id`` too.

    The file is streamed line by line; a broken line is reported as ``file.jsonl:N`` and skipped.
    """
    for _, result in _jsonl_items(path):
        yield result


def _jsonl_items(path: Path) -> Iterator[tuple[str, Item]]:
    """``(file.jsonl:N, article or error)`` for each non-blank line."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise rejected(str(path), "unreadable", exc.strerror or str(exc)) from None
    with handle:
        for number, raw in enumerate(_jsonl_lines(str(path), handle), start=1):
            item = f"{path}:{number}"
            if isinstance(raw, IngestError):
                yield item, raw
                return
            if not raw.strip():
                continue
            try:
                record = json.loads(decode(item, raw))
                if not isinstance(record, dict):
                    kind = type(record).__name__
                    raise rejected(item, "invalid record", f"expected a JSON object, got {kind}")
                text = record.get("text")
                if not isinstance(text, str):
                    raise rejected(item, "invalid record", 'missing string field "text"')
                yield item, make_article(item, record, text, f"{path.stem}-{number}")
            except json.JSONDecodeError as exc:
                yield item, rejected(item, "invalid JSON", _json_message(exc))
            except IngestError as exc:
                yield item, exc


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".md": read_md,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}
"""The one registry of readers, by lower-case file suffix."""


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _not_a_file(path: Path) -> IngestError | None:
    """Why ``path`` (met in a folder, or named) is no article file: a dangling link, a folder, a FIFO..."""
    if path.is_symlink() and not path.exists():
        return rejected(str(path), "dangling link", f"points to {os.readlink(path)}, which does not exist")
    if path.is_dir():
        if path.is_symlink():
            return rejected(str(path), "linked folder", "a link to a folder is not followed; name the folder")
        if path.suffix.lower() in READERS:
            return rejected(str(path), "folder", "a folder named like an article file; its files are read")
        return None
    if path.exists() and not path.is_file():
        return rejected(str(path), "not a file", "not a regular file (a FIFO, socket or device)")
    return None


def _files(path: Path) -> Iterator[Path | IngestError]:
    """The files under a path: itself, or a folder's files (recursive, sorted, hidden ones left out).

    A dangling link, a folder named like an article file and anything else that is not a regular
    file are named as errors, so nothing is left out without a word.
    """
    if path.is_dir():
        for entry in sorted(p for p in path.rglob("*") if not _is_hidden(p, path)):
            if entry.is_file():
                yield entry
            elif (error := _not_a_file(entry)) is not None:
                yield error
    elif path.is_file():
        yield path
    elif (error := _not_a_file(path)) is not None:
        yield error
    else:
        yield rejected(str(path), "missing", "no such file or folder")


def _read_file(path: Path) -> Iterator[tuple[str, Item]]:
    """``(where, article or error)`` for each item of the file: ``where`` is ``file.jsonl:N`` per line."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        detail = f"suffix {path.suffix or '(none)'!r}; use one of {', '.join(READERS)}"
        yield str(path), rejected(str(path), "unsupported type", detail)
        return
    try:
        if reader is read_jsonl:
            yield from _jsonl_items(path)
        else:
            yield from ((str(path), result) for result in reader(path))
    except IngestError as exc:
        yield str(path), exc


def iter_articles(
    paths: Iterable[str | Path],
    on_error: Callable[[IngestError], None] | None = None,
    *,
    stored_id: Callable[[str], str | None] | None = None,
) -> Iterator[Article]:
    """Yield the articles under ``paths`` lazily; each bad item goes to ``on_error`` and is skipped.

    ``stored_id(article_id)``, when given, tells the id a store already holds under the IRI this id
    mints (or None): an article whose id differs from it is skipped as an id collision too.

    Duplicate ids: the same content again is skipped silently; different content under an id already
    read is an error naming both items, and so is an id that differs from one already read but would
    mint the same IRI (``Report A`` and ``report-a``).
    """
    seen: dict[str, tuple[str, str, str]] = {}  # slug of the id → (id, sha256, where it was read)

    def report(error: IngestError) -> None:
        if on_error is not None:
            on_error(error)

    for raw in paths:
        for entry in _files(Path(raw)):
            if isinstance(entry, IngestError):
                report(entry)
                continue
            for where, result in _read_file(entry):
                if isinstance(result, IngestError):
                    report(result)
                    continue
                key, mine = slug(result.id), (result.id, result.sha256, where)
                first = seen.setdefault(key, mine)
                held = stored_id(result.id) if stored_id is not None and first is mine else None
                if first[0] != result.id:
                    report(id_collision(where, result.id, first[0], f"read from {first[2]}"))
                elif first is not mine:  # the same id read before: the same text is skipped silently
                    if first[1] != result.sha256:
                        detail = f"id {result.id!r} was already read from {first[2]} with different text"
                        report(rejected(where, "duplicate id", detail))
                elif held is not None and held != result.id:
                    del seen[key]
                    report(id_collision(where, result.id, held, "already in the store"))
                else:
                    yield result


def id_collision(where: str, article_id: str, other_id: str, other_where: str) -> IngestError:
    """The error for an id that would mint the same IRI as another article's (its slug is the same)."""
    detail = (
        f"id {article_id!r} names the same article IRI as {other_id!r} ({other_where}): ids equal "
        "once lower-cased with spaces as hyphens collide; rename one file or give it an id"
    )
    return rejected(where, "id collision", detail)


COUNT_LINES_UP_TO = 256 * 1024 * 1024
"""Bytes of ``.jsonl`` input whose lines are counted up front; above it, progress is told in bytes."""


@dataclass(frozen=True)
class InputCount:
    """How much input a build has, counted before it starts: ``articles`` when cheap, else ``bytes``.

    ``articles`` counts the items (files, non-empty ``.jsonl`` lines) a build will read or skip;
    it is None when the ``.jsonl`` input is too large to count, and ``bytes`` is its size instead.
    """

    articles: int | None
    bytes: int | None = None


def count_inputs(paths: Iterable[str | Path], *, count_lines_up_to: int = COUNT_LINES_UP_TO) -> InputCount:
    """The items under ``paths`` (as :func:`iter_articles` will meet them), or the bytes of large input."""
    files = [entry for raw in paths for entry in _files(Path(raw))]
    feeds = [f for f in files if isinstance(f, Path) and f.suffix.lower() == ".jsonl"]
    size = sum(_file_size(f) for f in feeds)
    if size > count_lines_up_to:
        return InputCount(None, size)
    return InputCount(len(files) - len(feeds) + sum(_lines(f) for f in feeds))


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _lines(path: Path) -> int:
    """Non-empty lines of a file, read in blocks (an unreadable file counts as the one item it reports)."""
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip()) or 0
    except OSError:
        return 1


def read_article(path: str | Path) -> Article:
    """The single article in one file; raises its :class:`IngestError` (for tests and the notebook)."""
    errors: list[IngestError] = []
    articles = list(iter_articles([path], on_error=errors.append))
    if errors:
        raise errors[0]
    if len(articles) != 1:
        raise rejected(str(path), "not one article", f"holds {len(articles)} articles")
    return articles[0]
