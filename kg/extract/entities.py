"""Entity resolution: surface forms of one article → stable entities (aliases, titles, pronouns)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from kg.extract.cache import doc_ents, doc_text
from kg.extract.compass import part_geo
from kg.extract.dateline import dateline_place
from kg.extract.lexicon import Lexicon, first_in, word_forms
from kg.extract.person_names import full_name
from kg.extract.refs import CROWD_REF, DATELINE_REF, PLACE_LABELS, SAME_PLACE_REF, Ref, described_as_group
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
            if text.startswith(title + " ") and len(text) > len(title) + 1:
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


def affiliation(entity: Entity, lex: Lexicon) -> frozenset[str]:
    """Who an actor stands for: the country in "U.S. military forces" or "Iranian government", else itself."""
    demonyms: dict[str, str] = lex.aliases["demonyms"]
    found = set()
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
    return frozenset(found) or frozenset({entity.key})


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
    return "Group" if _people(ref, doc, lex) else "Place"


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
    all_refs = ordered + _antecedent_candidates(doc, ordered, lex)
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
        entity = _antecedent(ref, doc, named, lex)
        if entity is not None:
            resolved[(ref.start, ref.end)] = (
                _with_alias(entity, ref.text) if ref.label == "BACKREF" else entity
            )
    return _merge_aliases(_unify_descriptions(resolved), lex)


def _antecedent_candidates(doc: Doc, known: list[Ref], lex: Lexicon) -> list[Ref]:
    """Names a pronoun may refer back to: people and organizations, also those the NER missed."""
    taken = {i for r in known for i in range(r.start, r.end)}
    found = [
        Ref(e.start, e.end, e.text, "ORG" if described_as_group(e.root, lex) else e.label_)
        for e in doc_ents(doc)
        if e.label_ in {"PERSON", "ORG"}
    ]
    for token in doc:
        if token.pos_ == "PROPN" and not token.ent_type_ and token.dep_ not in {"compound", "flat"}:
            start = min([token.i, *(c.left_edge.i for c in token.lefts if c.dep_ == "compound")])
            found.append(Ref(start, token.i + 1, doc[start : token.i + 1].text, "ORG"))
    places = {r.text for r in known if r.label in PLACE_LABELS}  # "al-Bayda" read as a group elsewhere
    return [r for r in found if not any(i in taken for i in range(r.start, r.end)) and r.text not in places]


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
    if ref.label in {"NOUN", CROWD_REF} and not any(t.ent_type_ for t in doc[ref.start : ref.end]):
        key = f"{name} ({article_id})"
    geo = lookup_place(name) or part_geo(name, lex) if kind in {"Country", "Place"} else None
    aliases = frozenset({ref.text.strip(QUOTES + " "), label, name} - {""})
    return Entity(key=key, label=name, kind=kind, aliases=aliases, geo=geo)


def _named_group(subject: Token, lex: Lexicon) -> bool:
    """ "a group calling itself X", "a faction known as X": the name given is a group's, whatever the NER
    says."""
    return bool(first_in(subject, lex.cue("backref_nouns"))) and any(
        c.dep_ == "acl" and first_in(c, lex.cue("naming_verbs")) for c in subject.children
    )


def _names_subject(entity: Entity, subject: Token, kinds: set[str], lex: Lexicon) -> bool:
    """The entity names the subject: "Al-Shabaab", "the Islamic State group"; a people or faith before a
    group noun only describes it ("the militant Sunni Muslim group")."""
    described = entity.kind == "Group" and bool(first_in(subject, lex.cue("backref_nouns")))
    return entity.kind in kinds and not described


def _clause_subject(
    ref: Ref, doc: Doc, named: list[tuple[int, Entity, bool]], kinds: set[str], lex: Lexicon
) -> Entity | None:
    """The subject of a clause above the pronoun: "Al-Shabaab said its fighters ..." → Al-Shabaab."""
    node = doc[ref.start]
    for _ in range(5):
        if node.head is node:
            return None
        node = node.head
        for subject in (c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}):
            if subject.left_edge.i <= ref.start <= subject.right_edge.i:
                continue
            inside = [e for start, e, _ in named if subject.left_edge.i <= start <= subject.right_edge.i]
            named_group = "Group" in kinds and _named_group(subject, lex)
            names = inside and (_names_subject(inside[0], subject, kinds, lex) or named_group)
            if names and not _scoped(inside[0]):
                return inside[0]  # "a group calling itself X said its fighters ...": X, read as a name
    return None


def _antecedent(ref: Ref, doc: Doc, named: list[tuple[int, Entity, bool]], lex: Lexicon) -> Entity | None:
    person = doc[ref.start].lower_ in lex.cues["pronouns"]["person"]
    if ref.label == "PRON" and (doc[ref.start].lower_ in lex.cues["pronouns"]["group"] or person):
        kinds = {"Person"} if person else {"Organization", "Group", "Country"}
        if doc[ref.start].lower_ in lex.cues["pronouns"].get("thing", ()):
            kinds = kinds | {"Person"}  # "al-Shabaab (read as a person) said it was behind the attack"
        subject = _clause_subject(ref, doc, named, kinds, lex)
        if subject is not None:
            return subject
    before = [(start, entity, armed) for start, entity, armed in named if start < ref.start]
    if ref.label == "PRON" and doc[ref.start].lower_ in lex.cues["pronouns"]["person"]:
        people = [e for _, e, _ in before if e.kind == "Person"]
        return people[-1] if people else None
    groups = [(e, armed) for _, e, armed in before if e.kind in {"Organization", "Group"} and not _scoped(e)]
    if ref.label == "PRON" and doc[ref.start].lower_ not in lex.cues["pronouns"]["group"]:
        return None
    armed_groups = [e for e, armed in groups if armed]
    if armed_groups:
        return armed_groups[-1]
    return groups[-1][0] if groups else None


def _scoped(entity: Entity) -> bool:
    """A description without a name ("the crowd"): its key is scoped to the article."""
    return entity.key.endswith(")")


def _with_alias(entity: Entity, text: str) -> Entity:
    return Entity(entity.key, entity.label, entity.kind, entity.aliases | {text.strip()}, entity.geo)


def _unify_descriptions(resolved: dict[tuple[int, int], Entity]) -> dict[tuple[int, int], Entity]:
    """ "the camp" is the "military camp" named before or after it in the same article."""
    scoped = {e.label.lower(): e for e in resolved.values() if _scoped(e)}

    def fuller(entity: Entity) -> Entity:
        if not _scoped(entity):
            return entity
        longer = [e for label, e in scoped.items() if label.endswith(" " + entity.label.lower())]
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
