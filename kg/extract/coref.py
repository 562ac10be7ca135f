"""Event coreference: mentions of one attack become one event; claims, condemnations ... point at it."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from kg.extract.agree import elsewhere, keys, places_agree, times_agree
from kg.extract.draft import Draft, record_draft
from kg.extract.evolve import replace
from kg.extract.kinds import kinds_of, kinds_told, other_kind
from kg.extract.lexicon import Lexicon
from kg.extract.referred import by_name, guesses_dropped, referring_spans, without_agents
from kg.extract.rules import check
from kg.extract.sides import (
    agents_agree,
    armed_words,
    crowd_apart,
    described,
    gun_armed,
    initials_of,
    name_within,
    named,
    one_side,
)
from kg.extract.trace import tracing
from kg.gazetteer import without_accents
from kg.model import Entity


def _union(a: tuple[Entity, ...], b: tuple[Entity, ...]) -> tuple[Entity, ...]:
    known = keys(a)
    return a + tuple(e for e in b if e.key not in known)


def _past_year(draft: Draft, cluster: Draft, published: date | None) -> bool:
    """A year or month ("in 2020", "in January 2020") before the article's time: a background attack."""
    if draft.time is None or len(draft.time) == 10 or cluster.time is not None:
        return False
    if published is None:
        return True
    return draft.time < published.isoformat()[: len(draft.time)]


@check("apart")
def apart(
    cluster: Draft,
    draft: Draft,
    is_main: bool,
    lex: Lexicon,
    published: date | None,
    presumed: tuple[Entity, ...] = (),
    referring: frozenset[tuple[int, int]] = frozenset(),
    armed: frozenset[int] = frozenset(),
) -> str | None:
    """The rule telling two attack mentions apart by what is said of them, or None when nothing does.

    ``presumed``: where the article was filed from (dateline, headline), the main attack's place until a
    mention names one: "a bomber killed 25 at a mosque in Kuwait" is not the Tunisian attack told first.
    ``referring``: the character spans of the article's doers told by a pronoun or "the group" (see
    :func:`referring_spans`); ``armed``: the attack words of a kind only arms do (cue armed_kinds)."""
    if draft.background and is_main:
        return "coref.background"
    places = cluster.locations or (presumed if is_main else ())
    people_a = tuple(e for e in cluster.targets if e.kind == "Person")
    people_b = tuple(e for e in draft.targets if e.kind == "Person")
    named_a, named_b = keys(people_a), keys(people_b)
    tests = (
        ("coref.times_disagree", lambda: not times_agree(cluster.time, draft.time)),
        ("coref.past_year", lambda: _past_year(draft, cluster, published)),
        ("coref.places_disagree", lambda: not places_agree(places, draft.locations)),
        ("coref.cities_disagree", lambda: elsewhere(cluster.locations, draft.locations)),
        (
            "coref.crowd_apart",
            lambda: crowd_apart(
                (cluster.agents, bool(cluster.tokens & armed), gun_armed(cluster.instruments, lex)),
                (_told(draft), bool(draft.tokens & armed), gun_armed(draft.instruments, lex)),
                lex,
                back=draft.anaphoric,
            ),
        ),
        (
            "coref.sides_disagree",
            lambda: not agents_agree(
                by_name(cluster, cluster.agents, referring), by_name(draft, _told(draft), referring), lex
            ),
        ),
        (
            "coref.victims_disagree",
            lambda: bool(named_a and named_b and not named_a & named_b)
            and not _one_family(people_a, people_b),
        ),
        (  # who struck in one mention was struck in the other: a strike and the retaliation, even when
            "coref.sides_disagree",  # a pronoun tells who: "it fired after a strike killed its men"
            lambda: bool(
                keys(named(cluster.agents)) & keys(named(draft.targets))
                or keys(named(_told(draft))) & keys(named(cluster.targets))
            ),
        ),
    )
    return next((rule for rule, fails in tests if fails()), None)


def _folded(word: str) -> str:
    """A name word lowercased without its accents ("Moïse" → "moise")."""
    return without_accents(word.lower())


