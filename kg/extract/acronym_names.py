"""Names the article spells out before their acronym ("the Islamic State of Iraq and the Levant (ISIL)")
made one entity however the tagger cut them: a step of ``extract_doc`` right after the hyphened names
(rule entity.spelt_acronym)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon
from kg.extract.mend import joined, overlapping
from kg.extract.refs import ACTOR_LABELS
from kg.extract.rules import check

LONGEST = 12
"""The most words a spelt-out name may have."""


@check("spelt_acronym")
def mend_spelt_acronyms(doc: Doc, lex: Lexicon) -> None:
    """A name followed by an acronym in parentheses whose letters are the initials of its capitalised words
    ("the Movement for Democracy and Justice in Tala (MDJT)") is one name, however the tagger cut it
    ("Movement for Democracy and Justice" + "Tala"); the linking words of a name (cue name_links: of, and,
    the, for, in ...) have no letter. The name takes the label of the tagged piece it begins with, else ORG.
    Sets ``doc.ents``."""
    ents = list(doc.ents)
    mended = False
    for start, end in _spelt_names(doc, lex.cue("name_links")):
        inside = overlapping(ents, start, end)
        if any(e.start == start and e.end == end for e in inside):
            continue  # already one entity
        if any(e.label_ not in ACTOR_LABELS for e in inside):
            continue  # a date or number in it: no name
        first = next((e for e in inside if e.start <= start), None)
        label = first.label_ if first is not None else "ORG"
        ents = joined(doc, ents, inside, (start, end), label, "entity.spelt_acronym")
        mended = True
    if mended:
        doc.ents = ents


def initials(words: Iterable[str], links: frozenset[str]) -> str | None:
    """The initials of a name's words, its linking words written small (``links``) giving none; None when
    another word is not capitalised ("Front for the Liberation of Velmar" → "FLV")."""
    letters = []
    for word in words:
        if word in links:
            continue  # "of", "and", "the" written small
        if not word[:1].isupper() or not word.isalpha():
            return None
        letters.append(word[0])
    return "".join(letters)


def _spelt_names(doc: Doc, links: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges of names spelt out right before "(" + acronym: the shortest run of words ending at the
    parenthesis, begun by a capitalised word, whose initials read the acronym."""
    found = []
    opening = doc.to_array(ORTH) == doc.vocab.strings["("]  # found in one array, not token by token
    for paren in (doc[int(i)] for i in opening.nonzero()[0] if i > 0):
        acronym = _acronym(doc, paren.i + 1)
        if acronym is None:
            continue
        for start in range(paren.i - 2, max(-1, paren.i - 1 - LONGEST), -1):
            if not _capitalised(doc[start]):
                continue
            spelt = initials((t.text for t in doc[start : paren.i]), links)
            if spelt is None or len(spelt) > len(acronym):
                break
            if spelt == acronym:
                found.append((start, paren.i))
                break
    return found
def _acronym(doc: Doc, i: int) -> str | None:
    """The acronym at token ``i`` when it is one: two to six capitals, closed by ")" or "," right after."""
    if i + 1 >= len(doc):
        return None
    word = doc[i]
    if not (word.is_alpha and word.is_upper and 2 <= len(word.text) <= 6):
        return None
    return word.text if doc[i + 1].text in {")", ","} else None


def _capitalised(token: Token) -> bool:
    return token.is_alpha and token.text[0].isupper()
