"""Where a whole ``kg build`` spends its CPU: a py-spy profile of the process, sorted into stages.

    python bench/build_profile.py                      # 300 distinct real news texts (bench/real_texts.py)
    python bench/build_profile.py --feed F.jsonl --rate 200 --keep /tmp/build.spy

It runs ``python -m kg build FEED --store TEMP`` under ``py-spy record`` (sampling stacks;
``pip install py-spy``) and puts every sample in one stage by the innermost kg frame on its stack:
start-up (imports before the build starts), loading spaCy, lazy imports during the build, spaCy
(``nlp.pipe`` and its components, kg's own included), extraction, gazetteer, RDF mapping, store
writes, incident linking, ingest, progress, other. The process CPU (user+sys, py-spy's own
included) is printed beside it, so the shares read as seconds. ``--keep`` keeps the raw collapsed
stacks (flamegraph input). The default feed is the 300 real texts of :mod:`real_texts`.

py-spy sees Python threads only. The store's own threads (RocksDB's background compaction,
``rocksdb:low``/``rocksdb:high``, and the bulk loader's) run native code and cost process CPU all the
same: their CPU is read from ``/proc/PID/task/*/stat`` while the build runs (every 0.2 s, the last
reading of each thread kept) and shown as a stage of its own, and the Python stages share the rest.
Bulk-loader threads that live less than a reading apart are missed (they stay in the Python stages' share).
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
    ("spaCy (kg components)", "kg/extract/annotators.py", None),  # the remembered attribute ruler, lemmatizer
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


def _thread_times(pid: int) -> dict[tuple[int, str], float]:
    """CPU seconds (user + sys) of each thread of process ``pid`` now, by (thread id, thread name)."""
    tick = os.sysconf("SC_CLK_TCK")
    times = {}
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return times
    for tid in tasks:
        try:
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
        except OSError:
            continue
        name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()
        times[(int(tid), name)] = (int(fields[11]) + int(fields[12])) / tick
    return times


def _watch(py_spy: subprocess.Popen) -> dict[tuple[int, str], float]:
    """The last CPU reading of every thread of the build process (py-spy's child) until py-spy ends."""
    import time

    seen: dict[tuple[int, str], float] = {}
    build = None
    while py_spy.poll() is None:
        if build is None:
            children = Path(f"/proc/{py_spy.pid}/task/{py_spy.pid}/children")
            found = children.read_text().split() if children.exists() else []
            build = int(found[0]) if found else None
        if build is not None:
            seen.update(_thread_times(build))
            seen.pop((build, "python"), None)  # the main thread: py-spy's samples
        time.sleep(0.2)
    return seen


def profile(
    feed: Path, rate: int, raw: Path, workdir: Path, extra: list[str]
) -> tuple[float, float, dict[tuple[int, str], float]]:
    """Run the build under py-spy; return its CPU seconds, wall seconds and its other threads' CPU."""
    import time

    command = [
        "py-spy", "record", "--rate", str(rate), "--format", "raw", "--output", str(raw), "--subprocesses",
        "--", sys.executable, "-m", "kg", "build", str(feed), "--store", str(workdir / "store"),
        *extra,
    ]  # fmt: skip
    before = os.times()
    start = time.perf_counter()
    py_spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    threads = _watch(py_spy)
    if py_spy.wait() != 0:
        raise SystemExit(f"{' '.join(command)} failed ({py_spy.returncode})")
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return cpu, wall, threads


def native_stage(name: str) -> str:
    """The stage a native thread's CPU belongs to, by the thread's name."""
    return "store (RocksDB threads)" if name.startswith("rocksdb") else f"other threads ({name})"


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
        cpu, wall, threads = profile(feed, args.rate, raw, workdir, args.build_options)
        samples = breakdown(raw)
    native: Counter[str] = Counter()
    for (_, name), seconds in threads.items():
        if name != "python":  # threads named "python" run Python code: py-spy sampled them
            native[native_stage(name)] += seconds
    python_cpu = cpu - sum(native.values())
    total = sum(samples.values()) or 1
    seconds = Counter({name: python_cpu * count / total for name, count in samples.items()}) + native
    print(f"kg build of {articles} articles: {cpu:.1f} s CPU (py-spy included), {wall:.1f} s wall")
    print(f"{'stage':<28s} {'share':>6s} {'≈ CPU s':>8s}")
    for name, value in seconds.most_common():
        print(f"{name:<28s} {100 * value / cpu:5.1f}% {value:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
