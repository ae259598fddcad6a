"""The processed store: ``data/processed/<name>.parquet`` files stamped with a hash of their inputs.

A file's inputs are its dataset's CSV and sidecar and the code that validates and builds it.
The hash is written into the parquet metadata when the file is built; a file is *fresh*
while the hash of its inputs is unchanged. Used by the build (what to rebuild), by
:func:`~analysis.data.load_processed` (refuse stale files) and by
:func:`~analysis.data.load` (reuse the validation done by the build).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .. import paths

HASH_KEY = b"ai_capex.input_hash"
BUILD_CODE = tuple(Path(__file__).with_name(n) for n in (
    "build.py", "store.py", "periods.py", "validation.py", "sidecar.py", "vocabularies.py",
))


def processed_file(name: str, processed_dir: Path | None = None) -> Path:
    """Where dataset ``name``'s processed file lives (``data/processed/<name>.parquet`` by default)."""
    return (processed_dir or paths.DATA_PROCESSED) / f"{name}.parquet"


def input_hash(csv: Path, sidecar: Path) -> str:
    """sha256 over the bytes of the dataset's CSV, its sidecar and the build code."""
    digest = hashlib.sha256()
    for part in (csv, sidecar, *BUILD_CODE):
        digest.update(part.read_bytes())
    return digest.hexdigest()


def stored_hash(target: Path) -> str | None:
    """The input hash recorded in ``target`` (a parquet file); None when it is missing or unreadable
    (an unreadable file is then rebuilt by the build, and never read by the loaders)."""
    try:
        metadata = pq.read_schema(target).metadata or {}
    except (OSError, pa.ArrowException):  # missing, truncated, not parquet
        return None
    value = metadata.get(HASH_KEY)
    return value.decode() if value else None


def write(frame: pd.DataFrame, target: Path, digest: str) -> None:
    """Write ``frame`` to ``target`` stamped with ``digest``; atomic (a reader never sees half a file)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), HASH_KEY: digest.encode()})
    tmp = target.with_suffix(".parquet.tmp")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(target)


def read_if_fresh(target: Path, digest: str) -> pd.DataFrame | None:
    """The frame in ``target`` if it was built from inputs hashing to ``digest``, else None."""
    return pd.read_parquet(target) if stored_hash(target) == digest else None
