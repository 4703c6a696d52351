"""Small pipeline output folders for the analysts' tests: one built by hand, one by the CLI on 3 corpus docs.

Not a test module: the test files import it and wrap its builders in session fixtures; a builder reuses a
folder it already built in the same pytest session.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import StagedTable, table_metadata, write_json
from pipeline.schema import Document, Entity, Issue, Quote, Sentence, conform, to_arrow

REPO = Path(__file__).resolve().parent.parent
#: Three short corpus documents with Stoltenberg quotes, countries and dates (2015, 2018, 2023).
CORPUS_DOCS = (
    "000_319c6ed45504dc95.txt",
    "001_nato_news_124653_cna_attentats_paris.txt",
    "021_newspress_otan_soutien_georgie_2018.txt",
)
RUN_ID = "hand-built"

# Two documents written so that every join and filter has something to find.
TEXT_A = (
    "Jens Stoltenberg a déclaré : « L'Ukraine a le droit de se défendre ; nous la soutiendrons. »\n"
    "La France soutient l'OTAN."
)
TEXT_B = (
    "Le président Emmanuel Macron a affirmé que la Russie devait cesser la guerre. "
    "« Nous sommes unis <et> déterminés », a dit Jens Stoltenberg."
)


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _sentences(doc_id: str, text: str, parts: list[str]) -> list[Sentence]:
    sentences, position = [], 0
    for i, part in enumerate(parts):
        start, end = _span(text, part, position)
        sentences.append(Sentence(doc_id, i, start, end, part))
        position = end
    return sentences


def _entity(doc_id: str, text: str, sent_id: int, part: str, label: str, entity_id: str, after: int = 0) -> Entity:
    start, end = _span(text, part, after)
    return Entity(doc_id, sent_id, start, end, part, label, entity_id)


def _quote(
    doc_id: str,
    text: str,
    quote_id: int,
    content: str,
    kind: str,
    speaker: str,
    speaker_part: str,
    cue: str,
    sents: tuple[int, int],
    target: bool,
) -> Quote:
    start, end = _span(text, content)
    speaker_start, speaker_end = _span(text, speaker_part)
    cue_start, cue_end = _span(text, cue)
    return Quote(
        doc_id,
        quote_id,
        start,
        end,
        content,
        kind,
        speaker,
        speaker_part,
        speaker_start,
        speaker_end,
        cue,
        cue_start,
        cue_end,
        sents[0],
        sents[1],
        speaker == "Jens Stoltenberg",
        target,
    )


def hand_records() -> dict[str, list[object]]:
    """Records of every table for two small documents and a failed one."""
    a, b = "a.txt", "b.txt"
    sentences = _sentences(a, TEXT_A, [TEXT_A.split("\n")[0], "La France soutient l'OTAN."])
    sentences += _sentences(b, TEXT_B, [TEXT_B[: TEXT_B.index(" « ")], TEXT_B[TEXT_B.index("« ") :]])
    entities = [
        _entity(a, TEXT_A, 0, "Jens Stoltenberg", "PERSON", "Jens Stoltenberg"),
        _entity(a, TEXT_A, 0, "Ukraine", "COUNTRY", "UKR"),
        _entity(a, TEXT_A, 1, "France", "COUNTRY", "FRA"),
        _entity(a, TEXT_A, 1, "OTAN", "ORG", "OTAN"),
        _entity(b, TEXT_B, 0, "Emmanuel Macron", "PERSON", "Emmanuel Macron"),
        _entity(b, TEXT_B, 0, "Russie", "COUNTRY", "RUS"),
        _entity(b, TEXT_B, 1, "Jens Stoltenberg", "PERSON", "Jens Stoltenberg"),
    ]
    quotes = [
        _quote(
            a,
            TEXT_A,
            0,
            "L'Ukraine a le droit de se défendre ; nous la soutiendrons.",
            "direct",
            "Jens Stoltenberg",
            "Jens Stoltenberg",
            "a déclaré",
            (0, 0),
            True,
        ),
        _quote(
            b,
            TEXT_B,
            0,
            "la Russie devait cesser la guerre",
            "indirect",
            "Emmanuel Macron",
            "Emmanuel Macron",
            "a affirmé",
            (0, 0),
            False,
        ),
        _quote(
            b,
            TEXT_B,
            1,
            "Nous sommes unis <et> déterminés",
            "direct",
            "Jens Stoltenberg",
            "Jens Stoltenberg",
            "a dit",
            (1, 1),
            True,
        ),
    ]
    issues = [Issue(b, "quotes", "nested_quote", 80, "a quote mark inside a quote")]
    documents = [
        Document(
            a,
            f"/corpus/{a}",
            "0" * 64,
            200,
            len(TEXT_A),
            "utf-8",
            "ok",
            None,
            "Stoltenberg et l'Ukraine",
            dt.date(2019, 3, 10),
            "day",
            "2019-03-10",
            "OTAN/NATO",
            "https://www.nato.int/a",
            "press_release",
            2,
            4,
            1,
            0,
        ),
        Document(
            b,
            f"/corpus/{b}",
            "1" * 64,
            150,
            len(TEXT_B),
            "utf-8",
            "ok",
            None,
            "Unis ; déterminés",
            dt.date(2022, 2, 24),
            "day",
            "2022-02-24",
            "Élysée",
            "note; with a semicolon",
            "transcript",
            2,
            3,
            2,
            1,
        ),
        Document("c.txt", "/corpus/c.txt", "2" * 64, 10, 0, None, "failed", "not valid UTF-8 at byte 3"),
    ]
    return {"documents": documents, "sentences": sentences, "entities": entities, "quotes": quotes, "issues": issues}


def to_frame(name: str, records: Iterable[Any]) -> pd.DataFrame:
    """Records of table ``name`` as the typed DataFrame the loaders give."""
    return conform(name, to_arrow(name, records).to_pandas())


def write_table(
    name: str,
    records: Iterable[Any] | pa.Table,
    folder: Path,
    *,
    metadata: Mapping[str, str],
    csv_dialect: str = "default",
) -> int:
    """Write table ``name`` as ``name.parquet`` and ``name.csv`` in ``folder`` with the export's own writer."""
    table = records if isinstance(records, pa.Table) else to_arrow(name, records)
    staged = StagedTable(name, folder, metadata=metadata, csv_dialect=csv_dialect)
    if table.num_rows:
        staged.write(table)
    rows = staged.close()
    staged.publish()
    return rows


