"""A finished run's output folder as typed DataFrames, with the joins analysts reach for.

``load_outputs("outputs")`` reads every table from its Parquet file, checks that the folder is a pipeline
output of the schema version this code reads, and casts each column to its pandas dtype (see
``docs/DATA_DICTIONARY.md``). The ``Outputs`` methods join tables: quotes with their documents, the
entities inside each quote, each quote's sentence context, entity co-occurrences.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .countries import country_code, country_name
from .errors import OutputError
from .export import published_folder
from .schema import SCHEMA_VERSION, TABLES, check_frame, conform

#: Document columns joined onto quotes and entities by the ``*_with_documents`` helpers.
DOCUMENT_COLUMNS = ("title", "date", "publisher", "doc_kind", "source")
#: Entity labels that name a country (a nationality adjective carries its country's code when resolved).
COUNTRY_LABELS = ("COUNTRY", "NATIONALITY")

DateLike = str | dt.date | pd.Timestamp


@dataclass(frozen=True, repr=False)
class Outputs:
    """The tables of one pipeline run, typed as in the data dictionary."""

    folder: Path
    documents: pd.DataFrame
    sentences: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    issues: pd.DataFrame
    #: Provenance of the run (run id, versions, settings), from the Parquet metadata.
    provenance: dict[str, Any] = field(default_factory=dict)
    #: The run's ``manifest.json`` (empty if the folder has none).
    manifest: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        rows = ", ".join(f"{len(frame)} {name}" for name, frame in self.tables.items())
        return f"Outputs({str(self.folder)!r}: {rows}; run {self.provenance.get('run_id')})"

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name."""
        return {name: getattr(self, name) for name in TABLES}

    @property
    def target_speakers(self) -> list[str]:
        """The speakers the run flagged in ``quotes.is_target``."""
        speakers = self.provenance.get("settings", {}).get("target_speakers") or ["Jens Stoltenberg"]
        return [str(s) for s in speakers]

    def check(self) -> list[str]:
        """Schema problems of every table, plus rows whose ``doc_id`` is not a document."""
        problems = [p for name, frame in self.tables.items() for p in check_frame(name, frame)]
        known = set(self.documents["doc_id"].dropna())
        for name, frame in self.tables.items():
            if name != "documents":
                orphans = sorted(set(frame["doc_id"].dropna()) - known)
                if orphans:
                    problems.append(f"{name}: doc_id not in documents: {orphans[:5]}")
        return problems

    # --- joins -----------------------------------------------------------------------------------

    def _with_documents(self, frame: pd.DataFrame) -> pd.DataFrame:
        metadata = self.documents[["doc_id", *DOCUMENT_COLUMNS]]
        return frame.merge(metadata, on="doc_id", how="left", validate="many_to_one")

    def quotes_with_documents(self) -> pd.DataFrame:
        """Quotes with their document's title, date, publisher, kind and source."""
        return self._with_documents(self.quotes)

    def entities_with_documents(self) -> pd.DataFrame:
        """Entity mentions with their document's title, date, publisher, kind and source."""
        return self._with_documents(self.entities)

    def quote_entities(self, *, scope: Literal["content", "sentences"] = "content") -> pd.DataFrame:
        """One row per (quote, entity mention): the mentions inside each quote.

        Args:
            scope: ``content`` counts mentions inside the quoted text; ``sentences`` counts mentions
                anywhere in the sentences the quote touches (its cue and speaker included).

        Returns:
            ``doc_id``, ``quote_id``, then the entity's ``sent_id``, ``entity_start``, ``entity_end``,
            ``entity_text``, ``label`` and ``entity_id``.
        """
        quotes = self.quotes[["doc_id", "quote_id", "start", "end", "sent_start", "sent_end"]]
        entities = self.entities.rename(columns={"start": "entity_start", "end": "entity_end", "text": "entity_text"})
        pairs = quotes.merge(entities, on="doc_id", how="inner")
        if scope == "content":
            inside = (pairs["entity_start"] >= pairs["start"]) & (pairs["entity_end"] <= pairs["end"])
        else:
            inside = (pairs["sent_id"] >= pairs["sent_start"]) & (pairs["sent_id"] <= pairs["sent_end"])
        columns = ["doc_id", "quote_id", "sent_id", "entity_start", "entity_end", "entity_text", "label", "entity_id"]
        return pairs.loc[inside.fillna(False).astype(bool), columns].reset_index(drop=True)

    def quote_contexts(self, *, extra_sentences: int = 0) -> pd.DataFrame:
        """Each quote's sentences as one context string, with its quote, cue and speaker spans in it.

        The context runs from the first to the last sentence touched by the quote, and by its cue and
        speaker when they lie at most ``MAX_CONTEXT_GAP`` sentences away, widened by ``extra_sentences``
        on each side; sentences are joined with one space.

        Returns:
            ``doc_id``, ``quote_id``, ``context`` and, as offsets into ``context`` (null when the part
            is missing or outside it), ``quote_start``, ``quote_end``, ``cue_start``, ``cue_end``,
            ``speaker_start``, ``speaker_end``.
        """
        by_doc = {doc_id: group.sort_values("start") for doc_id, group in self.sentences.groupby("doc_id")}
        rows = []
        for quote in self.quotes.itertuples(index=False):
            sentences = by_doc.get(str(quote.doc_id))
            rows.append(_context_row(quote, sentences, extra_sentences))
        frame = pd.DataFrame(rows, columns=_CONTEXT_COLUMNS)
        frame = frame.astype({c: "Int64" for c in _CONTEXT_COLUMNS if c not in ("doc_id", "context")})
        return frame.astype({"doc_id": "string", "context": "string"})

    # --- questions -------------------------------------------------------------------------------

    def find_quotes(
        self,
        *,
        speaker: str | None = None,
        country: str | None = None,
        entity: str | None = None,
        text: str | None = None,
        kind: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        target: bool | None = None,
        stoltenberg: bool | None = None,
        scope: Literal["content", "sentences"] = "content",
    ) -> pd.DataFrame:
        """Quotes with their document metadata, filtered; every filter is optional and they combine.

        Args:
            speaker: case-insensitive part of the speaker (``"stoltenberg"`` matches ``Jens Stoltenberg``).
            country: a country mentioned in the quote: ISO alpha-3 or alpha-2 code, or French or English name.
            entity: an entity id mentioned in the quote (exact, e.g. ``"OTAN"``, ``"Vladimir Poutine"``).
            text: case-insensitive part of the quoted text.
            kind: ``direct``, ``indirect`` or ``turn``.
            since, until: document date bounds, inclusive (``"2019"``, ``"2022-02-24"``, a date).
            target: keep only quotes of the run's target speakers (True) or of anyone else (False).
            stoltenberg: keep only quotes said by Jens Stoltenberg (True) or by anyone else (False).
            scope: where ``country`` and ``entity`` must be mentioned (see ``quote_entities``).
        """
        quotes = self.quotes_with_documents()
        keep = pd.Series(True, index=quotes.index)
        if speaker is not None:
            keep &= quotes["speaker"].str.contains(speaker, case=False, regex=False).fillna(False)
        if text is not None:
            keep &= quotes["text"].str.contains(text, case=False, regex=False).fillna(False)
        if kind is not None:
            keep &= quotes["kind"] == kind
        if target is not None:
            keep &= quotes["is_target"].fillna(False) == target
        if stoltenberg is not None:
            keep &= quotes["is_stoltenberg"].fillna(False) == stoltenberg
        if since is not None:
            keep &= (quotes["date"] >= _timestamp(since)).fillna(False)
        if until is not None:
            keep &= (quotes["date"] <= _timestamp(until, end=True)).fillna(False)
        if country is not None or entity is not None:
            mentions = self.quote_entities(scope=scope)
            if country is not None:
                code = country_code(country)
                if code is None:
                    raise ValueError(f"unknown country {country!r}: give an ISO code or a French or English name")
                mentions = mentions[mentions["label"].isin(COUNTRY_LABELS) & (mentions["entity_id"] == code)]
            if entity is not None:
                mentions = mentions[mentions["entity_id"] == entity]
            hits = set(zip(mentions["doc_id"], mentions["quote_id"], strict=True))
            keep &= pd.Series(
                [key in hits for key in zip(quotes["doc_id"], quotes["quote_id"], strict=True)],
                index=quotes.index,
                dtype=bool,
            )
        return quotes[keep.astype(bool)].reset_index(drop=True)

    def target_quotes(self, country: str | None = None, **filters: Any) -> pd.DataFrame:
        """Quotes of the run's target speakers (Jens Stoltenberg by default), optionally about ``country``."""
        return self.find_quotes(target=True, country=country, **filters)

    def stoltenberg_quotes(self, country: str | None = None, **filters: Any) -> pd.DataFrame:
        """Quotes said by Jens Stoltenberg (whatever the run's targets), optionally about ``country``."""
        return self.find_quotes(stoltenberg=True, country=country, **filters)

    def entity_counts(self, label: str | None = None) -> pd.DataFrame:
        """Mentions and documents per entity, most mentioned first, with a display ``name``.

        Returns:
            ``entity_id``, ``label``, ``name`` (a country's French name, else the id), ``mentions``, ``documents``.
        """
        entities = self.entities if label is None else self.entities[self.entities["label"] == label]
        if entities.empty:
            return pd.DataFrame(
                {
                    "entity_id": pd.Series(dtype="string"),
                    "label": pd.Series(dtype="category"),
                    "name": pd.Series(dtype="string"),
                    "mentions": pd.Series(dtype="Int64"),
                    "documents": pd.Series(dtype="Int64"),
                }
            )
        counts = (
            entities.groupby(["entity_id", "label"], observed=True)
            .agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
            .reset_index()
        )
        counts["name"] = [entity_name(e, str(lab)) for e, lab in zip(counts["entity_id"], counts["label"], strict=True)]
        counts = counts.sort_values(["mentions", "documents", "entity_id"], ascending=[False, False, True])
        counts = counts.astype({"name": "string", "mentions": "Int64", "documents": "Int64"})
        return counts[["entity_id", "label", "name", "mentions", "documents"]].reset_index(drop=True)

    def cooccurrences(self, *, unit: Literal["sentence", "document"] = "sentence") -> pd.DataFrame:
        """Pairs of distinct entities mentioned in the same sentence (or document), with how often.

        Returns:
            ``source``, ``target`` (entity ids, ``source < target``) and ``count`` (sentences or
            documents holding both), most frequent first.
        """
        keys = ["doc_id", "sent_id"] if unit == "sentence" else ["doc_id"]
        mentions = self.entities[[*keys, "entity_id"]].drop_duplicates()
        pairs = mentions.merge(mentions, on=keys, suffixes=("_a", "_b"))
        pairs = pairs[pairs["entity_id_a"] < pairs["entity_id_b"]]
        counts = pairs.groupby(["entity_id_a", "entity_id_b"]).size().reset_index(name="count")
        counts = counts.rename(columns={"entity_id_a": "source", "entity_id_b": "target"})
        counts = counts.sort_values(["count", "source", "target"], ascending=[False, True, True])
        return counts.astype({"count": "Int64"}).reset_index(drop=True)

    def summary(self) -> dict[str, Any]:
        """Corpus figures at a glance: documents by status, rows per table, date range, target quotes."""
        dates = self.documents["date"].dropna()
        return {
            "documents": len(self.documents),
            "status": {str(k): int(v) for k, v in self.documents["status"].value_counts(sort=False).items() if v},
            **{name: len(frame) for name, frame in self.tables.items() if name != "documents"},
            "target_quotes": int(self.quotes["is_target"].fillna(False).sum()),
            "speakers": int(self.quotes["speaker"].nunique()),
            "first_date": dates.min().date() if len(dates) else None,
            "last_date": dates.max().date() if len(dates) else None,
            "undated_documents": int(self.documents["date"].isna().sum()),
        }


