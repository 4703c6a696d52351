"""Quote extraction and attribution, laid out by the parts of a quote.

- :mod:`.marks`     pairing quotation marks (direct quote content, malformed marks)
- :mod:`.cues`      speech verbs and their verb groups, subjects of cues
- :mod:`.indirect`  reported speech with a content clause
- :mod:`.turns`     transcript speaker labels and turns
- :mod:`.speakers`  resolving a speaker mention to a full name, an organisation or a group
- :mod:`.extract`   the stage function tying them together
"""

from .extract import extract_quotes
from .resources import QuoteResources, load_quote_resources

__all__ = ["QuoteResources", "extract_quotes", "load_quote_resources"]
