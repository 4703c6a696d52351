"""Tables → Parquet and CSV files, published as one unit, with provenance; and reading them back.

A run's final files are written into a staging folder, ``OUT/runs/.staging-<run_id>/``; once all are
complete (and flushed to disk) the folder is renamed ``OUT/runs/<run_id>/`` and the symbolic link
``OUT/current`` is switched to it in one atomic rename. The documented paths ``OUT/<table>.parquet``,
``OUT/<table>.csv`` and ``OUT/manifest.json`` are fixed links through ``current``, so every reader sees
the files of one complete run. Where the file system has no symbolic links, files are renamed into
``OUT/`` one by one, manifest last (a reader could then see two runs side by side for milliseconds;
:func:`pipeline.load_outputs` refuses such a mix).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .errors import OutputError
from .freshness import STAMP, stamp
from .schema import SCHEMA_VERSION, TABLES, check_frame, conform, file_metadata, pandas_dtypes

log = logging.getLogger("pipeline")

CSV_DIALECTS: dict[str, dict[str, Any]] = {
    "default": {"sep": ",", "encoding": "utf-8"},
    "excel-fr": {"sep": ";", "encoding": "utf-8-sig", "decimal": ","},
}
#: Dialects read by spreadsheets, whose text cells must not start like a formula.
FORMULA_SAFE_DIALECTS = frozenset({"excel-fr"})
#: Cell starts that spreadsheets evaluate (formula, DDE) or that hide the rest (OWASP CSV injection);
#: ``'`` itself, so that the apostrophe added before them can always be taken off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")

#: The published files of a run, inside its run folder and as links in the output folder.
RUNS = "runs"
CURRENT = "current"
MANIFEST = "manifest.json"
_STAGING = ".staging-"


@functools.cache
def _file_mode() -> int:
    """The mode a new file gets in this process (0o666 less the umask), found without changing the umask.

    Temporary files are created private (0600); published files get this usual mode.
    """
    with tempfile.TemporaryDirectory() as folder:
        probe = os.path.join(folder, "probe")
        os.close(os.open(probe, os.O_CREAT | os.O_WRONLY, 0o666))
        return stat.S_IMODE(os.stat(probe).st_mode)


def _replace_atomically(path: Path, write: Any) -> None:
    """Call ``write(tmp_path)`` then rename the temporary file over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that start like a spreadsheet formula (``=``, ``+``, ``-``, ``@``, tab, CR) or with ``'``,
    prefixed with ``'`` so that Excel shows them as text (numbers, dates and other cells unchanged)."""
    result = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            categories = series.cat.categories
            if categories.dtype == object and any(str(c).startswith(FORMULA_STARTS) for c in categories):
                result[column] = series.cat.rename_categories(
                    [f"'{c}" if str(c).startswith(FORMULA_STARTS) else c for c in categories]
                )
        elif pd.api.types.is_string_dtype(series.dtype):
            text = series.astype("string")
            risky = text.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
            if risky.any():
                result[column] = text.mask(risky, "'" + text)
    return result


def _restore_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of :func:`neutralise_formulas` on text read back as strings."""
    for column in frame.columns:
        if pd.api.types.is_string_dtype(frame[column].dtype):
            text = frame[column].astype("string")
            quoted = text.str.startswith("'").fillna(False).astype(bool)
            if quoted.any():
                frame[column] = text.mask(quoted, text.str.slice(1))
    return frame


def csv_frame(frame: pd.DataFrame, dialect: str) -> pd.DataFrame:
    """The frame as it is written in CSV ``dialect`` (spreadsheet dialects neutralise formula-like cells)."""
    return neutralise_formulas(frame) if dialect in FORMULA_SAFE_DIALECTS else frame


def write_json(data: Mapping[str, Any], path: Path) -> None:
    """Write JSON (UTF-8, indented) atomically."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    _replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


class Streamed:
    """A JSON object of a manifest written pair by pair from an iterable (``inputs`` of a large corpus)."""

    def __init__(self, pairs: Callable[[], Iterable[tuple[str, Any]]]) -> None:
        self.pairs = pairs


