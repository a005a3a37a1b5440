"""The learned amount -> recipient linker: a logistic model over :mod:`.features`.

For every amount that can be granted, each candidate recipient gets a probability; the
amount goes to the best candidate when its probability reaches the threshold, to every
name the ``each`` rule found when the text says ``chacun``.  The hand rules are features
(and the fallback when no weights are installed).  Weights are data,
``annonces/models/linker.json``, fitted by :mod:`annonces.learn.pairs` (``annonces train``):
no learning library is needed at run time.

>>> lk = Linker({"bias": -1.0, "same_sentence": 3.0}, threshold=0.5)
>>> round(lk.probability({"bias": 1.0, "same_sentence": 1.0}), 3), round(lk.probability({"bias": 1.0}), 3)
(0.881, 0.269)
"""

from __future__ import annotations

import bisect
import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..types import Amount, Mention
from .context import Context, in_section
from .features import candidates, features, main_organization, mention_counts
from .recipients import family, recipients

#: Amounts never linked: ranges, and amounts inside boilerplate or contact sections.
SKIPPED_SECTIONS = {"boilerplate", "contact"}
#: A recipient whose name holds an amount or a date fragment never scores above this.
FRAGMENT_CAP = 0.5


@dataclass(frozen=True)
class Pair:
    """One (amount, candidate) pair of a release, its features and the rules' answer for the amount."""

    amount: Amount
    candidate: Mention
    features: dict[str, float]
    rule: str
    rule_picks: tuple[Mention, ...] = field(default=())


@dataclass(frozen=True)
class Linker:
    """Logistic weights (feature name -> weight) and the decision threshold."""

    weights: Mapping[str, float]
    threshold: float = 0.5
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: (raw probability, observed precision) points fitted on held-out folds, increasing.
    calibration: tuple[tuple[float, float], ...] = ()
    #: the rule records' calibration, fitted on held-out folds: ``bias``, ``slope`` (on the
    #: logit of the raw probability) and a weight per rule family (``family:line``...)
    calibrator: Mapping[str, float] = field(default_factory=dict)

    def probability(self, feats: Mapping[str, float]) -> float:
        """The model's raw probability that the pair is a record."""
        return sigmoid(sum(self.weights.get(k, 0.0) * v for k, v in feats.items()))

    def confidence(self, p: float, feats: Mapping[str, float], family: str = "") -> float:
        """The record's confidence: ``p`` calibrated (for a hand rule's record of ``family``,
        by :attr:`calibrator`; else by the :attr:`calibration` curve), and never above
        :data:`FRAGMENT_CAP` for a name holding an amount or date fragment.

        >>> lk = Linker({}, calibration=((0.2, 0.1), (0.8, 0.6)), calibrator={"bias": 0.0, "slope": 1.0, "family:line": 2.0})
        >>> lk.confidence(0.5, {}), lk.confidence(0.9, {}), lk.confidence(0.9, {"name_fragment": 1.0})
        (0.35, 0.6, 0.5)
        >>> round(lk.confidence(0.5, {}, "line"), 3), round(lk.confidence(0.5, {}, "to"), 3)
        (0.881, 0.5)
        """
        if family and self.calibrator:
            cal = self.calibrator
            c = sigmoid(cal.get("bias", 0.0) + cal.get("slope", 1.0) * logit(p) + cal.get(f"family:{family}", 0.0))
        else:
            c = interpolate(self.calibration, p) if self.calibration else p
        return min(c, FRAGMENT_CAP) if feats.get("name_fragment") else c

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Linker:
        return cls(data["weights"], float(data.get("threshold", 0.5)), data.get("meta", {}),
                   tuple((float(x), float(y)) for x, y in data.get("calibration", ())),
                   {k: float(v) for k, v in data.get("calibrator", {}).items()})

    @classmethod
    def from_file(cls, path: str | Path) -> Linker:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def to_file(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"threshold": self.threshold, "meta": dict(self.meta), "calibration": [list(c) for c in self.calibration],
                "calibrator": dict(sorted(self.calibrator.items())),
                "weights": dict(sorted(self.weights.items()))}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        return path


@functools.cache
def default_linker() -> Linker | None:
    """The linker shipped in the package (``annonces/models/linker.json``), or ``None``."""
    res = resources.files("annonces").joinpath("models/linker.json")
    if not res.is_file():
        return None
    return Linker.from_dict(json.loads(res.read_text(encoding="utf-8")))