def write_output(
    folder: Path, records: dict[str, list[object]], *, csv_dialect: str = "default", run_id: str = RUN_ID
) -> Path:
    """Write ``records`` as a pipeline output folder (Parquet, CSV, manifest), as ``export`` does."""
    provenance = {
        "run_id": run_id,
        "pipeline_version": "test",
        "model": "none",
        "settings": {"target_speakers": ["Jens Stoltenberg"], "csv_dialect": csv_dialect},
    }
    metadata = table_metadata(provenance)
    rows = {
        name: write_table(name, table, folder, metadata=metadata, csv_dialect=csv_dialect)
        for name, table in records.items()
    }
    write_json({**provenance, "rows": rows}, folder / "manifest.json")
    return folder


def hand_output(base: Path) -> Path:
    """The hand-built output under ``base`` (built once)."""
    folder = base / "hand-output"
    if not (folder / "manifest.json").exists():
        write_output(folder, hand_records())
    return folder


def corpus_output(base: Path) -> Path:
    """The CLI's output over ``CORPUS_DOCS`` under ``base`` (built once; needs the model)."""
    folder = base / "corpus-output"
    if (folder / "manifest.json").exists():
        return folder
    corpus = base / "corpus-small"
    corpus.mkdir(parents=True, exist_ok=True)
    for name in CORPUS_DOCS:
        shutil.copy(REPO / "corpus" / name, corpus / name)
    lines = (REPO / "corpus" / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if line.split("\t", 1)[0] in CORPUS_DOCS]
    (corpus / "metadata.tsv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--quiet", "run", str(corpus), "--out", str(folder), "--workers", "1"])
    if result.exit_code != 0:
        raise RuntimeError(f"pipeline run failed ({result.exit_code}): {result.output}")
    return folder
