"""Countries: French names of sovereign states → ISO 3166 alpha-3 codes, and back; the one country table.

CLDR gives each territory's usual French short name («Royaume-Uni», «Tchéquie», «Biélorussie»); the
French translation of ISO 3166-1 shipped with pycountry gives the official long forms («République
française»); ``resources/entities/country_aliases.tsv`` adds variants neither has («Grande-Bretagne»,
«Iraq», «Türkiye»), former states (ISO 3166-3), Kosovo and names of regions that must not match
(«Irlande du Nord»). The entity stage finds countries by :func:`country_names`; the output loaders
read a name or code given by an analyst with :func:`country_code` and show a code with
:func:`country_name`, from the same table. Light on purpose (no spaCy).
"""

from __future__ import annotations

import gettext
import re
from functools import cache

import pycountry
from babel import Locale

from .errors import ResourceError
from .lexicon import FOLDER, read_pairs, read_words
from .names import fold_typography

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


@cache
def country_names() -> dict[str, str]:
    """French state names (typography folded) → ISO alpha-3 code, or ``BLOCKED`` for names that are not states.

    Raises:
        ResourceError: an alias names an unknown code, or a dependent territory code is unknown.
    """
    dependent = set(read_words("entities/dependent_territories.tsv", column="code"))
    for code in dependent:
        if pycountry.countries.get(alpha_2=code) is None:
            where = f"{FOLDER}/entities/dependent_territories.tsv"
            raise ResourceError(f"{where}: unknown ISO 3166-1 alpha-2 code {code!r}")
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
    for number, name, code in read_pairs("entities/country_aliases.tsv", "name", "code", fold=True):
        if code != BLOCKED and not (_CODE.fullmatch(code) and _known_code(code)):
            where = f"{FOLDER}/entities/country_aliases.tsv:{number}"
            raise ResourceError(f"{where}: {code!r} is not an ISO 3166 alpha-3 code")
        names[name] = code
    return names


#: Kosovo has no ISO 3166-1 code; CLDR and the EU use XK, and XKX as its alpha-3 form (so does the gold).
_USER_ASSIGNED = {"XKX": "XK"}


@cache
def _display_and_lookup() -> tuple[dict[str, str], dict[str, str]]:
    """(alpha-3 → usual French name, any lower-cased name or code → alpha-3)."""
    french, english = Locale("fr").territories, Locale("en").territories
    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    states = [(str(c.alpha_3), str(c.alpha_2), c) for c in pycountry.countries]
    states += [(alpha3, alpha2, None) for alpha3, alpha2 in _USER_ASSIGNED.items()]
    for alpha3, alpha2, country in states:
        official = [country.name, getattr(country, "common_name", None)] if country is not None else []
        names[alpha3] = str(french.get(alpha2) or official[0])
        for alias in (alpha3, alpha2, *official, english.get(alpha2), names[alpha3]):
            if alias:
                lookup[str(alias).lower()] = alpha3
    for name, code in country_names().items():  # the aliases the entity stage knows («Grande-Bretagne»)
        if code != BLOCKED:
            lookup.setdefault(name.lower(), code)
    return names, lookup


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of a country given by code or by a French (alias included) or English name."""
    return _display_and_lookup()[1].get(fold_typography(name).strip().lower())


def country_name(code: str) -> str | None:
    """The usual French name of the country with ISO alpha-3 ``code`` (None for an unknown code)."""
    return _display_and_lookup()[0].get(code)
