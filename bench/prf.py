"""Precision, recall and F1 from counts, summed over documents and roles before dividing (micro-average)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """``matched`` of ``predicted`` predictions are right, ``matched`` of ``gold`` gold items are found.

    CEAF counts the aligned similarity on both sides, so ``matched`` is the same number for precision
    and recall; it may be fractional for a similarity other than strict.
    """

    matched: float = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        """P/R/F1 in percent (two decimals) and the raw counts."""
        return {
            "p": round(100 * self.precision, 2),
            "r": round(100 * self.recall, 2),
            "f1": round(100 * self.f1, 2),
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def total(counts: Iterable[Counts]) -> Counts:
    """The micro-average: counts added up, then divided."""
    out = Counts()
    for c in counts:
        out = out + c
    return out
