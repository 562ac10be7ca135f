"""Scale benchmark (run by hand): throughput, memory and linear growth of ``kg build`` on generated articles.

    python bench/scale.py                      # sizes 1000,2000,5000,10000; parallel runs at 2000
    python bench/scale.py --sizes 500,1000 --parallel-size 500
    python bench/scale.py --link-sizes 1000,10000    # only: kg build with incident linking on and off

Articles are generated from sentence templates and name lists (varied actors, places, numbers, dates and
event types) into ``.jsonl`` files. Every measurement runs in its own process, so its peak memory
(``ru_maxrss``, plus that of its child processes) is its own. Times exclude loading the spaCy pipeline in
the measuring process; spaCy worker processes (``--jobs 2``) and Dask workers load it inside the time.
Ratios are printed against the bare ``nlp.pipe`` baseline run on the same texts.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def peak_mb() -> float:
    """Peak resident memory of this process and of its (finished) children, in MB (Linux: ru_maxrss is KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def measure(mode: str, feed: Path, workdir: Path) -> dict[str, float]:
    """One measurement in this process: ``pipe`` (bare nlp.pipe), ``jobs1``, ``nolink1`` (``jobs1`` without
    linking reports into incidents), ``jobs2`` or ``dask2``."""
    from kg.extract import load_pipeline

    nlp = load_pipeline()
    texts = [json.loads(line)["text"] for line in feed.open(encoding="utf-8")]
    start = time.perf_counter()
    if mode == "pipe":
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        events = 0
    else:
        from kg.build import build
        from kg.store import open_store

        options = {
            "jobs1": {"jobs": 1},
            "nolink1": {"jobs": 1, "link": False},
            "jobs2": {"jobs": 2},
            "dask2": {"cluster": "local:2"},
        }[mode]
        with open_store(workdir / f"store-{mode}-{len(texts)}") as store:
            report = build([feed], store, **options)
        events = report.events
    seconds = time.perf_counter() - start
    return {"articles": len(texts), "seconds": seconds, "events": events, "peak_mb": peak_mb()}


def run_one(mode: str, feed: Path, workdir: Path) -> dict[str, float]:
    """``measure`` in a fresh process, so peak memory and caches are per measurement."""
    command = [sys.executable, __file__, "--one", mode, "--feed", str(feed), "--workdir", str(workdir)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,2000,5000,10000", help="article counts for the growth series"
    )
    parser.add_argument("--parallel-size", type=int, default=2000, help="article count of the 2-process runs")
    parser.add_argument(
        "--link-sizes",
        help="only measure kg build with incident linking on and off, side by side, at these article counts",
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--feed", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.feed, args.workdir)))
        return
    if args.link_sizes:
        link_overhead([int(size) for size in args.link_sizes.split(",")])
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as temp:
        workdir = Path(temp)
        feeds = {size: write_feed(workdir, size) for size in {*sizes, args.parallel_size}}
        big = max(sizes)
        base = run_one("pipe", feeds[big], workdir)
        base_rate = base["articles"] / base["seconds"]
        print(
            f"baseline nlp.pipe   {big:>6} articles {base['seconds']:7.1f} s {base_rate:7.1f} art/s "
            f"peak {base['peak_mb']:6.0f} MB"
        )
        print("growth, 1 process (ingest + extract + rdf + store):")
        single: dict[int, dict[str, float]] = {}
        for size in sorted(sizes):
            row = single[size] = run_one("jobs1", feeds[size], workdir)
            rate = size / row["seconds"]
            growth = (row["seconds"] / size) / (single[min(sizes)]["seconds"] / min(sizes))
            print(
                f"  {size:>6} articles {row['seconds']:7.1f} s {rate:7.1f} art/s  per-article time "
                f"x{growth:4.2f} of the smallest  {row['events']:>7.0f} events  "
                f"peak {row['peak_mb']:6.0f} MB  speed vs nlp.pipe {rate / base_rate:4.2f}"
            )
        size = args.parallel_size
        one_rate = size / (single.get(size) or run_one("jobs1", feeds[size], workdir))["seconds"]
        for mode in ("jobs2", "dask2"):
            row = run_one(mode, feeds[size], workdir)
            rate = size / row["seconds"]
            print(
                f"{mode:<6} {size:>6} articles {row['seconds']:7.1f} s {rate:7.1f} art/s  "
                f"x{rate / one_rate:4.2f} of 1 process  speed vs nlp.pipe {rate / base_rate:4.2f}  "
                f"peak {row['peak_mb']:6.0f} MB"
            )


def link_overhead(sizes: list[int]) -> None:
    """``kg build`` with linking off, then on, each in its own process on one feed: what linking adds."""
    print("incident linking, 1 process: build without linking, with linking, and what linking adds")
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as temp:
        workdir = Path(temp)
        for size in sorted(sizes):
            feed = write_feed(workdir, size)
            off = run_one("nolink1", feed, workdir)
            on = run_one("jobs1", feed, workdir)
            added = on["seconds"] / off["seconds"] - 1
            print(
                f"  {size:>6} articles  without {off['seconds']:7.1f} s  with {on['seconds']:7.1f} s  "
                f"linking adds {added:+6.1%}  peak {off['peak_mb']:6.0f} / {on['peak_mb']:6.0f} MB"
            )


if __name__ == "__main__":
    main()
