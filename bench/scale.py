"""Scale benchmark (run by hand): the CPU of whole ``kg build`` processes against bare ``nlp.pipe`` processes.

    python bench/scale.py                                 # everything below (about 15 min on 2 cores)
    python bench/scale.py --real 100 --sizes 1000 --parallel-size 500 --skip-dask   # a quick look
    python bench/scale.py --link-sizes 2000,10000         # only: kg build, linking off and on side by side

Every measurement is a process of its own, started from here and reaped with ``os.wait4``, so its CPU
time (user + sys, of the process and of the worker processes it waited for) and its peak resident
memory are its own. CPU time, not wall time, is compared: the machine is shared, and a loaded machine
stretches wall time but hardly CPU time. Each ratio puts side by side, in this one run and on the same
texts, the whole ``python -m kg build FEED --quiet`` (start-up, ingest, spaCy, extraction, RDF, store
writes, incident linking) and a bare process that imports spaCy, loads the same pipeline and runs
``nlp.pipe(texts, batch_size=32)``, the two running at the same time (so both meet the same load; the
load average is printed beside each figure):

- ``--real N``: N distinct real news texts (:mod:`real_texts`); target ≤ 1.15×;
- ``--sizes``: generated articles (sentence templates over names, places, numbers, dates and event
  types) into ``.jsonl``; target ≤ 1.15× at 10,000, and peak RSS ≤ 600 MB. They are about 60 words
  long, a fifth of a real news article (about 320), so the per-article costs weigh five times more;
- ``--mixed-sizes``: articles recombined from the real paragraphs of ``bench/real/tune``
  (:func:`real_texts.recombined`: real sentences at a real article's length, not real articles);
- start-up: ``kg build`` of the one seed article against spaCy's own load (import + ``spacy.load``),
  target ≤ load + 1 s; ``kg --help``, target ≤ 0.3 s;
- ``--baseline DIR``: also run the ``kg build`` of another checkout of kg (``PYTHONPATH=DIR``, e.g. a
  worktree of main) at the same time on each feed, and print its ratio beside: before → after in one run;
- ``--parallel-size``: ``--jobs 2`` and the Dask path (``--cluster local:2``) against one process, by
  wall time (the speed-up of 2 cores: only meaningful on an idle machine; the load average is printed),
  with bare ``nlp.pipe(n_process=2)`` against ``n_process=1`` beside them as the reference.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_texts import words_per_article, write_real_feed, write_recombined_feed  # noqa: E402

from kg import settings  # noqa: E402

ACTORS = (
    "the Eastern Front",
    "the Red Hand Brigade",
    "the Valley Liberation Army",
    "the Northern Resistance",
    "Islamic State",
    "the People's Defence Units",
    "the Coastal Militia",
    "al-Shabaab",
    "Boko Haram",
    "the Crimson Guard",
    "the Mountain Rebels",
    "the Patriotic Army",
)
OFFICIALS = (
    "President Lena Morrow",
    "Prime Minister Adil Karimov",
    "Interior Minister Sofia Reyes",
    "the United Nations",
    "the European Union",
    "Amnesty International",
    "Foreign Minister Tomas Berg",
    "the African Union",
    "Governor Rahim Osei",
    "Pope Francis",
)
COUNTRIES = (
    "Iran",
    "Nigeria",
    "Somalia",
    "France",
    "Pakistan",
    "Colombia",
    "Iraq",
    "Kenya",
    "Turkey",
    "India",
)
PLACES = (
    "Herat",
    "Maiduguri",
    "Mogadishu",
    "Lyon",
    "Peshawar",
    "Medellin",
    "Mosul",
    "Mombasa",
    "Ankara",
    "Srinagar",
    "Kabul",
    "Aleppo",
    "Lagos",
    "Quetta",
    "Kirkuk",
)
TARGETS = (
    "a police station",
    "a crowded market",
    "a military convoy",
    "a mosque",
    "a bus station",
    "a hotel",
    "an army base",
    "a polling station",
    "a checkpoint",
    "a school",
)
WEAPONS = ("a car bomb", "a suicide bomber", "gunmen", "a roadside bomb", "a drone strike", "two explosions")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
TEMPLATES = {
    "Attack": (
        "{weapon_cap} struck {target} in {place} on {date}, killing {killed} people and injuring {injured}.",
        "At least {killed} people died when {weapon} hit {target} in {place}, {country}, officials said.",
    ),
    "ClaimResponsibility": (
        "{actor_cap} claimed responsibility for the attack in {place} in a statement on its channel.",
        "In a message released on {date}, {actor} said its fighters carried out the bombing.",
    ),
    "Condemn": (
        "{official_cap} condemned the attack in {place}, calling it a cowardly act.",
        "The killings were strongly condemned by {official}.",
    ),
    "Accuse": (
        "The government of {country} accused {actor} of planning the {place} attack.",
        "{official_cap} blamed {actor} for the violence.",
    ),
    "Deny": ("{actor_cap} denied any involvement in the {place} bombing.",),
    "Threaten": ("{actor_cap} threatened more attacks against {country} in the coming weeks.",),
    "Protest": (
        "Thousands of people protested in {place} on {date} against the killings.",
        "Hundreds of demonstrators marched through {place} to demand justice for the {killed} victims.",
    ),
}


def generate(count: int, seed: int = 7) -> list[dict[str, str]]:
    """``count`` varied articles: an attack sentence, then 2–5 reactions of other types."""
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        slots = {
            "actor": rng.choice(ACTORS),
            "official": rng.choice(OFFICIALS),
            "country": rng.choice(COUNTRIES),
            "place": rng.choice(PLACES),
            "target": rng.choice(TARGETS),
            "weapon": rng.choice(WEAPONS),
            "killed": str(rng.randint(1, 120)),
            "injured": str(rng.randint(0, 300)),
            "date": f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2001, 2024)}",
        }
        slots |= {
            f"{key}_cap": slots[key][0].upper() + slots[key][1:] for key in ("actor", "official", "weapon")
        }
        kinds = ["Attack"] + rng.sample([k for k in TEMPLATES if k != "Attack"], rng.randint(2, 5))
        sentences = [rng.choice(TEMPLATES[kind]).format(**slots) for kind in kinds]
        title = f"{slots['killed']} killed in {slots['place']} attack"
        articles.append(
            {
                "id": f"gen-{i}",
                "title": title,
                "text": " ".join(sentences),
                "published": f"{rng.randint(2001, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            }
        )
    return articles


def write_feed(folder: Path, count: int) -> Path:
    path = folder / f"articles-{count}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in generate(count):
            out.write(json.dumps(article) + "\n")
    return path


SEED = Path(__file__).resolve().parent.parent / "seeds"
BARE = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
for _ in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[3])):
    pass
"""
LOAD_ONLY = "import spacy, sys; spacy.load(sys.argv[1])"


