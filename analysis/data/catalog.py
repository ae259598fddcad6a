"""The dataset catalogue: list the raw datasets, read their metadata, load them validated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .. import paths
from . import store
from .sidecar import read_sidecar, sidecar_path
from .validation import validate


_USED: dict[str, dict[str, str]] = {}  # datasets read in this process (for the report footer)
_VALIDATED: dict[tuple[str, str], pd.DataFrame] = {}  # (path, input hash) -> validated frame
SOURCE_FIELDS = ("title", "publisher", "url", "retrieved")


def record_use(name: str, meta: dict[str, Any]) -> None:
    """Note that dataset ``name`` (with sidecar ``meta``) was read in this process."""
    _USED[name] = {"name": name, **{k: str(meta[k]) for k in SOURCE_FIELDS}}


def used_datasets() -> list[dict[str, str]]:
    """The datasets read in this process so far (name, title, publisher, url, retrieved)."""
    return list(_USED.values())


def dataset_names(raw_dir: Path | None = None) -> list[str]:
    """Names of every dataset in ``data/raw/`` (one per CSV), sorted."""
    return sorted(p.stem for p in (raw_dir or paths.DATA_RAW).glob("*.csv"))


def csv_path(name: str, raw_dir: Path | None = None) -> Path:
    """Path of dataset ``name``'s CSV; unknown names raise KeyError listing the known ones."""
    raw_dir = raw_dir or paths.DATA_RAW
    path = raw_dir / f"{name}.csv"
    if not path.exists():
        known = ", ".join(dataset_names(raw_dir)) or "(none)"
        raise KeyError(f"unknown dataset {name!r} in {raw_dir}; known datasets: {known}")
    return path


def metadata(name: str, raw_dir: Path | None = None) -> dict[str, Any]:
    """The checked sidecar of dataset ``name`` as a dict."""
    return read_sidecar(sidecar_path(csv_path(name, raw_dir)))


def load(name: str, raw_dir: Path | None = None) -> pd.DataFrame:
    """Dataset ``name`` as a tidy, typed DataFrame, validated against its sidecar.

    Columns and units are those documented in ``data/raw/<name>.meta.yaml``. Raises
    :class:`~analysis.data.DataValidationError` listing every broken rule. A dataset is
    validated once per content: ``make data`` validates it when it builds
    ``data/processed/<name>.parquet``, and while that file is fresh (built from this very
    CSV, sidecar and validation code) its validated columns are read from it. Otherwise
    (an edited CSV, a ``raw_dir`` other than ``data/raw``) the CSV is validated here, once
    per process; loading it again returns a copy of that result.
    """
    path = csv_path(name, raw_dir)
    sidecar = sidecar_path(path)
    meta = read_sidecar(sidecar)  # a missing or broken sidecar is named here
    digest = store.input_hash(path, sidecar)
    key = (str(path.resolve()), digest)
    if key not in _VALIDATED:
        built = store.read_if_fresh(store.processed_file(name), digest) if raw_dir is None else None
        _VALIDATED[key] = validate(path, meta) if built is None else built[list(meta["columns"])]
    record_use(name, meta)
    return _VALIDATED[key].copy()


def validate_dataset(name: str, raw_dir: Path | None = None) -> pd.DataFrame:
    """Dataset ``name`` validated from its CSV now (never read from ``data/processed``)."""
    path = csv_path(name, raw_dir)
    return validate(path, read_sidecar(sidecar_path(path)))


def datasets(raw_dir: Path | None = None) -> pd.DataFrame:
    """One row per dataset: name, title, publisher, url, retrieved, licence, description."""
    rows = []
    for name in dataset_names(raw_dir):
        meta = metadata(name, raw_dir)
        rows.append({"name": name} | {k: meta[k] for k in ("title", "publisher", "url", "retrieved", "licence", "description")}
                    | {"gaps": list(meta["gaps"]), "definitions": list(meta["definitions"])})
    return pd.DataFrame(rows)
