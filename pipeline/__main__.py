"""``python -m pipeline``."""

from .cli import app

app(prog_name="pipeline")
