"""The output tables: one record type per table, its typed columns, and Arrow/pandas conversion.

This module is the single definition of the output schema. Parquet schemas, CSV reading, the
data dictionary and the typed loaders are all derived from ``TABLES``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa

#: Bumped whenever a column is added, removed or changes meaning.
SCHEMA_VERSION = "2"

STATUSES = ("ok", "failed", "skipped")
ENTITY_LABELS = ("PERSON", "COUNTRY", "ORG", "NATIONALITY")
QUOTE_KINDS = ("direct", "indirect", "turn")
DATE_PRECISIONS = ("day", "month", "year")
UNKNOWN_SPEAKER = "UNKNOWN"


@dataclass(frozen=True, slots=True)
class Document:
    """One corpus file and what became of it."""

    doc_id: str
    path: str
    sha256: str
    n_bytes: int
    n_chars: int
    encoding: str | None
    status: str
    error: str | None
    title: str | None = None
    date: dt.date | None = None
    date_precision: str | None = None
    date_text: str | None = None
    publisher: str | None = None
    source: str | None = None
    doc_kind: str | None = None
    n_sentences: int = 0
    n_entities: int = 0
    n_quotes: int = 0
    n_issues: int = 0


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == document_text[start:end]``."""

    doc_id: str
    sent_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A PERSON, COUNTRY or ORG mention (or a NATIONALITY adjective) with its stable id."""

    doc_id: str
    sent_id: int
    start: int
    end: int
    text: str
    label: str
    entity_id: str
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A reported statement with its cue and resolved speaker."""

    doc_id: str
    quote_id: int
    start: int
    end: int
    text: str
    kind: str
    speaker: str
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    sent_start: int
    sent_end: int
    is_stoltenberg: bool
    is_target: bool


@dataclass(frozen=True, slots=True)
class Issue:
    """Something odd in the text (or a failure) that did not stop the run."""

    doc_id: str
    stage: str
    code: str
    start: int | None
    message: str


@dataclass(frozen=True)
class Column:
    """One typed, documented column."""

    name: str
    type: pa.DataType
    description: str
    nullable: bool = False
    categories: tuple[str, ...] | None = None
    #: What the column's number counts within a document, when it does: ``"char"`` (an offset into the
    #: text), ``"sentence"`` (a sentence number) or ``"quote"`` (a quote number). A record of one section
    #: of a long document is moved to its place in the whole by adding the section's start to each.
    counts: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """A table: its record type and columns, in order."""

    name: str
    record: type
    columns: tuple[Column, ...]
    description: str
    #: Columns whose values identify a row (unique together); empty when rows have no natural key.
    key: tuple[str, ...] = ()

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type, nullable=c.nullable) for c in self.columns])

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


