"""Distinct real news texts for the speed benchmarks, as one ``.jsonl`` feed (read at run time, never copied).

Taken in this order until ``count`` texts: the project's real articles (``bench/real/tune``, the
``bench/heldout*`` sets and ``../shared/eval/dev``; never the untouched ``bench/real/test`` split),
then, when ``../shared/external`` is present, the MUC-4 TST4 reports in mixed case, the WikiEvents
documents and the MUC-4 TST1/TST2 reports (lowercased in that release). Speed is all they measure here:
no extraction rule is looked at or tuned on them.

:func:`recombined` builds as many articles as wanted out of the real paragraphs of ``bench/real/tune``
(shuffled, joined until an article has a news article's length): not news any more (one article tells
several incidents), but real sentences, names and lengths, for the large-scale runs that the few
hundred real texts cannot fill and the generated articles (a sixth of the length) do not represent.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the repo
EXTERNAL = SHARED / "external"


def _project_texts() -> Iterator[tuple[str, str, str]]:
    from kg.ingest import iter_articles

    folders = [ROOT / "bench/real/tune/articles", *sorted(ROOT.glob("bench/heldout*/articles"))]
    folders.append(SHARED / "eval/dev/articles")
    paths = [path for folder in folders if folder.is_dir() for path in sorted(folder.glob("*.txt"))]
    for article in iter_articles(paths, on_error=lambda error: None):
        yield article.id, article.title or "", article.text


def _jsonl(path: Path) -> Iterator[dict]:
    if path.is_file():
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)


def _external_texts() -> Iterator[tuple[str, str, str]]:
    for doc in _jsonl(EXTERNAL / "muc4/derived/tst4_mixedcase_gtt.jsonl"):
        yield f"muc4-{doc['docid']}", "", doc["doctext"]
    for split in ("dev", "test"):
        for doc in _jsonl(EXTERNAL / f"wikievents/{split}.jsonl"):
            yield f"wikievents-{doc['doc_id']}", "", doc["text"]
    for doc in _jsonl(EXTERNAL / "muc4/gtt_processed/dev.json"):
        yield f"muc4-{doc['docid']}", "", doc["doctext"]


def real_texts(count: int = 300) -> list[tuple[str, str, str]]:
    """Up to ``count`` distinct ``(id, title, text)`` (fewer when the sources run out)."""
    seen: set[str] = set()
    out: list[tuple[str, str, str]] = []
    for ident, title, text in (*_project_texts(), *_external_texts()):
        if len(out) == count:
            break
        if text.strip() and text not in seen:
            seen.add(text)
            out.append((ident, title, text))
    return out


def real_paragraphs() -> list[tuple[str, str]]:
    """``(published, paragraph)`` of every distinct paragraph (a line of text) of the real
    tuning articles, in file order."""
    from kg.ingest import iter_articles

    paths = sorted((ROOT / "bench/real/tune/articles").glob("*.txt"))
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for article in iter_articles(paths, on_error=lambda error: None):
        published = article.published.isoformat() if article.published else ""
        for paragraph in re.split(r"\n\s*", article.text):
            paragraph = paragraph.strip()
            if paragraph and paragraph not in seen:
                seen.add(paragraph)
                out.append((published, paragraph))
    return out


def recombined(count: int, words: int = 300, seed: int = 7) -> list[dict[str, str]]:
    """``count`` distinct articles of real paragraphs (:func:`real_paragraphs`) drawn at random and joined
    until each has at least ``words`` words; published on the day of its first paragraph's article."""
    paragraphs = real_paragraphs()
    if not paragraphs:
        raise SystemExit("real_texts: no real tuning articles in bench/real/tune/articles")
    rng = random.Random(seed)
    seen: set[str] = set()
    articles: list[dict[str, str]] = []
    while len(articles) < count:
        picked: list[tuple[str, str]] = []
        while sum(len(p.split()) for _, p in picked) < words and len(picked) < len(paragraphs):
            picked.append(paragraphs[rng.randrange(len(paragraphs))])
        text = "\n\n".join(p for _, p in picked)
        if text in seen:
            continue
        seen.add(text)
        article = {"id": f"realmix-{len(articles)}", "title": "", "text": text}
        if picked[0][0]:
            article["published"] = picked[0][0]
        articles.append(article)
    return articles


def write_recombined_feed(path: Path, count: int) -> Path:
    """:func:`recombined` articles as a kg ``.jsonl`` feed at ``path``."""
    with path.open("w", encoding="utf-8") as out:
        for article in recombined(count):
            out.write(json.dumps(article) + "\n")
    return path


def words_per_article(feed: Path) -> float:
    """Mean whitespace-separated words per article text of a ``.jsonl`` feed."""
    counts = [len(json.loads(line)["text"].split()) for line in feed.open(encoding="utf-8") if line.strip()]
    return sum(counts) / len(counts) if counts else 0.0


def write_real_feed(path: Path, count: int = 300) -> Path:
    """The texts as a kg ``.jsonl`` feed at ``path``."""
    with path.open("w", encoding="utf-8") as out:
        for ident, title, text in real_texts(count):
            out.write(json.dumps({"id": ident, "title": title, "text": text}) + "\n")
    return path


if __name__ == "__main__":  # python bench/real_texts.py real300.jsonl [COUNT]
    import sys

    written = write_real_feed(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 300)
    print(f"wrote {sum(1 for _ in written.open(encoding='utf-8'))} texts to {written}")
