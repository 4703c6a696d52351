"""Names compared as people write them: folding (case, accents, apostrophes) and target-speaker matching.

Light on purpose (no spaCy): the scorer and the output loaders use it as well as the quote stage.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

APOSTROPHES = str.maketrans({"’": "'", "\u02bc": "'"})
#: How a joint speaker's ids are joined (ANNOTATION.md: «Florence Parly et Jean-Yves Le Drian»).
JOINT = " et "
#: A leading article or determiner, as a whole word («Les deux», «l'ancien», «son secrétaire général»;
#: not the «La» of «Lazare»).
_ARTICLE = re.compile(
    r"^\s*(?:(?:les|le|la|un|une|des|son|sa|ses|leur|leurs|notre|nos|votre|vos|ce|cet|cette|ces)\s+|l['’]\s*)",
    re.IGNORECASE,
)


def strip_article(phrase: str) -> str:
    """``phrase`` without a leading article («le président» → «président»)."""
    return _ARTICLE.sub("", phrase.strip(), count=1)


@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Case- and accent-insensitive key of a name."""
    decomposed = unicodedata.normalize("NFD", text.translate(APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


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
