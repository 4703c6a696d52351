"""The quote word lists and tables (``pipeline/resources/quotes/``), loaded and checked once."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources

from ..errors import ResourceError

FRAMES = frozenset({"que", "incise", "direct", "inf", "attr"})
WORD_CLASSES = frozenset(
    {
        "document_noun",
        "generic_org_head",
        "headline_noun",
        "time_word",
        "speech_noun",
        "report_noun",
        "hypothetical_governor",
        "title_modifier",
        "people_noun",
        "interview_marker",
    }
)
GENDERS = frozenset({"m", "f", "-"})


@dataclass(frozen=True)
class SecretaryGeneral:
    """One NATO Secretary General and his or her term (``end`` None: in office)."""

    name: str
    gender: str
    start: dt.date
    end: dt.date | None
    #: ISO 3166-1 alpha-3 code of the holder's nationality
    country: str = ""


@dataclass(frozen=True)
class Role:
    """Who held an office of a state or an organisation, and when (``end`` None: in office)."""

    title: str
    country: str
    person: str
    gender: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Title:
    """A title or function that can stand for a person."""

    title: str
    gender: str
    role: str | None


@dataclass(frozen=True, eq=False)
class QuoteResources:
    """Word lists used to find cues and speakers (hashed by identity, so that rules can memoise on them)."""

    #: speech verb lemma (possibly two words: «faire savoir») → frames it takes
    speech_verbs: dict[str, frozenset[str]]
    #: lower-case title → Title, longest first when iterated
    titles: dict[str, Title]
    secretaries_general: tuple[SecretaryGeneral, ...]
    #: offices and their holders (roles.tsv)
    roles: tuple[Role, ...]
    #: folded capital city → ISO 3166-1 alpha-3 code of its state (capitals.tsv)
    capitals: dict[str, str]
    #: honorific as written → gender
    honorifics: dict[str, str]
    naming_nouns: frozenset[str]
    group_nouns: frozenset[str]
    #: lower-case transcript label → UNKNOWN or INTERVIEWEE
    turn_labels: dict[str, str]
    #: word class (see word_classes.tsv) → its lower-case words
    word_classes: dict[str, frozenset[str]]

    def words(self, word_class: str) -> frozenset[str]:
        """The words of a class of ``word_classes.tsv``."""
        return self.word_classes[word_class]

    def frames(self, lemma: str) -> frozenset[str]:
        """The frames a speech verb takes (empty if ``lemma`` is not a speech verb)."""
        return self.speech_verbs.get(lemma.lower(), frozenset())

    def secretary_general_on(self, date: dt.date) -> SecretaryGeneral | None:
        """NATO's Secretary General in office on ``date``."""
        for holder in self.secretaries_general:
            if holder.start <= date and (holder.end is None or date < holder.end):
                return holder
        return None


def _rows(name: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Data rows of the resource file ``name``."""
    path = importlib_resources.files("pipeline") / "resources" / "quotes" / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read quote resource {name}: {exc}; reinstall the package") from exc
    return parse_rows(name, text, columns)


def parse_rows(name: str, text: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Data rows of a resource text: ``(line number, fields)``; comments, blanks and the header skipped.

    A table (``columns`` > 1) is tab-separated with a header line; a list has one item a line.
    Raises ResourceError naming the file and line of a malformed row.
    """
    header_seen = columns == 1
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        fields = [field.strip() for field in line.split("\t")] if columns > 1 else [line.strip()]
        while 1 < len(fields) < columns:
            fields.append("")
        if len(fields) != columns or not fields[0]:
            raise ResourceError(f"{name}:{number}: expected {columns} tab-separated fields, got {line!r}")
        yield number, fields


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _date(name: str, number: int, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ResourceError(f"{name}:{number}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


@cache
def load_quote_resources() -> QuoteResources:
    """The quote word lists, checked: a malformed line raises ResourceError naming it."""
    verbs: dict[str, frozenset[str]] = {}
    for number, (lemma, frames_text) in _rows("speech_verbs.tsv", 2):
        frames = frozenset(f.strip() for f in frames_text.split(",") if f.strip())
        if not frames or not frames <= FRAMES:
            raise ResourceError(f"speech_verbs.tsv:{number}: frames must be among {sorted(FRAMES)}: {frames_text!r}")
        if lemma in verbs:
            raise ResourceError(f"speech_verbs.tsv:{number}: {lemma!r} listed twice")
        verbs[lemma] = frames

    titles: dict[str, Title] = {}
    for number, (title, gender, role) in _rows("titles.tsv", 3):
        if gender not in GENDERS:
            raise ResourceError(f"titles.tsv:{number}: gender must be m, f or -, not {gender!r}")
        titles[title.lower()] = Title(title.lower(), gender, None if role in ("", "-") else role)
    titles = dict(sorted(titles.items(), key=lambda item: -len(item[0])))

    holders = []
    for number, (name, gender, country, start, end) in _rows("nato_secretaries_general.tsv", 5):
        holders.append(
            SecretaryGeneral(
                name,
                gender,
                _date("nato_secretaries_general.tsv", number, start),
                _date("nato_secretaries_general.tsv", number, end) if end else None,
                country,
            )
        )

    roles = []
    for number, (title, country, person, gender, start, end) in _rows("roles.tsv", 6):
        if gender not in GENDERS:
            raise ResourceError(f"roles.tsv:{number}: gender must be m, f or -, not {gender!r}")
        roles.append(
            Role(
                title.lower(),
                country,
                person,
                gender,
                _date("roles.tsv", number, start),
                _date("roles.tsv", number, end) if end else None,
            )
        )

    honorifics = {}
    for number, (honorific, gender) in _rows("honorifics.tsv", 2):
        if gender not in GENDERS:
            raise ResourceError(f"honorifics.tsv:{number}: gender must be m, f or -, not {gender!r}")
        honorifics[honorific] = gender

    labels = {}
    for number, (label, speaker) in _rows("turn_labels.tsv", 2):
        if speaker not in ("UNKNOWN", "INTERVIEWEE"):
            raise ResourceError(f"turn_labels.tsv:{number}: speaker must be UNKNOWN or INTERVIEWEE, not {speaker!r}")
        labels[label.lower()] = speaker

    classes: dict[str, set[str]] = {name: set() for name in WORD_CLASSES}
    for number, (word, word_class) in _rows("word_classes.tsv", 2):
        if word_class not in WORD_CLASSES:
            raise ResourceError(
                f"word_classes.tsv:{number}: class must be among {sorted(WORD_CLASSES)}: {word_class!r}"
            )
        classes[word_class].add(word.lower())

    return QuoteResources(
        speech_verbs=verbs,
        titles=titles,
        secretaries_general=tuple(sorted(holders, key=lambda h: h.start)),
        roles=tuple(roles),
        capitals={_fold(city): country for _, (city, country) in _rows("capitals.tsv", 2)},
        honorifics=honorifics,
        naming_nouns=frozenset(word.lower() for _, (word,) in _rows("naming_nouns.txt", 1)),
        group_nouns=frozenset(word.lower() for _, (word,) in _rows("group_nouns.txt", 1)),
        turn_labels=labels,
        word_classes={name: frozenset(words) for name, words in classes.items()},
    )
