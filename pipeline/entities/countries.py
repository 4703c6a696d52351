"""French names of sovereign states → ISO 3166 alpha-3 codes, from CLDR (Babel), ISO (pycountry) and aliases.

CLDR gives each territory's usual French short name («Royaume-Uni», «Tchéquie», «Biélorussie»); the
French translation of ISO 3166-1 shipped with pycountry gives the official long forms («République
française»); ``country_aliases.tsv`` adds variants neither has («Grande-Bretagne», «Iraq», «Türkiye»),
former states (ISO 3166-3) and names of regions that must not match («Irlande du Nord»).
"""

from __future__ import annotations

import gettext
import re

import pycountry
from babel import Locale

from ..errors import ResourceError
from .lexicon import FOLDER, fold_typography, read_table, read_words

BLOCKED = "-"
_CODE = re.compile(r"[A-Z]{3}")


def _known_code(code: str) -> bool:
    return (
        pycountry.countries.get(alpha_3=code) is not None
        or pycountry.historic_countries.get(alpha_3=code) is not None
        or code == "XKX"  # Kosovo: user-assigned code, used by the EU and the gold
    )


def _variants(name: str) -> list[str]:
    """«Myanmar (Birmanie)» → «Myanmar», «Birmanie»; names with «,» (ISO's inverted forms) are dropped."""
    name = fold_typography(name).strip()
    if "," in name:
        return []
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if match:
        inner = match.group(2)
        return [match.group(1)] + ([inner] if inner[:1].isupper() else [])
    return [name]


def country_names() -> dict[str, str]:
    """French state names (typography folded) → ISO alpha-3 code, or ``BLOCKED`` for names that are not states.

    Raises:
        ResourceError: an alias names an unknown code, or a dependent territory code is unknown.
    """
    dependent = set(read_words("dependent_territories.txt", split=True))
    for code in dependent:
        if pycountry.countries.get(alpha_2=code) is None:
            raise ResourceError(f"{FOLDER}/dependent_territories.txt: unknown ISO 3166-1 alpha-2 code {code!r}")
    names: dict[str, str] = {}
    iso_fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    for country in pycountry.countries:
        if country.alpha_2 in dependent:
            continue
        official = getattr(country, "official_name", None)
        if official:
            for name in _variants(iso_fr.gettext(official)):
                names.setdefault(name, country.alpha_3)
    # CLDR's usual names come last so they override ISO's where both exist.
    for alpha2, cldr_name in Locale("fr").territories.items():
        country = pycountry.countries.get(alpha_2=alpha2) if len(alpha2) == 2 and alpha2.isalpha() else None
        if country is None or alpha2 in dependent:
            continue
        for name in _variants(cldr_name):
            names[name] = country.alpha_3
    for number, name, code in read_table("country_aliases.tsv"):
        if code != BLOCKED and not (_CODE.fullmatch(code) and _known_code(code)):
            raise ResourceError(f"{FOLDER}/country_aliases.tsv:{number}: {code!r} is not an ISO 3166 alpha-3 code")
        names[name] = code
    return names
