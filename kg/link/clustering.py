"""Clustering: reports join the best incident none of whose reports vetoes them, earliest first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.link.blocking import Index
from kg.link.match import Report, judge, may_link


@dataclass
class Cluster:
    """Reports judged to be one incident (mutable while linking).

    ``stored`` is the incident IRI the store holds these reports under and ``stored_reports`` the
    reports it holds there (``None`` and empty for an incident not written yet): what must be taken out
    of the store when the cluster changes. ``exact``: the store holds exactly the quads these reports
    give (this process wrote them), so a change writes only the quads that differ.
    """

    reports: list[Report]
    stored: str | None = None
    stored_reports: tuple[str, ...] = ()  # sorted (a tuple is a quarter of a frozenset's size)
    exact: bool = False

    @property
    def first(self) -> Report:
        return min(self.reports, key=lambda r: r.order)

    @property
    def changed(self) -> bool:
        return self.stored is None or self.stored_reports != tuple(sorted(r.iri for r in self.reports))


def best_cluster(report: Report, candidates: Iterable[Cluster]) -> Cluster | None:
    """The candidate with the best-scoring linked report and no report that vetoes ``report``."""
    ranked = linking_clusters(report, candidates)
    return ranked[0] if ranked else None


def linking_clusters(report: Report, candidates: Iterable[Cluster]) -> list[Cluster]:
    """The candidates ``report`` may join: one of their reports links it and none vetoes it; the best
    first (the best-scoring linked report, then the earliest incident)."""
    found: list[tuple[int, tuple, Cluster]] = []
    for cluster in candidates:
        if not any(may_link(report, other) for other in cluster.reports):
            continue  # no report of it could link: no need to look for a veto
        verdicts = [judge(report, other) for other in cluster.reports]
        if any(v.veto for v in verdicts) or not any(v.links for v in verdicts):
            continue
        found.append((-max(v.score for v in verdicts if v.links), cluster.first.order, cluster))
    return [cluster for *_, cluster in sorted(found, key=lambda item: item[:2])]


def mergeable(one: Cluster, other: Cluster) -> bool:
    """No report of ``one`` vetoes a report of ``other`` (:func:`judge`): a report that links both may
    make them one incident (:func:`assign`)."""
    return not any(judge(a, b).veto for a in one.reports for b in other.reports)


def assign(
    reports: Iterable[Report],
    clusters: list[Cluster],
    index: Index | None = None,
    merged: list[Cluster] | None = None,
) -> list[Cluster]:
    """Add ``reports`` (earliest first) to ``clusters`` in place, opening new ones; returns the clusters
    that received a report (each once, in the order they first did).

    A report joins the best incident it may join (:func:`linking_clusters`); every other one it may join
    whose reports none of that incident's veto (:func:`mergeable`) is merged into it: the report tells
    that the two are one (two reports of one attack that shared too little, and a third that agrees with
    each). A merged incident leaves ``clusters`` and the index, and is appended to ``merged``.
    """
    if index is None:
        index = Index()
        for cluster in clusters:
            for member in cluster.reports:
                index.add(cluster, member)
    joined: dict[int, Cluster] = {}
    for report in sorted(reports, key=lambda r: r.order):
        ranked = linking_clusters(report, index.candidates(report))
        opened = not ranked
        if opened:
            chosen = Cluster([])
            clusters.append(chosen)
        else:
            chosen = ranked[0]
            for other in ranked[1:]:
                if not mergeable(chosen, other):
                    continue
                index.remove(other)
                chosen.reports.extend(other.reports)
                for member in other.reports:
                    index.add(chosen, member)
                clusters[:] = [c for c in clusters if c is not other]
                joined.pop(id(other), None)
                if merged is not None:
                    merged.append(other)
        chosen.reports.append(report)
        index.add(chosen, report, first=opened)
        joined.setdefault(id(chosen), chosen)
    return list(joined.values())


def cluster(reports: Iterable[Report]) -> list[Cluster]:
    """The incidents of a set of reports, from scratch: the same set always gives the same clusters."""
    clusters: list[Cluster] = []
    assign(reports, clusters)
    return clusters
