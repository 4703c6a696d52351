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
from .schema import SCHEMA_VERSION, TABLES, conform, pandas_dtypes, to_arrow

CSV_DIALECTS: dict[str, dict[str, Any]] = {
    "default": {"sep": ",", "encoding": "utf-8"},
    "excel-fr": {"sep": ";", "encoding": "utf-8-sig", "decimal": ","},
}


def _replace_atomically(path: Path, write: Any) -> None:
    """Call ``write(tmp_path)`` then rename the temporary file over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
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
    table = table.replace_schema_metadata({k.encode(): v.encode() for k, v in metadata.items()})
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


def table_names() -> list[str]:
    """Names of the output tables, in a stable order."""
    return list(TABLES)
