"""Precision, recall and F1 from counts: the one definition the evaluation and training share."""

from __future__ import annotations


def precision_recall_f1(tp: int, gold: int, pred: int, *, when_empty: float = 1.0) -> tuple[float, float, float]:
    """``(precision, recall, F1)`` of ``tp`` true positives among ``gold`` expected and ``pred`` found.

    ``when_empty`` is the score when there is nothing to find and nothing found (the
    evaluation counts that as perfect, 1.0; training reports 0.0 for a label never seen).

    >>> [round(x, 3) for x in precision_recall_f1(3, gold=5, pred=4)]
    [0.75, 0.6, 0.667]
    >>> precision_recall_f1(0, 0, 0), precision_recall_f1(0, 0, 0, when_empty=0.0)
    ((1.0, 1.0, 1.0), (0.0, 0.0, 0.0))
    >>> precision_recall_f1(0, gold=2, pred=0)
    (0.0, 0.0, 0.0)
    """
    p = tp / pred if pred else (when_empty if gold == 0 else 0.0)
    r = tp / gold if gold else (when_empty if pred == 0 else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
