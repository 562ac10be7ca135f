"""An attack told at "the city" or "the capital", named no more ("days before rebels shot 9 at a
depot in the city", "the rebels once shelled the capital", "a raid on the city's bus station"),
is in the town the article's main attack is in, or in its country's capital (rule location.city_again)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.dateline import place_entity
from kg.extract.draft import Draft, Found, record_draft, sentence_at, supported
from kg.extract.lexicon import Lexicon
from kg.extract.placing import gazetteer_match
from kg.extract.rules import check
from kg.gazetteer import capital_of, country, lookup_place
from kg.model import Entity

RULE = "location.city_again"
TOWN_NOUNS = frozenset({"city", "town"})
PLACE_PREPS = frozenset({"in", "at", "on", "into"})


def _bare(noun: Token) -> bool:
    """ "the city", "the capital", "the city's": no words of its own but its determiner or a possessor."""
    words = [c for c in noun.children if c.dep_ not in {"det", "case", "poss"}]
    return not words and noun.ent_type_ == ""


def _said(trigger: Token, lex: Lexicon) -> Token | None:
    """The bare town or capital noun the trigger's phrase places it at: its place prepositional object, or
    the object's ("at a depot in the city"), a possessor of either ("on the city's depot"), or its object
    itself when a capital ("attacked the capital")."""
    nouns = set(lex.cue("capital_nouns")) | TOWN_NOUNS
    heads = [trigger]
    for c in trigger.children:
        if c.dep_ == "dobj":
            heads.append(c)
            if c.lemma_.lower() in lex.cue("capital_nouns") and _bare(c):
                return c
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
            heads += [g for g in c.children if g.dep_ == "pobj"]
    for head in heads:
        for c in head.children:
            if c.dep_ == "poss" and c.lemma_.lower() in nouns and _bare(c):
                return c
            if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.lower() in nouns and _bare(g):
                        return g
    return None


def _capital(noun: Token, main: Draft) -> Entity | None:
    """The capital a capital noun names: of the country its possessor names, else of the main attack's."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    code = None
    if owner is not None:
        geo = lookup_place(owner.text)
        code = geo.country_code if geo is not None and geo.feature == "country" else None
    else:
        codes = {g.country_code for e in main.locations if (g := gazetteer_match(e)) is not None}
        code = next(iter(codes)) if len(codes) == 1 else None
    home = country(code) if code else None
    name = capital_of(home.name) if home is not None else None
    geo = lookup_place(name) if name else None
    return place_entity(geo, name) if geo is not None and name else None


def _town(noun: Token, main: Draft) -> Entity | None:
    """The town "the city" names: the last one named before it in its sentence ("a depot in the town of
    Dorvo, weeks after rebels shot 9 in the town"), else the main attack's one town."""
    for ent in reversed([e for e in noun.sent.ents if e.end <= noun.i and e.label_ == "GPE"]):
        geo = lookup_place(ent.text)
        if geo is not None and geo.feature != "country":
            return place_entity(geo, ent.text)
    towns = [e for e in main.locations if (g := gazetteer_match(e)) is not None and g.feature != "country"]
    return towns[0] if len(towns) == 1 else None


@check("city_again")
def city_again(attacks: list[Draft], doc: Doc, lex: Lexicon) -> list[Draft]:
    """The attacks, each placed nowhere but at a bare "the city" or "the capital" placed in the main
    attack's town, or the capital of its country (or of the country the capital's possessor names)."""
    if not attacks:
        return attacks
    main = attacks[0]
    out = [main]
    for draft in attacks[1:]:
        noun = None if draft.locations else _said(doc[draft.token], lex)
        if noun is not None:
            capital = noun.lemma_.lower() in lex.cue("capital_nouns")
            town = _capital(noun, main) if capital else _town(noun, main)
            if town is not None:
                sentence = sentence_at(doc, noun.i)
                start = doc[noun.left_edge.i].idx
                found = Found("location", town.key, RULE, sentence, start, noun.idx + len(noun.text))
                record_draft("argument", RULE, draft, doc, at=found, role="location", value=town.key)
                draft = supported(replace(draft, locations=(town,)), found)
        out.append(draft)
    return out
