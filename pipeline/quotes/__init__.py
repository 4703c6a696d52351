"""Quote extraction and attribution, laid out by the parts of a quote and run as explicit passes.

- :mod:`.layout`      the document's paragraphs, quotation marks (:mod:`.marks`) and turns (:mod:`.turns`)
- :mod:`.candidates`  pass 1: every stretch that may be reported speech, with its construction
- :mod:`.cues`        pass 2: the cue of each candidate and where its speaker is written
- :mod:`.content`     pass 3: content boundaries from the parse; which candidates are quotes
- :mod:`.speakers`    pass 4: who said each quote (names, titles, offices, pronouns, labels)
- :mod:`.records`     the records the passes hand to each other
- :mod:`.extract`     the stage function composing the passes
"""

from .extract import extract_quotes
from .resources import QuoteResources, load_quote_resources

__all__ = ["QuoteResources", "extract_quotes", "load_quote_resources"]
