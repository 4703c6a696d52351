"""Score a run against gold annotations, as defined in ../shared/eval/FORMAT.md."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import PipelineError
from .names import is_target

ENTITY_LABELS = ("PERSON", "COUNTRY", "ORG")
ID_LABELS = ("PERSON", "COUNTRY")
MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from counts."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Scores:
    """Every figure of FORMAT.md for one run."""

    entities: PRF
    entities_by_label: dict[str, PRF]
    entity_ids: PRF
    quotes: PRF
    attribution_accuracy: float
    attribution_total: int
    stoltenberg: PRF
    sentences: PRF
    n_documents: int
    #: Documents scored by each layer («entities», «entity_ids», «quotes», «sentences»): a layer that is
    #: ``null`` or absent in a gold document, or an entity whose id is ``null``, leaves that document out.
    scored: dict[str, int] = field(default_factory=dict)
    #: quotes flagged ``is_target`` against gold quotes said by a target speaker (None: no flags scored)
    targets: PRF | None = None
    target_speakers: tuple[str, ...] = ()
    errors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "n_documents": self.n_documents,
            "scored_documents": dict(self.scored),
            "entities": self.entities.as_dict(),
            "entities_by_label": {k: v.as_dict() for k, v in self.entities_by_label.items()},
            "entity_ids": self.entity_ids.as_dict(),
            "quotes": self.quotes.as_dict(),
            "attribution_accuracy": self.attribution_accuracy,
            "attribution_total": self.attribution_total,
            "stoltenberg": self.stoltenberg.as_dict(),
            "sentences": self.sentences.as_dict(),
            "targets": self.targets.as_dict() if self.targets is not None else None,
            "target_speakers": list(self.target_speakers),
        }

    def is_scored(self, layer: str) -> bool:
        """Whether any gold document annotates ``layer`` (all do when ``scored`` was not filled in)."""
        return self.scored.get(layer, self.n_documents) > 0

    def format(self) -> str:
        """A plain-text table of the figures; a layer no gold document annotates reads «not annotated»."""
        rows = [("entities", "entity mentions", self.entities)]
        rows += [("entities", f"  {label}", prf) for label, prf in self.entities_by_label.items()]
        rows += [
            ("entity_ids", "entity ids (PERSON, COUNTRY)", self.entity_ids),
            ("quotes", "quotes (overlap ≥ 0.5)", self.quotes),
            ("quotes", "Stoltenberg quotes", self.stoltenberg),
        ]
        if self.targets is not None:
            rows.append(("quotes", "target quotes (is_target)", self.targets))
        rows += [("sentences", "sentence ends", self.sentences)]
        lines = [f"{'figure':<30} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for layer, name, prf in rows:
            if not self.is_scored(layer):
                lines.append(f"{name:<30} {'not annotated':>20}")
                continue
            lines.append(
                f"{name:<30} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f} {prf.tp:5d} {prf.fp:5d} {prf.fn:5d}"
            )
        if self.is_scored("quotes"):
            lines.append(
                f"{'attribution accuracy':<30} {self.attribution_accuracy:6.3f} "
                f"(of {self.attribution_total} matched quotes)"
            )
        if self.targets is not None:
            lines.append(f"target speakers: {'; '.join(self.target_speakers)}")
        layers = ", ".join(f"{layer} {n}" for layer, n in self.scored.items())
        lines.append(f"documents scored: {self.n_documents}" + (f" ({layers})" if layers else ""))
        return "\n".join(lines)


def read_gold(path: Path) -> dict[str, dict[str, Any]]:
    """Gold documents by ``doc`` name from a JSON-lines file."""
    gold: dict[str, dict[str, Any]] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PipelineError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            gold[record["doc"]] = record
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise PipelineError(f"{path}:{number}: not a gold record ({exc})") from exc
    return gold


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if inter > 0 and union > 0 else 0.0


def match_quotes(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of predicted to gold quotes by overlap/union ≥ 0.5, best first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            score = _overlap((g["start"], g["end"]), (p["start"], p["end"]))
            if score >= MIN_OVERLAP:
                candidates.append((score, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


_Counts = list[int]  # [tp, fp, fn]
_Errors = dict[str, list[dict[str, Any]]] | None


def _count(counts: _Counts, gold: set[Any], predicted: set[Any]) -> None:
    counts[0] += len(gold & predicted)
    counts[1] += len(predicted - gold)
    counts[2] += len(gold - predicted)


def _score_entities(
    doc: str,
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    counts: dict[str, _Counts],
    errors: _Errors,
) -> None:
    """Entity mentions: exact span and label."""
    gold_ents = {(e["start"], e["end"], e["label"]) for e in gold}
    pred_ents = {(e["start"], e["end"], e["label"]) for e in predicted if e["label"] in ENTITY_LABELS}
    for label in ENTITY_LABELS:
        _count(counts[label], {e for e in gold_ents if e[2] == label}, {e for e in pred_ents if e[2] == label})
    if errors is not None:
        for kind, items in (("entity_fp", pred_ents - gold_ents), ("entity_fn", gold_ents - pred_ents)):
            errors[kind] += [{"doc": doc, "start": s, "end": e, "label": lab} for s, e, lab in sorted(items)]


def _score_ids(
    doc: str,
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    counts: _Counts,
    errors: _Errors,
) -> None:
    """Entity ids: the set of (label, id) per document, for PERSON and COUNTRY."""
    gold_ids = {(e["label"], e["entity_id"]) for e in gold if e["label"] in ID_LABELS}
    pred_ids = {(e["label"], e["entity_id"]) for e in predicted if e["label"] in ID_LABELS}
    _count(counts, gold_ids, pred_ids)
    if errors is not None:
        errors["id_fp"] += [{"doc": doc, "id": i} for i in sorted(pred_ids - gold_ids)]
        errors["id_fn"] += [{"doc": doc, "id": i} for i in sorted(gold_ids - pred_ids)]


def score(
    gold: Mapping[str, Mapping[str, Any]],
    entities: Iterable[Mapping[str, Any]],
    quotes: Iterable[Mapping[str, Any]],
    sentences: Iterable[Mapping[str, Any]],
    *,
    target_speaker: str = "Jens Stoltenberg",
    target_speakers: Sequence[str] = (),
    keep_errors: bool = False,
) -> Scores:
    """Score predicted rows (dicts with the output columns) against gold, on the gold's documents.

    A gold layer that is ``null`` or absent («quotes»: null) was not annotated: that document is left out
    of the layer's figures (an empty list means "annotated, none there"). An entity whose ``entity_id`` is
    ``null`` leaves its document out of the entity-id figures only (its mentions are still scored); a set
    with no ids at all has no id figures.

    Args:
        target_speaker: the speaker of the «Stoltenberg quotes» figure (FORMAT.md).
        target_speakers: the run's target speakers (its manifest); when given, the quotes flagged
            ``is_target`` are scored against the gold quotes said by one of them (alone or jointly).
    """
    by_doc: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for kind, rows in (("entities", entities), ("quotes", quotes), ("sentences", sentences)):
        for row in rows:
            if row["doc_id"] in gold:
                by_doc[row["doc_id"]][kind].append(row)

    ent_counts = {label: [0, 0, 0] for label in ENTITY_LABELS}
    id_counts = [0, 0, 0]
    quote_counts = [0, 0, 0]
    stolt_counts = [0, 0, 0]
    target_counts = [0, 0, 0]
    sent_counts = [0, 0, 0]
    attributed = correct = 0
    errors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    kept: _Errors = errors if keep_errors else None
    scored = dict.fromkeys(("entities", "entity_ids", "quotes", "sentences"), 0)

    for doc, g in gold.items():
        pred = by_doc[doc]
        gold_entities = g.get("entities")
        if gold_entities is not None:
            scored["entities"] += 1
            _score_entities(doc, gold_entities, pred["entities"], ent_counts, kept)
            if all(e.get("entity_id") is not None for e in gold_entities):
                scored["entity_ids"] += 1
                _score_ids(doc, gold_entities, pred["entities"], id_counts, kept)
        gq = g.get("quotes")
        if gq is not None:
            scored["quotes"] += 1
            gq = list(gq)
            pq = list(pred["quotes"])
            pairs = match_quotes(gq, pq)
            quote_counts[0] += len(pairs)
            quote_counts[1] += len(pq) - len(pairs)
            quote_counts[2] += len(gq) - len(pairs)
            for gi, pi in pairs:
                attributed += 1
                if gq[gi]["speaker"] == pq[pi]["speaker"]:
                    correct += 1
                elif keep_errors:
                    errors["speaker"].append({"doc": doc, "gold": gq[gi], "pred": dict(pq[pi])})
            if keep_errors:
                matched_g = {gi for gi, _ in pairs}
                matched_p = {pi for _, pi in pairs}
                errors["quote_fn"] += [{"doc": doc, **q} for i, q in enumerate(gq) if i not in matched_g]
                errors["quote_fp"] += [{"doc": doc, **dict(q)} for i, q in enumerate(pq) if i not in matched_p]
            gs = [q for q in gq if q["speaker"] == target_speaker]
            ps = [q for q in pq if q["speaker"] == target_speaker]
            spairs = match_quotes(gs, ps)
            stolt_counts[0] += len(spairs)
            stolt_counts[1] += len(ps) - len(spairs)
            stolt_counts[2] += len(gs) - len(spairs)
            if target_speakers:
                gt = [q for q in gq if is_target(q["speaker"], target_speakers)]
                pt = [q for q in pq if q.get("is_target")]
                tpairs = match_quotes(gt, pt)
                target_counts[0] += len(tpairs)
                target_counts[1] += len(pt) - len(tpairs)
                target_counts[2] += len(gt) - len(tpairs)
        # Sentence ends, for documents whose gold has sentences.
        if g.get("sentences") is not None:
            scored["sentences"] += 1
            _count(sent_counts, {end for _, end in g["sentences"]}, {s["end"] for s in pred["sentences"]})

    if not any(e.get("entity_id") is not None for g in gold.values() for e in g.get("entities") or ()):
        # A set annotated without ids (its documents without entities included) has no id figures.
        scored["entity_ids"] = 0
        id_counts = [0, 0, 0]
        for kind in ("id_fp", "id_fn"):
            errors.pop(kind, None)
    by_label = {label: PRF(*counts) for label, counts in ent_counts.items()}
    total = PRF(*(sum(c[i] for c in ent_counts.values()) for i in range(3)))
    return Scores(
        entities=total,
        entities_by_label=by_label,
        entity_ids=PRF(*id_counts),
        quotes=PRF(*quote_counts),
        attribution_accuracy=correct / attributed if attributed else 0.0,
        attribution_total=attributed,
        stoltenberg=PRF(*stolt_counts),
        sentences=PRF(*sent_counts),
        n_documents=len(gold),
        scored=scored,
        errors=dict(errors),
        targets=PRF(*target_counts) if target_speakers else None,
        target_speakers=tuple(target_speakers),
    )


def run_targets(out: Path) -> tuple[str, ...]:
    """The target speakers a finished run flagged, from its ``manifest.json`` (empty if it says none)."""
    try:
        manifest = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return ()
    targets = manifest.get("settings", {}).get("target_speakers") or ()
    return tuple(str(t) for t in targets)
