"""A place named again, tagged as a person or an organization ("a missile attack on Ganja" ... "Ganja"
tagged a person): one sense per article, so a name the article tags as a place elsewhere and the gazetteer
knows is the place again. A step of ``extract_doc`` after ``mend_person_names`` (rule entity.place_again)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.lexicon import Lexicon
from kg.extract.person_names import family_names
from kg.extract.rules import check
from kg.extract.trace import record_tokens
from kg.gazetteer import lookup_place

RELABELLED = frozenset({"PERSON", "ORG"})
PLACE_TAGS = frozenset({"GPE", "LOC"})


@check("place_again")
def mend_place_names(doc: Doc, lex: Lexicon) -> None:
    """An entity tagged a person or an organization whose text the article tags a place elsewhere and the
    gazetteer knows is that place again, labelled GPE; not the family name of a person the article names
    in full ("Ishaq Dar ... Dar said"). Sets ``doc.ents``."""
    places = {e.text for e in doc.ents if e.label_ in PLACE_TAGS}
    misread = [
        (i, e) for i, e in enumerate(doc.ents) if e.label_ in RELABELLED and e.text in places
    ]
    if not misread:
        return
    family = family_names(doc, lex)
    ents = list(doc.ents)
    mended = False
    for i, ent in misread:
        if ent.text not in family and lookup_place(ent.text) is not None:
            ents[i] = Span(doc, ent.start, ent.end, label="GPE")
            record_tokens("argument", "entity.place_again", doc, ent.start, ent.end)
            mended = True
    if mended:
        doc.ents = ents
