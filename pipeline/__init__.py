"""Who said what in French defence press releases: sentences, entities and quotes."""

__version__ = "0.1.0"
