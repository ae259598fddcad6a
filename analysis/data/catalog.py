"""The dataset catalogue: list the raw datasets, read their metadata, load them validated."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pandas as pd

from .. import paths
from .sidecar import read_sidecar, sidecar_path
from .validation import validate


_USED: dict[str, dict[str, str]] = {}  # datasets read in this process (for the report footer)
_VALIDATED: dict[tuple[str, str], tuple[dict[str, Any], pd.DataFrame]] = {}  # (path, content digest) -> (meta, frame)
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
    :class:`~analysis.data.DataValidationError` listing every broken rule. A file is
    validated once per process and content: loading it again returns a copy of that
    result until the CSV or its sidecar changes.
    """
    path = csv_path(name, raw_dir)
    sidecar = sidecar_path(path)
    key = (str(path.resolve()), _content_digest(path, sidecar))
    if key not in _VALIDATED:
        meta = read_sidecar(sidecar)
        _VALIDATED[key] = (meta, validate(path, meta))
    meta, frame = _VALIDATED[key]
    record_use(name, meta)
    return frame.copy()


def _content_digest(*files: Path) -> str:
    """sha256 over the bytes of ``files`` (a missing file counts as empty)."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes() if file.exists() else b"")
        digest.update(b"\0")
    return digest.hexdigest()


def datasets(raw_dir: Path | None = None) -> pd.DataFrame:
    """One row per dataset: name, title, publisher, url, retrieved, licence, description."""
    rows = []
    for name in dataset_names(raw_dir):
        meta = metadata(name, raw_dir)
        rows.append({"name": name} | {k: meta[k] for k in ("title", "publisher", "url", "retrieved", "licence", "description")}
                    | {"gaps": list(meta["gaps"]), "definitions": list(meta["definitions"])})
    return pd.DataFrame(rows)