@check("one_family")
def _one_family(a: tuple[Entity, ...], b: tuple[Entity, ...]) -> bool:
    """Whether a person named on one side bears the family name of one on the other, accents aside: the
    president and his wife ("Jovenel Moise", "Martine Moïse") or one person named twice ("Uribe",
    "Miguel Uribe Turbay"), victims of one attack, not differently named people."""
    return any(_family(x) & _family(y) for x in a for y in b)


def _family(person: Entity) -> set[str]:
    """The family-name words of a person's name: the words after the given name ("Miguel Uribe Turbay" →
    uribe, turbay), or the one word of a name said alone ("Uribe"); a given name is none ("Hassan Ali" and
    "Ali Reza" share no family name)."""
    words = [_folded(w) for w in person.label.split()]
    return set(words[1:] if len(words) > 1 else words)


@check("claimant_no_side")
def _told(draft: Draft) -> tuple[Entity, ...]:
    """The agents a mention tells apart by: a definite mention ("the bombing") that takes its agent only
    from the claim naming it ("X claimed the bombing") refers to an attack told before; who claims it
    says nothing about which attack it is."""
    if not draft.anaphoric:
        return draft.agents
    claimed = {f.value for f in draft.support if f.role == "agent" and f.rule == "agent.from_claim"}
    if not claimed:
        return draft.agents
    read = {f.value for f in draft.support if f.role == "agent" and f.rule != "agent.from_claim"}
    return tuple(e for e in draft.agents if e.key not in claimed or e.key in read)


def _shared_agents(cluster: Draft, draft: Draft) -> int:
    """How many named agents two attack mentions share, the claimant a claim gave one included: among
    compatible attacks, a claimed mention goes to the one its claimant carried out."""
    return len(keys(named(cluster.agents)) & keys(named(draft.agents)))


def overlap(cluster: Draft, draft: Draft) -> int:
    """How many targets, places and dates two attack mentions share."""
    return (
        len(keys(cluster.targets) & keys(draft.targets))
        + len(keys(cluster.locations) & keys(draft.locations))
        + int(draft.time is not None and cluster.time == draft.time)
    )


@check("joins")
def joins(
    cluster: Draft,
    draft: Draft,
    is_main: bool,
    lex: Lexicon,
    presumed: tuple[Entity, ...] = (),
    kinds: frozenset[str] = frozenset(),
) -> str | None:
    """The rule joining compatible mentions, or None: the main attack takes definite ("the blasts"), verbal
    or argument-sharing mentions, and any other mention nothing distinguishes from it (no place elsewhere,
    no other date, no background marker, no contrary side, no other kind of attack than the ``kinds`` it
    was told as: a headline, "95 died in two blasts"; tolls rise, so figures never count); any other
    attack only those sharing a target, place or date, or a sentence ("struck X, wounding 8")."""
    if draft.sentence in cluster.sentences and draft.background == cluster.background:
        return "coref.same_sentence"  # the attack answered ("in retaliation for the killing of X") is another
    if not is_main:
        return "coref.shared_argument" if overlap(cluster, draft) > 0 else None
    if overlap(cluster, draft) + _shared_agents(cluster, draft) > 0:
        return "coref.shared_argument"
    if elsewhere(cluster.locations or presumed, draft.locations):
        return None
    if draft.anaphoric:
        return "coref.anaphoric"
    if draft.generic or other_kind(draft, kinds, lex):
        return None
    return "coref.undistinguished"


@check("placed_series")
def placed_series(cluster: Draft) -> bool:
    """An attack other than the main one told only as a series placed somewhere or done by someone unnamed
    ("attacks in the region", "more blasts in the south", "ambushes by masked men go on", "militants
    staging raids in the Sahel"): a bare plural with a place or a description of its doers and nothing
    else, no named doer, victim, date or count, tells where or by whom attacks happen, not an attack."""
    unnamed = all(described(e) for e in cluster.agents)
    told = (cluster.agents, cluster.locations)
    only_where_who = unnamed and cluster.filled() == sum(1 for v in told if v)
    return cluster.generic and cluster.filled() > 0 and only_where_who and len(cluster.sentences) == 1


