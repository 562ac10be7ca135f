"""The schema of the extraction data files under ``kg/data/``, checked when they are loaded.

Each file is a pydantic model that forbids unknown keys, so a misspelt key or a value of the wrong
shape stops extraction at start with the file and the key (:class:`kg.errors.LexiconError`), instead
of surfacing later as a per-article failure. A new cue or table is declared here before it is used.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from kg.errors import LexiconError
from kg.model import ENTITY_KINDS, EVENT_TYPES

Words = list[str]
Strength = Annotated[float, Field(gt=0, le=1)]
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
Kind = Literal[ENTITY_KINDS]  # type: ignore[valid-type]
Pos = Literal["VERB", "NOUN"]
RoleName = Literal["agent", "target", "location", "instrument"]
RoleSpec = dict[RoleName, Words]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- triggers.yaml ----------------------------------------------------------------------------------


class Need(Strict):
    """One condition on a trigger lemma (see the header of ``triggers.yaml``)."""

    object: Words | None = None
    object_not: Words | None = None
    object_event: EventType | None = None
    subject: Words | None = None
    subject_event: EventType | None = None
    prep: Words | None = None
    modifier: Words | None = None
    arguments: bool | None = None
    intent: bool | None = None
    speaker: bool | None = None
    actor: bool | None = None
    opponent: bool | None = None
    impact: bool | None = None
    kindled: bool | None = None
    fired_at: bool | None = None
    campaign: bool | None = None
    own_struggle: bool | None = None
    indignation: bool | None = None
    actor_object: bool | None = None
    uttered: bool | None = None
    alert_not: bool | None = None
    anew: Words | None = None


class TypeTriggers(Strict):
    VERB: dict[str, Strength] = {}
    NOUN: dict[str, Strength] = {}
    needs: dict[str, Need | list[Need]] = {}
    phrases: list[list[str | Words]] | None = None  # a token is a lemma or a list of alternatives


Triggers = create_model(  # one entry per event type, each required
    "Triggers", __base__=Strict, **{name: (TypeTriggers, ...) for name in EVENT_TYPES}
)


# --- roles.yaml ----------------------------------------------------------------------------------------


class Roles(Strict):
    default: dict[Pos, RoleSpec]
    types: dict[EventType, dict[Pos, RoleSpec]]
    support: dict[EventType, dict[str, Words]]
    lemma_roles: dict[EventType, dict[str, RoleSpec]]
    speaker_types: list[EventType]
    crowd_types: list[EventType]
    location_preps: Words
    dateline_nouns: Words
    date_preps: Words
    group_appositions: Words
    fallback_target_preps: Words
    wielding_verbs: Words
    victim_verbs: Words
    affiliation_words: Words
    non_targets: Words
    abstract_targets: Words
    area_nouns: Words
    deed_preps: Words
    branch_nouns: Words
    stance_prefixes: Words


# --- numbers.yaml --------------------------------------------------------------------------------------


class Numbers(Strict):
    killed: Words
    injured: Words
    singular_determiners: Words
    dying: Words
    deeds: Words
    blasts: Words
    losing: Words
    wounding: Words
    strokes: Words
    undergoing: Words
    approximate: Words
    words: dict[str, int]
    multipliers: dict[str, int]


# --- aliases.yaml --------------------------------------------------------------------------------------


class Known(Strict):
    kind: Kind
    aliases: Words = []


class Aliases(Strict):
    entities: dict[str, Known]
    titles: Words
    demonyms: dict[str, str]
    group_suffixes: Words
    demonym_endings: Words
    demonym_stems: list[tuple[int, str]]
    creeds: Words = []


# --- dates.yaml ----------------------------------------------------------------------------------------


class Dates(Strict):
    weekdays: Annotated[Words, Field(min_length=7, max_length=7)]
    months: dict[str, Annotated[int, Field(ge=1, le=12)]]
    relative_days: dict[str, int]
    relative_months: dict[str, int]
    relative_years: dict[str, int]
    noise: Words


# --- cues.yaml: word lists (and a few tables) read by the extraction steps ------------------------------

CUE_LISTS = (
    "negation", "denials", "hypothetical_marks", "unreal_heads", "intent", "future_aux", "speech",
    "mouthpieces", "background_modifiers", "actor_nouns", "organization_nouns", "member_nouns",
    "fighter_nouns", "generic_doers", "crowd_nouns", "armed_kinds", "arms", "violence_practices",
    "backref_nouns", "representative_nouns", "instruments",
    "naming_verbs",
    "vacuous_targets", "bare_counts", "member_preps", "place_nouns", "region_nouns", "capital_nouns",
    "place_parts",
    "compass_points", "compass_adjectives", "country_nouns",
    "event_predicates",
    "self_agent_nouns", "charge_verbs", "plan_words", "claim_speech", "own_pronouns", "state_speakers",
    "state_forces", "state_offices", "office_speakers",
    "charge_nouns", "generic_subjects", "motive_nouns", "deed_verbs",
    "non_trigger_entities", "months", "anchor_entities", "same_words",
    "benchmark_preps", "world_regions", "facility_nouns", "facility_name_labels", "later_words",
    "shift_units", "sequence_adverbs", "hour_units",
    "separate_modifiers", "novelty_modifiers", "additive_modifiers", "ongoing_preps", "crowd_exclusions",
    "name_particles", "compound_name_links",
    "state_operation_nouns", "venue_preps", "venue_nouns", "past_adverbs", "frequency_adverbs",
    "relative_pronouns", "described_pronouns",
    "stem_suffixes", "arming_verbs",
    "evidence_nouns", "belief_verbs", "blamed_deeds", "culpability_words",
    "period_preps", "period_units", "period_modifiers",
    "threat_content_preps",
    "sequence_preps", "sequence_nouns", "concurrence_marks",
    "deed_nouns", "characterizing_verbs", "doing_nouns", "verdict_adjectives",
    "generic_determiners", "referring_determiners", "first_person",
    "perpetrator_nouns", "impact_preps", "thrown_weapons", "vehicles", "bystander_nouns", "tie_words",
    "campaign_quantities", "side_nouns", "struggle_nouns", "verdict_nouns", "imminence_words",
    "any_attack_kinds", "kindling_words", "name_links", "police_nouns", "police_searches", "arrest_words",
    "threat_verbs", "receiving_verbs", "dealing_verbs", "threat_kinds", "doer_nouns", "identifying_verbs",
    "told_nouns", "charge_grounds", "common_initials",
    "circumstance_marks", "gathering_nouns", "occasion_nouns", "occasion_preps",
)
CUE_TABLES: dict[str, Any] = {
    "pronouns": dict[Literal["person", "group", "thing"], Words],
    "absorbed_by": dict[EventType, list[EventType]],
    "days_later": dict[str, int],
    "attack_kinds": dict[str, Words],
}
Cues = create_model(
    "Cues",
    __base__=Strict,
    **{name: (Words, ...) for name in CUE_LISTS},
    **{name: (shape, ...) for name, shape in CUE_TABLES.items()},
)

SCHEMAS: dict[str, type[BaseModel]] = {
    "triggers.yaml": Triggers,
    "roles.yaml": Roles,
    "cues.yaml": Cues,
    "numbers.yaml": Numbers,
    "aliases.yaml": Aliases,
    "dates.yaml": Dates,
}
"""Data file name → its model; :func:`validate` checks a parsed file against it."""


def _where(loc: tuple[Any, ...]) -> str:
    """``('Attack', 'needs', 'hit')`` → ``Attack.needs.hit``, leaving out pydantic's union branch names."""
    return ".".join(str(p) for p in loc if not (isinstance(p, str) and p.startswith(("list[", "dict["))))


