"""Extraction quality on the dev articles: our extractor against a textacy subject-verb-object baseline.

    python bench/quality.py [--dev /work/shared/eval/dev] [--verbose] [--out DIR]

Both are written as event tables (the `kg events` columns), scored with the shared scorer, and
printed side by side (events and arguments P/R/F1, then per role).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import textacy.extract
from spacy.language import Language

from kg.events import COLUMNS
from kg.extract import extract, load_pipeline
from kg.extract.lexicon import first_in, load_lexicon
from kg.ingest import iter_articles
from kg.model import Article, Extraction

ROLES = ["agent", "target", "location", "time", "killed", "injured", "about"]


def extraction_rows(ex: Extraction) -> Iterator[dict[str, str]]:
    for event in ex.events:
        cells = {
            role: " | ".join(e.label for e in event.role(role)) for role in ("agent", "target", "location")
        }
        yield {
            "doc": ex.article.id,
            "event": event.key,
            "type": event.type,
            **cells,
            "time": event.time or "",
            "killed": "" if event.killed is None else str(event.killed),
            "injured": "" if event.injured is None else str(event.injured),
            "about": event.about or "",
            "sentence": event.evidence.sentence,
        }


def baseline_rows(articles: list[Article], nlp: Language) -> Iterator[dict[str, str]]:
    """Subject-verb-object triples; the verb's lemma picks the event type through the trigger lexicon."""
    verbs = load_lexicon().trigger_lemmas("VERB")
    for article in articles:
        doc = nlp(article.text)
        n = 0
        for triple in textacy.extract.subject_verb_object_triples(doc):
            verb = triple.verb[-1]
            form = first_in(verb, verbs)
            if form is None:
                continue
            n += 1
            yield {
                "doc": article.id,
                "event": f"e{n}",
                "type": verbs[form][0],
                "agent": " ".join(t.text for t in triple.subject),
                "target": " ".join(t.text for t in triple.object),
                "location": "",
                "time": "",
                "killed": "",
                "injured": "",
                "about": "",
                "sentence": verb.sent.text.strip(),
            }


def write_csv(rows: Iterable[dict[str, str]], path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    os.replace(tmp, path)


def score(scorer: Path, gold: Path, pred: Path, *flags: str) -> str:
    done = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), *flags],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=Path("/work/shared/eval/dev"))
    parser.add_argument("--scorer", type=Path, default=Path("/work/shared/eval/score.py"))
    parser.add_argument(
        "--out", type=Path, default=None, help="folder for the two CSVs (default: a temp folder)"
    )
    parser.add_argument("--verbose", action="store_true", help="list our missed and extra events")
    opts = parser.parse_args()

    articles = list(iter_articles(sorted((opts.dev / "articles").iterdir()), on_error=print))
    nlp = load_pipeline()
    out = opts.out or Path(tempfile.mkdtemp(prefix="kg-quality-"))
    out.mkdir(parents=True, exist_ok=True)
    ours, base = out / "ours.csv", out / "baseline.csv"
    write_csv((row for ex in extract(articles, nlp) for row in extraction_rows(ex)), ours)
    write_csv(baseline_rows(articles, nlp), base)
    gold = opts.dev / "gold.json"
    figures = {
        name: json.loads(score(opts.scorer, gold, path, "--json"))
        for name, path in (("kg", ours), ("textacy SVO", base))
    }
    print(f"{'':12s}{'kg':>24s}{'textacy SVO':>24s}")
    print(f"{'':12s}" + "       P     R    F1" * 2)
    for label, pick in [("events", lambda f: f["events"]), ("arguments", lambda f: f["arguments"])] + [
        (role, lambda f, r=role: f["roles"][r]) for role in ROLES
    ]:
        line = "".join(f"   {p:5.2f} {r:5.2f} {f1:5.2f}" for p, r, f1 in (pick(figures[k]) for k in figures))
        print(f"{label:12s}{line}")
    if opts.verbose:
        print(score(opts.scorer, gold, ours, "--verbose"))
    print(f"tables: {ours} {base}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
