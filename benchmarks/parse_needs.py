"""How much of a corpus the rules need parsed: by document (what ``parse = "needed"`` skips) and by sentence.

Usage: ``python benchmarks/parse_needs.py FOLDER [FOLDER ...]`` (folders of ``.txt`` files).

For each folder it parses every document in full and prints, as shares of the sentences and of the tokens:

- each construction that starts a quote candidate, sentence by sentence: quotation marks around or in the
  sentence, a word that can be a speech verb (:meth:`pipeline.parse_needs.ParseNeeds.speech_form`), a
  frame naming a source («selon», «d'après», an opening «Pour», «Comme», «Ainsi que»), a colon;
- the sentences whose subjects can carry salience for pronouns and uncued quotes: those naming a person,
  an organisation or a country (entity records);
- their union (what a parse limited to sentences would have to cover), and the documents in which no quote
  can occur (what ``parse = "needed"`` leaves unparsed).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from pipeline.analysis import Resources, analyse
from pipeline.config import Settings
from pipeline.ingest import iter_corpus
from pipeline.nlp import annotate, parse_needs_of
from pipeline.quotes.marks import pair_marks

_SOURCE = re.compile(r"\b(?:[Ss]elon|[Dd]['’]après)\b|^\s*(?:Pour|Comme|Ainsi que)\b")
CRITERIA = ("marks", "speech verb", "source frame", "colon", "quote cue (any)", "salience", "cue or salience")


def shares(folder: Path) -> tuple[Counter[str], Counter[str], int, int]:
    """Sentence and token counts per criterion, the documents, and those no quote can occur in."""
    settings = Settings(parse="full")
    resources = Resources(settings)
    needs = parse_needs_of(Resources(Settings(parse="needed")).nlp)
    assert needs is not None
    sources = [s for s in iter_corpus(folder, metadata_file="metadata.tsv", max_file_bytes=20_000_000) if s.text]
    sentences: Counter[str] = Counter()
    tokens: Counter[str] = Counter()
    unparsed = 0
    items = [(i, source.text or "") for i, source in enumerate(sources)]
    for i, doc in annotate(resources.nlp, items, max_chunk_chars=settings.max_chunk_chars):
        text = items[i][1]
        unparsed += not needs(text)
        analysis = analyse(doc, sources[i].document, text, resources=resources)
        marks, _ = pair_marks(text)
        named = [(e.start, e.end) for e in analysis.entities if e.label in ("PERSON", "ORG", "COUNTRY")]
        for sentence in doc.sents:
            start, end = sentence.start_char, sentence.end_char
            words = [token.text for token in sentence if token.is_alpha]
            found = {
                "marks": any(m.open_at < end and m.close_end > start for m in marks),
                "speech verb": any(needs.speech_form(word) for word in words),
                "source frame": bool(_SOURCE.search(text[start:end])),
                "colon": ":" in text[start:end],
                "salience": any(start <= a < end for a, _ in named),
            }
            found["quote cue (any)"] = any(found[c] for c in ("marks", "speech verb", "source frame", "colon"))
            found["cue or salience"] = found["quote cue (any)"] or found["salience"]
            sentences["all"] += 1
            tokens["all"] += len(sentence)
            for criterion, hit in found.items():
                sentences[criterion] += hit
                tokens[criterion] += len(sentence) * hit
    return sentences, tokens, len(sources), unparsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    print("| corpus | documents (no quote possible) | " + " | ".join(CRITERIA) + " |")
    print("|---|---|" + "---|" * len(CRITERIA))
    for folder in args.folders:
        sentences, tokens, documents, unparsed = shares(folder)
        cells = [f"{sentences[c] / sentences['all']:.0%} / {tokens[c] / tokens['all']:.0%}" for c in CRITERIA]
        print(f"| {folder.name} | {documents} ({unparsed}) | " + " | ".join(cells) + " |")
    print("\ncells: share of the sentences / share of the tokens")


if __name__ == "__main__":
    main()
