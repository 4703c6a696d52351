"""Nationality adjectives and demonyms («ukrainien», «britanniques», «les Russes») → the state's ISO code.

They are reported as NATIONALITY rows, apart from COUNTRY: an adjective is not a mention of a state.
"""

from __future__ import annotations

from ..errors import ResourceError
from .lexicon import FOLDER, read_lines


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
    for number, line in read_lines("nationalities.tsv", content):
        columns = line.split("\t")
        if len(columns) != 2 or not columns[0].strip() or len(columns[1].strip()) != 3:
            raise ResourceError(f"{FOLDER}/nationalities.tsv:{number}: expected «forms<TAB>code», got {line!r}")
        words, code = columns[0].split(), columns[1].strip()
        for form in words if len(words) > 1 else inflections(words[0]):
            for variant in (form, form[:1].upper() + form[1:]):
                if forms.get(variant, code) != code:
                    raise ResourceError(
                        f"{FOLDER}/nationalities.tsv:{number}: {variant!r} already means {forms[variant]}"
                    )
                forms[variant] = code
    return forms
