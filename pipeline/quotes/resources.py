"""The quote word lists and tables (``pipeline/resources/quotes/``), loaded and checked once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from ..errors import ResourceError
from ..lexicon import FOLDER, read_rows
from ..names import fold, title_rows

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
        "negation",
        "verb_group_word",
        "faire_form",
        "clitic",
        "locution_head",
        "content_noun",
        "frame_word",
        "relative_pronoun",
        "subordinator",
        "first_person",
        "inverting_word",
        "nato_word",
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


def _rows(name: str, columns: str, *, optional: int = 0, unique: bool = True) -> list[tuple[int, list[str]]]:
    """Rows of the quote table ``name`` (``pipeline/resources/quotes/``) with the header ``columns``."""
    return read_rows(f"quotes/{name}", columns.split(), optional=optional, unique=unique)


def word_class(name: str) -> frozenset[str]:
    """The words of a class of ``word_classes.tsv``, for the rules that have no :class:`QuoteResources` at hand."""
    return load_quote_resources().words(name)


def _date(name: str, number: int, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ResourceError(f"{FOLDER}/quotes/{name}:{number}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


@cache
def load_quote_resources() -> QuoteResources:
    """The quote word lists, checked: a malformed line raises ResourceError naming it."""
    verbs: dict[str, frozenset[str]] = {}
    for number, (lemma, frames_text) in _rows("speech_verbs.tsv", "lemma frames"):
        frames = frozenset(f.strip() for f in frames_text.split(",") if f.strip())
        if not frames or not frames <= FRAMES:
            raise ResourceError(
                f"{FOLDER}/quotes/speech_verbs.tsv:{number}: frames must be among {sorted(FRAMES)}: {frames_text!r}"
            )
        if lemma in verbs:
            raise ResourceError(f"{FOLDER}/quotes/speech_verbs.tsv:{number}: {lemma!r} listed twice")
        verbs[lemma] = frames

    titles: dict[str, Title] = {}
    for title, gender, role, use in title_rows():
        if use != "name":
            titles[title.lower()] = Title(title.lower(), gender, None if role in ("", "-") else role)
    titles = dict(sorted(titles.items(), key=lambda item: -len(item[0])))

    holders = []
    for number, (name, gender, country, start, end) in _rows(
        "nato_secretaries_general.tsv", "name gender country start end", optional=1
    ):
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
    for number, (title, country, person, gender, start, end) in _rows(
        "roles.tsv", "title country person gender start end", optional=1, unique=False
    ):
        if gender not in GENDERS:
            raise ResourceError(f"{FOLDER}/quotes/roles.tsv:{number}: gender must be m, f or -, not {gender!r}")
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
    for number, (honorific, gender) in _rows("honorifics.tsv", "honorific gender"):
        if gender not in GENDERS:
            raise ResourceError(f"{FOLDER}/quotes/honorifics.tsv:{number}: gender must be m, f or -, not {gender!r}")
        honorifics[honorific] = gender

    labels = {}
    for number, (label, speaker) in _rows("turn_labels.tsv", "label speaker"):
        if speaker not in ("UNKNOWN", "INTERVIEWEE"):
            raise ResourceError(
                f"{FOLDER}/quotes/turn_labels.tsv:{number}: speaker must be UNKNOWN or INTERVIEWEE, not {speaker!r}"
            )
        labels[label.lower()] = speaker

    classes: dict[str, set[str]] = {name: set() for name in WORD_CLASSES}
    for number, (word, word_class) in _rows("word_classes.tsv", "word class", unique=False):
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
        capitals={fold(city): country for _, (city, country) in _rows("capitals.tsv", "city country")},
        honorifics=honorifics,
        naming_nouns=frozenset(word.lower() for _, (word,) in _rows("naming_nouns.tsv", "word")),
        group_nouns=frozenset(word.lower() for _, (word,) in _rows("group_nouns.tsv", "word")),
        turn_labels=labels,
        word_classes={name: frozenset(words) for name, words in classes.items()},
    )
