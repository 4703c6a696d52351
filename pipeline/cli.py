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
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__, processes
from .config import Settings, load_settings
from .errors import OutputBusyError, PipelineError
from .evaluate import read_gold, score

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

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Output folder.")]
SettingsOption = Annotated[
    Path | None, typer.Option("--settings", help="TOML settings file (keys as in pipeline.config.Settings).")
]
SpeakerOption = Annotated[
    list[str] | None,
    typer.Option("--speaker", help="Target speaker flagged in is_stoltenberg (repeatable). Default: Jens Stoltenberg."),
]
WorkersOption = Annotated[int | None, typer.Option("--workers", help="Model worker processes (0: one per core).")]
FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links", help="Follow symbolic links that lead out of the corpus folder (skipped otherwise)."
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
    logging.basicConfig(level=level, format="%(levelname)s %(message)s", stream=sys.stderr, force=True)


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


def _count_documents(corpus: Path, settings: Settings) -> int:
    from .ingest import list_corpus

    return len(list_corpus(corpus, metadata_file=settings.metadata_file, follow_links=settings.follow_links))


@app.command()
def run(
    corpus: Annotated[Path, typer.Argument(help="Folder of text files (and an optional metadata.tsv).")],
    out: OutOption = Path("outputs"),
    settings_file: SettingsOption = None,
    speaker: SpeakerOption = None,
    workers: WorkersOption = None,
    csv_dialect: Annotated[str | None, typer.Option(help="CSV layout: default or excel-fr.")] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Parse every document again and delete the cache.")
    ] = False,
    engine: Annotated[
        str | None, typer.Option(help="Where documents are processed: local (process pool) or dask.")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (tcp://host:8786); default: a LocalCluster.")
    ] = None,
    follow_links: FollowLinksOption = False,
) -> None:
    """Run every stage over CORPUS and write the tables to --out (see docs/OPERATIONS.md)."""
    if scheduler and engine not in (None, "dask"):
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    with _errors():
        settings = _settings(
            settings_file,
            target_speakers=speaker or None,
            workers=workers,
            csv_dialect=csv_dialect,
            cache=False if no_cache else None,
            engine="dask" if scheduler and engine is None else engine,
            scheduler=scheduler,
            follow_links=True if follow_links else None,
        )
        if settings.engine == "local" and settings.n_workers > 1 and not _has_cache(settings.cache_folder(out)):
            processes.start_server()  # the workers' server imports spaCy while this process does
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
    out: OutOption = Path("outputs"), settings_file: SettingsOption = None, workers: WorkersOption = None
) -> None:
    """Parse the ingested texts and split them into sentences."""
    with _errors():
        settings = _settings(settings_file, workers=workers)
        from . import api

        with _progress("parsing", None) as progress:
            summary = api.sentences_stage(out, settings, progress=progress)
    _finish(summary)


@app.command()
def entities(out: OutOption = Path("outputs"), settings_file: SettingsOption = None) -> None:
    """Find people, countries and organisations in the parsed texts."""
    with _errors():
        settings = _settings(settings_file)
        from . import api

        with _progress("entities", None) as progress:
            summary = api.entities_stage(out, settings, progress=progress)
    _finish(summary)


@app.command()
def quotes(
    out: OutOption = Path("outputs"), settings_file: SettingsOption = None, speaker: SpeakerOption = None
) -> None:
    """Find quotes, their cues and speakers in the parsed texts."""
    with _errors():
        settings = _settings(settings_file, target_speakers=speaker or None)
        from . import api

        with _progress("quotes", None) as progress:
            summary = api.quotes_stage(out, settings, progress=progress)
    _finish(summary)


@app.command()
def export(
    out: OutOption = Path("outputs"),
    settings_file: SettingsOption = None,
    csv_dialect: Annotated[str | None, typer.Option(help="CSV layout: default or excel-fr.")] = None,
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
            read_gold(gold), tables["entities"], tables["quotes"], tables["sentences"], target_speaker=speaker
        )
    typer.echo(json.dumps(scores.as_dict(), indent=2) if json_output else scores.format())


@app.command()
def report(out: Annotated[Path, typer.Argument(help="Output folder of a finished run.")] = Path("outputs")) -> None:
    """Write OUT/report.html: corpus summary, top entities, speakers, target quotes, network, quote table."""
    from . import api

    with _errors():
        path = api.report(out)
    typer.echo(str(path))


@app.command()
def schema() -> None:
    """Print the data dictionary (Markdown) of the output tables: `pipeline schema > docs/DATA_DICTIONARY.md`."""
    from .schema import data_dictionary

    typer.echo(data_dictionary(), nl=False)