_CAT = pa.dictionary(pa.int32(), pa.string())
_DOC_ID = Column("doc_id", pa.string(), "file path relative to the corpus folder")
_START = Column("start", pa.int64(), "start offset (Python str index) into the file text", counts="char")
_END = Column("end", pa.int64(), "end offset (exclusive) into the file text", counts="char")

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "documents",
            Document,
            (
                _DOC_ID,
                Column("path", pa.string(), "absolute path of the file when it was read"),
                Column("sha256", pa.string(), "SHA-256 of the file's bytes"),
                Column("n_bytes", pa.int64(), "file size in bytes"),
                Column("n_chars", pa.int64(), "length of the decoded text in characters"),
                Column("encoding", pa.string(), "encoding the text was decoded with", nullable=True),
                Column("status", _CAT, "ok, failed or skipped", categories=STATUSES),
                Column("error", pa.string(), "why the document failed or was skipped", nullable=True),
                Column("title", pa.string(), "first non-empty line of the text", nullable=True),
                Column(
                    "date",
                    pa.date32(),
                    "publication date from the corpus metadata (the first day of a month or year given alone);"
                    " null when none is given, or when the value cannot be read (an `issues` row `unreadable_date`"
                    " then says so)",
                    nullable=True,
                ),
                Column(
                    "date_precision",
                    _CAT,
                    "how much of the date the metadata gave: day, or a month or year only (dated its first day)",
                    nullable=True,
                    categories=DATE_PRECISIONS,
                ),
                Column("date_text", pa.string(), "date as given in the corpus metadata", nullable=True),
                Column("publisher", pa.string(), "publisher from the corpus metadata", nullable=True),
                Column("source", pa.string(), "source URL or note from the corpus metadata", nullable=True),
                Column("doc_kind", _CAT, "press_release, transcript, news_article, speech…", nullable=True),
                Column("n_sentences", pa.int64(), "sentences found"),
                Column("n_entities", pa.int64(), "entity mentions found"),
                Column("n_quotes", pa.int64(), "quotes found"),
                Column("n_issues", pa.int64(), "issues raised"),
            ),
            "one row per corpus file, whatever became of it",
            key=("doc_id",),
        ),
        TableSpec(
            "sentences",
            Sentence,
            (
                _DOC_ID,
                Column("sent_id", pa.int64(), "sentence number within the document, from 0", counts="sentence"),
                _START,
                _END,
                Column("text", pa.string(), "the sentence text"),
            ),
            "sentences of every ok document",
            key=("doc_id", "sent_id"),
        ),
        TableSpec(
            "entities",
            Entity,
            (
                _DOC_ID,
                Column("sent_id", pa.int64(), "sentence holding the mention", counts="sentence"),
                _START,
                _END,
                Column("text", pa.string(), "the mention as written"),
                Column("label", _CAT, "PERSON, COUNTRY, ORG or NATIONALITY", categories=ENTITY_LABELS),
                Column("entity_id", pa.string(), "full name, ISO 3166-1 alpha-3 code or short org name"),
                Column(
                    "wikidata",
                    pa.string(),
                    "Wikidata QID of the organisation (Q7184 for OTAN), where known",
                    nullable=True,
                ),
            ),
            "people, countries and organisations mentioned",
        ),
        TableSpec(
            "quotes",
            Quote,
            (
                _DOC_ID,
                Column("quote_id", pa.int64(), "quote number within the document, from 0", counts="quote"),
                _START,
                _END,
                Column("text", pa.string(), "the quoted content"),
                Column("kind", _CAT, "direct, indirect or turn", categories=QUOTE_KINDS),
                Column("speaker", pa.string(), "entity id of the speaker, a group's text, or UNKNOWN"),
                Column("speaker_text", pa.string(), "the speaker mention the attribution rests on", nullable=True),
                Column("speaker_start", pa.int64(), "start offset of speaker_text", nullable=True, counts="char"),
                Column("speaker_end", pa.int64(), "end offset of speaker_text", nullable=True, counts="char"),
                Column("cue", pa.string(), "speech verb, preposition or speaker label", nullable=True),
                Column("cue_start", pa.int64(), "start offset of the cue", nullable=True, counts="char"),
                Column("cue_end", pa.int64(), "end offset of the cue", nullable=True, counts="char"),
                Column("sent_start", pa.int64(), "first sentence (sent_id) the quote touches", counts="sentence"),
                Column("sent_end", pa.int64(), "last sentence (sent_id) the quote touches", counts="sentence"),
                Column("is_stoltenberg", pa.bool_(), "said by Jens Stoltenberg (alone or jointly)"),
                Column("is_target", pa.bool_(), "said by one of the run's target speakers (--speaker)"),
            ),
            "direct, indirect and transcript-turn quotes",
            key=("doc_id", "quote_id"),
        ),
        TableSpec(
            "issues",
            Issue,
            (
                _DOC_ID,
                Column("stage", _CAT, "stage that raised it"),
                Column("code", _CAT, "machine-readable issue code"),
                Column("start", pa.int64(), "offset the issue refers to", nullable=True, counts="char"),
                Column("message", pa.string(), "human-readable description"),
            ),
            "problems in the text that did not stop the run",
        ),
    )
}


