"""A state's office and the state itself told as one speaker of a reaction (rule ``agent.office_once``)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.draft import Draft, record_draft
from kg.extract.evolve import replace
from kg.extract.lexicon import Lexicon
from kg.extract.rules import check
from kg.gazetteer import is_country, lookup_place
from kg.model import Entity


def said_with(office: str, state: str) -> bool:
    """Whether an office's name is said with its state's
    ("Pakistan's Foreign Ministry", "President of Chile")."""
    office = office.replace("\u2019", "'")
    return office.startswith(f"{state}'s ") or office.endswith(f" of {state}")


@check("office_once")
def office_once(draft: Draft[Entity], doc: Doc) -> Draft[Entity]:
    """A reaction spoken by a state's office said with its state ("Norway's defence ministry") and by that
    state ("Norway") once its mentions are joined has one speaker, the office: the bare state goes (the
    rejected value is in the trace)."""
    dropped = [
        state
        for state in draft.agents
        if state.kind == "Country"
        and any(
            o is not state and o.kind != "Country" and said_with(o.label, state.label) for o in draft.agents
        )
    ]
    if not dropped:
        return draft
    for state in dropped:
        record_draft("rejected_argument", "agent.office_once", draft, doc, role="agent", value=state.key)
    return replace(draft, agents=tuple(e for e in draft.agents if e not in dropped))


def state_of_office(entity: Entity, lex: Lexicon) -> Entity | None:
    """The state whose office an entity is, by its name said with the state ("Norway's defence ministry",
    "President of Chile"; cues office_speakers): an attack it claims is the state's deed (agent.office_deed).
    """
    label = entity.label.replace("\u2019", "'")
    owned = re.fullmatch(r"(.+?)'s (?:.+ )?(\w+)", label)
    named = None if owned else re.fullmatch(r"(?:.+ )?(\w+) of (.+)", label)
    if entity.kind == "Country" or not (owned or named):
        return None
    state, office = (owned.group(1), owned.group(2)) if owned else (named.group(2), named.group(1))
    nouns = lex.cue("office_speakers")
    if not is_country(state) or office.lower() not in nouns and office.lower().rstrip("s") not in nouns:
        return None
    return Entity(state, state, "Country", frozenset({state}), lookup_place(state))
