"""What extraction reads of one Doc over and over, read once per article: its named entities, its text.

``doc.ents`` builds a new Span per entity out of every token at each call, and ``Span.ents`` reads the
whole ``doc.ents`` again for one sentence; extraction asked for them several times per sentence (a
twentieth of its CPU). ``doc.text`` joins every token's text anew at each read (about four reads an
article). :func:`remember_ents` keeps both for the article being extracted.

``doc[i]`` (and so iterating a Span) makes a new Token at each call: a few functions each walk every
token of every sentence (about 2.6M Tokens made over 229 articles). :func:`sentence_tokens` hands them
the Tokens made once per article.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

ENTS = "kg_ents"
TEXT = "kg_text"
TOKENS = "kg_tokens"


def remember_ents(doc: Doc) -> None:
    """Read ``doc.ents`` and ``doc.text`` once for the extraction that starts now (the pipeline has set
    them; no step of extraction retokenizes)."""
    doc.user_data[ENTS] = tuple(doc.ents)
    doc.user_data[TEXT] = doc.text


def remember_tokens(doc: Doc) -> None:
    """Make the Tokens of ``doc`` once for the extraction that starts now (mending names sets
    ``doc.ents``, which a Token reads live; no step retokenizes). :func:`forget_ents` drops them."""
    doc.user_data[TOKENS] = tuple(doc)


def forget_ents(doc: Doc) -> None:
    """Drop what :func:`remember_ents` kept, once the article is extracted. The spans point back at the doc,
    so kept they make a reference cycle: the doc (its tokens, its tensor) would then wait for the cyclic
    garbage collector instead of going as the pipeline lets go of it, and a doc still in the pipeline's
    batch when a build calls ``gc.freeze`` (:func:`kg.build._freeze_survivors`) would never go at all."""
    doc.user_data.pop(ENTS, None)
    doc.user_data.pop(TEXT, None)
    doc.user_data.pop(TOKENS, None)


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, as remembered at the start of the extraction (read afresh outside one)."""
    found = doc.user_data.get(ENTS)
    return found if found is not None else tuple(doc.ents)


def doc_text(doc: Doc) -> str:
    """``doc.text``, as remembered at the start of the extraction (read afresh outside one)."""
    found = doc.user_data.get(TEXT)
    return found if found is not None else doc.text


def span_ents(span: Span) -> list[Span]:
    """``span.ents``: the entities that lie wholly inside ``span``, in order."""
    inside = []
    for ent in doc_ents(span.doc):
        if ent.start >= span.start:
            if ent.end > span.end:
                break
            inside.append(ent)
    return inside


def doc_tokens(doc: Doc) -> tuple[Token, ...]:
    """Every Token of ``doc``, as made at the start of the extraction (made afresh outside one)."""
    found = doc.user_data.get(TOKENS)
    return found if found is not None else tuple(doc)


def sentence_tokens(span: Span) -> tuple[Token, ...]:
    """The Tokens of ``span`` (what iterating it yields), without making them anew."""
    return doc_tokens(span.doc)[span.start : span.end]


def span_text(span: Span) -> str:
    """``span.text``, cut from the remembered ``doc.text`` instead of joined anew from its tokens."""
    return doc_text(span.doc)[span.start_char : span.end_char]
