"""Incidents: report events of many articles that tell of one real-world event, linked as one ``kg:Incident``.

Every Attack or Protest report belongs to exactly one incident (alone in it when nothing else tells of it).
The incidents, the reports' ``kg:incident`` links and the index keys that find a report's candidates live
in one graph, ``…/graph/incidents``. :func:`relink` brings that graph up to date for some articles after
they were added, changed or removed:

1. the old links of their reports are taken out, and the incidents that held them re-clustered from their
   remaining reports (an incident left without reports is dropped);
2. their current reports (given by the build, else read from the store) look up the incidents sharing one
   of their block keys (a country and the weeks of a date window, see :func:`kg.link.blocking.block_keys`)
   in an in-memory index (:class:`LinkState`), never all incidents: the store is asked only for the
   incidents under keys no earlier round of the same build asked for, and never when the build began
   with no incidents at all;
3. the reports join those incidents or open new ones (:func:`kg.link.clustering.assign`), earliest
   article first;
4. every incident whose reports changed is written again (one delete request, one bulk ingestion of
   quads): its place and date, the latest of its figures and, when two or more sources give a toll, its
   range and each source's figure; the claims and accusations about its reports.

A build into an empty incidents graph plans its rounds with ``hold`` (:func:`plan`): they link in the
state only, and its last round writes every incident once, as fresh quads with its last articles' bulk
ingestion. An incident that gains reports round after round is then never deleted and written again:
each such change was a SPARQL update between two bulk ingestions (a write buffer to flush, deleted quads
for RocksDB to compact). Killed before its end, such a build leaves its articles whole and unlinked, and
the next build links them (:func:`pending_articles`).

An incident's IRI is ``…/incident/<id>``, the id made from its first report (earliest article, then article
id and event key): the same reports give the same IRI on every machine and every rebuild.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox

from kg.link.blocking import Index, lookup_keys, stored_keys
from kg.link.clustering import Cluster, assign, cluster
from kg.link.dates import time_window
from kg.link.match import Report
from kg.link.reports import (
    INCIDENT_TYPES,
    chunks,
    iri,
    read_reports,
    report_iris_of,
)
from kg.rdf import article_iri, incidents_graph, slug, time_literal
from kg.rdf import incident_iri as minted
from kg.store.sparql import delete_data, insert_data
from kg.terms import DCTERMS, KG, PREFIXES, PROV, RDF, RDFS, SCHEMA, XSD

__all__ = [
    "INCIDENT_TYPES",
    "LinkReport",
    "LinkState",
    "LinkWrite",
    "incident_id",
    "pending_articles",
    "plan",
    "relink",
]

_PREFIXES = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("kg", "prov", "dcterms"))


@dataclass
class LinkReport:
    """What one :func:`relink` did."""

    reports: int = 0
    incidents_written: int = 0
    incidents_dropped: int = 0
    linked: int = 0  # new reports that joined an incident told by another article
    incidents: list[str] = field(default_factory=list)


def _graph() -> ox.NamedNode:
    return incidents_graph()


LATER_QUADS = 50_000
"""Quads of held incidents per bulk ingestion, at least (:class:`LinkWrite`): a build's incidents are
written a few tens of thousands of quads at a time, not all at once."""

ID_PLACE_CHARS = 60
"""At most this many characters of an incident id name its place (cut at a hyphen)."""


def id_words(text: str) -> str:
    """``text`` as ASCII letters, digits and hyphens: accents folded ("Bogotá" → ``bogota``), apostrophes
    dropped ("Kabul's" → ``kabuls``), every other run of signs or spaces one hyphen; percent-escapes of an
    IRI segment read first (``kabul%27s`` is "kabul's"). Empty when nothing of it is Latin script."""
    folded = unicodedata.normalize("NFKD", unquote(text))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    ascii_text = re.sub(r"['\u2019`]", "", ascii_text)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def incident_id(first: Report) -> str:
    """``<place>-<date>-<digest>`` of an incident's first report, of ASCII letters, digits and hyphens only
    (:func:`id_words`): readable, and unique by the digest of the report's article and key.

    The place is its entity's IRI segment (the slug of its key), not its label, so the id does not
    depend on which article's spelling of the place won; a place of no Latin letters is ``place``.
    """
    place = _primary_place([first])
    when = first.shown_time or (first.published.isoformat() if first.published else "undated")
    digest = hashlib.sha256(f"{first.doc}\0{first.key}".encode()).hexdigest()[:8]
    if place is None:
        where = "unplaced"
    else:
        where = id_words(place.iri.rsplit("/", 1)[-1]) or "place"
        if len(where) > ID_PLACE_CHARS:
            where = where[: ID_PLACE_CHARS + 1].rsplit("-", 1)[0] or where[:ID_PLACE_CHARS]
    return f"{where}-{id_words(when)}-{digest}"


def incident_iri(identifier: str) -> ox.NamedNode:
    return minted(identifier)


def _select(store: Any, query: str) -> list[Any]:
    return list(store.query(_PREFIXES + query))


def _members(store: Any, incidents: Iterable[str]) -> dict[str, set[str]]:
    """Incident IRI → its report IRIs, as stored."""
    found: dict[str, set[str]] = {}
    graph = iri(_graph().value)
    for part in chunks(sorted(set(incidents))):
        values = " ".join(map(iri, part))
        query = f"SELECT ?i ?r WHERE {{ GRAPH {graph} {{ VALUES ?i {{ {values} }} ?r kg:incident ?i }} }}"
        for row in _select(store, query):
            found.setdefault(row["i"].value, set()).add(row["r"].value)
    return found


def _linked_from(store: Any, article_iris: list[str]) -> dict[str, str]:
    """Report IRI → incident IRI for the stored links of reports of these articles."""
    graph = iri(_graph().value)
    found: dict[str, str] = {}
    for part in chunks(article_iris):
        query = (
            f"SELECT ?r ?i WHERE {{ GRAPH {graph} {{ VALUES ?a {{ {' '.join(map(iri, part))} }} "
            "?r kg:reportedIn ?a ; kg:incident ?i } }"
        )
        found.update({row["r"].value: row["i"].value for row in _select(store, query)})
    return found


def _candidates(store: Any, keys: set[str]) -> set[str]:
    """Incidents with a report stored under one of ``keys``."""
    graph = iri(_graph().value)
    found: set[str] = set()
    for part in chunks(sorted(keys)):
        values = " ".join(str(ox.Literal(k)) for k in part)
        query = (
            f"SELECT DISTINCT ?i WHERE {{ GRAPH {graph} {{ VALUES ?k {{ {values} }} "
            "?c kg:blockKey ?k ; kg:incident ?i } }"
        )
        found.update(row["i"].value for row in _select(store, query))
    return found


@dataclass
class LinkState:
    """What one build (or one ``kg remove``) knows of the incidents graph, kept across its linking rounds.

    Every incident read from the store or written by an earlier round is held here with its reports:
    by block key in ``index`` (:class:`kg.link.blocking.Index`) and by its stored IRI in ``by_incident``.
    A round asks the store only for the incidents under block keys no earlier round asked for
    (``loaded``), and for the incidents of the articles it relinks; it asks for
    none when the incidents graph was empty as the build began (``complete``): then every incident is one
    this build wrote. Each round writes what it changed, so the store always holds what the state holds;
    the cost of a round depends on the articles it links, not on how many were linked before.
    """

    index: Index = field(default_factory=Index)
    by_incident: dict[str, Cluster] = field(default_factory=dict)
    loaded: set[str] = field(default_factory=set)
    complete: bool | None = None  # None until the first round asks the store
    held: set[str] | None = None
    """The reports of rounds planned with ``hold`` (:func:`plan`), linked here, not written (None: none)."""
    unwritten: dict[int, Cluster] = field(default_factory=dict)
    """The incidents of those rounds (by ``id``): the index files no cluster of reports without keys."""

    @property
    def of_report(self) -> dict[str, Cluster]:
        """Report IRI → the incident held with it (computed: the state does not keep this map)."""
        return {r.iri: g for g in self.by_incident.values() for r in g.reports}

    def hold(self, group: Cluster, *, filed: bool = False) -> None:
        """Keep ``group``: file its reports in the index (``filed``: :func:`kg.link.clustering.assign` filed
        them already) and its stored IRI."""
        if not filed:
            for report in group.reports:
                self.index.add(group, report)
        if group.stored is not None:
            self.by_incident[group.stored] = group

    def release(self, group: Cluster) -> None:
        self.index.remove(group)
        if group.stored is not None and self.by_incident.get(group.stored) is group:
            del self.by_incident[group.stored]


def _load(store: Any, state: LinkState, incidents: set[str], leaving: set[str]) -> None:
    """Hold the stored ``incidents`` not held yet, with their reports (those in ``leaving`` are not read)."""
    stored = _members(store, incidents - state.by_incident.keys())
    if not stored:
        return
    wanted = {r for members in stored.values() for r in members} - leaving
    found = read_reports(store, wanted)
    for incident, members in sorted(stored.items()):
        group = Cluster([found[r] for r in sorted(members) if r in found], incident, tuple(sorted(members)))
        state.hold(group)


def _is_empty(store: Any) -> bool:
    graph = iri(_graph().value)
    return not bool(store.query(_PREFIXES + f"ASK {{ GRAPH {graph} {{ ?r kg:incident ?i }} }}"))


def relink(
    store: Any,
    article_ids: Iterable[str] = (),
    *,
    article_iris: Iterable[str] = (),
    reports: Mapping[str, list[Report]] | None = None,
    state: LinkState | None = None,
) -> LinkReport:
    """Bring the incidents of these articles' reports up to date (after adding, changing or removing them).

    Articles are named by id or by IRI (:func:`pending_articles` gives IRIs, also of removed articles).
    ``reports`` maps an article id to its reports as just written (:func:`kg.link.reports.reports_of`),
    so they need not be read back from the store; the others are read. ``state`` keeps what earlier
    calls of one build read and wrote (:class:`LinkState`), so no stored incident is read twice.
    """
    step = plan(store, article_ids, article_iris=article_iris, reports=reports, state=state)
    return step.write(store)


@dataclass
class LinkWrite:
    """What one linking round writes (:func:`plan`), worked out before anything of it is written.

    ``fresh`` are the quads nothing stored names yet: the incidents opened in this round, and the new
    reports' articles and block keys. They may go in with the articles' own bulk ingestion (all or
    nothing with them: the build does so). ``requests`` then change what the store holds, in one update
    (one transaction): an incident this build wrote loses and gains only the quads that differ (its old
    quads are computed again from the reports it had: :func:`_incident_quads` is a function of its
    reports), and the reports that joined it gain their link there, so were that update lost, those
    reports are left unlinked (:func:`pending_articles` finds them) and the incident as it was. An
    incident read from the store (written by another build), or every incident when reports leave (their
    articles changed or were removed), is taken out whole and written again (``replace``, after the
    requests: the old way).
    """

    result: LinkReport
    fresh: list[ox.Quad]
    requests: list[str]
    replace: list[ox.Quad]
    _state: LinkState
    _groups: list[tuple[Cluster, str]]
    _later: list[Cluster] = field(default_factory=list)
    """Incidents held by earlier rounds that this one did not change: written after the rest, whole
    incidents in bulk ingestions of about :data:`LATER_QUADS` quads (the memory of a build stays flat)."""

    def write(self, store: Any, *, fresh_written: bool = False) -> LinkReport:
        """Write the round (``fresh_written``: its fresh quads went in with the articles already), then
        record in the state what the store now holds."""
        if self.fresh and not fresh_written:
            store.add_quads(self.fresh)
        if self.requests:
            store.update(_PREFIXES + " ;\n".join(self.requests))
        if self.replace:  # a second transaction: were it lost, pending_articles() finds reports unlinked
            store.add_quads(self.replace)
        state = self._state
        later: list[tuple[Cluster, str]] = []
        batch: list[ox.Quad] = []
        for group in self._later:  # each ingestion whole incidents: lost, their reports are left unlinked
            identifier = incident_id(group.first)
            batch += _incident_quads(group, identifier)
            batch += [q for report in group.reports for q in _report_quads(report)]
            later.append((group, identifier))
            if len(batch) >= LATER_QUADS:
                store.add_quads(batch)
                batch = []
        if batch:
            store.add_quads(batch)
        self.result.incidents = sorted({*self.result.incidents, *(incident_iri(i).value for _, i in later)})
        for group, identifier in (*self._groups, *later):
            if group.stored is not None and state.by_incident.get(group.stored) is group:
                del state.by_incident[group.stored]
            group.stored = incident_iri(identifier).value
            group.stored_reports = tuple(sorted(r.iri for r in group.reports))
            group.exact = True
            state.by_incident[group.stored] = group
        return self.result


def plan(
    store: Any,
    article_ids: Iterable[str] = (),
    *,
    article_iris: Iterable[str] = (),
    reports: Mapping[str, list[Report]] | None = None,
    state: LinkState | None = None,
    hold: bool = False,
) -> LinkWrite:
    """Link these articles' reports in ``state`` and work out what to write (:class:`LinkWrite`), writing
    nothing: the articles of the reports given need not be stored yet (see :func:`relink`).

    With ``hold``, while the incidents graph was empty as the state began (``complete``) and nothing of
    the state is written yet, the round links its reports in the state only and has nothing to write;
    the first round planned without ``hold`` writes every incident the state holds, each once, as
    fresh quads (with its articles' bulk ingestion): a build writes its incidents once, at its end,
    none of them to be taken out and written again (every change of a stored incident is a transaction
    of its own, and deleted quads for the store to compact)."""
    articles = sorted({article_iri(a).value for a in article_ids} | set(article_iris))
    result = LinkReport()
    state = LinkState() if state is None else state
    if not articles and (hold or state.held is None):
        return LinkWrite(result, [], [], [], state, [])
    if state.complete is None:
        state.complete = _is_empty(store)
    old_links = _linked_from(store, articles)
    leaving = set(old_links)
    held = state.held or set()  # linked in the state already: not read back, not linked again
    given = {article_iri(doc).value: found for doc, found in (reports or {}).items()}
    new = {r.iri: r for found in given.values() for r in found if r.iri not in held}
    stored = [r for r in report_iris_of(store, [a for a in articles if a not in given]) if r not in held]
    new.update(read_reports(store, stored))
    result.reports = len(new)
    if hold and state.complete and not old_links and not state.by_incident:
        return _hold(new, state, result)
    affected = set(old_links.values())
    wanted = set(affected)
    if not state.complete:
        lookup: set[str] = set()
        for report in new.values():
            lookup |= lookup_keys(report)
        lookup -= state.loaded
        wanted |= _candidates(store, lookup)
        state.loaded |= lookup
    _load(store, state, wanted, leaving)
    changed: dict[int, Cluster] = {}
    dropped: set[str] = set()
    for incident in sorted(affected):
        group = state.by_incident.get(incident)
        if group is None:
            continue
        state.release(group)
        dropped.add(incident)
        for part in cluster(r for r in group.reports if r.iri not in leaving):
            state.hold(part)
            changed[id(part)] = part
    opened: list[Cluster] = []
    merged: list[Cluster] = []
    for group in assign(new.values(), opened, state.index, merged):
        state.hold(group, filed=True)  # assign filed every report it added in the state's index
        changed[id(group)] = group
    earlier: list[Report] = []  # the held reports of incidents this round changed: written with them
    later: list[Cluster] = []  # the other incidents of rounds that held theirs: written after (LinkWrite)
    if state.held is not None:
        gone = {id(g) for g in merged}  # made part of an incident this round changed
        later = [group for key, group in state.unwritten.items() if key not in changed and key not in gone]
        earlier = [r for g in changed.values() for r in g.reports if r.iri in held and r.iri not in new]
        state.held, state.unwritten = None, {}
    for gone in merged:  # made part of another incident by a report that links both
        changed.pop(id(gone), None)
        if gone.stored is not None:
            if state.by_incident.get(gone.stored) is gone:
                del state.by_incident[gone.stored]
            dropped.add(gone.stored)
    groups = [g for g in changed.values() if g.changed]
    identifiers = [incident_id(group.first) for group in groups]
    fresh: list[ox.Quad] = [q for report in (*new.values(), *earlier) for q in _report_quads(report)]
    removed: list[ox.Quad] = []
    added: list[ox.Quad] = []
    replace: list[ox.Quad] = []
    whole = {g.stored for g in groups if g.stored is not None and (old_links or not g.exact)}
    for group, identifier in zip(groups, identifiers, strict=True):
        quads = _incident_quads(group, identifier)
        if old_links or group.stored in whole:
            replace.extend(quads)
        elif group.stored is None:
            fresh.extend(quads)
        else:  # written by this build: only what differs (the reports it had give its old quads)
            held = set(group.stored_reports)
            before = Cluster([r for r in group.reports if r.iri in held])
            was = incident_id(before.first)
            if incident_iri(was).value != group.stored:  # not what this build wrote: the old way
                whole.add(group.stored)
                replace.extend(quads)
                continue
            old = set(_incident_quads(before, was))
            now = set(quads)
            removed.extend(q for q in old if q not in now)
            added.extend(q for q in quads if q not in old)
    dropped |= whole
    requests = _delete(dropped, articles if old_links else [])
    if removed:
        requests.append(delete_data(removed))
    if added:
        requests.append(insert_data(added))
    if old_links:  # reports leave: everything after the deletes, as before
        replace = fresh + replace
        fresh = []
    written = {incident_iri(identifier).value for identifier in identifiers}
    result.incidents_written = len(groups) + len(later)
    result.incidents_dropped = len((dropped | {g.stored for g in groups if g.stored}) - written)
    result.linked = _linked_across(groups, new)
    result.incidents = sorted(written)
    groups_written = list(zip(groups, identifiers, strict=True))
    return LinkWrite(result, fresh, requests, replace, state, groups_written, later)


def _hold(new: Mapping[str, Report], state: LinkState, result: LinkReport) -> LinkWrite:
    """A round that links its reports in the state and writes nothing (:func:`plan` with ``hold``)."""
    held = state.held = state.held if state.held is not None else set()
    merged: list[Cluster] = []
    groups = assign(new.values(), [], state.index, merged)  # a merged cluster leaves the index
    for gone in merged:
        state.unwritten.pop(id(gone), None)
    state.unwritten.update((id(g), g) for g in groups)
    held.update(new)
    result.linked = _linked_across(groups, new)
    return LinkWrite(result, [], [], [], state, [])


def _linked_across(groups: Iterable[Cluster], new: Mapping[str, Report]) -> int:
    """The new reports that share an incident with another article's report."""
    return sum(1 for g in groups for r in g.reports if r.iri in new and len({m.doc for m in g.reports}) > 1)


def _delete(incidents: set[str], articles: list[str]) -> list[str]:
    """Take out the old state of ``incidents`` and every link and key of the reports of ``articles``."""
    graph = iri(_graph().value)
    parts = []
    for part in chunks(articles):
        values = " ".join(map(iri, part))
        parts.append(
            f"DELETE {{ GRAPH {graph} {{ ?r ?p ?o }} }} WHERE {{ GRAPH {graph} {{ VALUES ?a {{ {values} }} "
            "?r kg:reportedIn ?a . ?r ?p ?o } }"
        )
    for part in chunks(sorted(incidents)):
        values = " ".join(map(iri, part))
        parts += [
            f"DELETE {{ GRAPH {graph} {{ ?f ?p ?o }} }} WHERE {{ GRAPH {graph} {{ VALUES ?i {{ {values} }} "
            "?i kg:figure ?f . ?f ?p ?o } }",
            f"DELETE {{ GRAPH {graph} {{ ?r kg:incident ?i }} }} "
            f"WHERE {{ GRAPH {graph} {{ VALUES ?i {{ {values} }} "
            "?r kg:incident ?i } }",
            f"DELETE {{ GRAPH {graph} {{ ?i ?p ?o }} }} "
            f"WHERE {{ GRAPH {graph} {{ VALUES ?i {{ {values} }} ?i ?p ?o }} }}",
        ]
    return parts


def _report_quads(report: Report) -> list[ox.Quad]:
    graph, node = _graph(), ox.NamedNode(report.iri)
    quads = [ox.Quad(node, KG.reportedIn, article_iri(report.doc), graph)]
    quads += [ox.Quad(node, KG.blockKey, _key_literal(key), graph) for key in stored_keys(report)]
    return quads


@lru_cache(maxsize=8192)
def _key_literal(key: str) -> ox.Literal:
    return ox.Literal(key)


SPECIFICITY = {"city": 0, None: 1, "country": 2}
"""Rank of a place kind for an incident's place: a city the gazetteer knows, then a place it does not
know (a venue, a district, also a region or a sea), then a country."""


def _primary_place(reports: list[Report]):
    """The incident's place: in the country most reports name, the most specific kind, then the most named."""
    counts: Counter[str] = Counter()
    places = {}
    for report in reports:
        for place in {p.iri: p for p in report.shown_places}.values():
            counts[place.iri] += 1
            places[place.iri] = place
    if not counts:
        return None
    votes = Counter(cc for report in reports for cc in {p.country for p in report.shown_places} - {None})
    if votes:
        top = min(votes, key=lambda cc: (-votes[cc], cc))
        counts = Counter({p: n for p, n in counts.items() if places[p].country in (top, None)})
    best = min(counts, key=lambda p: (SPECIFICITY.get(places[p].feature, 1), -counts[p], places[p].label, p))
    return places[best]


def _primary_time(reports: list[Report]) -> str | None:
    """The date most reports give, the most precise first; ties to the earliest."""
    times = [r.shown_time for r in reports if r.shown_time and time_window(r.shown_time, None) is not None]
    if not times:
        return None
    counts = Counter(times)
    return min(counts, key=lambda t: (-len(t), -counts[t], t))


@lru_cache(maxsize=4096)
def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


@lru_cache(maxsize=4096)
def _time(iso: str) -> ox.Literal:
    return time_literal(iso)


def _incident_quads(group: Cluster, identifier: str | None = None) -> list[ox.Quad]:
    """The quads of an incident (``identifier``: its :func:`incident_id`, when known already)."""
    graph = _graph()
    reports = sorted(group.reports, key=lambda r: r.order)
    first = reports[0]
    identifier = incident_id(first) if identifier is None else identifier
    node = incident_iri(identifier)
    out: list[ox.Quad] = []

    def add(s: Any, p: Any, o: Any) -> None:
        out.append(ox.Quad(s, p, o, graph))

    place = _primary_place(reports)
    when = _primary_time(reports)
    trigger = Counter(r.trigger for r in reports if r.trigger).most_common(1)
    label = f"{first.type}" + (f": {trigger[0][0]}" if trigger else "")
    label += (f" in {place.label}" if place else "") + (f", {when}" if when else "")
    add(node, _TYPE, _INCIDENT)
    add(node, _INCIDENT_ID, ox.Literal(identifier))
    add(node, _LABEL, ox.Literal(label))
    add(node, _EVENT_CLASS, KG[first.type])
    add(node, _REPORT_COUNT, _integer(len(reports)))
    if place is not None:
        add(node, _LOCATED_IN, ox.NamedNode(place.iri))
    if when is not None:
        add(node, _TIME, _time(when))
    for report in reports:  # one report each: no quad repeats
        add(ox.NamedNode(report.iri), _INCIDENT_OF, node)
    for measure, (latest_term, low_term, high_term) in _MEASURES.items():
        given = [(r, getattr(r, measure)) for r in reports if getattr(r, measure) is not None]
        if not given:
            continue
        counts = [n for _, n in given]
        latest = max(given, key=lambda rn: (rn[0].published or date.min, rn[1]))
        add(node, latest_term, _integer(latest[1]))
        if len(given) > 1:  # one source: its figure is the whole range (the queries read it so)
            add(node, low_term, _integer(min(counts)))
            add(node, high_term, _integer(max(counts)))
        for report, count in given if len(given) > 1 else ():  # one source: the figure is its report's
            figure = ox.NamedNode(f"{node.value}/figure/{slug(report.doc)}/{slug(report.key)}/{measure}")
            add(node, KG.figure, figure)
            add(figure, RDF.type, KG.Figure)
            add(figure, KG.measure, ox.Literal(measure))
            add(figure, KG.count, _integer(count))
            qualifier = next((q for m, q in report.qualifiers if m == measure), None)
            if qualifier:
                add(figure, KG.qualifier, ox.Literal(qualifier))
            if report.source:
                add(figure, DCTERMS.source, ox.Literal(report.source))
            if report.published:
                add(figure, SCHEMA.datePublished, ox.Literal(report.published.isoformat(), datatype=XSD.date))
            add(figure, PROV.wasDerivedFrom, ox.NamedNode(report.iri))
    reactions: dict[ox.Quad, None] = {}  # one agent may claim twice: each quad once
    for report in reports:
        for reaction, agents in report.claims:
            reactions[ox.Quad(node, KG.claim, ox.NamedNode(reaction), graph)] = None
            for agent in agents:
                reactions[ox.Quad(node, KG.claimedBy, ox.NamedNode(agent), graph)] = None
        for reaction, _agents, targets in report.accusations:
            reactions[ox.Quad(node, KG.accusation, ox.NamedNode(reaction), graph)] = None
            for target in targets:
                reactions[ox.Quad(node, KG.blamedOn, ox.NamedNode(target), graph)] = None
    out.extend(reactions)
    return out


_TYPE, _INCIDENT, _LABEL, _INCIDENT_ID = RDF.type, KG.Incident, RDFS.label, KG.incidentId
_EVENT_CLASS, _REPORT_COUNT, _LOCATED_IN, _TIME, _INCIDENT_OF = (
    KG.eventClass,
    KG.reportCount,
    KG.locatedIn,
    KG.time,
    KG.incident,
)
_MEASURES = {m: (KG[f"latest{m.capitalize()}"], KG[f"{m}Min"], KG[f"{m}Max"]) for m in ("killed", "injured")}
"""The terms written for every incident, looked up once."""


def pending_articles(store: Any) -> list[str]:
    """IRIs of articles whose incidents are out of date: a report without one, or links of a gone article."""
    graph = iri(_graph().value)
    classes = " ".join(f"kg:{t}" for t in INCIDENT_TYPES)
    unlinked = (
        f"SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ VALUES ?class {{ {classes} }} ?r a ?class ; "
        "prov:wasDerivedFrom ?a } "
        f"FILTER NOT EXISTS {{ GRAPH {graph} {{ ?r kg:incident ?i }} }} }}"
    )
    gone = (
        f"SELECT DISTINCT ?a WHERE {{ GRAPH {graph} {{ ?r kg:reportedIn ?a }} "
        "FILTER NOT EXISTS { GRAPH ?g { ?a dcterms:identifier ?id } } }"
    )
    found = {row["a"].value for row in _select(store, unlinked)}
    found.update(row["a"].value for row in _select(store, gone))
    return sorted(found)