def _check_specs() -> None:
    for spec in TABLES.values():
        fields = [f.name for f in dataclasses.fields(spec.record)]
        if fields != spec.column_names:
            raise AssertionError(f"{spec.name}: record fields {fields} != columns {spec.column_names}")
        if not set(spec.key) <= set(fields):
            raise AssertionError(f"{spec.name}: key {spec.key} names unknown columns")
        for column in spec.columns:
            if column.counts not in (None, "char", "sentence", "quote"):
                raise AssertionError(f"{spec.name}.{column.name}: counts {column.counts!r}")


_check_specs()

#: What a document-level number can count (see :attr:`Column.counts`).
COUNTS = ("char", "sentence", "quote")


def counted_fields(record: type) -> dict[str, str]:
    """The fields of a record type that count characters, sentences or quotes, with what each counts."""
    return _COUNTED[record]


_COUNTED = {spec.record: {c.name: c.counts for c in spec.columns if c.counts} for spec in TABLES.values()}


def to_arrow(name: str, records: Iterable[Any], metadata: dict[str, str] | None = None) -> pa.Table:
    """Records (dataclass instances) of table ``name`` as an Arrow table with the table's schema.

    Raises:
        ValueError: a record holds a value outside its column's categories (a stage emits a label or
            kind the schema does not declare: declare it here, or the CSV and pandas would blank it).
    """
    spec = TABLES[name]
    rows = list(records)
    arrays = []
    for column in spec.columns:
        values = [getattr(r, column.name) for r in rows]
        if column.categories is not None:
            unknown = sorted({v for v in values if v is not None} - set(column.categories))
            if unknown:
                raise ValueError(
                    f"{name}.{column.name}: {unknown} not among the declared categories "
                    f"{list(column.categories)}: add them in pipeline/schema.py"
                )
        if pa.types.is_dictionary(column.type):
            arrays.append(pa.array(values, type=pa.string()).dictionary_encode())
        else:
            arrays.append(pa.array(values, type=column.type))
    table = pa.Table.from_arrays(arrays, schema=spec.arrow_schema)
    if metadata:
        table = table.replace_schema_metadata({k.encode(): v.encode() for k, v in metadata.items()})
    return table


def read_parquet_dtypes(name: str) -> dict[str, Any]:
    """The dtype of each column of table ``name`` as a plain ``pd.read_parquet`` gives it (see ``pandas_metadata``).

    As :func:`pandas_dtypes`, but dates are ``date32[day][pyarrow]`` (pandas' date type: the Parquet
    metadata cannot ask pyarrow for ``datetime64``; ``load_outputs`` converts them).
    """
    dtypes = pandas_dtypes(name)
    for column in TABLES[name].columns:
        if pa.types.is_date(column.type):
            dtypes[column.name] = pd.ArrowDtype(pa.date32())
    return dtypes


def pandas_metadata(name: str) -> bytes:
    """The ``pandas`` entry of table ``name``'s Parquet metadata.

    pyarrow reads it back when pandas opens the file, so that a plain ``pd.read_parquet`` (or
    ``pq.read_table(path).to_pandas()``) gives nullable ``Int64`` offsets, ``boolean`` flags, ``string``
    texts and ``category`` labels rather than float64 and objects, and dates as dates.
    """
    spec = TABLES[name]
    dtypes = read_parquet_dtypes(name)
    frame = pd.DataFrame({c.name: pd.Series([], dtype=dtypes[c.name]) for c in spec.columns})
    metadata = pa.Schema.from_pandas(frame, preserve_index=False).metadata
    return bytes(metadata[b"pandas"])


def file_metadata(name: str, metadata: Mapping[str, str]) -> dict[bytes, bytes]:
    """Key-value metadata of table ``name``'s Parquet file: ``metadata`` (provenance…) and the pandas types."""
    return {b"pandas": pandas_metadata(name), **{k.encode(): v.encode() for k, v in metadata.items()}}


