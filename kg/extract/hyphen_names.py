"""Compound names written with hyphens and linking words ("Lashkar-e-Taiba", "Hizb-ut-Tahrir", "Jaish-e
Mohammad") made one entity however the tagger cut them: the first step of ``extract_doc`` (rule
entity.hyphen_name, linking words in cues.yaml ``compound_name_links``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from kg.extract.cache import doc_tokens
from kg.extract.lexicon import Lexicon
from kg.extract.mend import joined, overlapping
from kg.extract.refs import ACTOR_LABELS
from kg.extract.rules import check


@check("hyphen_name")
def mend_hyphen_names(doc: Doc, lex: Lexicon) -> None:
    """A compound name written with hyphens and linking words ("Lashkar-e-Taiba", "Hizb-ut-Tahrir") is one
    name, however the tagger cut it ("Jaish" + "e-Mohammed" untagged, "Tehrik" + "-e-Taliban" + "Pakistan"):
    the tagged pieces and the untagged rest become one entity, which runs on through the proper noun the
    name's last word is a compound of ("Jaish-e Mohammad", "Tehrik-e-Taliban Pakistan"). A people's or a
    group's piece makes it a group's name; otherwise it keeps its pieces' label. Sets ``doc.ents``."""
    links = lex.cue("compound_name_links")
    ents = list(doc.ents)
    mended = False
    for start, end in _hyphen_names(doc, links):
        inside = overlapping(ents, start, end)
        if not inside or len(inside) == 1 and inside[0].start <= start and end <= inside[0].end:
            continue  # untagged, or one entity already
        labels = {e.label_ for e in inside}
        if not labels <= ACTOR_LABELS:
            continue
        label = "ORG" if labels & {"ORG", "NORP"} or len(labels) > 1 else labels.pop()
        first, last = min(start, inside[0].start), max(end, inside[-1].end)
        ents = joined(doc, ents, inside, (first, last), label, "entity.hyphen_name")
        mended = True
    if mended:
        doc.ents = ents


def _hyphen_names(doc: Doc, links: frozenset[str]) -> Iterable[tuple[int, int]]:
    """Token ranges of hyphened compound names: capitalised words and linking words glued by hyphens, with
    at least one linking word and two capitalised words, begun and ended by a capitalised word."""
    tokens = doc_tokens(doc)  # indexed many times over: a Doc makes a new Token at each ``tokens[i]``
    i = 0
    while i < len(tokens):
        if not _capitalised(tokens[i]):
            i += 1
            continue
        j = i
        while (
            j + 2 < len(tokens)
            and not tokens[j].whitespace_
            and tokens[j + 1].text == "-"
            and not tokens[j + 1].whitespace_
            and (_capitalised(tokens[j + 2]) or _link(tokens[j + 2], links))
        ):
            j += 2
        while j + 1 < len(tokens) and _compound_of_next(tokens, j):
            j += 1  # "Jaish-e Mohammad": the name goes on through the noun it is a compound of
        while j > i and not _capitalised(tokens[j]):
            j -= 1
        words = tokens[i : j + 1]
        if any(_link(t, links) for t in words) and sum(_capitalised(t) for t in words) >= 2:
            yield i, j + 1
        i = j + 1


def _compound_of_next(tokens: Sequence[Token], j: int) -> bool:
    following = tokens[j + 1]
    proper = following.pos_ == "PROPN" and _capitalised(following)
    return proper and tokens[j].dep_ == "compound" and tokens[j].head.i == j + 1


def _capitalised(token: Token) -> bool:
    return token.is_alpha and token.is_title


def _link(token: Token, links: frozenset[str]) -> bool:
    return token.is_lower and token.text in links
