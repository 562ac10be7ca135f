"""Reaction coreference: one claim, condemnation, denial ... per type, speaker's side and attack; a protest
named again is the protest told before (rules coref.same_reaction, coref.protest_again, coref.protest_crowd,
coref.fighters_from). Attack coreference is in :mod:`kg.extract.coref`."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.agree import elsewhere, places_agree, times_agree
from kg.extract.background import anaphoric
from kg.extract.coref import merge, record_merge
from kg.extract.draft import Draft, record_draft
from kg.extract.entities import affiliation, fighters_from
from kg.extract.evolve import replace
from kg.extract.lexicon import Lexicon, word_forms
from kg.extract.rules import check
from kg.extract.sides import accused_key, named


@check("protest_again")
def _protest_again(draft: Draft, known: list[Draft], doc: Doc) -> int | None:
    """The protest told before that a definite protest noun names again ("the march", "their rally", "the
    demonstrators"), whoever is named with it ("the government joined the march" joins no second march)."""
    word = doc[draft.token]
    if draft.type != "Protest" or word.pos_ not in {"NOUN", "PROPN"} or not anaphoric(word):
        return None
    earlier = [n for n, k in enumerate(known) if k.type == "Protest" and min(k.sentences) < draft.sentence]
    return earlier[-1] if earlier else None


@check("protest_crowd")
def _protest_crowd(draft: Draft, known: list[Draft], lex: Lexicon) -> int | None:
    """The protest told before, or earlier in the sentence, that a crowd with no name of its own holds
    again ("some 10,000 demonstrators joined the march", "marchers carried signs"): when the mention
    tells no other attack, and no place or date that protest has not told (a crowd "at the scene" dated
    Wednesday may be another gathering than the march told undated in the capital). A crowd is told by
    who takes part in a protest or a gathering (cues self_agent_nouns, gathering_nouns): "taxi drivers
    also staged a protest" is another protest."""
    if draft.type != "Protest" or not draft.agents or named(draft.agents):
        return None
    crowds = lex.cue("self_agent_nouns") | lex.cue("gathering_nouns")
    if not all(set(word_forms(e.label.split()[-1])) & crowds for e in draft.agents):
        return None
    earlier = [
        n
        for n, k in enumerate(known)
        if k.type == "Protest"
        and min(k.sentences) <= draft.sentence
        and not named(k.agents)
        and (draft.time is None or bool(k.time) and times_agree(k.time, draft.time))
        and (not draft.locations or bool(k.locations) and places_agree(k.locations, draft.locations))
        and not elsewhere(draft.locations, k.locations)
        and (k.about is None or draft.about is None or k.about == draft.about)
    ]
    return earlier[-1] if earlier else None


def _record_fighters_apart(draft: Draft, told: list[Draft], lex: Lexicon, doc: Doc) -> None:
    """Trace a reaction of fighters named by their camp kept apart from their country's one
    (coref.fighters_from)."""
    def people(d: Draft) -> set[str]:
        return set().union(*(affiliation(e, lex, fighters_apart=False) for e in d.agents))

    for known in told:
        fighters = any(fighters_from(e.label, lex) for e in (*draft.agents, *known.agents))
        same = known.type == draft.type and known.about == draft.about
        if fighters and same and people(known) & people(draft):
            record_draft("kept_apart", "coref.fighters_from", draft, doc, note=f"from {known.word!r}")
            return


@check("same_reaction")
def merge_reactions(drafts: list[Draft], lex: Lexicon, doc: Doc) -> list[Draft]:
    """One claim, condemnation, ... per (type, agent's side, attack): "Iraq" = "the Iraqi government"; a
    protest named again is the protest told before, which keeps its own agents when it has any."""
    merged: dict[tuple, Draft] = {}
    for draft in drafts:
        told = list(merged.values())
        again, rule = _protest_again(draft, told, doc), "coref.protest_again"
        if again is None:
            again, rule = _protest_crowd(draft, told, lex), "coref.protest_crowd"
        if again is not None:
            key = list(merged)[again]
            known = merged[key]
            record_merge(rule, draft, known, doc)
            if known.agents:
                support = tuple(f for f in draft.support if f.role != "agent")
                draft = replace(draft, agents=(), support=support)
            merged[key] = merge(known, draft)
            continue
        sides = set().union(*(affiliation(e, lex) for e in draft.agents))
        key = accused_key((draft.type, tuple(sorted(sides)), draft.about), draft, merged, lex, doc)
        known = merged.get(key)
        if known:
            record_merge("coref.same_reaction", draft, known, doc)
        else:
            _record_fighters_apart(draft, told, lex, doc)
        merged[key] = merge(known, draft) if known else draft
    return list(merged.values())