def _message(name: str, error: Any, model: type[BaseModel]) -> str:
    key = _where(error["loc"])
    if error["type"] == "extra_forbidden":
        close = difflib.get_close_matches(str(error["loc"][-1]), _siblings(model, error["loc"]), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else " (declare it in kg/extract/schema.py first)"
        return f"kg/data/{name}: unknown key {key!r}{hint}"
    if error["type"] == "missing":
        return f"kg/data/{name}: missing key {key!r}"
    return f"kg/data/{name}: {key}: {error['msg']} (got {error.get('input')!r:.60})"


def _siblings(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The declared keys beside the unknown one, for a did-you-mean hint (top level and one model down)."""
    fields = model.model_fields
    if len(loc) > 1 and str(loc[0]) in fields:
        inner = fields[str(loc[0])].annotation
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return list(inner.model_fields)
    return list(fields)


def validate(name: str, data: Any) -> dict[str, Any]:
    """``data`` (a parsed data file) checked against its schema; the first problem is raised, naming the
    file and the key. Returns the data as parsed (defaults are not filled in)."""
    model = SCHEMAS[name]
    try:
        model.model_validate(data)
    except ValidationError as exc:
        # an unknown key is the likelier cause of a key missing beside it: name it first
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise LexiconError(_message(name, errors[0], model) + more) from None
    return data
