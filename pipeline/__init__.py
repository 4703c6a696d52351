"""Who said what in French defence press releases: sentences, entities and quotes."""

__version__ = "0.1.0"

from .outputs import Outputs, load_outputs

__all__ = ["Outputs", "__version__", "load_outputs"]