def _merged_targets(cluster: Draft, draft: Draft) -> tuple[Entity, ...]:
    """A later sentence's other name for what was hit ("the occupation base" in a claim) adds nothing to the
    targets the attack's own sentence named; targets of the same sentence add up. Victims named only as
    members of a toll ("three people, including a militia official") are no name for what was hit: the
    later sentence's targets then add to them."""
    victims = {f.value for f in cluster.support if f.role == "target" and f.rule == "target.vacuous_members"}
    struck = keys(cluster.targets) - victims
    disjoint = cluster.targets and draft.targets and not keys(cluster.targets) & keys(draft.targets)
    if disjoint and struck and draft.sentence not in cluster.sentences:
        return cluster.targets
    return _union(cluster.targets, draft.targets)


def merge(cluster: Draft, draft: Draft) -> Draft:
    killed_from = cluster if cluster.killed is not None or draft.killed is None else draft
    return replace(
        cluster,
        trigger=replace(cluster.trigger, weight=max(cluster.weight, draft.weight)),
        agents=_union(cluster.agents, draft.agents),
        targets=_merged_targets(cluster, draft),
        locations=_union(cluster.locations, draft.locations),
        instruments=_union(cluster.instruments, draft.instruments),
        time=cluster.time
        if cluster.time and (not draft.time or len(cluster.time) >= len(draft.time))
        else draft.time,
        killed=killed_from.killed,
        injured=cluster.injured if cluster.injured is not None else draft.injured,
        approximate=killed_from.approximate
        if killed_from.killed is not None
        else cluster.approximate or draft.approximate,
        tokens=cluster.tokens | draft.tokens,
        sentences=cluster.sentences | draft.sentences,
        support=cluster.support + draft.support,
    )


def cluster_attacks(
    drafts: list[Draft], lex: Lexicon, published: date | None, doc: Doc, presumed: tuple[Entity, ...] = ()
) -> list[Draft]:
    """Merge attack mentions into attacks: each joins the compatible attack it shares most with
    (``presumed``: the article's filing place, see :func:`apart`)."""
    clusters: list[Draft] = []
    words: list[set[str]] = []
    referring = referring_spans(drafts, doc, lex)
    armed = armed_words(drafts, doc, lex)
    for draft in drafts:
        draft = _possessed_victim(draft, clusters, doc)
        named = _named_again(draft, clusters, words, lex, published, referring)
        if named is not None:
            record_merge("coref.named_again", draft, clusters[named], doc)
            clusters[named] = merge(clusters[named], draft)
            continue
        options = [
            (overlap(c, draft), _shared_agents(c, draft), int(draft.sentence in c.sentences), -n, n, rule)
            for n, c in enumerate(clusters)
            if apart(c, draft, n == 0, lex, published, presumed, referring, armed) is None
            and (rule := joins(c, draft, n == 0, lex, presumed, kinds_told(words[n], lex)))
        ]
        if options:
            *_, best, rule = max(options)
            record_merge(rule, draft, clusters[best], doc)
            if _told(draft) != draft.agents:
                record_merge("coref.claimant_no_side", draft, clusters[best], doc)
            if tracing() is not None and apart(clusters[best], draft, best == 0, lex, published, presumed):
                record_merge("coref.referred_side", draft, clusters[best], doc)  # apart but for the guess
            draft = guesses_dropped(clusters[best], draft, referring, lex, doc)
            for side_rule in _sides_told_by(clusters[best], draft, lex):
                record_merge(side_rule, draft, clusters[best], doc)
            clusters[best] = merge(clusters[best], draft)
            words[best].add(draft.word.lower())
        elif clusters and _retold(clusters[0], draft, doc, lex, published, presumed, referring):
            record_merge("coref.retold", draft, clusters[0], doc)
            clusters[0] = merge(clusters[0], draft)
            words[0].add(draft.word.lower())
        else:
            if clusters and tracing() is not None:
                rule = apart(clusters[0], draft, True, lex, published, presumed, referring, armed) or (
                    "coref.kinds_disagree"
                    if other_kind(draft, kinds_told(words[0], lex), lex)
                    else "coref.nothing_shared"
                )
                record_draft(
                    "kept_apart", rule, draft, doc, note=f"from the main attack ({clusters[0].word})"
                )
            clusters.append(draft)
            words.append({draft.word.lower()})
    return clusters


