"""Organisation mentions: names built on a head noun («Centre conjoint OTAN-Géorgie de formation»),
and the model's ORG spans cleaned of articles, titles, events and generic words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..names import fold_key
from ..tokens import tokens_with
from .mentions import ARTICLES, Mention, token_span

# Prepositions that open a complement inside an organisation's name. «au», «aux» are left out: they
# usually attach a place or a beneficiary to the sentence («Chef de la Division … au DFAE»).
_NAME_PREPOSITIONS = frozenset(["de", "d'", "du", "des", "pour", "à", "en"])
_NAME_DETERMINERS = frozenset(["la", "le", "les", "l'"])


@dataclass(frozen=True)
class OrganisationRules:
    """Word lists that shape organisation names."""

    aliases: Mapping[str, str]  # name as written (model text) → entity_id
    heads: frozenset[str]
    event_heads: frozenset[str]  # compared case-folded
    titles: frozenset[str]  # lower case
    title_complements: frozenset[str]
    non_entities: frozenset[str]  # fold_key forms
    thing_nouns: frozenset[str] = frozenset()  # lower case: «avions» (Rafale)
    english_heads: frozenset[str] = frozenset()  # «Command», «Institute»: the last word of an English name
    unit_nouns: frozenset[str] = frozenset()  # «régiment», «brigade»: numbered military units
    wikidata: Mapping[str, str] = field(default_factory=dict)  # entity_id → Wikidata QID

    def entity_id(self, name: str) -> str:
        """The alias table's id of a name, else the name itself (dashes made hyphens, so ids stay stable)."""
        name = " ".join(name.replace("\u2013", "-").split())
        return self.aliases.get(name, name)


def _is_capitalised(token: Token) -> bool:
    return bool(token.text[:1].isupper())


def _in_names(token: Token, name_tokens: set[int]) -> bool:
    return token.i in name_tokens


def _coordinated(doc: Doc, i: int, name_tokens: set[int], non_entities: frozenset[str]) -> int | None:
    """End of a list of adjectives or of common-noun complements after a comma at token ``i``, closed by «et»:
    «Conseil économique[, social et environnemental]», «Département fédéral de la défense[, de la protection
    de la population et des sports]». A list of names («de l'OTAN, de l'UE et…») is not part of a name.
    """
    n = len(doc)

    def item_end(k: int) -> int | None:
        if k < n and doc[k].pos_ == "ADJ" and doc[k].is_lower:
            return k + 1
        end = _complement_end(doc, k, name_tokens, non_entities)
        if end is None or any(_is_capitalised(t) for t in doc[k:end]):
            return None
        while end < n:  # «de la protection [de la population]»
            more = _complement_end(doc, end, name_tokens, non_entities)
            if more is None or any(_is_capitalised(t) for t in doc[end:more]):
                break
            end = more
        return end

    j = i
    while j < n and doc[j].text == ",":
        end = item_end(j + 1)
        if end is None:
            return None
        j = end
        if j < n and doc[j].lower_ == "et":
            return item_end(j + 1)
    return None


def _agrees_in_plural(noun: Token, following: Token | None) -> bool:
    """Whether ``following`` is a lower-case plural word after a plural ``noun``: «forces armées»."""
    return (
        following is not None
        and noun.text.endswith(("s", "x"))
        and following.is_alpha
        and following.is_lower
        and following.pos_ in ("NOUN", "ADJ", "VERB")
        and following.text.endswith(("s", "x"))
    )


