"""Run the report suite: execute notebooks in parallel, publish HTML, exit non-zero on failure."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime, timezone
from pathlib import Path

from .. import paths
from ..data import datasets
from .cache import cache_key, inputs_digest, restore, store
from .execute import Result, run_job
from .publish import RunInfo, package_version, point_latest, write_index, write_report
from .suite import Job, load_suite, select


def git_commit() -> str:
    """Short commit hash of the working tree (``+dirty`` with uncommitted changes), or ``unknown``."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout.strip()
        return commit + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def data_vintage() -> str:
    """The latest retrieval date over all raw datasets."""
    return str(max(datasets()["retrieved"].astype(str)))


def run_suite(only: list[str] | None = None, workers: int | None = None, config: Path | None = None,
              reports_dir: Path | None = None, force: bool = False, out=sys.stdout) -> tuple[Path, list[Result]]:
    """Execute and publish the suite (or the reports named in ``only``).

    Unchanged reports are reused from ``reports/cache`` unless ``force``. Returns the run
    directory and the results. ``reports/latest`` is switched to the run only after every
    report and the index are written; an interrupted run leaves ``latest`` as it was.
    """
    suite = load_suite(config)
    jobs = select(suite, only)
    reports_dir = reports_dir or paths.REPORTS
    cache_dir = reports_dir / "cache"
    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    partial = reports_dir / "runs" / f"{run_id}.partial"
    partial.mkdir(parents=True)
    info = RunInfo(run_id, git_commit(), package_version(), data_vintage())
    quiet = bool(os.environ.get("CI"))
    inputs = inputs_digest()
    keys = {job.name: cache_key(job, suite.kernel, inputs) for job in jobs}
    results: dict[str, Result] = {}

    def report(res: Result) -> None:
        results[res.name] = res
        word = {"ok": "done  ", "failed": "FAILED"}[res.status] if not res.cached else "cached"
        detail = f"  {res.error.splitlines()[0]}" if res.error else ""
        print(f"  {word}   {res.name} ({res.seconds:.1f} s){detail}", file=out, flush=True)

    todo = []
    for job in jobs:
        if not force and restore(cache_dir, keys[job.name], partial / job.name):
            res = Result.load(partial / job.name / "result.json")
            res.cached = True
            report(res)
        else:
            todo.append(job)
    if todo:
        ctx = multiprocessing.get_context("spawn")
        n_workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        with ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx) as pool:
            futures = {}
            for job in todo:
                if not quiet:
                    print(f"  started  {job.name}", file=out, flush=True)
                futures[pool.submit(run_job, job, partial / job.name, suite.kernel, suite.cell_timeout_s)] = job
            for future in as_completed(futures):
                job = futures[future]
                try:
                    res = future.result()
                except Exception as exc:  # the worker process itself died
                    res = Result(job.name, "failed", 0.0, f"{type(exc).__name__}: {exc}")
                if res.status == "ok":
                    store(cache_dir, keys[job.name], partial / job.name)
                report(res)
    ordered = [results[j.name] for j in jobs]
    for job, res in zip(jobs, ordered):
        write_report(partial, job, res, info)
    write_index(partial, jobs, ordered, info)
    run_dir = partial.with_name(run_id)
    partial.rename(run_dir)
    point_latest(reports_dir, run_dir)
    return run_dir, ordered


def main(only: list[str] | None = None, workers: int | None = None, force: bool = False,
         config: Path | None = None) -> int:
    """Run the suite, print a summary; return 0 when every report is ok, 1 otherwise."""
    run_dir, results = run_suite(only, workers, config=config, force=force)
    failed = [r.name for r in results if r.status != "ok"]
    index = (paths.REPORTS / "latest" / "index.html")
    print(f"{len(results) - len(failed)} of {len(results)} reports ok; index: {index}")
    if failed:
        print(f"failed: {', '.join(failed)} (executed notebooks with tracebacks are kept in {run_dir})", file=sys.stderr)
        return 1
    return 0