def write_manifest(manifest: Mapping[str, Any], path: Path) -> None:
    """Write a manifest as indented JSON, its :class:`Streamed` values pair by pair (memory stays flat)."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("{")
        for number, (key, value) in enumerate(manifest.items()):
            handle.write(",\n  " if number else "\n  ")
            handle.write(json.dumps(key, ensure_ascii=False) + ": ")
            if isinstance(value, Streamed):
                empty = True
                for inner, item in value.pairs():
                    handle.write("{\n    " if empty else ",\n    ")
                    handle.write(json.dumps(inner, ensure_ascii=False) + ": " + json.dumps(item, ensure_ascii=False))
                    empty = False
                handle.write("{}" if empty else "\n  }")
            else:
                text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
                handle.write(text.replace("\n", "\n  "))
        handle.write("\n}\n")


def read_parquet_table(path: Path, name: str) -> pd.DataFrame:
    """A Parquet table of the pipeline as a typed DataFrame."""
    try:
        frame = pq.read_table(path).to_pandas()
    except (OSError, pa.ArrowInvalid) as exc:
        raise OutputError(f"cannot read {path}: {exc}") from exc
    return conform(name, frame)


def read_csv_table(path: Path, name: str, *, dialect: str = "default") -> pd.DataFrame:
    """A CSV table of the pipeline as a typed DataFrame (same dtypes as from Parquet)."""
    options = dict(CSV_DIALECTS[dialect])
    read_types = {
        column: ("string" if dtype not in ("Int64", "boolean") else dtype)
        for column, dtype in pandas_dtypes(name).items()
    }
    frame = pd.read_csv(path, dtype=read_types, keep_default_na=False, na_values=[""], **options)
    if dialect in FORMULA_SAFE_DIALECTS:
        frame = _restore_formulas(frame)
    # CSV cannot tell an empty string from a missing value: columns that are never null hold "".
    for column in TABLES[name].columns:
        if not column.nullable and read_types[column.name] == "string":
            frame[column.name] = frame[column.name].fillna("")
    return conform(name, frame)


def table_metadata(provenance: Mapping[str, Any]) -> dict[str, str]:
    """Parquet file metadata: schema version and the run's provenance, as strings."""
    return {
        "pipeline.schema_version": SCHEMA_VERSION,
        "pipeline.provenance": json.dumps(provenance, ensure_ascii=False, default=str),
    }


class StagedTable:
    """One final table written batch by batch as Parquet and CSV under temporary names in ``folder``.

    :func:`publish` puts the files of several staged tables in place once all are complete.
    """

    def __init__(
        self,
        name: str,
        folder: Path,
        *,
        metadata: Mapping[str, str],
        csv_dialect: str = "default",
        check: bool = False,
    ) -> None:
        self.name = name
        self.check = check
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.rows = 0
        self.schema = TABLES[name].arrow_schema.with_metadata(file_metadata(name, metadata))
        self.dialect = csv_dialect
        self.options = dict(CSV_DIALECTS[csv_dialect])
        self.parquet_tmp = self._tmp(".parquet")
        self.csv_tmp = self._tmp(".csv")
        self.parquet = pq.ParquetWriter(self.parquet_tmp, self.schema, compression="zstd")
        self.csv = self.csv_tmp.open("w", encoding=self.options.pop("encoding"), newline="")
        self.closed = False

    @property
    def files(self) -> list[str]:
        """The names of the table's published files."""
        return [f"{self.name}.parquet", f"{self.name}.csv"]

    def _tmp(self, suffix: str) -> Path:
        fd, tmp = tempfile.mkstemp(prefix=f".{self.name}{suffix}.", suffix=".tmp", dir=self.folder)
        os.close(fd)
        return Path(tmp)

    def write(self, table: pa.Table) -> None:
        """Append rows (an Arrow table with this table's columns)."""
        table = table.cast(self.schema)
        self.parquet.write_table(table)
        frame = conform(self.name, table.to_pandas())
        if self.check:
            problems = check_frame(self.name, frame)
            if problems:
                raise OutputError(f"table {self.name} does not match its schema: " + "; ".join(problems[:5]))
        csv_frame(frame, self.dialect).to_csv(
            self.csv, index=False, header=self.rows == 0, date_format="%Y-%m-%d", **self.options
        )
        self.rows += table.num_rows

    def close(self) -> int:
        """Finish both files (still under temporary names); return the row count."""
        if self.rows == 0:
            frame = conform(self.name, self.schema.empty_table().to_pandas())
            frame.to_csv(self.csv, index=False, header=True, **self.options)
        self.parquet.close()
        self.csv.close()
        self.closed = True
        return self.rows

    def discard(self) -> None:
        """Drop the temporary files (the run stopped before publishing)."""
        if not self.closed:
            with contextlib.suppress(Exception):  # a writer that failed on a full disk may fail again
                self.parquet.close()
            with contextlib.suppress(OSError):
                self.csv.close()
        self.parquet_tmp.unlink(missing_ok=True)
        self.csv_tmp.unlink(missing_ok=True)

    def publish(self) -> None:
        """Rename the complete files to ``name.parquet`` and ``name.csv`` in their folder."""
        for tmp in (self.parquet_tmp, self.csv_tmp):
            os.chmod(tmp, _file_mode())
        os.replace(self.parquet_tmp, self.folder / f"{self.name}.parquet")
        os.replace(self.csv_tmp, self.folder / f"{self.name}.csv")


