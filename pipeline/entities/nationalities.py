"""Nationality adjectives and demonyms («ukrainien», «britanniques», «les Russes») → the state's ISO code.

They are reported as NATIONALITY rows, apart from COUNTRY: an adjective is not a mention of a state.
"""

from __future__ import annotations

from ..errors import ResourceError
from ..lexicon import FOLDER, read_rows


def inflections(masculine: str) -> list[str]:
    """The four forms of a regular adjective: «ukrainien» → ukrainien, ukrainienne, ukrainiens, ukrainiennes."""
    if masculine.endswith("e"):
        return [masculine, masculine + "s"]
    if masculine.endswith(("s", "x")):
        return [masculine, masculine + "e", masculine + "es"]
    if masculine.endswith(("ien", "éen", "on")):
        return [masculine, masculine + "ne", masculine + "s", masculine + "nes"]
    return [masculine, masculine + "e", masculine + "s", masculine + "es"]


def nationality_forms(content: str | None = None) -> dict[str, str]:
    """Every form of every nationality word, lower case and capitalised, → ISO alpha-3 code.

    Raises:
        ResourceError: a line has not two tab-separated columns, or a form belongs to two states.
    """
    forms: dict[str, str] = {}
    rows = read_rows("entities/nationalities.tsv", ["forms", "code"], unique=False, content=content)
    for number, (written, code) in rows:
        if len(code) != 3:
            raise ResourceError(f"{FOLDER}/entities/nationalities.tsv:{number}: {code!r} is no ISO alpha-3 code")
        words = written.split()
        for form in words if len(words) > 1 else inflections(words[0]):
            for variant in (form, form[:1].upper() + form[1:]):
                if forms.get(variant, code) != code:
                    raise ResourceError(
                        f"{FOLDER}/entities/nationalities.tsv:{number}: {variant!r} already means {forms[variant]}"
                    )
                forms[variant] = code
    return forms
