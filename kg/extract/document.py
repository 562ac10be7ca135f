"""One parsed article → its Extraction: triggers, frames, entities, coreference, numbering."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from datetime import date, timedelta

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.extract.coref import cluster_attacks, merge_reactions
from kg.extract.dateline import dateline_place, title_place
from kg.extract.draft import CASUALTIES, Draft
from kg.extract.entities import placed, resolve
from kg.extract.frames import sentence_frames
from kg.extract.lexicon import Lexicon, first_in, load_lexicon
from kg.extract.refs import Ref
from kg.extract.suppression import alleged_attack
from kg.extract.triggers import find_triggers, phrase_matcher
from kg.gazetteer import capital_country, lookup_place
from kg.model import Article, Entity, Event, Evidence, Extraction

EXTRACTOR_VERSION = "kg-extract/1.0"
ACTOR_KINDS = frozenset({"Person", "Organization", "Group", "Country"})


@functools.lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> Matcher:
    return phrase_matcher(vocab, load_lexicon())


def _frames(doc: Doc, article: Article, lex: Lexicon) -> list[Draft[Ref]]:
    frames: list[Draft[Ref]] = []
    matcher = _matcher(doc.vocab)
    for index, sentence in enumerate(doc.sents):
        triggers = find_triggers(sentence, lex, matcher)
        frames += sentence_frames(sentence, index, triggers, lex, article.published)
    return frames


def _entities(
    refs: tuple[Ref, ...],
    table: dict[tuple[int, int], Entity],
    kinds: frozenset[str] | None,
    doc: Doc,
    lex: Lexicon,
) -> tuple[Entity, ...]:
    found: list[Entity] = []
    for ref in refs:
        entity = table.get((ref.start, ref.end))
        if entity is not None and kinds == ACTOR_KINDS and entity.kind == "Place":
            entity = _as_government(entity)
        if entity is None or kinds is not None and entity.kind not in kinds:
            continue
        if (
            kinds == ACTOR_KINDS
            and ref.label == "NOUN"
            and not first_in(doc[ref.head], lex.cue("actor_nouns"))
        ):
            continue
        if entity.key not in {e.key for e in found}:
            found.append(entity)
    return tuple(found)


def _as_government(place: Entity) -> Entity:
    """A capital as actor ("Tehran vowed revenge") stands for its country."""
    country = capital_country(place.label)
    if country is None:
        return place
    return Entity(country, country, "Country", place.aliases | {country}, lookup_place(country))


def _draft(frame: Draft[Ref], table: dict[tuple[int, int], Entity], doc: Doc, lex: Lexicon) -> Draft[Entity]:
    """The mention with its argument spans resolved to entities of the kinds each role takes."""
    trigger_tokens = set(frame.trigger.anchors)
    targets = tuple(
        r
        for r in frame.targets
        if r.head not in trigger_tokens
        and (
            doc[r.head].lemma_.lower() not in lex.trigger_lemmas("NOUN")
            or first_in(doc[r.head], lex.cue("self_agent_nouns"))  # police fired on protesters
        )
    )
    target_kinds = None if frame.type == "Attack" else ACTOR_KINDS
    return replace(
        frame,
        agents=_entities(frame.agents, table, ACTOR_KINDS, doc, lex),
        targets=_entities(targets, table, target_kinds, doc, lex),
        locations=_entities(frame.locations, table, frozenset({"Country", "Place"}), doc, lex),
    )


def _self_accusation(draft: Draft, doc: Doc) -> Draft:
    """A group saying it was behind an attack claims it: an accusation of oneself is a claim.

    Only "was behind", "was the work of": in "X blamed them on Y" the pronoun is the deed, not X."""
    agents, targets = {e.key for e in draft.agents}, {e.key for e in draft.targets}
    if draft.type == "Accuse" and agents and agents == targets and doc[draft.token].lemma_ == "be":
        return replace(draft, trigger=replace(draft.trigger, type="ClaimResponsibility"), targets=())
    return draft


def _split(draft: Draft) -> list[Draft]:
    """One event per agent: "A and B condemned" is two condemnations."""
    if len(draft.agents) < 2:
        return [draft]
    return [replace(draft, agents=(agent,)) for agent in draft.agents]


def _most_specific(places: tuple[Entity, ...]) -> tuple[Entity, ...]:
    inner = {e.geo.country_code for e in places if e.geo and e.geo.feature != "country"}
    unlisted = any(e.geo is None and e.kind == "Place" for e in places)  # "X's al-Bayda province"
    return tuple(
        e
        for e in places
        if not (e.geo and e.geo.feature == "country" and (e.geo.country_code in inner or unlisted))
    )


def _named_first(agents: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """A named perpetrator makes the descriptions ("gunmen", "assailants") of the same attack redundant."""
    named = tuple(e for e in agents if not e.key.endswith(")"))
    return named or agents[:1]


def _spoken(draft: Draft, doc: Doc, lex: Lexicon) -> bool:
    """A claim read off a speech verb ("the group said its fighters struck") rather than a claim word."""
    return draft.type == "ClaimResponsibility" and bool(first_in(doc[draft.token], lex.cue("claim_speech")))


def _claimed(drafts: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """An attack takes the agent of the claim about it, when it has none, and the claim's year or month.

    "In 2019, the group claimed an attack on a hotel": the claim dates the attack it refers to.
    """
    claims = {
        d.about_token: d
        for d in drafts
        if d.type == "ClaimResponsibility" and d.agents and not _spoken(d, doc, lex)
    }
    out = []
    for d in drafts:
        claim = claims.get(d.token) if d.type == "Attack" else None
        if claim is not None:
            d = replace(
                d,
                agents=d.agents or claim.agents,
                time=d.time or (claim.time if claim.time and len(claim.time) < 10 else None),
            )
        out.append(d)
    return out


def _claimed_later(attacks: list[Draft], reactions: list[Draft]) -> list[Draft]:
    """The main attack, told without a perpetrator, takes the agent of a claim made of it later on
    ("A car bomb exploded ... The group later said its fighters did it")."""
    claims = (r for r in reactions if r.type == "ClaimResponsibility" and r.about == 0 and r.agents)
    claim = next(claims, None)
    if not attacks or attacks[0].agents or claim is None:
        return attacks
    return [replace(attacks[0], agents=claim.agents), *attacks[1:]]


def _days_later(sentence: str, lex: Lexicon) -> int | None:
    """How many days after the event a sentence's "hours later", "the next day" puts what it tells."""
    offsets: dict[str, int] = lex.cues["days_later"]
    lowered = sentence.lower()
    found = [days for phrase, days in offsets.items() if re.search(rf"\b{re.escape(phrase)}\b", lowered)]
    return found[0] if len(set(found)) == 1 else None


