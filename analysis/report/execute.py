"""Execute one report notebook with papermill, isolated in its own worker process."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .. import paths
from .keyfigures import extract_key_figures
from .suite import Job

KERNEL_START_RETRIES = 2
IMAGE_TYPES = ("image/png", "image/svg+xml", "image/jpeg")


@dataclass
class Result:
    """What running one job produced. ``status`` is ``ok`` or ``failed``."""

    name: str
    status: str
    seconds: float
    executed: Path
    error: str = ""
    figures: int = 0
    key_figures: list[dict] = field(default_factory=list)


def count_figures(notebook: dict) -> int:
    """Number of image outputs in an executed notebook."""
    return sum(
        1
        for cell in notebook.get("cells", [])
        for output in cell.get("outputs", [])
        if any(t in output.get("data", {}) for t in IMAGE_TYPES)
    )


def _is_kernel_start_failure(exc: Exception) -> bool:
    text = f"{type(exc).__name__}: {exc}".lower()
    return any(s in text for s in ("kernel died", "kernel didn't respond", "timeout waiting for kernel", "address already in use"))


def execute(job: Job, executed: Path, kernel: str, cell_timeout_s: int) -> Result:
    """Run ``job`` with papermill into ``executed`` (.ipynb); never raises for notebook errors."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    os.environ.pop("MPLBACKEND", None)  # an Agg backend would make figures vanish silently
    executed.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    error = ""
    for attempt in range(KERNEL_START_RETRIES + 1):
        try:
            pm.execute_notebook(
                str(job.notebook), str(executed), parameters=job.parameters, kernel_name=kernel,
                cwd=str(paths.ROOT), execution_timeout=cell_timeout_s, progress_bar=False, log_output=False,
            )
            error = ""
            break
        except PapermillExecutionError as exc:
            error = f"{exc.ename}: {exc.evalue}"
            break
        except Exception as exc:  # kernel start-up or papermill failure
            error = f"{type(exc).__name__}: {exc}"
            if not _is_kernel_start_failure(exc) or attempt == KERNEL_START_RETRIES:
                break
            time.sleep(1 + attempt)
    seconds = time.perf_counter() - start
    figures, key_figures = 0, []
    if executed.exists():
        nb = nbformat.read(executed, as_version=4)
        figures, key_figures = count_figures(nb), extract_key_figures(nb)
    if not error and figures < job.min_figures:
        error = f"expected at least {job.min_figures} figure(s), the executed notebook has {figures}"
    return Result(job.name, "failed" if error else "ok", seconds, executed, error, figures, key_figures)
