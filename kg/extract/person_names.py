"""A person named again by the family name alone, tagged as something else ("Gustavo Petro ... Petro
said", with "Petro" tagged a place): one sense per article, so the family name is the person again. A
step of ``extract_doc`` after the other name menders (rule entity.person_again)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import Lexicon, first_in
from kg.extract.mend import relabelled
from kg.extract.rules import check
from kg.gazetteer import is_country, lookup, regions_named

FAMILY_NAME_MISREADS = frozenset({"GPE", "LOC", "ORG", "FAC"})
"""The labels a family name said alone is mistaken for; a nationality (NORP) is left, as "Lankan" after a
"Sri Lankan" the tagger took for a person."""


@check("person_again")
def mend_person_names(doc: Doc, lex: Lexicon) -> None:
    """An entity tagged a place, an organization or a facility whose words are the last words of a person
    the article names in full ("Albin Kurti" ... "Kurti", "Qassem Soleimani" ... "Soleimani's death") is
    that person again, labelled PERSON; not a name the gazetteer knows as a place ("Ishaq Dar" leaves
    the Dar of "Dar es Salaam"; "Jordan" stays the country). Sets ``doc.ents``."""
    family = family_names(doc, lex)
    if not family:
        return
    misread = [
        i
        for i, ent in enumerate(doc.ents)
        if ent.label_ in FAMILY_NAME_MISREADS and ent.text in family and not _place_name(ent.text)
    ]
    relabelled(doc, misread, "PERSON", "entity.person_again")


def family_names(doc: Doc, lex: Lexicon) -> frozenset[str]:
    """The trailing words of each person named by two or more words, the first and last capitalised
    ("Aleksandar Vučić" → "Vučić"; "Abdel Fattah al-Burhan" → "Fattah al-Burhan", "al-Burhan"); an acronym
    at the end is not capitalised so ("Blames ISIS", a headline misread as a person); see ``full_name``."""
    found = set()
    for ent in doc.ents:
        if full_name(ent, lex):
            for k in range(1, len(ent)):
                found.add(ent[k:].text)
    return frozenset(found)


def full_name(ent: Span, lex: Lexicon) -> bool:
    """A person named by two or more words, the first and last capitalised, the last no building or place
    noun: not a deed or venue the tagger took for a person ("Uri attack", "Al-Anoud Mosque")."""
    words = [t for t in ent if t.is_alpha]
    if ent.label_ != "PERSON" or len(words) < 2 or not (_capital(words[0]) and _capital(words[-1])):
        return False
    buildings = lex.cue("venue_nouns") | lex.cue("facility_nouns") | lex.cue("place_nouns")
    return not first_in(words[-1], buildings)


def _capital(word: Token) -> bool:
    """Written as a name: a capital first, then not all capitals ("McKee", "Kurti"; not "ISIS", "attack")."""
    return word.text[:1].isupper() and not word.is_upper


def _place_name(text: str) -> bool:
    return is_country(text) or lookup(text) is not None or bool(regions_named(text))
