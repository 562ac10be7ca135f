"""Places the tagger misreads. A name given as what a place noun is called ("the town of Volkmarsen", "the
village of Sotk", tagged a person or not at all) is a place (rule entity.place_noun_of). A place named
again, tagged as a person or an organization ("a missile attack on Ganja" ... "Ganja" tagged a person): one
sense per article, so a name the article tags as a place elsewhere and the gazetteer knows, or that it
names with a place noun, is the place again (rule entity.place_again). Steps of ``extract_doc`` after
``mend_person_names``."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.cache import doc_tokens
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.mend import overlapping, relabelled
from kg.extract.person_names import family_names
from kg.extract.rules import check
from kg.extract.trace import record_tokens
from kg.gazetteer import lookup_place

PLACE_NAME_MISREADS = frozenset({"PERSON", "ORG"})
PLACE_TAGS = frozenset({"GPE", "LOC"})
NOUN_OF_MISREADS = frozenset({"PERSON", "ORG", "NORP"})
NAMED_PLACES = "kg.named_places"


@check("place_again")
def mend_place_names(doc: Doc, lex: Lexicon) -> None:
    """An entity tagged a person or an organization whose text the article tags a place elsewhere, and the
    gazetteer knows or the article names with a place noun ("the town of X"), is that place again, labelled
    GPE; not the family name of a person the article names in full ("Ishaq Dar ... Dar said"). Sets
    ``doc.ents``."""
    named = mend_place_nouns(doc, lex)
    ents = doc.ents
    names = [bare_name(e.text) for e in ents]
    places = {name for e, name in zip(ents, names, strict=True) if e.label_ in PLACE_TAGS}
    misread = [i for i, e in enumerate(ents) if e.label_ in PLACE_NAME_MISREADS and names[i] in places]
    if not misread:
        return
    family = family_names(doc, lex)
    named = named - {names[i] for i in misread if _acts_as_person(ents[i], lex)}
    known = [i for i in misread if names[i] in named or lookup_place(names[i])]
    again = [i for i in known if names[i] not in family]
    relabelled(doc, again, "GPE", "entity.place_again")


def _acts_as_person(ent: Span, lex: Lexicon) -> bool:
    """A mention tagged a person that the sentence gives a person's part: a noun in apposition ("Kelly, the
    party leader") or the subject of a speech verb ("Kelly said"). A name the gazetteer lacks and the
    article so uses is a person's too, whatever "the village of Kelly" is."""
    root = ent.root
    if ent.label_ != "PERSON":
        return False
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in root.children):
        return True
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in lex.cue("speech")


def bare_name(text: str) -> str:
    """A name without the possessive ending the tagger may take into it ("Hua Hin's")."""
    return text.removesuffix("'s").removesuffix("’s")


@check("place_noun_of")
def mend_place_nouns(doc: Doc, lex: Lexicon) -> frozenset[str]:
    """A proper name right after a lower-case place noun and "of" ("the town of Volkmarsen", "the resort of
    Hua Hin", "the towns of Goris and Sotk") names that place: tagged a person, an organization or a
    people, it is a place (GPE). Not a name the place noun is part of ("the Islamic State of Iraq"), nor one
    with a modifier of its own ("the city of ethnic Amhara"), nor the owner of a capital ("the capital of
    ISIS" names no capital: cue capital_nouns). Sets ``doc.ents``; returns the texts of the names so made
    places."""
    nouns = lex.cue("place_nouns") - lex.cue("capital_nouns")
    found: list[tuple[int, int]] = []
    tokens = doc_tokens(doc)
    for of in tokens:
        if of.lower_ != "of" or of.i == 0:
            continue
        noun = tokens[of.i - 1]
        if of.head.i != noun.i or not noun.is_lower:
            continue
        if noun.ent_type_ or not first_in(noun, nouns):
            continue
        for name in _named(of):
            found.append(name)
    ents = list(doc.ents)
    made = []
    for start, end in found:
        over = overlapping(ents, start, end)
        if not over or any(e.start < start or e.end > end or e.label_ not in NOUN_OF_MISREADS for e in over):
            continue
        ents = [e for e in ents if e not in over]
        ents.append(Span(doc, start, end, label="GPE"))
        record_tokens("argument", "entity.place_noun_of", doc, start, end)
        made.append(bare_name(doc[start:end].text))
    if made:
        doc.ents = sorted(ents, key=lambda e: e.start)
    doc.user_data[NAMED_PLACES] = frozenset(made)
    return frozenset(made)


def named_places(doc: Doc) -> frozenset[str]:
    """The names :func:`mend_place_nouns` made places in ``doc`` (none before it ran)."""
    return doc.user_data.get(NAMED_PLACES, frozenset())


def _named(of: Token) -> list[tuple[int, int]]:
    """The proper names "of" governs, each with the proper nouns compounded before it: its object and the
    objects joined to it ("of Goris, Sotk and Jermuk")."""
    heads = [c for c in of.children if c.dep_ == "pobj"]
    for head in list(heads):
        heads += [c for c in head.conjuncts if c.i > head.i]
    names = []
    for head in heads:
        if head.pos_ != "PROPN" or not head.text[:1].isupper():
            continue
        start = head.i
        while start > 0 and (left := head.doc[start - 1]).pos_ == "PROPN" and start <= left.head.i <= head.i:
            start -= 1
        if any(c.dep_ in {"amod", "det", "poss", "nummod"} for c in head.children if c.i < start):
            continue
        names.append((start, head.i + 1))
    return names