def sigmoid(z: float) -> float:
    """The logistic function, ``z`` clipped to ±30.

    >>> sigmoid(0.0), round(sigmoid(2.0), 3)
    (0.5, 0.881)
    """
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def logit(p: float) -> float:
    """``log(p / (1 - p))``, ``p`` clipped to [1e-4, 1 - 1e-4].

    >>> logit(0.5), round(logit(1.0), 2)
    (0.0, 9.21)
    """
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def interpolate(points: tuple[tuple[float, float], ...], x: float) -> float:
    """Piecewise-linear ``y(x)`` through ``points`` (flat beyond the ends).

    >>> interpolate(((0.0, 0.0), (1.0, 0.5)), 0.5), interpolate(((0.2, 0.1),), 0.9)
    (0.25, 0.1)
    """
    i = bisect.bisect_left([p[0] for p in points], x)
    if i == 0:
        return points[0][1]
    if i >= len(points):
        return points[-1][1]
    (x0, y0), (x1, y1) = points[i - 1], points[i]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def linkable(ctx: Context, a: Amount) -> bool:
    """Whether ``a`` can be a record's amount at all (not a range, not in boilerplate)."""
    return a.low is None and a.high is None and not in_section(ctx.sections, a.start, SKIPPED_SECTIONS)


def pairs(ctx: Context) -> list[Pair]:
    """Every (amount, candidate) pair of the release, in text order."""
    main = main_organization(ctx)
    counts = mention_counts(ctx)
    out: list[Pair] = []
    used_main: Mention | None = None
    for a in ctx.amounts:
        if not linkable(ctx, a):
            continue
        picks, rule = recipients(ctx, a, used_main)
        if rule and rule != "main" and len(picks) == 1:
            used_main = picks[0] if used_main is None or used_main.canonical == picks[0].canonical else used_main
        for c in candidates(ctx, a, picks, main):
            out.append(Pair(a, c, features(ctx, a, c, picks, rule, main, counts), rule, tuple(picks)))
    return out


def scored_pairs(ctx: Context, linker: Linker) -> dict[int, list[tuple[Pair, float]]]:
    """Every pair of the release with its raw probability, grouped by ``id(amount)``."""
    by_amount: dict[int, list[tuple[Pair, float]]] = {}
    for p in pairs(ctx):
        by_amount.setdefault(id(p.amount), []).append((p, linker.probability(p.features)))
    return by_amount


def decide(ctx: Context, linker: Linker, scored_by_amount: dict[int, list[tuple[Pair, float]]] | None = None,
           ) -> list[tuple[Amount, Mention, str, float]]:
    """(amount, recipient, rule label, confidence) for every amount the linker grants; the
    label names the hand rule that agreed (``linker:line``) or the candidate's source."""
    by_amount = scored_pairs(ctx, linker) if scored_by_amount is None else scored_by_amount
    out: list[tuple[Amount, Mention, str, float]] = []
    for scored in by_amount.values():
        first = scored[0][0]
        if family(first.rule) == "each" and len(first.rule_picks) > 1:
            picked = {m.canonical for m in first.rule_picks}
            for p, prob in scored:
                if p.candidate.canonical in picked and prob >= linker.threshold:
                    out.append((p.amount, p.candidate, "linker:each", linker.confidence(prob, p.features)))
            continue
        best, prob = max(scored, key=lambda x: x[1])
        if prob >= linker.threshold:
            label = f"linker:{best.rule}" if best.features.get("rule_pick") else f"linker:{best.candidate.source}"
            out.append((best.amount, best.candidate, label, linker.confidence(prob, best.features)))
    return out


def pair_confidence(linker: Linker, scored_by_amount: dict[int, list[tuple[Pair, float]]], a: Amount,
                    recipient: Mention, rule: str = "", ctx: Context | None = None) -> float | None:
    """The linker's (calibrated) confidence in a record the hand rules made by ``rule``.  A
    rule's record is thus as trusted as the linker's view of its features (which include the
    rule that fired), on one scale.  A recipient the rule built (a name extended by its
    complement) is not among the candidates: its pair's features are computed from ``ctx``
    (``None`` without it)."""
    fam = family(rule)
    for p, prob in scored_by_amount.get(id(a), ()):
        if p.candidate is recipient or p.candidate.canonical == recipient.canonical:
            return linker.confidence(prob, p.features, fam)
    if ctx is None:
        return None
    feats = features(ctx, a, recipient, [recipient], rule, main_organization(ctx), mention_counts(ctx))
    return linker.confidence(linker.probability(feats), feats, fam)
