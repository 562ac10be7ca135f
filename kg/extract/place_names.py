"""A place named again, tagged as a person or an organization ("a missile attack on Ganja" ... "Ganja"
tagged a person): one sense per article, so a name the article tags as a place elsewhere and the gazetteer
knows is the place again. A step of ``extract_doc`` after ``mend_person_names`` (rule entity.place_again)."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.lexicon import Lexicon
from kg.extract.mend import relabelled
from kg.extract.person_names import family_names
from kg.extract.rules import check
from kg.gazetteer import lookup_place

PLACE_NAME_MISREADS = frozenset({"PERSON", "ORG"})
PLACE_TAGS = frozenset({"GPE", "LOC"})


@check("place_again")
def mend_place_names(doc: Doc, lex: Lexicon) -> None:
    """An entity tagged a person or an organization whose text the article tags a place elsewhere and the
    gazetteer knows is that place again, labelled GPE; not the family name of a person the article names
    in full ("Ishaq Dar ... Dar said"). Sets ``doc.ents``."""
    ents = doc.ents
    places = {e.text for e in ents if e.label_ in PLACE_TAGS}
    misread = [i for i, e in enumerate(ents) if e.label_ in PLACE_NAME_MISREADS and e.text in places]
    if not misread:
        return
    family = family_names(doc, lex)
    again = [i for i in misread if ents[i].text not in family and lookup_place(ents[i].text)]
    relabelled(doc, again, "GPE", "entity.place_again")
