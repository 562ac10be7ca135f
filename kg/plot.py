"""The picture of an analysis: events over time by type, and the key actors (``kg analyze --plot``).

Drawn with matplotlib's object API (a :class:`~matplotlib.figure.Figure`, no pyplot state), from the
dict :func:`kg.analyze.report` returns, so the plot shows exactly what the text and JSON say.
matplotlib is the ``plot`` extra (``pip install 'kg[plot]'``): without it, :func:`plot_report`
raises :class:`~kg.errors.MissingExtraError` in one line.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import MissingExtraError, OutputError
from kg.files import atomic_file, os_reason
from kg.model import EVENT_TYPES

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def time_buckets(timeline: dict[str, Any]) -> dict[str, Counter[str]]:
    """Dated events per time bucket and type, in time order, every bucket of the span drawn.

    Buckets are years when the dates span more than two years (or some give only a year), months
    when they span more than two months, else the days (and months) the articles give.

    >>> rows = [{"time": "2024-01-03", "type": "Attack"}, {"time": "2024-01-03", "type": "Condemn"},
    ...         {"time": "2024-01", "type": "Attack"}]
    >>> {name: dict(counts) for name, counts in time_buckets({"events": rows}).items()}
    {'2024-01': {'Attack': 1}, '2024-01-03': {'Attack': 1, 'Condemn': 1}}
    >>> rows = [{"time": "2016", "type": "Attack"}, {"time": "2019-04-23", "type": "Attack"}]
    >>> list(time_buckets({"events": rows}))
    ['2016', '2017', '2018', '2019']
    """
    times = sorted(row["time"] for row in timeline["events"])
    if not times:
        return {}
    first, last = int(times[0][:4]), int(times[-1][:4])
    months = [int(t[:4]) * 12 + int(t[5:7]) - 1 for t in times if len(t) >= 7]
    if last - first > 2 or len(months) < len(times):
        cut, names = 4, [str(year) for year in range(first, last + 1)]
    elif max(months) - min(months) > 2:
        cut = 7
        names = [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(min(months), max(months) + 1)]
    else:
        cut, names = 10, sorted({t[:10] for t in times})
    buckets: dict[str, Counter[str]] = {name: Counter() for name in names}
    for row in timeline["events"]:
        buckets[row["time"][:cut]][row["type"]] += 1
    return buckets


def plot_report(result: dict[str, Any], path: str | Path, title: str | None = None) -> Path:
    """Write a PNG of three panels: dated events over time stacked by type, undated events by type,
    and the key actors by the events they take part in (:func:`report_figure`)."""
    figure = report_figure(result, title)
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {os_reason(exc)}") from exc
    with atomic_file(target) as handle:
        figure.savefig(handle, format="png", dpi=80)
    return target


def report_figure(result: dict[str, Any], title: str | None = None) -> Figure:
    """The figure :func:`plot_report` writes: its three panels are ``figure.axes``."""
    try:
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        raise MissingExtraError("kg analyze --plot needs matplotlib: pip install 'kg[plot]'") from None
    buckets = time_buckets(result["timeline"])
    undated = Counter(row["type"] for row in result["timeline"].get("undated_events", []))
    actors = result["key_actors"]["actors"]
    figure = Figure(figsize=(13, 4.8), layout="constrained")
    over_time, no_date, top = figure.subplots(1, 3, width_ratios=(5, 2, 3))
    kinds = [kind for kind in EVENT_TYPES if undated[kind] or any(b[kind] for b in buckets.values())]
    colours = dict(zip(kinds, _palette(), strict=False))
    names = list(buckets)
    bottoms = [0] * len(names)
    for kind in kinds:
        counts = [buckets[name][kind] for name in names]
        over_time.bar(names, counts, bottom=bottoms, color=colours[kind])
        bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    over_time.set_title(f"Dated events over time, by type ({sum(bottoms)})")
    over_time.set_ylabel("events")
    over_time.tick_params(axis="x", labelrotation=60, labelsize=8)
    if len(names) > 24:
        for index, tick in enumerate(over_time.get_xticklabels()):
            tick.set_visible(index % (len(names) // 12 + 1) == 0)
    over_time.yaxis.set_major_locator(MaxNLocator(integer=True))
    # the narrow panels get few ticks, so their labels never run into each other
    no_date.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    top.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    if kinds:
        figure.legend(handles=[Patch(color=colours[kind], label=kind) for kind in kinds],
                      loc="outside lower center", ncols=len(kinds), fontsize=8, frameon=False)
    shown = [kind for kind in kinds if undated[kind]][::-1]
    no_date.barh(shown, [undated[kind] for kind in shown], color=[colours[kind] for kind in shown])
    no_date.set_title(f"Undated events ({sum(undated.values())})")
    no_date.set_xlabel("events")
    no_date.tick_params(axis="y", labelsize=8)
    labels = [actor["label"] for actor in actors][::-1]
    top.barh(labels, [actor["events"] for actor in actors][::-1], color="#4c72b0")
    top.set_title("Key actors: their events")
    top.set_xlabel("events")
    top.tick_params(axis="y", labelsize=8)
    if title:
        figure.suptitle(title)
    return figure


def _palette() -> list[str]:
    from matplotlib import colormaps

    return [colormaps["tab10"](i) for i in range(10)]