def pandas_dtypes(name: str) -> dict[str, Any]:
    """The pandas dtype of each column of table ``name``."""
    dtypes: dict[str, Any] = {}
    for column in TABLES[name].columns:
        t = column.type
        if pa.types.is_dictionary(t):
            dtypes[column.name] = pd.CategoricalDtype(list(column.categories)) if column.categories else "category"
        elif pa.types.is_integer(t):
            dtypes[column.name] = "Int64"
        elif pa.types.is_boolean(t):
            dtypes[column.name] = "boolean"
        elif pa.types.is_date(t):
            dtypes[column.name] = "datetime64[s]"
        else:
            dtypes[column.name] = "string"
    return dtypes


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Cast a frame read from Parquet or CSV to the table's pandas dtypes, columns in order."""
    spec = TABLES[name]
    missing = [c for c in spec.column_names if c not in frame.columns]
    if missing:
        raise ValueError(f"table {name} lacks columns {missing}")
    frame = frame[spec.column_names].copy()
    for column, dtype in pandas_dtypes(name).items():
        series = frame[column]
        if isinstance(dtype, pd.CategoricalDtype) or dtype == "category":
            series = series.astype("string").astype(dtype)
        elif dtype == "datetime64[s]":
            series = pd.to_datetime(series, errors="coerce").astype("datetime64[s]")
        elif dtype == "boolean" and series.dtype == object:
            series = series.map(lambda v: v if v is None or isinstance(v, bool) else str(v) == "True")
            series = series.astype("boolean")
        else:
            series = series.astype(dtype)
        frame[column] = series
    return frame


# --- schema check -----------------------------------------------------------------------------------

#: Pairs of columns that hold a span: where both are set, the first is at most the second.
SPAN_COLUMNS = (
    ("start", "end"),
    ("speaker_start", "speaker_end"),
    ("cue_start", "cue_end"),
    ("sent_start", "sent_end"),
)


def _dtype_matches(actual: Any, expected: Any) -> bool:
    if expected == "category":
        return isinstance(actual, pd.CategoricalDtype)
    if isinstance(expected, pd.CategoricalDtype):
        return isinstance(actual, pd.CategoricalDtype) and list(actual.categories) == list(expected.categories)
    if expected == "string":
        return isinstance(actual, pd.StringDtype) and actual.na_value is pd.NA
    return bool(actual == expected)


def check_frame(name: str, frame: pd.DataFrame, *, dtypes: bool = True) -> list[str]:
    """What is wrong with ``frame`` as table ``name``: one message per problem, empty when it conforms.

    Checks the columns and their order, the pandas dtypes (unless ``dtypes`` is false, for a frame
    straight from ``pyarrow``), nulls in non-nullable columns, values outside a column's categories,
    duplicate keys and spans whose start lies after their end.
    """
    spec = TABLES[name]
    columns = [str(c) for c in frame.columns]
    if columns != spec.column_names:
        missing = [c for c in spec.column_names if c not in columns]
        extra = [c for c in columns if c not in spec.column_names]
        if missing or extra:
            return [f"{name}: missing columns {missing}, unexpected columns {extra}"]
        return [f"{name}: columns in the wrong order: {columns}"]
    problems: list[str] = []
    expected = pandas_dtypes(name)
    for column in spec.columns:
        series = frame[column.name]
        if dtypes and not _dtype_matches(series.dtype, expected[column.name]):
            problems.append(f"{name}.{column.name}: dtype {series.dtype}, expected {expected[column.name]}")
        n_null = int(series.isna().sum())
        if n_null and not column.nullable:
            problems.append(f"{name}.{column.name}: {n_null} null value(s) in a non-nullable column")
        if column.categories is not None:
            unknown = sorted(set(series.dropna().astype(str)) - set(column.categories))
            if unknown:
                problems.append(f"{name}.{column.name}: values {unknown} are not among {list(column.categories)}")
    if spec.key and len(frame):
        n_dup = int(frame.duplicated(list(spec.key)).sum())
        if n_dup:
            problems.append(f"{name}: {n_dup} duplicate key(s) on {list(spec.key)}")
    for first, last in SPAN_COLUMNS:
        if first in columns and last in columns and len(frame):
            reversed_spans = (frame[first].astype("Float64") > frame[last].astype("Float64")).fillna(False)
            if reversed_spans.any():
                problems.append(f"{name}: {int(reversed_spans.sum())} row(s) with {first} > {last}")
    return problems


