"""Execute one report notebook with papermill, isolated in its own worker process."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from .. import paths
from .kernel import KERNEL_ARGUMENTS
from .keyfigures import extract_key_figures, extract_sources
from .suite import Job

KERNEL_START_RETRIES = 2
IMAGE_TYPES = ("image/png", "image/svg+xml", "image/jpeg")


@dataclass
class Result:
    """What running one job produced. ``status`` is ``ok`` or ``failed``; ``cached`` when reused."""

    name: str
    status: str
    seconds: float
    error: str = ""
    figures: int = 0
    key_figures: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    cached: bool = False

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "Result":
        return cls(**json.loads(path.read_text(encoding="utf-8")))


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


def run_job(job: Job, workdir: Path, kernel: str, cell_timeout_s: int) -> Result:
    """Execute ``job`` into ``workdir/notebook.ipynb``, export ``body.html``, save ``result.json``.

    Runs in a worker process; never raises for notebook errors (they are in the Result).
    """
    from .publish import export_body

    workdir.mkdir(parents=True, exist_ok=True)
    with (workdir / "kernel.log").open("w") as log:
        os.dup2(log.fileno(), 2)  # the kernel's stderr (start-up chatter, warnings) goes to the log
    result = execute(job, workdir / "notebook.ipynb", kernel, cell_timeout_s)
    if (workdir / "notebook.ipynb").exists():
        (workdir / "body.html").write_text(export_body(workdir / "notebook.ipynb"), encoding="utf-8")
    result.save(workdir / "result.json")
    return result


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
                str(job.notebook), str(executed), parameters=job.parameters, kernel_name=kernel, language="python",
                cwd=str(paths.ROOT), execution_timeout=cell_timeout_s, progress_bar=False, log_output=False,
                request_save_on_cell_execute=False, extra_arguments=KERNEL_ARGUMENTS,
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
    figures, key_figures, sources = 0, [], []
    if executed.exists():
        nb = nbformat.read(executed, as_version=4)
        figures, key_figures, sources = count_figures(nb), extract_key_figures(nb), extract_sources(nb)
    if not error and figures < job.min_figures:
        error = f"expected at least {job.min_figures} figure(s), the executed notebook has {figures}"
    if not error and not key_figures:
        error = "the notebook recorded no key figures (show_key_figures was not called)"
    return Result(job.name, "failed" if error else "ok", seconds, error, figures, key_figures, sources)
