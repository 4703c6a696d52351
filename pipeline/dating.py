"""When a document was written, for documents whose metadata gives no date.

Who «le secrétaire général» or «le président américain» is depends on the date. Without metadata,
the date is read from the document itself: a dateline near its top («Le 4 avril 2019», «OTTAWA, le 1er
oct. 2024», «Ce mardi 1er octobre 2024»), else a date or a year in its file name («…_2023.txt»,
«2021-06-14-communique.txt»). The precision says how much of the date is known.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from .errors import ResourceError
from .lexicon import FOLDER, read_rows


@functools.cache
def _months() -> dict[str, int]:
    """French month names and abbreviations (``resources/dates/months.tsv``) → month number."""
    months: dict[str, int] = {}
    for number, (word, month) in read_rows("dates/months.tsv", ["word", "month"]):
        if not month.isdigit() or not 1 <= int(month) <= 12:
            raise ResourceError(f"{FOLDER}/dates/months.tsv:{number}: month must be 1 to 12, not {month!r}")
        months[word.lower()] = int(month)
    return months


@functools.cache
def _text_date() -> re.Pattern[str]:
    """«15 avril 2022», «1er déc. 2021»: a date written in words."""
    names = "|".join(re.escape(name) for name in sorted(_months(), key=len, reverse=True))
    return re.compile(
        r"\b(?P<day>\d{1,2})(?:er)?\s+(?P<month>" + names + r")\.?\s+(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE
    )


_NAME_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[-_]?(?P<month>\d{2})[-_]?(?P<day>\d{2})(?!\d)")
_NAME_YEAR = re.compile(r"(?<![\d])(?P<year>(?:19[5-9]|20[0-9])\d)(?![\d])")
#: How far into a document a dateline is looked for (characters).
DATELINE_REACH = 400


@dataclass(frozen=True)
class DocumentDate:
    """A document's date and how much of it is known: ``day``, ``month`` or ``year``."""

    date: dt.date
    precision: str
    source: str  # metadata, text, file name


def infer_date(doc_id: str, text: str) -> DocumentDate | None:
    """The date a document gives itself (a dateline near its top), else the one in its file name."""
    match = _text_date().search(text[:DATELINE_REACH])
    if match:
        month = _months()[match.group("month").lower()]
        try:
            return DocumentDate(dt.date(int(match.group("year")), month, int(match.group("day"))), "day", "text")
        except ValueError:
            pass
    name = doc_id.rsplit("/", 1)[-1]
    full = _NAME_DATE.search(name)
    if full:
        try:
            date = dt.date(int(full.group("year")), int(full.group("month")), int(full.group("day")))
            return DocumentDate(date, "day", "file name")
        except ValueError:
            pass
    years = _NAME_YEAR.findall(name)
    if years:
        return DocumentDate(dt.date(int(years[-1]), 1, 1), "year", "file name")
    return None


def document_date(date: dt.date | None, precision: str | None, doc_id: str, text: str) -> DocumentDate | None:
    """The metadata date when there is one (with its precision), else the date the document gives itself."""
    if date is not None:
        return DocumentDate(date, precision or "day", "metadata")
    return infer_date(doc_id, text)