#: How many sentences away from its quote a cue or speaker may be and still be shown in the quote's context.
MAX_CONTEXT_GAP = 2

_CONTEXT_COLUMNS = [
    "doc_id",
    "quote_id",
    "context",
    "quote_start",
    "quote_end",
    "cue_start",
    "cue_end",
    "speaker_start",
    "speaker_end",
]


def _present(value: Any) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and value != value)


def _context_row(quote: Any, sentences: pd.DataFrame | None, extra: int) -> list[Any]:
    """One row of ``quote_contexts``: the context text and the quote's parts mapped into it."""
    spans = {
        "quote": (quote.start, quote.end),
        "cue": (quote.cue_start, quote.cue_end),
        "speaker": (quote.speaker_start, quote.speaker_end),
    }
    spans = {part: (int(s), int(e)) for part, (s, e) in spans.items() if _present(s) and _present(e)}
    if sentences is None or sentences.empty:
        return [quote.doc_id, quote.quote_id, quote.text, 0, len(quote.text), None, None, None, None]
    starts = sentences["start"].to_numpy(dtype="int64")
    ends = sentences["end"].to_numpy(dtype="int64")
    texts = sentences["text"].tolist()

    def touched(span: tuple[int, int]) -> list[int]:
        s, e = span
        return [i for i in range(len(starts)) if starts[i] < max(e, s + 1) and ends[i] > s]

    # The quote's sentences, then those of its cue and speaker when they are near (a speaker named
    # paragraphs earlier would turn the context into half the document), widened by `extra`.
    quote_sentences = touched(spans["quote"]) or [0]
    first, last = min(quote_sentences), max(quote_sentences)
    for part in ("cue", "speaker"):
        near = (
            [i for i in touched(spans[part]) if first - MAX_CONTEXT_GAP <= i <= last + MAX_CONTEXT_GAP]
            if part in spans
            else []
        )
        first, last = min([first, *near]), max([last, *near])
    first, last = max(0, first - extra), min(len(starts) - 1, last + extra)
    pieces: list[str] = []
    bases: list[int] = []
    position = 0
    for i in range(first, last + 1):
        bases.append(position)
        pieces.append(texts[i])
        position += len(texts[i]) + 1

    def to_context(offset: int) -> int:
        for j, i in enumerate(range(first, last + 1)):
            if offset <= ends[i]:
                return bases[j] + max(0, offset - int(starts[i]))
        return position - 1

    mapped: dict[str, tuple[int | None, int | None]] = {}
    for part in ("quote", "cue", "speaker"):
        if part in spans and spans[part][1] > starts[first] and spans[part][0] < ends[last]:
            mapped[part] = (to_context(spans[part][0]), to_context(spans[part][1]))
        else:
            mapped[part] = (None, None)
    return [quote.doc_id, quote.quote_id, " ".join(pieces), *mapped["quote"], *mapped["cue"], *mapped["speaker"]]


