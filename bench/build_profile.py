"""Where a whole ``kg build`` spends its CPU: a py-spy profile of the process, sorted into stages.

    python bench/build_profile.py                      # 300 distinct real news texts (bench/real_texts.py)
    python bench/build_profile.py --feed F.jsonl --rate 200 --keep /tmp/build.spy

It runs ``python -m kg build FEED --store TEMP`` under ``py-spy record`` (sampling stacks;
``pip install py-spy``) and puts every sample in one stage by the innermost kg frame on its stack:
start-up (imports before the build starts), loading spaCy, lazy imports during the build, spaCy
(``nlp.pipe`` and its components, kg's two included), extraction, gazetteer, RDF mapping, store
writes, incident linking, ingest, progress, other. The process CPU (user+sys, py-spy's own
included) is printed beside it, so the shares read as seconds. ``--keep`` keeps the raw collapsed
stacks (flamegraph input). The default feed is the 300 real texts of :mod:`real_texts`.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from real_texts import write_real_feed  # noqa: E402

KG_FRAME = re.compile(r"\((kg/[\w/]+\.py):\d+\)")
STAGES = (  # (stage, file prefix, function name or None): the innermost kg frame that matches decides
    ("spaCy load", "kg/extract/pipeline.py", "_load"),
    ("spaCy (kg components)", "kg/extract/pipeline.py", None),
    ("spaCy", "kg/extract/__init__.py", "extract"),
    ("gazetteer", "kg/gazetteer.py", None),
    ("extraction", "kg/extract/", None),
    ("RDF mapping", "kg/rdf.py", None),
    ("store writes", "kg/store/", None),
    ("incident linking", "kg/link/", None),
    ("ingest", "kg/ingest.py", None),
    ("progress", "kg/progress.py", None),
    ("progress", "kg/cli/build.py", None),
)


def stage(stack: str) -> str:
    """The stage one sampled stack (``frame;frame;...``, outermost first) belongs to."""
    frames = stack.split(";")
    in_build = any("(kg/build.py:" in f for f in frames)
    importing = any("_find_and_load" in f for f in frames)
    if importing and not in_build:
        return "start-up (imports)"
    loading = any(f.startswith("_load (kg/extract/pipeline.py") for f in frames)
    if loading:
        return "spaCy load"
    if importing:
        return "lazy imports in the build"
    for frame in reversed(frames):
        found = KG_FRAME.search(frame)
        if not found:
            continue
        path, function = found[1], frame.split(" (", 1)[0]
        for name, prefix, wanted in STAGES:
            if path.startswith(prefix) and (wanted is None or function == wanted):
                return name
        if path == "kg/build.py":
            return "build loop"
        return "other kg code"
    return "start-up (other)" if not in_build else "other"


def breakdown(raw: Path) -> Counter[str]:
    """Samples per stage from py-spy's raw (collapsed) output."""
    samples: Counter[str] = Counter()
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack:
            samples[stage(stack)] += int(count)
    return samples


def profile(feed: Path, rate: int, raw: Path, workdir: Path, extra: list[str]) -> tuple[float, float]:
    """Run the build under py-spy; return its (CPU seconds, wall seconds)."""
    import time

    command = [
        "py-spy", "record", "--rate", str(rate), "--format", "raw", "--output", str(raw), "--subprocesses",
        "--", sys.executable, "-m", "kg", "build", str(feed), "--store", str(workdir / "store"),
        *extra,
    ]  # fmt: skip
    before = os.times()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--feed", type=Path, help="a .jsonl of articles (default: the project's real articles)"
    )
    parser.add_argument("--rate", type=int, default=100, help="samples per second")
    parser.add_argument("--keep", type=Path, help="also keep py-spy's raw stacks here")
    parser.add_argument("build_options", nargs="*", help="more kg build options, after --")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-profile-") as temp:
        workdir = Path(temp)
        feed = args.feed or write_real_feed(workdir / "real.jsonl")
        articles = sum(1 for line in feed.open(encoding="utf-8") if line.strip())
        raw = args.keep or workdir / "build.spy"
        cpu, wall = profile(feed, args.rate, raw, workdir, args.build_options)
        samples = breakdown(raw)
    total = sum(samples.values()) or 1
    print(f"kg build of {articles} articles: {cpu:.1f} s CPU (py-spy included), {wall:.1f} s wall")
    print(f"{'stage':<28s} {'share':>6s} {'≈ CPU s':>8s}")
    for name, count in samples.most_common():
        print(f"{name:<28s} {100 * count / total:5.1f}% {cpu * count / total:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
