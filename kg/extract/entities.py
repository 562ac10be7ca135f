"""Entity resolution: surface forms of one article → stable entities (aliases, titles, pronouns)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from kg.extract.antecedents import antecedent, antecedent_candidates, scoped
from kg.extract.cache import doc_ents, doc_text
from kg.extract.compass import part_geo
from kg.extract.dateline import dateline_place
from kg.extract.lexicon import Lexicon, first_in, word_forms
from kg.extract.person_names import full_name
from kg.extract.refs import (
    CROWD_REF,
    DATELINE_REF,
    DESCRIBED_REF,
    PLACE_LABELS,
    SAME_PLACE_REF,
    Ref,
    round_size,
)
from kg.extract.rules import check
from kg.extract.trace import record_tokens
from kg.gazetteer import is_country, lookup_place
from kg.model import Entity

LABEL_KINDS = {
    "PERSON": "Person",
    "ORG": "Organization",
    "NORP": "Group",
    "LOC": "Place",
    "FAC": "Place",
    CROWD_REF: "Group",
    DESCRIBED_REF: "Group",
}
KIND_PRIORITY = ("Person", "Organization", "Group", "Country", "Place")
"""When mentions of one key disagree: a name mistagged as a place ("Soleimani's death") stays a person."""
QUOTES = "\"'“”‘’«»"


@functools.cache
def _alias_table(lex: Lexicon) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for canonical, entry in lex.aliases["entities"].items():
        for form in (canonical, *entry.get("aliases", [])):
            table[form.lower()] = (canonical, entry["kind"])
    return table


@functools.lru_cache(maxsize=1 << 14)
def clean(text: str, lex: Lexicon) -> str:
    """A surface form without quotes, a leading article, a possessive, a parenthesis or a title (the same
    forms come back article after article: remembered, by the text and the lexicon object)."""
    text = re.sub(r"\s+", " ", text.strip(QUOTES + " \n\t")).replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s*\([^)]*\)", "", text)
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*['’]s?$", "", text).strip(QUOTES + " ")
    titles = sorted(lex.aliases["titles"], key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for title in titles:
            rest = text[len(title) + 1 :]
            if text.startswith(title + " ") and rest and not rest.startswith("of "):  # "President of Chile"
                text = text[len(title) + 1 :]
                changed = True
    return text


def canonical(text: str, lex: Lexicon) -> tuple[str, str] | None:
    """(canonical name, kind) from the alias table, also for "<alias> group" forms."""
    table = _alias_table(lex)
    lowered = text.lower()
    if lowered in table:
        return table[lowered]
    for suffix in lex.aliases["group_suffixes"]:
        if lowered.endswith(suffix) and lowered[: -len(suffix)] in table:
            return table[lowered[: -len(suffix)]]
    return None


def demonym_country(word: str, lex: Lexicon) -> str | None:
    """The country a people's adjective names: the irregular ones from ``aliases.yaml`` ("American",
    "French"), the others by cutting the adjective back to a country the gazetteer knows ("Kenyan")."""
    table: dict[str, str] = lex.aliases["demonyms"]
    if word in table:
        return table[word]
    endings = tuple(lex.aliases["demonym_endings"])
    if not word[:1].isupper() or not word.isalpha() or not word.lower().endswith(endings):
        return None
    for cut, add in lex.aliases["demonym_stems"]:  # letters cut, letters added: Malian → Mali
        stem = word[:-cut] + add
        if len(stem) >= 4 and is_country(stem):
            geo = lookup_place(stem)
            return geo.name if geo else None
    return None


def affiliation(entity: Entity, lex: Lexicon, *, fighters_apart: bool = True) -> frozenset[str]:
    """Who an actor stands for: the country in "U.S. military forces" or "Iranian government", else itself;
    fighters named by their camp (:func:`fighters_from`) stand for their country's fighters, not the country,
    where ``fighters_apart`` ("a Malian rebel group" and "Malian rebels" are one side, Mali another)."""
    demonyms: dict[str, str] = lex.aliases["demonyms"]
    found = set()
    if fighters_apart and fighters_from(entity.label, lex):  # their camp: "Mali's fighters", not Mali
        camp = affiliation(entity, lex, fighters_apart=False)
        return camp if camp == {entity.key} else frozenset(f"{side}'s fighters" for side in camp)
    for word, country in demonyms.items():  # a substring test first: a regex made per word cost more than all
        if (
            word in entity.label
            and re.search(rf"\b{re.escape(word)}\b", entity.label)
            and not re.search(rf"\b{re.escape(word)}-backed", entity.label)
        ):
            found.add(country)
    for word in re.findall(r"\b[A-Z][a-z]+\b(?!-backed)", entity.label):
        country = demonym_country(word, lex) if word not in demonyms else None
        if country is not None:
            found.add(country)
    for alias in (entity.label, *entity.aliases):
        for part in re.split(r"[\s-]+", alias):
            hit = canonical(part, lex)
            if hit and hit[1] == "Country" and f"{part}-backed" not in alias:
                found.add(hit[0])
        found |= _state_owner(alias, lex)
    return frozenset(found) or frozenset({entity.key})


@check("fighters_from")
def fighters_from(label: str, lex: Lexicon) -> bool:
    """Fighters or a group named by their cause or camp ("a Malian rebel group", "Sudanese militants"): the
    people's word tells where they come from, not the state's side they stand for."""
    return any(set(word_forms(w)) & lex.cue("side_nouns") for w in label.lower().split())


POSSESSOR = re.compile(r"(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)['’]s\s")


def _state_owner(alias: str, lex: Lexicon) -> set[str]:
    """The country whose possessive owns a state's body ("Russia's FSB intelligence service", "Pakistan's
    army", "the UK's defence ministry": its side); not a country's rebels or opposition ("Colombia's ELN
    rebels" fight the Colombian state)."""
    owner = POSSESSOR.match(alias)
    state = lex.cue("state_speakers") | lex.cue("state_forces") | lex.cue("state_offices")
    if owner is None or not set(word_forms(alias.split()[-1])) & state:
        return set()
    hit = canonical(owner[1], lex)
    if hit:
        return {hit[0]} if hit[1] == "Country" else set()
    geo = lookup_place(owner[1]) if is_country(owner[1]) else None
    return {geo.name} if geo else set()


ACRONYM = re.compile(r"[A-Z]{2,8}")
"""A name written in capitals only: an acronym ("BLA", "TAK"), not a word of a place."""


@check("acronym_group")
def _acronym_group(ref: Ref, label: str, doc: Doc, lex: Lexicon) -> bool:
    """An acronym the tagger reads as a group's (ORG, NORP), or one the article spells out after a group's
    name ("the Baloch Liberation Army (BLA)"), is an organization: a gazetteer place of the same letters
    ("Tak", "Bla", "Un") is no reading of it, place names not being written in capitals. The dateline's
    place ("BOGOTA, Colombia —") is a place, whatever the tagger says."""
    if not ACRONYM.fullmatch(label) or ref.label not in {"ORG", "NORP"} and not spelt_out(label, doc, lex):
        return False
    filed_from = dateline_place(doc_text(doc))
    if filed_from is not None and label in filed_from.aliases:
        return False
    if ref.label in {"ORG", "NORP"} and not lookup_place(label):
        return False  # read as a group already: nothing to decide
    record_tokens("argument", "entity.acronym_group", doc, ref.start, ref.end)
    return True


def spelt_out(acronym: str, doc: Doc, lex: Lexicon) -> bool:
    """The article gives the acronym in parentheses after a group's name: a name the tagger reads as an
    organization's or a people's, or a phrase ending in an actor noun ("the Popular Front (PF)")."""
    actors = lex.cue("actor_nouns") | lex.cue("organization_nouns")
    for token in doc[2:-1]:
        if token.text != acronym or doc[token.i - 1].text != "(" or doc[token.i + 1].text != ")":
            continue
        name = doc[token.i - 2]
        if name.ent_type_ in {"ORG", "NORP"} or first_in(name, actors):
            return True
    return False


def _kind(ref: Ref, label: str, doc: Doc, lex: Lexicon) -> str:
    if _acronym_group(ref, label, doc, lex):
        return "Organization"
    if ref.label == "GPE" or ref.label in {"ORG", "NORP", "LOC", "FAC"} and lookup_place(label):
        return "Country" if is_country(label) else "Place"  # "Burkina Faso's" read as an organization
    if (
        ref.label in {"FAC", "LOC"}
        and first_in(doc[ref.head], lex.cue("actor_nouns"))
        and not lookup_place(label)
    ):
        return "Organization"  # "the Azure Brigades" read as a facility
    if ref.label in LABEL_KINDS:
        return LABEL_KINDS[ref.label]
    head = doc[ref.head]
    if first_in(head, lex.cue("organization_nouns")):
        return "Organization"
    if first_in(head, lex.cue("violence_practices")):
        return "Group"  # "terrorism": those who practise it
    if first_in(head, lex.cue("actor_nouns")):
        return "Group"
    if _state_noun(head, lex):
        return "Country"
    return "Group" if _people(ref, doc, lex) else "Place"


@check("state_noun")
def _state_noun(head: Token, lex: Lexicon) -> bool:
    """A country told by a common noun ("the neighbouring country", "the Gulf nation", "foreign
    countries": cues.yaml country_nouns) is a state, a party that acts and is blamed, not only a place; not
    one the phrase names a region of ("the nation's east")."""
    if not first_in(head, lex.cue("country_nouns")) or head.dep_ == "poss":
        return False
    record_tokens("argument", "entity.state_noun", head.doc, head.i, head.i + 1)
    return True


@check("people_group")
def _people(ref: Ref, doc: Doc, lex: Lexicon) -> bool:
    """A common noun naming people who are no actors ("two children", "the shoppers": cues.yaml
    bystander_nouns) names people (a Group), not a place: what is neither actor nor person stays a Place."""
    if not first_in(doc[ref.head], lex.cue("bystander_nouns")):
        return False
    record_tokens("argument", "entity.people_group", doc, ref.start, ref.end)
    return True


def _full_names(doc: Doc, lex: Lexicon) -> list[tuple[int, str]]:
    """The people the article names by more than one word, each with the token it is named at (not "the
    Uri attack" the tagger took for a person: ``person_names.full_name``)."""
    return [
        (ent.start, name)
        for ent in doc_ents(doc)
        if full_name(ent, lex) and " " in (name := clean(ent.text, lex))
    ]


def _person_name(label: str, full_names: list[tuple[int, str]], at: int) -> str | None:
    """The full name a one-word name at token ``at`` stands for: of the people it is the family (or given)
    name of, the one named last before it ("Gov. Roel Degamo ... Degamo was shot ... Mayor Janice Degamo
    ... Janice Degamo said"), else the first named after it, the longest name on a tie."""
    if " " in label:
        return None
    matches = [
        (start, n)
        for start, n in full_names
        if n.endswith(" " + label) or n.split()[0] == label and len(n.split()) == 2
    ]
    if not matches:
        return None
    before = [m for m in matches if m[0] < at]
    if before:
        return max(before, key=lambda m: (m[0], len(m[1])))[1]
    return min(matches, key=lambda m: (m[0], -len(m[1])))[1]


def resolve(
    doc: Doc,
    refs: Iterable[Ref],
    article_id: str,
    lex: Lexicon,
    armed: frozenset[tuple[int, int]] = frozenset(),
) -> dict[tuple[int, int], Entity]:
    """Map every filler span (start, end) to its entity; pronouns and "the group" to an earlier entity."""
    full_names = _full_names(doc, lex)
    resolved: dict[tuple[int, int], Entity] = {}
    named: list[tuple[int, Entity, bool]] = []
    pending: list[Ref] = []
    places: list[Entity] = []
    ordered = sorted(dict.fromkeys(refs), key=lambda r: r.start)  # first seen first: not hash order
    all_refs = ordered + antecedent_candidates(doc, ordered, lex)
    filed_from = dateline_place(doc_text(doc))
    for ref in sorted(all_refs, key=lambda r: r.start):
        if ref.label == DATELINE_REF:
            if filed_from is not None:
                resolved[(ref.start, ref.end)] = filed_from
            continue
        if ref.label == SAME_PLACE_REF:
            if places:
                resolved[(ref.start, ref.end)] = places[-1]
            continue
        if ref.label in {"PRON", "BACKREF"}:
            pending.append(ref)
            continue
        entity = _entity(ref, doc, article_id, lex, full_names)
        if entity is None:
            continue
        resolved[(ref.start, ref.end)] = entity
        named.append((ref.start, entity, (ref.start, ref.end) in armed))
        places += [entity] if ref.label in PLACE_LABELS and entity.kind == "Place" else []
    for ref in pending:
        entity = antecedent(ref, doc, named, lex)
        if entity is not None:
            resolved[(ref.start, ref.end)] = (
                _with_alias(entity, ref.text) if ref.label == "BACKREF" else entity
            )
    return _merge_aliases(_unify_descriptions(resolved), lex)



def _entity(
    ref: Ref, doc: Doc, article_id: str, lex: Lexicon, full_names: list[tuple[int, str]]
) -> Entity | None:
    label = clean(ref.text, lex)
    if not label or not any(ch.isalpha() for ch in label):
        return None
    hit = canonical(label, lex)
    demonym = demonym_country(label, lex) if ref.label == "NORP" else None
    if hit:
        name, kind = hit
    elif demonym:
        name, kind = demonym, "Country"  # "Israeli warplanes struck": the owner is Israel
    else:
        named = ref.label in {"PERSON", "GPE", "ORG", "NORP"}
        person = _person_name(label, full_names, ref.start) if named else None
        name = person or label
        kind = "Person" if person else _kind(ref, label, doc, lex)
    key = name
    sizes = lex.cue("campaign_quantities")  # "thousands of people" is a description, not a number's
    if ref.label in {"NOUN", CROWD_REF, DESCRIBED_REF} and not any(
        t.ent_type_ and not round_size(t, ref, sizes) and not _counted_kind(t, ref)
        for t in doc[ref.start : ref.end]
    ):
        key = f"{name} ({article_id})"
    geo = lookup_place(name) or part_geo(name, lex) if kind in {"Country", "Place"} else None
    aliases = frozenset({ref.text.strip(QUOTES + " "), label, name} - {""})
    return Entity(key=key, label=name, kind=kind, aliases=aliases, geo=geo)




def _counted_kind(token: Token, ref: Ref) -> bool:
    """The count and the nationality or faith of counted people ("two Austrians", entity.counted_people):
    a description of these people, not a name shared with other articles."""
    return ref.label == CROWD_REF and (token.ent_type_ == "NORP" or token.like_num and token.i < ref.head)


def _with_alias(entity: Entity, text: str) -> Entity:
    return Entity(entity.key, entity.label, entity.kind, entity.aliases | {text.strip()}, entity.geo)


def _unify_descriptions(resolved: dict[tuple[int, int], Entity]) -> dict[tuple[int, int], Entity]:
    """ "the camp" is the "military camp" named before or after it in the same article."""
    by_label = {e.label.lower(): e for e in resolved.values() if scoped(e)}

    def fuller(entity: Entity) -> Entity:
        if not scoped(entity):
            return entity
        longer = [e for label, e in by_label.items() if label.endswith(" " + entity.label.lower())]
        if not longer:
            return entity
        best = max(longer, key=lambda e: len(e.label))
        return Entity(best.key, best.label, best.kind, best.aliases | entity.aliases, best.geo)

    return {span: fuller(entity) for span, entity in resolved.items()}


GENERIC_NOUNS = ("actor_nouns", "organization_nouns", "backref_nouns", "fighter_nouns", "member_nouns")
"""The lexicon's categories of generic heads: a phrase made of them describes an actor, it names none."""


def _generic_noun(word: str, lex: Lexicon) -> bool:
    lowered = word.lower()
    found = word_forms(lowered) + ((lowered[:-3] + "man",) if lowered.endswith("men") else ())
    return any(form in lex.cue(name) for form in found for name in GENERIC_NOUNS)


def describes_only(text: str, lex: Lexicon) -> bool:
    """Whether a surface form describes its entity without naming it: a generic head of the lexicon
    ("group", "militants", "the organisation") with nothing before it but lower-case words, other generic
    nouns and countries or their peoples ("the militant group", "lone gunman", "Somali militant group",
    "Iran-backed militia"). Such a form refers back to a name; it is no label of the entity."""
    words = clean(text, lex).replace("-", " ").split()
    if not words or not _generic_noun(words[-1], lex):
        return False
    return all(
        word.islower() or _generic_noun(word, lex) or demonym_country(word, lex) or is_country(word)
        for word in words[:-1]
    )


def _merge_aliases(resolved: dict[tuple[int, int], Entity], lex: Lexicon) -> dict[tuple[int, int], Entity]:
    """One Entity per key with every surface form seen but descriptions (:func:`describes_only`); the kind
    with the most evidence wins."""
    aliases: dict[str, set[str]] = {}
    first: dict[str, Entity] = {}
    for entity in resolved.values():
        aliases.setdefault(entity.key, set()).update(entity.aliases)
        known = first.get(entity.key)
        if known is None or KIND_PRIORITY.index(entity.kind) < KIND_PRIORITY.index(known.kind):
            first[entity.key] = entity
    merged = {
        key: Entity(
            e.key, e.label, e.kind, _names(aliases[key], e.label, lex), e.geo if e.kind != "Person" else None
        )
        for key, e in first.items()
    }
    return {span: merged[entity.key] for span, entity in resolved.items()}


def _names(aliases: set[str], label: str, lex: Lexicon) -> frozenset[str]:
    return frozenset(alias for alias in aliases if alias == label or not describes_only(alias, lex))
