"""One parsed article → its Extraction: triggers, frames, entities, coreference, numbering, facts."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.extract.acronym_names import mend_spelt_acronyms
from kg.extract.arguments import hit_targets, named_once, resolved, told_once
from kg.extract.attach import main_attack
from kg.extract.cache import remember_ents, remember_tokens, span_text
from kg.extract.city_again import city_again
from kg.extract.coref import cluster_attacks, placed_series
from kg.extract.dateline import dateline_place, title_place
from kg.extract.draft import CASUALTIES, Draft, Found, record_draft, supported
from kg.extract.entities import resolve
from kg.extract.evolve import replace
from kg.extract.facts import event_facts
from kg.extract.filed import place_main
from kg.extract.frames import sentence_frames
from kg.extract.hyphen_names import mend_hyphen_names
from kg.extract.learned import propose
from kg.extract.learned_filter import filter_events
from kg.extract.lexicon import Lexicon, first_in, load_lexicon
from kg.extract.offices import office_once
from kg.extract.person_names import mend_person_names
from kg.extract.place_names import mend_place_names
from kg.extract.placing import placed
from kg.extract.precedes import STANCES, standing_stance, unlinked_if_earlier
from kg.extract.reaction_coref import merge_reactions
from kg.extract.reactions import (
    affiliation,
    at_site,
    charged_attack,
    charged_otherwise,
    claimed,
    claimed_later,
    dated_after,
    denials_follow_charges,
    disputed_charge,
    doers_accused,
    explicit_claims_first,
    impersonal_charge,
    protest_against,
    self_accusation,
    state_protest,
)
from kg.extract.refs import Ref
from kg.extract.rules import check
from kg.extract.said_inside import said_inside
from kg.extract.several import several_attacks
from kg.extract.shifted import shifted_dates
from kg.extract.sides import described
from kg.extract.specific_places import known_town, most_specific, region_beside_town, world_region
from kg.extract.suppression import alleged_attack, placed_protest
from kg.extract.trace import tracing
from kg.extract.triggers import PhraseMatcher, find_triggers, phrase_matcher
from kg.extract.untold import negated_mention
from kg.extract.version import extractor_version
from kg.model import Article, Entity, Event, Evidence, Extraction


@functools.lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> PhraseMatcher:
    return phrase_matcher(vocab, load_lexicon())


def _frames(doc: Doc, article: Article, lex: Lexicon) -> list[Draft[Ref]]:
    frames: list[Draft[Ref]] = []
    matcher = _matcher(doc.vocab)
    trace = tracing()
    for index, sentence in enumerate(doc.sents):
        if trace is not None:
            trace.sentence = index
        triggers = find_triggers(sentence, lex, matcher)
        triggers += propose(sentence, index, triggers, lex)  # what the rules missed, by the learned model
        frames += sentence_frames(sentence, index, triggers, lex, article.published)
    return frames


@check("split_agents")
def _split(draft: Draft, doc: Doc, others: Sequence[int] = ()) -> list[Draft]:
    """One event per agent: "A and B condemned" is two condemnations; parties accusing each other each
    accuse the others (rule target.reciprocal); and one reaction per attack of ``others`` it is about too
    (rule about.plural_attacks: "claimed both attacks")."""
    if others:
        record_draft("split", "about.plural_attacks", draft, doc, note=f"{len(others) + 1} attacks")
        return [d for a in (draft.about, *others) for d in _split(_about_other(draft, a), doc)]
    if len(draft.agents) < 2:
        return [draft]
    record_draft("split", "event.split_agents", draft, doc, note=f"{len(draft.agents)} agents")
    if any(f.rule == "target.reciprocal" for f in draft.support):
        return [
            replace(draft, agents=(a,), targets=tuple(t for t in draft.targets if t.key != a.key))
            for a in draft.agents
        ]
    return [replace(draft, agents=(agent,)) for agent in draft.agents]


def _about_other(draft: Draft, about: int | None) -> Draft:
    if about == draft.about:
        return draft
    rule = "about.plural_attacks"
    support = tuple(replace(f, rule=rule) if f.role == "about" else f for f in draft.support)
    return replace(draft, about=about, support=support)


@check("host_not_agent")
def _not_the_host(cluster: Draft, agents: tuple[Entity, ...], doc: Doc) -> tuple[Entity, ...]:
    """A country named only by its people's word before the attack noun ("the Tunisian resort massacre",
    "the Kenyan mall attack") is where it happened, not who struck, when the attack lies in that country;
    a state's forces strike in a military operation ("a Nigerian air strike" in Nigeria keeps its agent)."""
    hosts = {e.geo.country_code for e in cluster.locations if e.geo}
    lex = load_lexicon()
    military = any(first_in(doc[t], lex.cue("state_operation_nouns")) for t in cluster.tokens)
    kept = []
    for e in agents:
        rules = {f.rule for f in cluster.support if f.role == "agent" and f.value == e.key}
        host = e.kind == "Country" and e.geo is not None and e.geo.country_code in hosts
        if military or not host or rules - {"agent.compound_actor"}:
            kept.append(e)
        else:
            record_draft("rejected_argument", "agent.host_not_agent", cluster, doc, role="agent", value=e.key)
    return tuple(kept)


