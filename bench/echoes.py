"""Added lines that echo a real article: the short word runs (four words by default) an added line of a
change shares with the tuning and dev articles, when the run is rare there (in at most three articles),
so stock phrases ("claimed responsibility for the") stay out. A report to read by hand before landing a
rule, its examples and its tests; not a test, since a shared run of four words may be innocent.

    python bench/echoes.py --base dd3e1f6            # what has come since dd3e1f6, in kg/ and tests/
    python bench/echoes.py --base main -n 5 kg/data  # the uncommitted and unmerged change, 5-word runs

tests/test_extract_rule_examples.py fails on the long echoes (6-word runs, 8-word runs with a word
swapped); this lists the shorter ones it lets through. The never-tuned split bench/real/test is not read.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def runs(text: str, n: int) -> Iterator[tuple[str, ...]]:
    found = words(text)
    return (tuple(found[i : i + n]) for i in range(len(found) - n + 1))


def article_runs(articles: Iterable[Path], n: int) -> dict[tuple[str, ...], set[str]]:
    """Every ``n``-word run of the articles, with the ids (the part before ``_``) of the articles it is in."""
    seen: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for path in articles:
        for run in runs(path.read_text(encoding="utf-8"), n):
            seen[run].add(path.stem.split("_")[0])
    return seen


def added_lines(diff: str) -> Iterator[tuple[str, str]]:
    """(file, line) of every line a unified diff adds."""
    name = ""
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[6:] if line.startswith("+++ b/") else line[4:]
        elif line.startswith("+"):
            yield name, line[1:]


def echoes(
    lines: Iterable[tuple[str, str]], seen: dict[tuple[str, ...], set[str]], n: int, rare: int
) -> Iterator[tuple[str, str, list[str]]]:
    """(file, line, runs) for each added line sharing a run with at most ``rare`` articles; each run is
    written with its articles ("had been ordered by [k20]")."""
    for name, line in lines:
        hits = []
        for run in dict.fromkeys(runs(line, n)):
            ids = seen.get(run)
            if ids and len(ids) <= rare:
                hits.append(f"{' '.join(run)} [{','.join(sorted(ids))}]")
        if hits:
            yield name, line.strip(), hits


def real_articles(dev: Path) -> list[Path]:
    tune = sorted((ROOT / "bench" / "real" / "tune" / "articles").glob("*"))
    return tune + (sorted((dev / "articles").glob("*")) if (dev / "articles").is_dir() else [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=["kg", "tests"], help="what to read the change of")
    parser.add_argument("--base", default="main", help="revision the change is counted from")
    parser.add_argument("-n", type=int, default=4, help="words in a run")
    parser.add_argument("--rare", type=int, default=3, help="most articles a run may be in to be listed")
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    args = parser.parse_args(argv)
    command = ["git", "-C", str(ROOT), "diff", "-U0", args.base, "--", *args.paths]
    diff = subprocess.run(command, capture_output=True, text=True, check=False)
    if diff.returncode:
        raise SystemExit(f"echoes: git diff against {args.base!r} failed: {diff.stderr.strip()}")
    seen = article_runs(real_articles(args.dev), args.n)
    for name, line, hits in echoes(added_lines(diff.stdout), seen, args.n, args.rare):
        print(f"{name} | {line[:140]}\n    {'; '.join(hits)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
