"""Extraction speed: articles/s, and our whole extraction (nlp.pipe included) over a bare nlp.pipe.

    python bench/extract_speed.py [--dev ../shared/eval/dev] [--texts 200] [--batch-size 32]

The dev articles are repeated to about ``--texts`` texts; each run is timed with n_process 1 and 2.
Target: ratio ≤ 1.3× (the extraction adds at most 30 % to parsing).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from spacy.language import Language

from kg.extract import extract, load_pipeline
from kg.ingest import iter_articles
from kg.model import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
"""``../shared`` beside the repository: the shared evaluation data, read at run time."""
TARGET = 1.3


def corpus(dev: Path, size: int) -> list[Article]:
    base = list(iter_articles(sorted((dev / "articles").iterdir()), on_error=print))
    return [replace(base[i % len(base)], id=f"{base[i % len(base)].id}-{i}") for i in range(size)]


def bare(nlp: Language, articles: list[Article], batch_size: int, n_process: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def ours(nlp: Language, articles: list[Article], batch_size: int, n_process: int) -> tuple[float, int]:
    start = time.perf_counter()
    events = sum(len(ex.events) for ex in extract(articles, nlp, batch_size=batch_size, n_process=n_process))
    return time.perf_counter() - start, events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "eval" / "dev")
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs of each")
    opts = parser.parse_args()
    nlp = load_pipeline()
    articles = corpus(opts.dev, opts.texts)
    list(extract(articles[:5], nlp))  # warm up: lexicon, gazetteer, matcher
    print(f"{len(articles)} texts, batch size {opts.batch_size}")
    print(f"{'n_process':>9s} {'bare s':>8s} {'kg s':>8s} {'articles/s':>11s} {'ratio':>6s} {'events':>7s}")
    worst = 0.0
    for n_process in (1, 2):
        base = min(bare(nlp, articles, opts.batch_size, n_process) for _ in range(opts.repeat))
        took, events = min(ours(nlp, articles, opts.batch_size, n_process) for _ in range(opts.repeat))
        ratio = took / base
        worst = max(worst, ratio)
        print(f"{n_process:9d} {base:8.2f} {took:8.2f} {len(articles) / took:11.1f} {ratio:6.2f} {events:7d}")
    print(f"worst ratio {worst:.2f}× (target ≤ {TARGET}×): {'met' if worst <= TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