def quote_parts(context: Mapping[Any, Any]) -> list[tuple[int, int, str]]:
    """The ``speaker``, ``cue`` and ``quote`` spans of a ``quote_contexts`` row, in text order, none overlapping.

    A part that overlaps one already kept (in the order speaker, cue, quote) is dropped, so that the
    parts can be marked up (HTML, displaCy) without nesting.
    """
    parts: list[tuple[int, int, str]] = []
    for part in ("speaker", "cue", "quote"):
        first, last = context.get(f"{part}_start"), context.get(f"{part}_end")
        if not (_present(first) and _present(last)):
            continue
        start, end = int(cast(int, first)), int(cast(int, last))
        if start < end and all(end <= s or start >= e for s, e, _ in parts):
            parts.append((start, end, part))
    return sorted(parts)


def _timestamp(value: DateLike, *, end: bool = False) -> pd.Timestamp:
    """A date bound; a year or month given as text covers the whole period (``until="2019"`` → 2019-12-31)."""
    if isinstance(value, str):
        period = pd.Period(value)
        return period.end_time.floor("D") if end else period.start_time
    return pd.Timestamp(value)


def entity_name(entity_id: str, label: str) -> str:
    """How to show an entity: a country's French name, otherwise its id."""
    if label in COUNTRY_LABELS:
        return country_name(entity_id) or entity_id
    return entity_id


