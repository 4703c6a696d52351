"""Tables → Parquet and CSV files, written atomically, with provenance; and reading them back."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .errors import OutputError
from .schema import SCHEMA_VERSION, TABLES, check_frame, conform, file_metadata, pandas_dtypes, to_arrow

CSV_DIALECTS: dict[str, dict[str, Any]] = {
    "default": {"sep": ",", "encoding": "utf-8"},
    "excel-fr": {"sep": ";", "encoding": "utf-8-sig", "decimal": ","},
}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Temporary files are created private (0600); published files get the usual mode.
_FILE_MODE = 0o666 & ~_umask()


def _replace_atomically(path: Path, write: Any) -> None:
    """Call ``write(tmp_path)`` then rename the temporary file over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write an Arrow table to ``path`` atomically."""
    _replace_atomically(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def write_csv(frame: pd.DataFrame, path: Path, *, dialect: str = "default") -> None:
    """Write a frame as CSV in the given dialect, atomically."""
    options = CSV_DIALECTS[dialect]
    _replace_atomically(path, lambda tmp: frame.to_csv(tmp, index=False, date_format="%Y-%m-%d", **options))


def write_json(data: Mapping[str, Any], path: Path) -> None:
    """Write JSON (UTF-8, indented) atomically."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    _replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_table(
    name: str,
    records: Iterable[Any] | pa.Table,
    out_dir: Path,
    *,
    metadata: Mapping[str, str],
    csv_dialect: str = "default",
) -> int:
    """Write table ``name`` as ``name.parquet`` and ``name.csv`` in ``out_dir``; return its row count."""
    table = records if isinstance(records, pa.Table) else to_arrow(name, records)
    table = table.replace_schema_metadata(file_metadata(name, metadata))
    write_parquet(table, out_dir / f"{name}.parquet")
    write_csv(conform(name, table.to_pandas()), out_dir / f"{name}.csv", dialect=csv_dialect)
    return int(table.num_rows)


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
    """One final table written batch by batch as Parquet and CSV under temporary names.

    :func:`publish` renames the files of several staged tables into place once all are complete.
    """

    def __init__(
        self,
        name: str,
        out_dir: Path,
        *,
        metadata: Mapping[str, str],
        csv_dialect: str = "default",
        check: bool = False,
    ) -> None:
        self.name = name
        self.check = check
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.rows = 0
        self.schema = TABLES[name].arrow_schema.with_metadata(file_metadata(name, metadata))
        self.options = dict(CSV_DIALECTS[csv_dialect])
        self.parquet_tmp = self._tmp(".parquet")
        self.csv_tmp = self._tmp(".csv")
        self.parquet = pq.ParquetWriter(self.parquet_tmp, self.schema, compression="zstd")
        self.csv = self.csv_tmp.open("w", encoding=self.options.pop("encoding"), newline="")
        self.closed = False

    def _tmp(self, suffix: str) -> Path:
        fd, tmp = tempfile.mkstemp(prefix=f".{self.name}{suffix}.", suffix=".tmp", dir=self.out_dir)
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
        frame.to_csv(self.csv, index=False, header=self.rows == 0, date_format="%Y-%m-%d", **self.options)
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
            self.parquet.close()
            self.csv.close()
        self.parquet_tmp.unlink(missing_ok=True)
        self.csv_tmp.unlink(missing_ok=True)

    def publish(self) -> None:
        """Rename the complete files over ``name.parquet`` and ``name.csv``."""
        for tmp in (self.parquet_tmp, self.csv_tmp):
            os.chmod(tmp, _FILE_MODE)
        os.replace(self.parquet_tmp, self.out_dir / f"{self.name}.parquet")
        os.replace(self.csv_tmp, self.out_dir / f"{self.name}.csv")


def publish(tables: Iterable[StagedTable], manifest: Mapping[str, Any], manifest_path: Path) -> None:
    """Put complete staged tables in place, then the manifest (whose presence marks a finished run)."""
    text = json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{manifest_path.name}.", suffix=".tmp", dir=manifest_path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    for table in tables:
        table.publish()
    os.chmod(tmp, _FILE_MODE)
    os.replace(tmp, manifest_path)