@check("retold")
def _retold(
    main: Draft,
    draft: Draft,
    doc: Doc,
    lex: Lexicon,
    published: date | None,
    presumed: tuple[Entity, ...],
    referring: frozenset[tuple[int, int]],
) -> bool:
    """A definite mention ("the massacre", "their attack", "Sunday's assault") that only its doer tells
    apart from the main attack, naming no place, no other date and no target the main attack lacks, is the
    main attack told again: who it says did it is a claim or a charge, not a second attack. A verb
    ("X killed", "X attacked") so told names no target and no date either."""
    if not draft.anaphoric or draft.background or draft.generic and draft.targets or draft.locations:
        return False
    if apart(main, draft, True, lex, published, presumed, referring) != "coref.sides_disagree":
        return False
    if apart(main, replace(draft, agents=()), True, lex, published, presumed, referring) is not None:
        return False
    unnamed = [tuple(e for e in d.agents if described(e)) for d in (main, draft)]
    if not agents_agree(*unnamed, lex):  # a state force against doers of another kind ("a mob burned")
        return False
    if doc[draft.token].pos_ in {"VERB", "AUX"}:
        return not draft.targets and draft.time is None
    return (draft.time is None or draft.time == main.time) and keys(draft.targets) <= keys(main.targets)


def _sides_told_by(cluster: Draft, draft: Draft, lex: Lexicon) -> list[str]:
    """The rules that let two mentions with agents or named victims on both sides be one attack's: a
    description tagged only for its number is no name ("three gunmen"), a name said again inside a longer
    label is one side ("a Taliban suicide bomber", "the Taliban"), victims of one family are no differently
    named people ("Jovenel Moise", "Martine Moïse")."""
    if tracing() is None:
        return []
    people_a = tuple(e for e in cluster.targets if e.kind == "Person")
    people_b = tuple(e for e in draft.targets if e.kind == "Person")
    apart_named = bool(people_a and people_b) and not keys(people_a) & keys(people_b)
    family = apart_named and _one_family(people_a, people_b)
    rules = ["coref.one_family"] if family else []
    if not cluster.agents or not draft.agents:
        return rules
    both = cluster.agents + draft.agents
    if any(described(e) and not e.key.endswith(")") for e in both):
        rules.append("coref.number_description")
    a, b = named(cluster.agents), named(draft.agents)
    if a and b and not one_side(a, b, lex) and name_within(a, b):
        rules.append("coref.name_within")
    elif a and b and not one_side(a, b, lex) and initials_of(a, b, lex):
        rules.append("coref.acronym_side")
    return rules


@check("possessed_victim")
def _possessed_victim(draft: Draft, clusters: list[Draft], doc: Doc) -> Draft:
    """A deed noun's possessor that an attack told before has as its target is the victim, not the doer:
    "her killing", "the envoy's assassination" after "gunmen shot the envoy". The mention loses that
    agent (and so takes no contrary side against the attack told)."""
    struck = {e.key for c in clusters for e in named(c.targets)}
    owned = {f.value for f in draft.support if f.role == "agent" and f.rule == "agent.possessor"}
    victims = owned & struck & {e.key for e in draft.agents}
    return without_agents(draft, victims, "agent.possessed_victim", doc)


def record_merge(rule: str, draft: Draft, cluster: Draft, doc: Doc) -> None:
    record_draft("merge", rule, draft, doc, note=f"into {cluster.word!r} of sentence {cluster.sentence + 1}")


@check("named_again")
def _named_again(
    draft: Draft,
    clusters: list[Draft],
    words: list[set[str]],
    lex: Lexicon,
    published: date | None,
    referring: frozenset[tuple[int, int]] = frozenset(),
) -> int | None:
    """A bare definite mention ("the drone strike") names again the latest later attack told with the same
    word, rather than the main one; not one dated only by a year or month before the article's ("twin
    bombings in 2019"), an old attack the article recalls."""
    if not draft.anaphoric or draft.filled() > bool(draft.agents):  # a claim names who: "X claimed the raid"
        return None
    again = [
        n
        for n, c in enumerate(clusters)
        if n > 0
        and not c.background
        and not _past_year(c, draft, published)
        and kinds_of(draft.word, lex) & {k for w in words[n] for k in kinds_of(w, lex)}
        and apart(c, draft, False, lex, published, referring=referring) is None
    ]
    return max(again, key=lambda n: max(clusters[n].sentences, default=-1)) if again else None