def _dated_after(reactions: list[Draft], attacks: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """A reaction "hours later" or "the next day" is dated from the day of the attack it is about."""
    sentences = list(doc.sents)
    out = []
    for draft in reactions:
        attack = attacks[draft.about] if draft.about is not None and draft.about < len(attacks) else None
        days = _days_later(sentences[draft.sentence].text, lex) if draft.time is None else None
        if attack is not None and days is not None and attack.time and len(attack.time) == 10:
            day = date.fromisoformat(attack.time) + timedelta(days=days)
            draft = replace(draft, time=day.isoformat())
        out.append(draft)
    return out


def _explicit_claims_first(reactions: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """A group's account of its fighters' deed repeats its claim of the same attack, when it made one."""
    claimed = {d.about for d in reactions if d.type == "ClaimResponsibility" and not _spoken(d, doc, lex)}
    return [d for d in reactions if not (_spoken(d, doc, lex) and d.about in claimed)]


def _charged_otherwise(token: Token, kind: str, attack_words: set[int]) -> bool:
    """An accusation of something other than an attack ("accused the opposition of hiring thugs")."""
    if kind != "Accuse":
        return False
    holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
    charges = [p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "of"]
    return bool(charges) and not any(t.i in attack_words for p in charges for t in p.subtree)


def _denials_follow_charges(reactions: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """Denying a charge ("rejected the allegation", "a charge X denies") is about what the charge is about."""
    charge_nouns = lex.cue("charge_nouns")
    out: list[Draft] = []
    for draft in sorted(reactions, key=lambda d: d.token):
        objects = [c for c in doc[draft.token].children if c.dep_ == "dobj"]
        charge = next(
            (d for d in reversed(out) if d.type == "Accuse" and d.sentence >= draft.sentence - 1), None
        )
        if draft.type == "Deny" and charge and any(first_in(o, charge_nouns) for o in objects):
            draft = replace(draft, about=charge.about)
        out.append(draft)
    return out


def _confidence(draft: Draft) -> float:
    return round(min(1.0, max(0.05, draft.weight * (0.7 + 0.1 * draft.filled()))), 3)


def extract_doc(doc: Doc, article: Article) -> Extraction:
    """The entities and events of one article parsed by the pipeline (offsets into ``article.text``)."""
    lex = load_lexicon()
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
    mentions = [_draft(f, table, doc, lex) for f in live if f.trigger.type != CASUALTIES]
    drafts = _claimed([_self_accusation(d, doc) for d in mentions], doc, lex)
    attack_mentions = [
        s for d in drafts if d.type == "Attack" and not (d.background and not d.filled()) for s in _split(d)
    ]
    filed_from = dateline_place(article.text) or title_place(article.title)
    presumed = (filed_from,) if filed_from else ()
    clusters = cluster_attacks(attack_mentions, lex, article.published, presumed)
    for f in (f for f in live if f.trigger.type == CASUALTIES and clusters):
        main = clusters[0]
        clusters[0] = replace(
            main,
            killed=main.killed if main.killed is not None else f.killed,
            injured=main.injured if main.injured is not None else f.injured,
            approximate=main.approximate if main.killed is not None else f.approximate,
        )
    kept = [c for n, c in enumerate(clusters) if n == 0 or c.filled() > 0]
    kept = [replace(c, locations=_most_specific(c.locations), agents=_named_first(c.agents)) for c in kept]
    if kept and filed_from and not kept[0].locations:
        kept[0] = replace(kept[0], locations=(filed_from,))
    owner = {t: n for n, c in enumerate(kept) for t in c.tokens}
    background = {t for d in drafts if d.type == "Attack" and d.background for t in d.tokens}
    alleged = {t for t in suppressed if alleged_attack(doc[t], lex)}
    attack_words = {a for f in frames if f.trigger.type == "Attack" for a in f.trigger.anchors}
    reactions = []
    for draft in (d for d in drafts if d.type != "Attack"):
        if draft.about_token in alleged:  # "accused X of killing civilians": a charge over the attack
            about = _charged_attack(doc[draft.about_token], kept, doc) if kept else None
        elif draft.about_token in suppressed or draft.about_token in background:
            about = owner.get(draft.about_token)
        elif draft.about_token in owner:
            about = owner[draft.about_token]
        else:  # no attack named, or one without details ("what he called a terrorist attack")
            about = 0 if kept and draft.type != "Protest" else None
        if draft.type == "Protest" or _charged_otherwise(doc[draft.token], draft.type, attack_words):
            about = None
        if draft.type == "Protest" and not draft.locations and kept and _at_site(draft, kept[0], doc, lex):
            draft = replace(draft, locations=kept[0].locations)  # "a vigil outside the mosque" (the one hit)
        reactions += [replace(d, about=about) for d in _split(draft) if d.agents]
    reactions = _denials_follow_charges(reactions, doc, lex)
    reactions = _explicit_claims_first(merge_reactions(reactions, lex), doc, lex)
    attacks = _claimed_later(kept, reactions)
    return _assemble(doc, article, attacks, _dated_after(reactions, attacks, doc, lex))


def _at_site(draft: Draft, attack: Draft, doc: Doc, lex: Lexicon) -> bool:
    """A protest held at "the mosque", "the school" the main attack hit is where that attack was."""
    words = {word.lower() for target in attack.targets for word in target.label.split()}
    hit = words | {word[:-1] for word in words if word.endswith("s")}  # "two mosques" → "the mosque"
    preps = set(lex.roles["location_preps"])
    return any(
        token.dep_ == "pobj"
        and token.head.lower_ in preps
        and token.lemma_.lower() in hit
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        for token in doc[draft.token].sent
    )


def _charged_attack(word: Token, kept: list[Draft], doc: Doc) -> int:
    """The attack a charge names ("accused X of carrying out the drone strike"): the latest later attack
    told with the same word, else the main one."""
    lemma = word.lemma_.lower()
    named = [
        n
        for n, c in enumerate(kept)
        if n > 0 and not c.background and any(doc[t].lemma_.lower() == lemma for t in c.tokens)
    ]
    return max(named, key=lambda n: max(kept[n].sentences, default=-1)) if named else 0


def _assemble(doc: Doc, article: Article, attacks: list[Draft], reactions: list[Draft]) -> Extraction:
    sentences = list(doc.sents)
    ordered = sorted(
        [(a.sentence, a.token, "a", n) for n, a in enumerate(attacks)]
        + [(r.sentence, r.token, "r", n) for n, r in enumerate(reactions)]
    )
    keys = {(kind, n): f"e{i + 1}" for i, (_, _, kind, n) in enumerate(ordered)}
    events: list[Event] = []
    entities: dict[str, Entity] = {}
    for _, _, kind, n in ordered:
        draft = attacks[n] if kind == "a" else reactions[n]
        sentence = sentences[draft.sentence]
        text = sentence.text.strip()
        start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
        evidence = Evidence(article.id, text, start, start + len(text), _confidence(draft), EXTRACTOR_VERSION)
        roles = {
            role: value
            for role, value in (
                ("agent", draft.agents),
                ("target", draft.targets),
                ("location", draft.locations),
            )
            if value
        }
        for value in roles.values():
            entities.update({e.key: e for e in value})
        about = keys[("a", draft.about)] if draft.about is not None else None
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
            )
        )
    return placed(Extraction(article=article, entities=tuple(entities.values()), events=tuple(events)))
