"""One call on one text: ``pipeline.extract(text)`` gives the records the CLI writes for that text.

```python
import pipeline

found = pipeline.extract("Jens Stoltenberg a déclaré : « Nous soutenons l'Ukraine. »", date="15 avril 2022")
found.quotes[0].speaker     # 'Jens Stoltenberg'
found.entities, found.sentences, found.issues
```

A thin wrapper over the per-document unit that every engine runs (:func:`pipeline.analysis.analyse`,
and :func:`~pipeline.analysis.analyse_sections` for a text longer than ``max_chunk_chars``), with the
model loaded once per process and kept: the records are those ``pipeline run`` writes for a file holding
``text`` (the file's text as read, with ``\\n`` line ends), with ``doc_id`` as its document id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import replace

from .analysis import Analysis, Resources, analyse, analyse_sections
from .config import DEFAULT_SPEAKERS, Settings
from .ingest import metadata_issues, read_date
from .nlp import annotate
from .schema import Document

__all__ = ["Analysis", "extract"]


def _document(text: str, doc_id: str, date: dt.date | str | None) -> Document:
    """The ``documents`` row the CLI would make for a file holding ``text`` with ``date`` in its metadata."""
    if isinstance(date, dt.datetime):
        date = date.date()
    day: dt.date | None
    precision: str | None
    date_text: str | None
    if isinstance(date, dt.date):
        day, precision, date_text = date, "day", date.isoformat()
    else:
        read = read_date(date)
        day, precision, date_text = read.date, read.precision, date
    raw = text.encode("utf-8")
    return Document(
        doc_id=doc_id,
        path=doc_id,
        sha256=hashlib.sha256(raw).hexdigest(),
        n_bytes=len(raw),
        n_chars=len(text),
        encoding="utf-8",
        status="ok",
        error=None,
        date=day,
        date_precision=precision,
        date_text=date_text or None,
    )


def extract(
    text: str,
    *,
    date: dt.date | str | None = None,
    target_speakers: Iterable[str] = DEFAULT_SPEAKERS,
    doc_id: str = "text",
    settings: Settings | None = None,
) -> Analysis:
    """Sentences, entities, quotes and issues of one French text, as the records the CLI writes.

    Args:
        text: the text; offsets in the records index it (``record.text == text[record.start:record.end]``).
        date: publication date: a ``datetime.date``, or a metadata value as ``metadata.tsv`` takes it
            (``"2022-04-15"``, ``"15 avril 2022"``, ``"2022-04"``); it dates the titles of speakers. A value
            that cannot be read leaves the text undated and adds an ``unreadable_date`` issue.
        target_speakers: full names whose quotes are flagged ``is_target``.
        doc_id: the ``doc_id`` of every record.
        settings: model, ``max_chunk_chars``… (``Settings()`` by default; its target speakers are replaced).

    Returns:
        An :class:`~pipeline.analysis.Analysis`: lists of ``Sentence``, ``Entity``, ``Quote`` and ``Issue``
        records (``pipeline.schema``).

    Raises:
        PipelineError: the model is not installed, or a setting is invalid.
    """
    settings = replace(settings or Settings(), target_speakers=tuple(target_speakers))
    resources = Resources(settings)
    document = _document(text, doc_id, date)
    if len(text) > settings.max_chunk_chars:
        analysis = analyse_sections(document, text, resources=resources)
    else:
        [(_, doc)] = annotate(resources.nlp, [(doc_id, text)], batch_size=1, max_chunk_chars=settings.max_chunk_chars)
        analysis = analyse(doc, document, text, resources=resources)
    return replace(analysis, issues=[*metadata_issues(document), *analysis.issues])