# --- publishing -----------------------------------------------------------------------------------


def staging_folder(out_dir: Path, run_id: str) -> Path:
    """The folder a run writes its final files into before publishing them (created empty)."""
    folder = Path(out_dir) / RUNS / f"{_STAGING}{run_id}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def _fsync(path: Path, *, directory: bool = False) -> None:
    """Flush a file (or, where the system allows it, a folder's entries) to disk."""
    if directory:  # best effort: some systems (Windows) and file systems cannot open or sync a folder
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        return
    fd = os.open(path, os.O_RDWR)  # Windows syncs only a file open for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _link(out_dir: Path, name: str, target: str, *, directory: bool = False) -> None:
    """Make ``out_dir/name`` a symbolic link to ``target`` in one atomic rename (any old file replaced)."""
    path = out_dir / name
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = out_dir / f".{name}.link.tmp"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp, target_is_directory=directory)
    os.replace(tmp, path)


def _symlinks_work(out_dir: Path) -> bool:
    probe = out_dir / ".symlink-probe.tmp"
    probe.unlink(missing_ok=True)
    try:
        os.symlink(RUNS, probe, target_is_directory=True)
    except (OSError, NotImplementedError):
        return False
    probe.unlink()
    return True


def publish(
    tables: Iterable[StagedTable],
    manifest: Mapping[str, Any],
    out_dir: Path,
    staging: Path,
    *,
    inputs_key: str | None = None,
) -> Path:
    """Publish staged tables and the manifest as one unit; return the run folder.

    Every file is completed and synced in ``staging``, which is then renamed ``OUT/runs/<run_id>``;
    ``OUT/current`` is switched to it in one rename, and the top-level names link through ``current``.
    The previous run's folder is kept (a reader may still be reading it); older ones are removed. The
    manifest is stamped with ``inputs_key`` and the files' checksums (:mod:`pipeline.freshness`).
    """
    out_dir = Path(out_dir)
    run_id = str(manifest["run_id"])
    files = []
    for table in tables:
        table.publish()
        files.extend(table.files)
    manifest = {**manifest, STAMP: stamp(inputs_key, staging, files)}
    files.append(MANIFEST)
    write_manifest(manifest, staging / MANIFEST)
    os.chmod(staging / MANIFEST, _file_mode())
    for name in files:
        _fsync(staging / name)
    run_folder = out_dir / RUNS / run_id
    os.replace(staging, run_folder)
    _fsync(run_folder.parent, directory=True)
    if not _symlinks_work(out_dir):
        log.warning("%s: no symbolic links on this file system; files are published one by one", out_dir)
        for name in sorted(files, key=lambda n: n == MANIFEST):  # the manifest last
            if (out_dir / name).is_symlink():
                (out_dir / name).unlink()
            os.replace(run_folder / name, out_dir / name)
        shutil.rmtree(run_folder)
        return out_dir
    current = out_dir / CURRENT
    previous = os.readlink(current) if current.is_symlink() else None
    if current.is_dir() and not current.is_symlink():  # a copy of an output folder made without its links
        os.replace(current, out_dir / RUNS / f".copied-{run_id}")
    _link(out_dir, CURRENT, os.path.join(RUNS, run_id), directory=True)  # the switch: the new run is read from here on
    _fsync(out_dir, directory=True)
    for name in files:
        _link(out_dir, name, os.path.join(CURRENT, name))
    keep = {run_id, Path(previous).name if previous else None}
    for old in (out_dir / RUNS).iterdir():
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    return run_folder


def clean_staging(out_dir: Path) -> None:
    """Remove what a stopped run left: staging folders and temporary links (never a published run)."""
    runs = Path(out_dir) / RUNS
    for folder in runs.glob(f"{_STAGING}*") if runs.is_dir() else []:
        shutil.rmtree(folder, ignore_errors=True)
    for tmp in Path(out_dir).glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def published_folder(out_dir: Path) -> Path:
    """The folder holding the files of the run currently published in ``out_dir`` (resolved once)."""
    current = Path(out_dir) / CURRENT
    return current.resolve() if current.is_dir() else Path(out_dir)
