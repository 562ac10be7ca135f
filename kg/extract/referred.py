"""Doers a mention tells only by reference, a pronoun or "the group": which agents it names itself, and
dropping agents that a rule finds are no doers."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.draft import Draft, record_draft
from kg.extract.lexicon import Lexicon
from kg.extract.rules import check
from kg.extract.sides import agents_agree
from kg.model import Entity


def _keys(entities: tuple[Entity, ...]) -> set[str]:
    return {e.key for e in entities}


@check("referred_side")
def by_name(
    draft: Draft, agents: tuple[Entity, ...], referring: frozenset[tuple[int, int]]
) -> tuple[Entity, ...]:
    """The agents a mention tells by a name or description of their own: a doer told only by a pronoun or
    by "the group" ("he drove on", "the group said it planted the device") stands for whoever was told
    before, and which earlier actor that is, is a guess; the guess takes no side against the attack."""
    told = {
        e.key
        for e in agents
        for f in draft.support
        if f.role == "agent" and f.value == e.key and (f.start, f.end) not in referring
    }
    return tuple(e for e in agents if e.key in told)


def guesses_dropped(
    cluster: Draft, draft: Draft, referring: frozenset[tuple[int, int]], lex: Lexicon, doc: Doc
) -> Draft:
    """The mention joining an attack without the doers it told only by a pronoun or "the group" (see
    :func:`by_name`) that are not the attack's side: the guess was wrong."""
    told = _keys(by_name(draft, draft.agents, referring))
    sides = by_name(cluster, cluster.agents, referring)
    guessed = [e for e in draft.agents if e.key not in told]
    wrong = {e.key for e in guessed if sides and not agents_agree(sides, (e,), lex)}
    return without_agents(draft, wrong, "coref.referred_side", doc)


def without_agents(draft: Draft, keys: set[str], rule: str, doc: Doc) -> Draft:
    """The mention without these agents and their support, each recorded as rejected by ``rule``."""
    if not keys:
        return draft
    for f in (f for f in draft.support if f.role == "agent" and f.value in keys):
        record_draft("rejected_argument", rule, draft, doc, at=f, role="agent", value=f.value)
    support = tuple(f for f in draft.support if not (f.role == "agent" and f.value in keys))
    return replace(draft, agents=tuple(e for e in draft.agents if e.key not in keys), support=support)


def referring_spans(drafts: list[Draft], doc: Doc, lex: Lexicon) -> frozenset[tuple[int, int]]:
    """The character spans of the agents the mentions read from a pronoun ("he", "they", "its") or from a
    back-reference, a group noun after "the"/"this"/"that" with no name in it ("the group", "this
    faction")."""
    spans = set()
    for f in (f for d in drafts for f in d.support if f.role == "agent"):
        words = f.words(doc)
        if words is None or not len(words):
            continue
        root = words.root
        determined = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in root.children)
        unnamed = not any(t.ent_type_ or t.pos_ == "PROPN" for t in words)
        back = root.lemma_.lower() in lex.cue("backref_nouns") and determined and unnamed
        pronoun = all(t.pos_ == "PRON" for t in words) and root.lower_ not in lex.cue("relative_pronouns")
        if root.dep_ in {"nsubj", "nsubjpass"} and (pronoun or back):
            spans.add((f.start, f.end))
    return frozenset(spans)
