"""Build ``data/processed/<name>.parquet`` from ``data/raw/`` deterministically.

Each processed file is the validated raw dataset plus the normalisations done once here
(company fiscal periods → calendar periods), stamped with a hash of its inputs (see
:mod:`.store`). A fresh file is not rebuilt, and :func:`load_processed` refuses a file whose
inputs have changed since it was built.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .. import paths
from . import store
from .catalog import csv_path, dataset_names, metadata, record_use, validate_dataset
from .periods import add_calendar_periods
from .sidecar import sidecar_path


class StaleDataError(RuntimeError):
    """A processed file is missing or older than its raw inputs; run ``make data``."""


def input_hash(name: str, raw_dir: Path | None = None) -> str:
    """sha256 over the dataset's CSV, its sidecar and the build code."""
    path = csv_path(name, raw_dir)
    return store.input_hash(path, sidecar_path(path))


def normalise(name: str, frame: pd.DataFrame, raw_dir: Path | None = None) -> pd.DataFrame:
    """Apply the normalisations: company datasets gain calendar_year/calendar_quarter."""
    columns = metadata(name, raw_dir)["columns"]
    if columns.get("entity", {}).get("vocabulary") == "company" and "period" in columns:
        frame = add_calendar_periods(frame)
    return frame


def build(
    names: list[str] | None = None,
    raw_dir: Path | None = None,
    out_dir: Path | None = None,
    force: bool = False,
    log: Callable[[str], None] = print,
) -> list[str]:
    """Build the processed files for ``names`` (all when None); return the names rebuilt."""
    out_dir = out_dir or paths.DATA_PROCESSED
    out_dir.mkdir(parents=True, exist_ok=True)
    rebuilt = []
    for name in names or dataset_names(raw_dir):
        target = store.processed_file(name, out_dir)
        digest = input_hash(name, raw_dir)
        if not force and store.stored_hash(target) == digest:
            log(f"  up to date  {name}")
            continue
        frame = normalise(name, validate_dataset(name, raw_dir), raw_dir)
        store.write(frame, target, digest)
        rebuilt.append(name)
        log(f"  built       {name} ({len(frame)} rows)")
    return rebuilt


def load_processed(name: str, raw_dir: Path | None = None, processed_dir: Path | None = None) -> pd.DataFrame:
    """The processed dataset ``name``; raises StaleDataError if missing or out of date."""
    target = store.processed_file(name, processed_dir)
    stored = store.stored_hash(target)
    if stored is None:
        raise StaleDataError(f"{target} is missing or unreadable: run `make data` to build data/processed/")
    if stored != input_hash(name, raw_dir):
        raise StaleDataError(f"{target} is out of date with data/raw/{name}.csv or the build code: run `make data`")
    record_use(name, metadata(name, raw_dir))
    return pd.read_parquet(target)
