"""Text folding (case, accents, typography), articles and target-speaker matching: the one home of each.

Each fold has one use, and says which:

- :func:`fold_typography`: curly apostrophes, odd hyphens and no-break spaces made plain, one character
  for one: word lists compared with the model's text (``nlp.model_text`` folds the text the same way);
- :func:`fold`: a key for comparing names (case, accents, apostrophe styles);
- :func:`fold_key`: :func:`fold_typography` then case and accents off: keys of the entity word lists;
- :func:`fold_chars` and :func:`fold_name_chars`: one character for one, so that offsets into the folded
  text are offsets into the text: looking names up in a whole text (the latter also reads hyphens and
  dashes as spaces: «Corée-du-Nord» is «Corée du Nord»).

Light on purpose (no spaCy): the scorer and the output loaders use it as well as the stages.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

APOSTROPHES = str.maketrans({"’": "'", "\u02bc": "'"})
#: Apostrophes, hyphens and spaces made plain as the model's text has them (same length).
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2011": "-", "\u2010": "-", "\u00a0": " "})
#: How a joint speaker's ids are joined (ANNOTATION.md: «Florence Parly et Jean-Yves Le Drian»).
JOINT = " et "
#: A leading article or determiner, as a whole word («Les deux», «l'ancien», «son secrétaire général»;
#: not the «La» of «Lazare»).
_ARTICLE = re.compile(
    r"^\s*(?:(?:les|le|la|un|une|des|son|sa|ses|leur|leurs|notre|nos|votre|vos|ce|cet|cette|ces)\s+|l['’]\s*)",
    re.IGNORECASE,
)


@functools.cache
def particles() -> frozenset[str]:
    """Lower-case particles inside personal names («de», «von», «ben»): ``resources/names/particles.tsv``."""
    from .lexicon import read_words  # the loader folds typography with this module: imported when first needed

    return frozenset(read_words("people/particles.tsv", fold=True))


#: Where the rules read a title (the ``use`` column of ``resources/people/titles.tsv``).
TITLE_USES = ("speaker", "name", "both")


@functools.cache
def title_rows() -> tuple[tuple[str, str, str, str], ...]:
    """``(title, gender, role, use)`` of each row of ``resources/people/titles.tsv``, checked.

    Raises:
        ResourceError: a gender or use that is not one, or a title used before names that is not one word.
    """
    from .errors import ResourceError
    from .lexicon import FOLDER, read_rows

    rows = []
    for number, (title, gender, role, use) in read_rows("people/titles.tsv", ["title", "gender", "role", "use"]):
        where = f"{FOLDER}/people/titles.tsv:{number}"
        if gender not in ("m", "f", "-"):
            raise ResourceError(f"{where}: gender must be m, f or -, not {gender!r}")
        if use not in TITLE_USES:
            raise ResourceError(f"{where}: use must be one of {', '.join(TITLE_USES)}, not {use!r}")
        if use != "speaker" and len(title.split()) != 1:
            raise ResourceError(f"{where}: a title read before names is one word; list each word, or use speaker")
        rows.append((title, gender, role, use))
    return tuple(rows)


def strip_article(phrase: str) -> str:
    """``phrase`` without a leading article («le président» → «président»)."""
    return _ARTICLE.sub("", phrase.strip(), count=1)


@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Case- and accent-insensitive key of a name."""
    decomposed = unicodedata.normalize("NFD", text.translate(APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_typography(text: str) -> str:
    """``text`` with curly apostrophes and odd hyphens or spaces made plain (same length)."""
    return text.translate(_TYPOGRAPHY)


def fold_key(text: str) -> str:
    """A comparison key: typography folded, case folded, accents removed."""
    decomposed = unicodedata.normalize("NFD", fold_typography(text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _CharFolds(dict[int, str]):
    """``str.translate`` table folding each character to one character on first sight: typographic
    apostrophes straight, lower case, no accent; ``as_spaces`` (hyphens, dashes) become spaces."""

    def __init__(self, as_spaces: str = "") -> None:
        super().__init__()
        self.as_spaces = as_spaces

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in self.as_spaces:
            folded = " "
        else:
            base = unicodedata.normalize("NFD", char.translate(APOSTROPHES))[0]
            lower = base.lower()
            folded = lower if len(lower) == 1 else base
        self[code] = folded
        return folded


_CHARS = _CharFolds()
_NAME_CHARS = _CharFolds(as_spaces="-\u2010\u2011\u2013")


def fold_chars(text: str) -> str:
    """``text`` without case, accents or apostrophe styles, one character for one (offsets are kept)."""
    return text.translate(_CHARS)


def fold_name_chars(text: str) -> str:
    """As :func:`fold_chars`, hyphens and dashes read as spaces: a name looked up in a text (same length)."""
    return text.translate(_NAME_CHARS)


def is_target(speaker: str, targets: Sequence[str]) -> bool:
    """Whether a speaker id is one of ``targets``, alone or in a joint speaker.

    A target given by surname only («Stoltenberg») matches the full name that ends with it.
    """
    folded = {fold(t) for t in targets}
    surnames = {t for t in folded if " " not in t}
    for name in speaker.split(JOINT):
        key = fold(name)
        if key in folded or (key.split() and key.split()[-1] in surnames):
            return True
    return False
