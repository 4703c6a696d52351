"""The entity word lists and tables under ``pipeline/resources/entities/``, read and checked once."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from importlib import resources as importlib_resources

from ..errors import ResourceError

PACKAGE = "pipeline"
FOLDER = "resources/entities"

# Apostrophes and hyphens folded the way ``nlp.model_text`` folds them, so names match the model's text.
_FOLD = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2011": "-", "\u2010": "-", "\u00a0": " "})


def fold_typography(text: str) -> str:
    """``text`` with curly apostrophes and odd hyphens or spaces made plain (same length)."""
    return text.translate(_FOLD)


def fold_key(text: str) -> str:
    """A comparison key: typography folded, case folded, accents removed."""
    decomposed = unicodedata.normalize("NFD", fold_typography(text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def resource_text(name: str) -> str:
    """The text of a file under ``pipeline/resources/entities/``."""
    path = importlib_resources.files(PACKAGE).joinpath(FOLDER, name)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{FOLDER}/{name}: cannot read ({exc}); reinstall the package") from exc


def read_lines(name: str, content: str | None = None) -> Iterator[tuple[int, str]]:
    """``(line number, stripped line)`` of a resource file, without blank lines and ``#`` comments.

    Args:
        name: file name under ``resources/entities/``, used in error messages.
        content: the file's text; read from the package when None.
    """
    content = resource_text(name) if content is None else content
    for number, line in enumerate(content.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, stripped


def read_words(name: str, *, split: bool = False, content: str | None = None) -> list[str]:
    """The entries of a one-entry-per-line file (``split``: several per line, white-space separated).

    Raises:
        ResourceError: an entry holds a tab, or appears twice.
    """
    words: list[str] = []
    seen: dict[str, int] = {}
    for number, line in read_lines(name, content):
        for word in line.split() if split else [line]:
            if "\t" in word:
                raise ResourceError(f"{FOLDER}/{name}:{number}: one entry per line expected, got {line!r}")
            if word in seen:
                raise ResourceError(f"{FOLDER}/{name}:{number}: {word!r} already on line {seen[word]}")
            seen[word] = number
            words.append(fold_typography(word))
    return words


def read_table(name: str, content: str | None = None) -> list[tuple[int, str, str]]:
    """``(line number, key, value)`` rows of a two-column tab-separated file.

    Raises:
        ResourceError: a row has not exactly two non-empty columns, or a key appears twice.
    """
    rows: list[tuple[int, str, str]] = []
    seen: dict[str, int] = {}
    for number, line in read_lines(name, content):
        columns = [c.strip() for c in line.split("\t")]
        if len(columns) != 2 or not all(columns):
            raise ResourceError(f"{FOLDER}/{name}:{number}: expected two tab-separated columns, got {line!r}")
        key, value = (fold_typography(c) for c in columns)
        if key in seen:
            raise ResourceError(f"{FOLDER}/{name}:{number}: {key!r} already on line {seen[key]}")
        seen[key] = number
        rows.append((number, key, value))
    return rows