@dataclass(frozen=True)
class Run:
    """One finished process: CPU seconds (user + sys, waited children included), wall seconds, peak MB."""

    cpu: float
    wall: float
    peak_mb: float


def run(command: list[str]) -> Run:
    """Run ``command`` to its end and read its own resource usage (``wait4``: this child only)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{errors}")
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def bare_command(feed: Path, n_process: int = 1) -> list[str]:
    return [sys.executable, "-c", BARE, settings.model_name(), str(feed), str(n_process)]


def bare(feed: Path, n_process: int = 1) -> Run:
    return run(bare_command(feed, n_process))


def kg_command(feed: Path, store: Path, *options: str) -> list[str]:
    shutil.rmtree(store, ignore_errors=True)
    return [sys.executable, "-m", "kg", "build", str(feed), "--store", str(store), "--quiet", *options]


def kg_build(feed: Path, store: Path, *options: str) -> Run:
    return run(kg_command(feed, store, *options))


def side_by_side(feed: Path, store: Path, baseline: Path | None = None) -> tuple[Run, Run, Run | None]:
    """The bare process and ``kg build`` over ``feed`` (and the baseline checkout's ``kg build``), run at
    the same time (:func:`run_together`)."""
    commands = [bare_command(feed), kg_command(feed, store)]
    places: list[tuple[dict[str, str] | None, Path | None]] = [(None, None), (None, None)]
    if baseline is not None:  # ``python -m`` imports from the working folder first: run it in the checkout
        commands.append(kg_command(feed, store.with_name(store.name + "-baseline")))
        places.append(({**os.environ, "PYTHONPATH": str(baseline)}, baseline))
    base, ours, *before = run_together(commands, places)
    return base, ours, (before[0] if before else None)


def print_ratios(label: str, feed: Path, base: Run, ours: Run, before: Run | None) -> None:
    print(ratio_line(label, feed, base, ours))
    if before is not None:
        print(f"{'':<26} baseline: {ratio_line('', feed, base, before).split('kg build', 1)[1].strip()}")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def ratio_line(label: str, feed: Path, base: Run, ours: Run, target: float = 1.15) -> str:
    ratio = ours.cpu / base.cpu
    verdict = "met" if ratio <= target else "NOT met"
    articles = sum(1 for line in feed.open(encoding="utf-8") if line.strip())
    return (
        f"{label:<26} {articles:>6} articles of {words_per_article(feed):3.0f} words  "
        f"kg build {ours.cpu:7.1f} s CPU "
        f"({articles / ours.cpu:5.1f} art/s), peak {ours.peak_mb:4.0f} MB  "
        f"bare nlp.pipe {base.cpu:7.1f} s CPU, peak {base.peak_mb:4.0f} MB  "
        f"ratio {ratio:4.2f}x (target <= {target}x: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=int, default=300, help="distinct real texts (0: skip)")
    parser.add_argument("--sizes", default="10000", help="generated article counts, comma-separated")
    parser.add_argument(
        "--mixed-sizes", default="10000", help="counts of articles of recombined real paragraphs (0: skip)"
    )
    parser.add_argument(
        "--parallel-size", type=int, default=2000, help="articles of the 2-process runs (0: skip)"
    )
    parser.add_argument("--skip-dask", action="store_true", help="leave the Dask path out")
    parser.add_argument(
        "--baseline", type=Path, help="a checkout of kg whose kg build runs beside on each feed (before)"
    )
    parser.add_argument(
        "--link-sizes",
        help="only measure kg build with incident linking on and off, side by side, at these article counts",
    )
    args = parser.parse_args()
    print(load())
    if args.link_sizes:
        link_overhead([int(size) for size in args.link_sizes.split(",")])
        return
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as temp:
        workdir = Path(temp)
        store = workdir / "store"
        if args.real:
            feed = write_real_feed(workdir / "real.jsonl", args.real)
            base, ours, before = side_by_side(feed, store, args.baseline)
            print_ratios("real news texts", feed, base, ours, before)
            print(f"{'':<26} ({load()})", flush=True)
        for size in [int(n) for n in args.sizes.split(",") if n.strip()]:
            feed = write_feed(workdir, size)
            base, ours, before = side_by_side(feed, store, args.baseline)
            print_ratios("generated articles", feed, base, ours, before)
            print(f"{'':<26} peak RSS of the {size}-article build: {ours.peak_mb:.0f} MB (target <= 600 MB)")
            print(f"{'':<26} ({load()})", flush=True)
        for size in [int(n) for n in args.mixed_sizes.split(",") if n.strip() and int(n)]:
            feed = write_recombined_feed(workdir / f"recombined-{size}.jsonl", size)
            base, ours, before = side_by_side(feed, store, args.baseline)
            print_ratios("recombined real paragraphs", feed, base, ours, before)
            print(f"{'':<26} peak RSS of the {size}-article build: {ours.peak_mb:.0f} MB (target <= 600 MB)")
            print(f"{'':<26} ({load()})", flush=True)
        spacy_load = run([sys.executable, "-c", LOAD_ONLY, settings.model_name()])
        seed = kg_build(SEED, store)
        help_run = run([sys.executable, "-m", "kg", "--help"])
        print(
            f"start-up: kg build seeds {seed.wall:.2f} s wall ({seed.cpu:.2f} s CPU); spaCy's own load "
            f"{spacy_load.wall:.2f} s wall ({spacy_load.cpu:.2f} s CPU); "
            f"difference {seed.cpu - spacy_load.cpu:.2f} s CPU (target <= 1 s)"
        )
        print(f"start-up: kg --help {help_run.wall:.2f} s wall ({help_run.cpu:.2f} s CPU) (target <= 0.3 s)")
        if args.parallel_size:
            size = args.parallel_size
            feed = write_feed(workdir, size)
            print(f"parallel, {size} generated articles, by wall time ({load()}):")
            pipe_one, one = bare(feed), kg_build(feed, store)  # alone: wall time against wall time
            pipe_two = bare(feed, 2)
            modes = [("--jobs 2", ["--jobs", "2"])] + (
                [] if args.skip_dask else [("--cluster local:2", ["--cluster", "local:2"])]
            )
            for label, options in modes:
                two = kg_build(feed, store, *options)
                print(
                    f"  kg build {label:<18} {two.wall:6.1f} s wall ({size / two.wall:5.1f} art/s), "
                    f"x{one.wall / two.wall:4.2f} of one process ({one.wall:.1f} s; target >= 1.6x); "
                    f"{two.cpu:.1f} s CPU, peak {two.peak_mb:.0f} MB"
                )
            print(
                f"  bare nlp.pipe n_process=2 {pipe_two.wall:6.1f} s wall, "
                f"x{pipe_one.wall / pipe_two.wall:4.2f} of n_process=1 ({pipe_one.wall:.1f} s): the reference"
            )
        print(load())


def run_together(
    commands: list[list[str]], places: list[tuple[dict[str, str] | None, Path | None]] | None = None
) -> list[Run]:
    """Run ``commands`` at the same time, each to its end, and read each one's own resource usage.

    Side by side, they share whatever else loads the machine, so the ratio of their CPU times holds
    under a load that would stretch one run measured after the other.
    """
    start = time.perf_counter()
    places = places or [(None, None)] * len(commands)  # (environment, working folder) of each
    processes = [
        subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
        for c, (env, cwd) in zip(commands, places, strict=True)
    ]
    runs: dict[int, Run] = {}
    while len(runs) < len(processes):
        pid, status, usage = os.wait4(-1, 0)
        done = next((p for p in processes if p.pid == pid), None)
        if done is None:
            continue
        done.returncode = os.waitstatus_to_exitcode(status)
        if done.returncode != 0:
            errors = done.stderr.read().decode() if done.stderr else ""
            raise SystemExit(f"{' '.join(done.args)} failed ({done.returncode}):\n{errors}")
        runs[pid] = Run(usage.ru_utime + usage.ru_stime, time.perf_counter() - start, usage.ru_maxrss / 1024)
    return [runs[p.pid] for p in processes]


def link_overhead(sizes: list[int]) -> None:
    """``kg build`` with linking off and on, two processes at the same time on one feed: what linking adds."""
    print("incident linking: kg build without and with linking, side by side, and what linking adds (CPU)")
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as temp:
        workdir = Path(temp)
        for size in sorted(sizes):
            feed = write_feed(workdir, size)
            before = load()
            build = [sys.executable, "-m", "kg", "build", str(feed), "--quiet", "--store"]
            off, on = run_together(
                [[*build, str(workdir / "off"), "--no-link"], [*build, str(workdir / "on")]]
            )
            print(
                f"  {size:>6} articles  without {off.cpu:7.1f} s  with {on.cpu:7.1f} s  "
                f"linking adds {on.cpu / off.cpu - 1:+6.1%}  peak {off.peak_mb:6.0f} / {on.peak_mb:6.0f} MB  "
                f"({before}; after: {load()})"
            )
            shutil.rmtree(workdir / "off", ignore_errors=True)
            shutil.rmtree(workdir / "on", ignore_errors=True)


if __name__ == "__main__":
    main()