# --- data dictionary --------------------------------------------------------------------------------

_ARROW_NAMES = {"string": "string", "int64": "int64", "date32[day]": "date", "bool": "bool"}


def _type_name(column: Column) -> str:
    if pa.types.is_dictionary(column.type):
        return "category"
    return _ARROW_NAMES.get(str(column.type), str(column.type))


def data_dictionary() -> str:
    """The data dictionary of every output table, as Markdown (the text of ``docs/DATA_DICTIONARY.md``)."""
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated from pipeline/schema.py by `python -m pipeline schema > docs/DATA_DICTIONARY.md`;"
        " do not edit by hand. -->",
        "",
        f"Schema version **{SCHEMA_VERSION}**. Every run writes, in its output folder, one `<table>.parquet`"
        " and one `<table>.csv` per table below, and `manifest.json` (provenance, row counts, input hashes, and"
        " the `freshness` stamp: the key of the inputs and the size and SHA-256 of each published file, see"
        " docs/OPERATIONS.md).",
        "Each Parquet file carries the key-value metadata `pipeline.schema_version` and `pipeline.provenance`"
        " (JSON: run id, code, spaCy and model versions, settings).",
        "",
        "Offsets (`start`, `end`, `*_start`, `*_end`) are Python string indices into the document's original"
        " file text, end exclusive: `text == file_text[start:end]`. They count characters, as spaCy's"
        " `Span.start_char`/`Span.end_char` do, not tokens as spaCy's `Span.start`/`Span.end` do."
        " `doc_id` joins every table to `documents`.",
        "",
        "Types: *Parquet/Arrow* as stored, which DuckDB reads as `BIGINT`, `VARCHAR` (strings and categories),"
        " `DATE` and `BOOLEAN`; *pandas* as given by `pipeline.load_outputs` (nullable `Int64`, `boolean` and"
        " `string`, `category`, `datetime64[s]`). Each Parquet file also carries pandas metadata, so that a plain"
        " `pd.read_parquet(path)` gives the same types, dates aside: it gives them as `date32[day][pyarrow]`"
        " (pandas' date type, with `.dt.year` and comparisons with `datetime.date`). In CSV files nulls are empty"
        " cells, dates are `YYYY-MM-DD` and booleans `True`/`False`.",
        "",
        "**`end` in SQL.** The offset columns keep the names `start` and `end` (the shared evaluation tools read"
        " them). `end` is a reserved word in SQL (`SELECT start, end FROM …` is a syntax error): quote it, as in"
        " `SELECT q.start, q.\"end\" FROM 'outputs/quotes.parquet' AS q` (DuckDB, SQLite, PostgreSQL);"
        ' `start` needs no quotes. In pandas, `quotes["end"]`.',
        "",
    ]
    dtypes = {name: pandas_dtypes(name) for name in TABLES}
    for spec in TABLES.values():
        lines += [f"## `{spec.name}`", "", f"{spec.description[0].upper()}{spec.description[1:]}."]
        if spec.key:
            lines += ["", "Key (unique together): " + ", ".join(f"`{k}`" for k in spec.key) + "."]
        lines += ["", "| column | Parquet | pandas | nullable | meaning |", "|---|---|---|---|---|"]
        for column in spec.columns:
            dtype = dtypes[spec.name][column.name]
            pandas_name = "category" if isinstance(dtype, pd.CategoricalDtype) else str(dtype)
            meaning = column.description
            if column.categories:
                meaning += " (one of " + ", ".join(f"`{c}`" for c in column.categories) + ")"
            nullable = "yes" if column.nullable else "no"
            lines.append(f"| `{column.name}` | {_type_name(column)} | {pandas_name} | {nullable} | {meaning} |")
        lines.append("")
    return "\n".join(lines)
