"""Shared fixtures: copies of real datasets to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import paths


@pytest.fixture
def raw_copy(tmp_path: Path):
    """Copy dataset ``name`` (CSV + sidecar) from data/raw into a temp dir; return (dir, csv, sidecar)."""

    def _copy(name: str) -> tuple[Path, Path, Path]:
        for suffix in (".csv", ".meta.yaml"):
            shutil.copy(paths.DATA_RAW / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
        return tmp_path, tmp_path / f"{name}.csv", tmp_path / f"{name}.meta.yaml"

    return _copy