def _complement_end(
    doc: Doc, i: int, name_tokens: set[int], non_entities: frozenset[str], *, extra: str = ""
) -> int | None:
    """End of a prepositional complement starting at token ``i`` («de la sécurité nationale»), or None.

    The complement is a preposition, a determiner perhaps, adjectives, one noun or name, and adjectives.
    ``extra``: one more preposition allowed here («sur»).
    """
    n = len(doc)
    prep = doc[i].lower_
    if prep not in _NAME_PREPOSITIONS and prep != extra:
        return None
    j = i + 1
    has_determiner = j < n and doc[j].lower_ in _NAME_DETERMINERS
    if has_determiner:
        j += 1
    if prep == "en" and has_determiner:
        return None  # «en une armée»
    while j < n and doc[j].pos_ == "ADJ" and doc[j].is_alpha and not _is_capitalised(doc[j]):
        j += 1  # «du premier ministre»
    if j >= n:
        return None
    word = doc[j]
    if word.is_space or word.is_punct or word.like_num:
        return None
    if prep in ("à", "en") and (_is_capitalised(word) or (j == i + 1 and prep == "à")):
        return None  # «à Tbilissi», «en Iraq»: a place, not part of the name
    if not (word.is_alpha or _in_names(word, name_tokens) or "-" in word.text):
        return None
    if fold_key(word.text) in non_entities and word.i not in name_tokens:
        return None  # «Conseil européen de jeudi»; «de l'Organisation des Nations Unies» is a name
    if word.pos_ in ("VERB", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ") and not _is_capitalised(word):
        return None
    j += 1
    if _is_capitalised(word):
        while j < n and ((_is_capitalised(doc[j]) and doc[j].is_alpha) or _in_names(doc[j], name_tokens)):
            j += 1  # «de l'Atlantique Nord»
    elif _agrees_in_plural(word, doc[j] if j < n else None):
        j += 1  # «des forces armées», «de chasseurs parachutistes»: a plural word agreeing with the noun
    return j


def _name_end(doc: Doc, i: int, name_tokens: set[int], alias_ends: dict[int, int], non_entities: frozenset[str]) -> int:
    """End of the organisation name whose head is token ``i``: adjectives, names and complements after it.

    A name of the alias table starting at the head ends the name, but for adjectives after it.
    """
    n = len(doc)
    if i in alias_ends:
        j = alias_ends[i]
        while j < n and doc[j].pos_ == "ADJ" and doc[j].is_alpha and not _is_capitalised(doc[j]):
            j += 1  # «Conseil de sécurité nationale»
        end = _complement_end(doc, j, name_tokens, non_entities) if j < n else None
        if end is not None and doc[end - 1].i in name_tokens:
            while end < n and doc[end].i in name_tokens:
                end += 1
            j = end  # «Comité militaire de l'UE»: a name that contains another name
        return j
    j = i + 1
    while j < n:
        token = doc[j]
        if token.is_space:
            break
        if _in_names(token, name_tokens) or (
            token.text in ("-", "\u2013") and j + 1 < n and doc[j + 1].i in name_tokens
        ):
            j += 1
            continue
        if (
            token.is_alpha
            and not _is_capitalised(token)
            and (
                token.pos_ == "ADJ"
                or (j == i + 1 and token.pos_ == "VERB" and token.morph.get("VerbForm") == ["Part"])
                or (j == i + 1 and _agrees_in_plural(doc[i], token))  # «Forces armées»
            )
        ):
            j += 1  # «Centre conjoint», «État-major militaire international»
            continue
        if token.is_alpha and _is_capitalised(token) and token.pos_ in ("PROPN", "ADJ", "NOUN") and j == i + 1:
            j += 1  # «Conseil Euro-Atlantique», «Forces Armées»
            continue
        end = _complement_end(doc, j, name_tokens, non_entities)
        if end is None and token.lower_ == "et" and j + 1 < n:
            end = _complement_end(doc, j + 1, name_tokens, non_entities)
        if end is None and token.lower_ == "sur":
            end = _complement_end(doc, j, name_tokens, non_entities, extra="sur")
            if end is not None and _is_capitalised(doc[end - 1]):
                end = None  # «Conseil de sécurité sur l'Ukraine»: the subject of a meeting
        if end is None and token.text == "," and j + 1 < n:
            end = _coordinated(doc, j, name_tokens, non_entities)
        if end is None:
            break
        j = end
        while j < n and doc[j].is_alpha and doc[j].pos_ == "ADJ" and not _is_capitalised(doc[j]):
            j += 1  # «de la sécurité nationale»
    return j


def organisation_names(doc: Doc, rules: OrganisationRules, names: Sequence[Mention]) -> list[Mention]:
    """Names built on a head noun: «Force de sécurité du Kosovo», «ministère de la Défense», «Parti travailliste».

    A head alone («le Conseil») is not a name; a lower-case head («ministère») needs a capitalised word after it.
    """
    name_tokens: set[int] = set()
    alias_ends: dict[int, int] = {}
    for mention in names:
        i, j = token_span(doc, mention.start, mention.end)
        name_tokens.update(range(i, j))
        if mention.label == "ORG" and doc[i].idx == mention.start and doc[j - 1].idx + len(doc[j - 1]) == mention.end:
            alias_ends[i] = max(j, alias_ends.get(i, 0))
    found = []
    # The tokens that may open a name: a head noun, or the word before a unit noun (an ordinal).
    starts = {token.i for token in tokens_with(doc, "ORTH", rules.heads)}
    starts.update(token.i - 1 for token in tokens_with(doc, "LOWER", rules.unit_nouns) if token.i > 0)
    for token in (doc[i] for i in sorted(starts)):
        if _ORDINAL.fullmatch(token.text) and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in rules.unit_nouns:
            # A numbered unit: «le 1er régiment de chasseurs parachutistes», «la 7e brigade blindée».
            end = _name_end(doc, token.i + 1, name_tokens, alias_ends, rules.non_entities)
            while end > token.i + 2 and (doc[end - 1].lower_ in ARTICLES or doc[end - 1].lower_ in ("et", "pour")):
                end -= 1
            span = doc[token.i : end]
            found.append(
                Mention(span.start_char, span.end_char, "ORG", rules.entity_id(span.text), "organisation-name")
            )
            continue
        if token.text not in rules.heads:
            continue
        end = _name_end(doc, token.i, name_tokens, alias_ends, rules.non_entities)
        while end > token.i + 1 and (doc[end - 1].lower_ in ARTICLES or doc[end - 1].lower_ in ("et", "pour")):
            end -= 1
        if end == token.i + 1:
            continue
        if not _is_capitalised(token) and not any(
            _is_capitalised(t) and t.i not in name_tokens for t in doc[token.i + 1 : end]
        ):
            continue  # «commission d'enquête de l'ONU»: a description, the known name inside stands alone
        if not _is_capitalised(token) and token.i + 1 in name_tokens:
            continue  # «l'agence Reuters»: the known name is the organisation
        start = token.i
        previous = doc[start - 1] if start > 0 else None
        if (
            previous is not None
            and previous.pos_ == "ADJ"
            and _is_capitalised(previous)
            and (not previous.is_sent_start or previous.text in ("Grande", "Haut", "Haute"))
        ):
            start -= 1  # «Grande Assemblée nationale», «Haut Commandement»
        span = doc[start:end]
        found.append(Mention(span.start_char, span.end_char, "ORG", rules.entity_id(span.text), "organisation-name"))
    return found


#: An ordinal number as written before a unit: «1er», «2e», «3ème», «13e».
_ORDINAL = re.compile(r"\d{1,3}(?:er|re|e|ème|eme)")

_ENGLISH_LINKS = frozenset(["of", "and", "for", "the", "&", "on"])
_DETERMINERS = ARTICLES | frozenset(["un", "une", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "notre"])


def english_names(doc: Doc, rules: OrganisationRules) -> list[Mention]:
    """English organisation names, head-final: «Allied Air Command», «NATO Communications and Information
    Agency», «Space Telescope Science Institute»: the capitalised words before an English head noun.
    """
    found = []
    for token in tokens_with(doc, "ORTH", rules.english_heads):
        if token.i == 0:
            continue
        k = token.i
        while k > 0:
            previous = doc[k - 1]
            word = _is_capitalised(previous) and (previous.is_alpha or "-" in previous.text or previous.like_num)
            link = previous.lower_ in _ENGLISH_LINKS and k > 1 and _is_capitalised(doc[k - 2])
            if not (word or link):
                break
            k -= 1
        while k < token.i and doc[k].lower_ in _ENGLISH_LINKS:
            k += 1
        if k == token.i or doc[k].lower_ in _DETERMINERS or doc[k].text.lower() in rules.titles:
            continue  # «Une Commission»: a French word at the start of a sentence
        span = doc[k : token.i + 1]
        found.append(Mention(span.start_char, span.end_char, "ORG", rules.entity_id(span.text), "organisation-name"))
    return found


def _strip_articles(span: Span) -> Span:
    """The span without leading articles and trailing punctuation; an article with a capital inside a sentence
    opens a title and stays: «La Voix du Nord», «Le Gorafi».
    """
    start = span.start
    while start < span.end and (span.doc[start].lower_ in ARTICLES or span.doc[start].is_space):
        token = span.doc[start]
        if token.text[:1].isupper() and not token.is_sent_start and start + 1 < span.end and token.lower_ != "de":
            break
        start += 1
    end = span.end
    while end > start and (span.doc[end - 1].is_space or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end]


def _cut_at_line_break(span: Span) -> Span:
    """The span up to a line break, or up to a place after it («Organisation à Bruxelles»)."""
    doc = span.doc
    for token in span:
        if "\n" in token.text:
            return doc[span.start : token.i]
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.lower_ in ("à", "en") and following is not None and _is_capitalised(following):
            return doc[span.start : token.i]
    return span


def _cut_at_verb(span: Span) -> Span:
    """The span up to a verb that is not a participle: «Communauté internationale [d'accompagner les efforts]»."""
    for token in span[1:]:
        if token.pos_ in ("VERB", "AUX") and "Part" not in token.morph.get("VerbForm"):
            end = token.i
            while end > span.start and span.doc[end - 1].lower_ in ARTICLES:
                end -= 1
            return span.doc[span.start : end]
    return span


def _line_label_or_dateline(doc: Doc, span: Span) -> bool:
    """Whether a one-word span in capitals opens a line before a comma or a colon: a dateline's place
    («OTTAWA, le 5 juin») or a speaker's initials in a transcript («PB : …»).
    """
    if len(span) != 1 or not span[0].is_upper:
        return False
    at_line_start = span.start == 0 or "\n" in doc[span.start - 1].text or "\n" in doc[span.start - 1].whitespace_
    following = doc[span.end] if span.end < len(doc) else None
    return at_line_start and following is not None and following.text in (",", ":")


#: Functions whose complement names a portfolio, not an organisation: «le ministre de la Sécurité intérieure».
_PORTFOLIO_TITLES = frozenset(["ministre", "ministres", "vice-ministre", "commissaire", "commissaires"])


def _portfolio(doc: Doc, span: Span, rules: OrganisationRules) -> bool:
    """Whether ``span`` is the portfolio of a minister or commissioner: «ministre de la Sécurité intérieure»."""
    k = span.start - 1
    while k >= 0 and doc[k].lower_ in ("de", "d'", "la", "l'", "du", "des", "aux", "au", "à"):
        k -= 1
    if k < 0 or k == span.start - 1:
        return False
    word = doc[k].lower_
    return word in _PORTFOLIO_TITLES or (word in ("état", "etat") and k > 1 and doc[k - 2].lower_ == "secrétaire")


def _short_form_of_event(doc: Doc, span: Span, rules: OrganisationRules) -> bool:
    """Whether ``span`` stands in brackets after the name of an event, document or programme."""
    if span.start < 2 or span.end >= len(doc) or doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    k = span.start - 2
    while k >= 0 and span.start - k <= 10 and not doc[k].is_punct and not doc[k].is_space:
        if doc[k].text in rules.event_heads and _is_capitalised(doc[k]):
            return True
        k -= 1
    return False


def model_organisations(doc: Doc, rules: OrganisationRules, taken: Iterable[Mention]) -> list[Mention]:
    """The model's ORG spans that are names of organisations and overlap no name found otherwise."""
    taken = list(taken)
    found = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        span = _strip_articles(_cut_at_verb(_cut_at_line_break(ent)))
        if not len(span) or any(m.overlaps(span.start_char, span.end_char) for m in taken):
            continue
        if _line_label_or_dateline(doc, span) or _portfolio(doc, span, rules):
            continue  # «OTTAWA, le 5 juin», «PB : …», «ministre de la Sécurité intérieure»
        first = span[0]
        before = doc[span.start - 1] if span.start > 0 else None
        if not _is_capitalised(first) or len(first.text) < 2 or first.text.lower() in rules.titles:
            continue  # «ministres de la Défense», «Q - Nous», «Président»
        if any(t.text in rules.event_heads or t.text.casefold() in rules.event_heads for t in span):
            continue  # «Traité de Washington», «Munich Security Conference»
        if before is not None and (before.lower_ in rules.event_heads or before.lower_ in rules.thing_nouns):
            continue  # «traité FNI», «exercice Cyber Coalition», «avions Rafale»
        if _short_form_of_event(doc, span, rules):
            continue  # «Plan d'action pour l'adhésion (MAP)»
        if all(t.text in rules.title_complements or not t.is_alpha for t in span):
            continue  # «ministre des [Armées]»
        if fold_key(span.text) in rules.non_entities or all(fold_key(t.text) in rules.non_entities for t in span):
            continue
        if not any(t.pos_ in ("PROPN", "NOUN", "X") or (t.is_upper and len(t) > 1) for t in span):
            continue  # «Renforcer» at the start of a sentence
        if span[0].pos_ in ("VERB", "AUX") and len(span) == 1:
            continue
        found.append(Mention(span.start_char, span.end_char, "ORG", rules.entity_id(span.text), "model"))
    return found
