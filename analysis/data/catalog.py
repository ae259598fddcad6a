"""The dataset catalogue: list the raw datasets, read their metadata, load them validated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .. import paths
from .sidecar import read_sidecar, sidecar_path
from .validation import validate


_USED: dict[str, dict[str, str]] = {}  # datasets read in this process (for the report footer)
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
    :class:`~analysis.data.DataValidationError` listing every broken rule.
    """
    path = csv_path(name, raw_dir)
    meta = read_sidecar(sidecar_path(path))
    frame = validate(path, meta)
    record_use(name, meta)
    return frame


def datasets(raw_dir: Path | None = None) -> pd.DataFrame:
    """One row per dataset: name, title, publisher, url, retrieved, licence, description."""
    rows = []
    for name in dataset_names(raw_dir):
        meta = metadata(name, raw_dir)
        rows.append({"name": name} | {k: meta[k] for k in ("title", "publisher", "url", "retrieved", "licence", "description")}
                    | {"gaps": list(meta["gaps"]), "definitions": list(meta["definitions"])})
    return pd.DataFrame(rows)