# --- loading -------------------------------------------------------------------------------------


def _read_table(folder: Path, name: str) -> tuple[pd.DataFrame, dict[bytes, bytes]]:
    path = folder / f"{name}.parquet"
    if not path.exists():
        raise OutputError(
            f"{folder} lacks {path.name}: not a complete pipeline output (run `pipeline run` or "
            f"`pipeline export` into it)"
        )
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise OutputError(f"cannot read {path}: {exc}") from exc
    return table.to_pandas(), dict(table.schema.metadata or {})


def load_outputs(folder: str | Path = "outputs", *, check: bool = True) -> Outputs:
    """Read a run's output folder (its Parquet files) as typed DataFrames.

    Args:
        folder: the folder a run or ``export`` wrote.
        check: also run the schema check (columns, nulls, categories, keys, spans) on every table.

    Raises:
        OutputError: the folder is missing, is not a pipeline output, was written with another schema
            version, or a table fails the schema check.
    """
    given = Path(folder)
    if not given.is_dir():
        raise OutputError(f"{given} is not a folder: give the output folder of a pipeline run")
    # The published run, resolved once: a run published while this reads does not mix into it.
    folder = published_folder(given)
    if not any((folder / f"{name}.parquet").exists() for name in TABLES):
        raise OutputError(
            f"{folder} is not a pipeline output: it has none of {', '.join(name + '.parquet' for name in TABLES)}"
        )
    frames: dict[str, pd.DataFrame] = {}
    provenance: dict[str, Any] = {}
    run_ids: dict[str, str | None] = {}
    for name in TABLES:
        raw, metadata = _read_table(folder, name)
        version = metadata.get(b"pipeline.schema_version", b"").decode() or None
        if version != SCHEMA_VERSION:
            raise OutputError(
                f"{folder / (name + '.parquet')} was written with schema version {version or 'unknown'}, "
                f"this pipeline reads version {SCHEMA_VERSION}: re-run the pipeline (or `pipeline export`) "
                f"into {folder} with this version"
            )
        provenance = json.loads(metadata.get(b"pipeline.provenance", b"{}").decode() or "{}")
        run_ids[name] = provenance.get("run_id")
        problems = check_frame(name, raw, dtypes=False) if check else []
        if problems:
            raise OutputError(f"{folder / (name + '.parquet')} does not match the schema: " + "; ".join(problems))
        try:
            frames[name] = conform(name, raw)
        except ValueError as exc:
            raise OutputError(f"{folder / (name + '.parquet')}: {exc}") from exc
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    if manifest:
        run_ids["manifest.json"] = manifest.get("run_id")
    if len(set(run_ids.values())) > 1:
        raise OutputError(
            f"the files in {given} come from different runs {run_ids}: re-run `pipeline export` into {given}"
        )
    outputs = Outputs(folder=given, provenance=provenance, manifest=manifest, **frames)
    if check:
        orphans = [p for p in outputs.check() if "doc_id not in documents" in p]
        if orphans:
            raise OutputError(f"{folder}: " + "; ".join(orphans))
    return outputs
