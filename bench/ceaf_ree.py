"""CEAF-REE: role-filler entity extraction scored as defined for GRIT (Du, Rush & Cardie, EACL 2021).

A document's answer is, per role, a list of entities; an entity is a list of mention strings. For
each document and role:

- every string is normalized as in GRIT's evaluation: lowercased, punctuation removed, the articles
  *a*, *an*, *the* removed, whitespace collapsed;
- a predicted entity matches a gold entity (similarity 1, else 0) when **every** one of its mentions
  is one of the gold entity's mentions (``phi_strict``: strict string match, any gold mention will do);
- predicted and gold entities are aligned one to one so that the number of matches is largest
  (Kuhn–Munkres, :func:`scipy.optimize.linear_sum_assignment`);
- the matches count for precision over the predicted entities and for recall over the gold ones.

Counts are summed over documents per role and over the roles for the micro-average (:mod:`prf`).

The gold of a document is pooled from its templates as GRIT's preprocessing pools it
(:func:`pool_templates`): an entity of a later template joins the role only if it is neither a subset
nor a superset of an entity already there.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from prf import Counts, total
from scipy.optimize import linear_sum_assignment

ROLES: tuple[str, ...] = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
"""The five MUC-4 role-filler slots of GRIT, in its order."""

Entities = Sequence[Sequence[str]]
"""One role's answer in one document: entities, each a sequence of mention strings."""

_PUNCTUATION = frozenset(string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize(text: str) -> str:
    """GRIT's normalization: lower case, no punctuation, no articles, single spaces."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def strict_similarity(gold: Iterable[str], pred: Iterable[str]) -> int:
    """1 when every (normalized) mention of the predicted entity is a mention of the gold one, else 0."""
    mentions = set(gold)
    return int(all(m in mentions for m in pred))


def align(gold: Entities, pred: Entities) -> Counts:
    """One document, one role: the one-to-one alignment with the most strict matches."""
    gold_n = [[normalize(m) for m in entity] for entity in gold]
    pred_n = [[normalize(m) for m in entity] for entity in pred]
    matched = 0
    if gold_n and pred_n:
        scores = np.array([[strict_similarity(g, p) for p in pred_n] for g in gold_n])
        rows, cols = linear_sum_assignment(-scores)
        matched = int(scores[rows, cols].sum())
    return Counts(matched, len(pred_n), len(gold_n))


def score(
    golds: Mapping[str, Mapping[str, Entities]],
    preds: Mapping[str, Mapping[str, Entities]],
    roles: Sequence[str] = ROLES,
) -> dict[str, Counts]:
    """Counts per role and their micro-average (``"micro"``) over the documents of ``golds``.

    A document missing from ``preds`` has predicted nothing; predictions for documents outside
    ``golds`` are not scored.
    """
    per_role = {role: Counts() for role in roles}
    for doc, gold in golds.items():
        pred = preds.get(doc, {})
        for role in roles:
            per_role[role] = per_role[role] + align(gold.get(role, ()), pred.get(role, ()))
    return {**per_role, "micro": total(per_role.values())}


def _subset(small: Sequence[str], big: Sequence[str]) -> bool:
    return all(m in big for m in small)


def pool_templates(templates: Iterable[Mapping[str, Entities]], roles: Sequence[str] = ROLES) -> dict:
    """A document's templates as one answer per role, pooled as GRIT pools its gold.

    A mention may be given as a bare string or as ``[string, offset]``. An entity joins a role unless
    it is a subset or a superset of an entity already pooled there (the first wins).
    """
    pooled: dict[str, list[list[str]]] = {role: [] for role in roles}
    for template in templates:
        for role in roles:
            for entity in template.get(role, ()):
                mentions = [m if isinstance(m, str) else m[0] for m in entity]
                if mentions and not any(
                    _subset(mentions, known) or _subset(known, mentions) for known in pooled[role]
                ):
                    pooled[role].append(mentions)
    return pooled
