"""The word lists and tables under ``pipeline/resources/``: one file format, one loader, each file checked.

Every file is UTF-8 text, tab-separated, with a header:

- a line whose first non-blank character is ``#`` is a comment, a blank line is skipped;
- the first other line is the header: the names of the columns (``word`` for a list, one a line);
- every following line is a row with the header's columns (the caller may let trailing ones be left out).

A file that cannot be read, a header that is not the expected one, a row with too many or too few
columns, an empty required value or a key given twice raises :class:`~pipeline.errors.ResourceError`
naming the file and the line. Light on purpose (no spaCy): the output loaders use it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources as importlib_resources

from .errors import ResourceError
from .names import fold_typography

PACKAGE = "pipeline"
FOLDER = "resources"


def resource_text(name: str) -> str:
    """The text of the file ``name`` under ``pipeline/resources/`` (``entities/titles.tsv``)."""
    path = importlib_resources.files(PACKAGE).joinpath(FOLDER, name)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{FOLDER}/{name}: cannot read ({exc}); reinstall the package") from exc


def read_rows(
    name: str,
    columns: Sequence[str],
    *,
    optional: int = 0,
    unique: bool = True,
    fold: bool = False,
    content: str | None = None,
) -> list[tuple[int, list[str]]]:
    """``(line number, values)`` of each row of a resource file, its values stripped, in file order.

    Args:
        name: the file under ``pipeline/resources/``, named in error messages.
        columns: the header the file must have.
        optional: how many trailing columns a row may leave out (they read as ``""``); the others must
            hold a value.
        unique: the first column is a key: a value given twice is an error.
        fold: values with typographic apostrophes, hyphens and no-break spaces made plain
            (:func:`pipeline.names.fold_typography`), as the model's text has them.
        content: the file's text (tests); read from the package when None.

    Raises:
        ResourceError: naming the file and line of a bad header or row.
    """
    where = f"{FOLDER}/{name}"
    text = resource_text(name) if content is None else content
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        values = [value.strip() for value in line.split("\t")]
        if header is None:
            header = values
            if header != list(columns):
                raise ResourceError(
                    f"{where}:{number}: the header must be {'<TAB>'.join(columns)!r}, got {line.strip()!r}"
                )
            continue
        if not len(columns) - optional <= len(values) <= len(columns):
            raise ResourceError(
                f"{where}:{number}: expected {len(columns)} tab-separated columns "
                f"({', '.join(columns)}), got {len(values)}: {line!r}"
            )
        values += [""] * (len(columns) - len(values))
        required = zip(columns[: len(columns) - optional], values, strict=False)
        missing = [column for column, value in required if not value]
        if missing:
            raise ResourceError(f"{where}:{number}: no value for {', '.join(missing)}: {line!r}")
        if fold:
            values = [fold_typography(value) for value in values]
        if unique:
            if values[0] in seen:
                raise ResourceError(f"{where}:{number}: {values[0]!r} already on line {seen[values[0]]}")
            seen[values[0]] = number
        rows.append((number, values))
    if header is None:
        raise ResourceError(f"{where}: no header line ({'<TAB>'.join(columns)!r}) and no rows")
    return rows


def read_words(name: str, *, column: str = "word", fold: bool = False, content: str | None = None) -> list[str]:
    """The entries of a list (a one-column file with header ``column``), each once, in file order."""
    return [values[0] for _, values in read_rows(name, [column], fold=fold, content=content)]


def read_pairs(
    name: str, key: str, value: str, *, fold: bool = False, content: str | None = None
) -> list[tuple[int, str, str]]:
    """``(line number, key, value)`` of a two-column table whose keys are unique."""
    return [(number, k, v) for number, (k, v) in read_rows(name, [key, value], fold=fold, content=content)]
