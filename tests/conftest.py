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


@pytest.fixture
def run_notebook(tmp_path: Path):
    """Execute a notebook with papermill (project kernel, project root as cwd); return the executed nb.

    ``run_notebook("notebooks/02_payoff.ipynb", n_draws=1000)``. A cell error raises
    papermill's PapermillExecutionError (its ``ename``/``evalue`` name the exception).
    """
    import nbformat
    import papermill as pm

    def _run(notebook: str, **parameters):
        out = tmp_path / f"{Path(notebook).stem}.executed.ipynb"
        pm.execute_notebook(
            str(paths.ROOT / notebook), str(out), parameters=parameters, kernel_name=KERNEL,
            cwd=str(paths.ROOT), progress_bar=False, execution_timeout=600,
        )
        return nbformat.read(out, as_version=4)

    return _run


KERNEL = "ai-capex"