@check("named_first")
def _named_first(agents: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """A named perpetrator makes the descriptions ("gunmen", "assailants") of the same attack redundant."""
    named = tuple(e for e in agents if not described(e))
    return named or agents[:1]


def _confidence(draft: Draft) -> float:
    return round(min(1.0, max(0.05, draft.weight * (0.7 + 0.1 * draft.filled()))), 3)


@check("assembly")
def extract_doc(doc: Doc, article: Article) -> Extraction:
    """The entities and events of one article parsed by the pipeline (offsets into ``article.text``)."""
    lex = load_lexicon()
    remember_tokens(doc)
    mend_hyphen_names(doc, lex)
    mend_spelt_acronyms(doc, lex)
    mend_person_names(doc, lex)
    mend_place_names(doc, lex)
    remember_ents(doc)
    frames = _frames(doc, article, lex)
    live = [f for f in frames if not f.trigger.suppressed]
    suppressed = {f.trigger.token for f in frames if f.trigger.suppressed}
    armed = frozenset(
        (r.start, r.end)
        for f in live
        if f.trigger.type in {"Attack", "ClaimResponsibility"}
        and not first_in(doc[f.trigger.token], lex.cue("claim_speech"))
        for r in f.agents
    )
    refs = [r for f in live for r in (*f.agents, *f.targets, *f.locations)]
    table = resolve(doc, refs, article.id, lex, armed)
    mentions = [resolved(f, table, doc, lex) for f in live if f.trigger.type != CASUALTIES]
    drafts = claimed([state_protest(self_accusation(d, doc), doc, lex) for d in mentions], doc, lex)
    attack_mentions = []
    for d in (d for d in drafts if d.type == "Attack"):
        if d.background and not d.filled():
            record_draft("rejected_trigger", "event.empty_background", d, doc)
        else:
            attack_mentions += _split(d, doc)
    filed_from = dateline_place(article.text) or title_place(article.title)
    presumed = (filed_from,) if filed_from else ()
    clusters = cluster_attacks(attack_mentions, lex, article.published, doc, presumed)
    for f in (f for f in live if f.trigger.type == CASUALTIES and clusters):
        clusters[0] = _casualties_of_main(clusters[0], f, doc)
    kept = []
    for n, c in enumerate(clusters):
        if n > 0 and placed_series(c):
            record_draft("rejected_trigger", "event.placed_series", c, doc, note="where attacks happen")
        elif n == 0 or c.filled() > 0:
            kept.append(c)
        else:
            record_draft("rejected_trigger", "event.nothing_known", c, doc)
    kept = [told_once(named_once(hit_targets(_narrowed(c, doc), doc), doc), doc) for c in kept]
    if kept and not kept[0].locations:
        kept[0] = place_main(kept[0], article, doc)
    kept = city_again(kept, doc, lex)
    owner = {t: n for n, c in enumerate(kept) for t in c.tokens}
    background = {t for d in drafts if d.type == "Attack" and d.background for t in d.tokens}
    alleged = {t for t in suppressed if alleged_attack(doc[t], lex)}
    attack_words = {a for f in frames if f.trigger.type == "Attack" for a in f.trigger.anchors}
    reactions = []
    for draft in (d for d in drafts if d.type != "Attack"):
        about, rule = _about(draft, kept, owner, (suppressed, background), alleged, doc)
        if protest_unnamed(draft, rule):
            if rule:  # the main attack, or an attack word beside it
                record_draft("rejected_argument", "about.protest_unnamed", draft, doc, role="about")
            about, rule = None, ""
        elif charged_otherwise(doc[draft.token], draft.type, attack_words, draft.trigger.anchors):
            about, rule = None, "about.charged_otherwise"
        draft = _about_support(draft, about, rule, doc)
        if draft.type == "Protest" and not draft.locations and kept:
            draft = _at_site_of(draft, kept[0], doc, lex)
        if rule := doers_accused(draft, lex):
            record_draft("rejected_trigger", rule, draft, doc)
            continue
        if affiliation(draft, doc, lex, attack_words):
            record_draft("rejected_trigger", "event.affiliation", draft, doc)
            continue
        if disputed_charge(draft, doc, lex):
            record_draft("rejected_trigger", "event.disputed_charge", draft, doc)
            continue
        draft = replace(draft, about=about)
        for d in _split(draft, doc, several_attacks(draft, about, kept, doc, article.published)):
            unheld = placed_protest(d, doc) or protest_against(d, doc)  # a protest no one is named holding
            if d.agents or impersonal_charge(d, doc, lex) or unheld:
                reactions.append(d)
            else:
                record_draft("rejected_trigger", "event.needs_agent", d, doc)
    reactions = denials_follow_charges(reactions, doc, lex)
    reactions = explicit_claims_first(merge_reactions(reactions, lex, doc), doc, lex)
    reactions = [office_once(d, doc) for d in reactions]
    reactions = [_placed_narrowly(d, doc) if d.type == "Protest" else d for d in reactions]
    attacks = shifted_dates(claimed_later(kept, reactions, doc, lex), doc, lex, article.published)
    reactions = unlinked_if_earlier(dated_after(reactions, attacks, doc, lex), attacks, doc)
    return _assemble(doc, article, attacks, reactions)


def _casualties_of_main(main: Draft, counts: Draft, doc: Doc) -> Draft:
    """Counts told in a sentence without an attack word ("the hospital received 3 dead") are the main
    attack's when it has none of its own."""
    merged = replace(
        main,
        killed=main.killed if main.killed is not None else counts.killed,
        injured=main.injured if main.injured is not None else counts.injured,
        approximate=main.approximate if main.killed is not None else counts.approximate,
    )
    taken = [
        f
        for f in counts.support
        if f.role == "killed" and main.killed is None or f.role == "injured" and main.injured is None
    ]
    for f in taken:
        record_draft("argument", f.rule, main, doc, at=f, role=f.role, value=f.value)
    return supported(merged, *taken)


def _narrowed(cluster: Draft, doc: Doc) -> Draft:
    """An attack's most specific places and its named agents (the rest of them recorded as rejected)."""
    places = _narrowest(cluster, doc)
    agents = _named_first(_not_the_host(cluster, cluster.agents, doc))
    for e in cluster.agents:
        if e not in agents:
            record_draft("rejected_argument", "agent.named_first", cluster, doc, role="agent", value=e.key)
    return replace(cluster, locations=places, agents=agents)


def _narrowest(draft: Draft, doc: Doc) -> tuple[Entity, ...]:
    """An attack's or a protest's most specific places (the rest of them recorded as rejected)."""
    specific = most_specific(draft.locations)
    inside = said_inside(specific, doc)
    places = known_town(inside, draft, doc)
    for e in draft.locations:
        if e not in places:
            rule = "location.world_region" if world_region(e) else "location.most_specific"
            rule = "location.region_of_town" if region_beside_town(e, draft.locations) else rule
            rule = "location.known_town" if e in specific else rule
            rule = "location.said_inside" if e in specific and e not in inside else rule
            record_draft("rejected_argument", rule, draft, doc, role="location", value=e.key)
    return places


def _placed_narrowly(protest: Draft, doc: Doc) -> Draft:
    places = _narrowest(protest, doc)
    return replace(protest, locations=places) if places != protest.locations else protest


def _about(
    draft: Draft,
    kept: list[Draft],
    owner: dict[int, int],
    told: tuple[set[int], set[int]],
    alleged: set[int],
    doc: Doc,
) -> tuple[int | None, str]:
    """The attack (its index among ``kept``) a reaction is about, and the rule that linked it; ``told`` the
    suppressed attack words and the background ones."""
    untold, background = told[0] | told[1], told[1]
    if draft.about_token in alleged:  # "accused X of killing civilians": a charge over the attack
        return (charged_attack(doc[draft.about_token], kept, doc) if kept else None), "about.charged_attack"
    named = draft.found("about")
    if (
        named is not None
        and draft.type == "Threaten"
        and threatened_act(doc[draft.token], doc[draft.about_token])
    ):
        return None, "about.threatened_act"
    if named is not None and draft.about_token in untold:  # a suppressed or background attack
        kept_as = owner.get(draft.about_token)
        attack = doc[draft.about_token]
        if kept_as is None and kept and attack.i not in background and negated_mention(draft.type, attack):
            return main_attack(kept), "about.negated_mention"
        return kept_as, named.rule
    if named is not None and draft.about_token in owner:
        return owner[draft.about_token], named.rule
    if draft.type in STANCES and standing_stance(doc[draft.token], load_lexicon()):  # "repeatedly blames"
        return None, "about.standing_stance"
    # no attack named, or one without details ("what he called a terrorist attack")
    return (main_attack(kept) if kept and draft.type != "Protest" else None), "about.main_attack"


@check("threatened_act")
def threatened_act(threat: Token, attack: Token) -> bool:
    """Whether the attack word a threat names is the act it threatens, not the deed it answers: the
    threat's complement ("threatened to raid", "vowed to stage more bombings"), its object ("threatened
    new strikes") or the object of a preposition of content on it ("warned of attacks")."""
    if attack.head == threat and attack.dep_ in {"xcomp", "dobj"}:
        return True
    if attack.dep_ == "dobj" and attack.head.dep_ == "xcomp" and attack.head.head == threat:
        return True
    preps = load_lexicon().cue("threat_content_preps")
    return (
        attack.dep_ == "pobj"
        and attack.head.dep_ == "prep"
        and attack.head.lower_ in preps
        and attack.head.head == threat
    )


@check("protest_unnamed")
def protest_unnamed(draft: Draft, rule: str) -> bool:
    """A protest is about no attack unless it names, under it, the attack it is held over ("marched to
    condemn the bombing", "protests over the kidnapping"): a protest in an article about an attack, or near
    an attack word of its sentence, stands on its own."""
    return draft.type == "Protest" and rule not in {"about.in_subtree", "about.caused_by"}


def _about_support(draft: Draft, about: int | None, rule: str, doc: Doc) -> Draft:
    """The reaction with one support for its ``about`` link: the attack words it names, else its trigger."""
    others = tuple(f for f in draft.support if f.role != "about")
    if about is None:
        if rule in {"about.charged_otherwise", "about.threatened_act", "about.standing_stance"}:
            record_draft("rejected_argument", rule, draft, doc, role="about")
        return replace(draft, support=others)
    named = draft.found("about")
    if named is None:
        first, last = min(draft.trigger.anchors), max(draft.trigger.anchors)
        named = Found("about", "", rule, draft.sentence, doc[first].idx, doc[last].idx + len(doc[last]))
    if tracing() is not None:
        record_draft(
            "argument", rule, draft, doc, at=named, role="about", value=doc.text[named.start : named.end]
        )
    return replace(draft, support=(*others, replace(named, rule=rule)))


def _at_site_of(protest: Draft, attack: Draft, doc: Doc, lex: Lexicon) -> Draft:
    word = at_site(protest, attack, doc, lex)
    if word is None:
        return protest
    found = [
        Found("location", e.key, "location.at_site", protest.sentence, word.idx, word.idx + len(word))
        for e in attack.locations
    ]
    for f in found:
        record_draft("argument", "location.at_site", protest, doc, at=f, role="location", value=f.value)
    return supported(replace(protest, locations=attack.locations), *found)  # "a vigil outside the mosque"


def _assemble(doc: Doc, article: Article, attacks: list[Draft], reactions: list[Draft]) -> Extraction:
    sentences = list(doc.sents)
    texts = [span_text(s) for s in sentences]  # a Span's text is joined anew from its tokens at each call
    stripped = [text.strip() for text in texts]
    ordered = sorted(
        [(a.sentence, a.token, "a", n) for n, a in enumerate(attacks)]
        + [(r.sentence, r.token, "r", n) for n, r in enumerate(reactions)]
    )
    drafts = [(kind, n, attacks[n] if kind == "a" else reactions[n]) for _, _, kind, n in ordered]
    drafts = filter_events(drafts, doc, sentences, _confidence, load_lexicon())
    keys = {(kind, n): f"e{i + 1}" for i, (kind, n, _) in enumerate(drafts)}
    first = next((keys[k, n] for k, n, _ in drafts if k == "a"), None)  # for a reaction about a dropped one
    events: list[Event] = []
    entities: dict[str, Entity] = {}
    for kind, n, draft in drafts:
        sentence, text = texts[draft.sentence], stripped[draft.sentence]
        start = sentences[draft.sentence].start_char + (len(sentence) - len(sentence.lstrip()))
        version = extractor_version()
        evidence = Evidence(article.id, text, start, start + len(text), _confidence(draft), version)
        roles = {
            role: value
            for role, value in (
                ("agent", draft.agents),
                ("target", draft.targets),
                ("location", draft.locations),
                ("instrument", draft.instruments),
            )
            if value
        }
        for value in roles.values():
            entities.update({e.key: e for e in value})
        about = None
        if draft.about is not None:
            about = keys.get(("a", draft.about), first)
        facts = event_facts(draft, about, stripped, evidence.confidence, article.title)
        events.append(
            Event(
                key=keys[(kind, n)],
                type=draft.type,
                trigger=draft.word,
                evidence=evidence,
                roles=roles,
                time=draft.time,
                killed=draft.killed,
                injured=draft.injured,
                approximate=draft.approximate,
                about=about,
                facts=facts,
            )
        )
    extraction = Extraction(article, tuple(entities.values()), tuple(events), extractor_version())
    return placed(extraction)
