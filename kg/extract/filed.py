"""The place of a main attack the text places nowhere: the dateline's, the headline's, the town the article
names most, or the country the article's places lie in (rules ``location.dateline``, ``location.headline``,
``location.headline_compound``, ``location.article_town``, ``location.article_country``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extract.cache import doc_ents
from kg.extract.dateline import dateline_place, filed_elsewhere, place_entity, title_place
from kg.extract.draft import Draft, Found, record_draft, supported
from kg.extract.entities import demonym_country
from kg.extract.headline_place import headline_attack_place
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.place_names import bare_name, named_places
from kg.extract.rules import check
from kg.gazetteer import country, country_code, is_country, lookup_place, regions_named
from kg.model import Article, Entity, Geo

COUNTRY_LABELS = frozenset({"GPE", "LOC", "NORP"})
TOWN_LABELS = frozenset({"GPE", "LOC"})
SPOKEN = ("Condemn", "Accuse", "Deny")  # kinds whose verbs a capital is the voice of ("Moscow denied")


@check("filed_from")
def place_main(main: Draft, article: Article, doc: Doc) -> Draft:
    """The main attack, placed nowhere in the text, is where the dateline (or the headline's "in X") is, a
    country of theirs narrowed to the town in it the article names most; else in that town; else in the
    country the article's places lie in."""
    place = dateline_place(article.text)
    rule = "location.dateline"
    at = None
    lex = load_lexicon()
    roles = lex.roles
    if place is not None and filed_elsewhere(place, doc, roles["dateline_nouns"], roles["location_preps"]):
        only = "location.dateline_only"  # "KAMPALA, Uganda — ... massacred villagers in Congo": filed there
        record_draft("rejected_argument", only, main, doc, role="location", value=place.key)
        place = None
    if place is None:
        place, rule = title_place(article.title), "location.headline"
    if place is None:
        place = headline_attack_place(article.title, article.text, lex)
        rule = "location.headline_compound"
    if place is not None and place.kind == "Country":
        town, town_at = article_town(doc)
        if town is not None and town.geo is not None and town.geo.country_code == place.geo.country_code:
            place, rule, at = town, "location.article_town", town_at  # "... in Ecuador", the text in Quito
    if place is None:
        place, at = article_town(doc)
        rule = "location.article_town"
    if place is None:
        place, at = article_country(doc, lex)
        rule = "location.article_country"
    if place is None:
        return main
    at = at or _first_mention(place, article.text)
    if at is not None:
        sentence = next(n for n, s in enumerate(doc.sents) if s.start_char <= at[0] < s.end_char)
        found = Found("location", place.key, rule, sentence, *at)
    else:  # only the headline names it: the fact's sentence is the headline, its offsets in it
        start, end = _first_mention(place, article.title) or (0, len(article.title))
        found = Found("location", place.key, rule, main.sentence, start, end, in_title=True)
    record_draft(
        "argument", rule, main, doc, at=None if found.in_title else found, role="location", value=place.key
    )
    return supported(replace(main, locations=(place,)), found)


@check("article_country")
def article_country(doc: Doc, lex: Lexicon) -> tuple[Entity | None, tuple[int, int] | None]:
    """The country an article's places lie in: the one its place names and peoples' adjectives point to
    most ("Peru's president", "the Peruvian army", "in Lima"), at least twice and more often than any
    other; with where it is first so named. None when two countries share the lead."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for ent in doc_ents(doc):
        if ent.label_ not in COUNTRY_LABELS:
            continue
        geo = lookup_place(ent.text) if ent.label_ != "NORP" else None
        name = demonym_country(ent.text, lex) if geo is None else None  # "Peruvian", a GPE "Tajik"
        code = geo.country_code if geo is not None else country_code(name) if name else None
        if code:
            counts[code] += 1
            first.setdefault(code, (ent.start_char, ent.end_char))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None, None
    geo = country(ranked[0][0])
    if geo is None:
        return None, None
    return place_entity(geo, geo.name), first[ranked[0][0]]


@check("article_town")
def article_town(doc: Doc) -> tuple[Entity | None, tuple[int, int] | None]:
    """The town an article is about: the place below a country (a town, a village, a district) it names
    most, tagged a place, at least twice and more often than any other; with where it is first named. A
    name counts when the gazetteer knows it as a town or the article calls it one ("the village of X"). A
    report that never places its attack in a sentence still names the town again and again ("Hua Hin's
    district chief", "the bars of Hua Hin"). None when two towns share the lead."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[Span, Geo | None]] = {}
    named = named_places(doc)
    lex = load_lexicon()
    voices = lex.cue("speech").union(*(lex.triggers[kind].get("VERB", ()) for kind in SPOKEN))
    for ent in doc_ents(doc):
        voice = ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in voices
        if ent.label_ not in TOWN_LABELS or voice:
            continue  # "Moscow denied any role": a capital speaking for its state, no scene
        name = bare_name(ent.text).removeprefix("the ").strip()
        geo = lookup_place(name)
        if geo is None and (name not in named or regions_named(name)):
            continue  # a name the gazetteer lacks, unless the article calls it "the town of X"
        if geo is not None and geo.feature == "country" or is_country(name):
            continue
        counts[name] += 1
        first.setdefault(name, (ent, geo))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None, None
    ent, geo = first[ranked[0][0]]
    name = ranked[0][0]
    found = place_entity(geo, name) if geo is not None else Entity(key=name, label=name, kind="Place")
    return found, (ent.start_char, ent.start_char + len(name))


def _first_mention(place: Entity, text: str) -> tuple[int, int] | None:
    """Where a place is first named in the text (its label or one of its aliases)."""
    hits = [
        (at, len(name)) for name in (place.label, *place.aliases) if name and (at := text.find(name)) >= 0
    ]
    if not hits:
        return None
    at, size = min(hits)
    return at, at + size
