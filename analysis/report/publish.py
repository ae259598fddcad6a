"""Publish executed notebooks as a static HTML site: one page per report and an index.

A run is written into ``reports/runs/<run_id>/``; ``reports/latest`` is switched to it
atomically only once the whole run is written, so a reader never sees a half-written site.
"""

from __future__ import annotations

import functools
import html
import json
import os
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from .execute import Result
from .keyfigures import format_number
from .suite import Job

TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class RunInfo:
    run_id: str
    commit: str
    package_version: str
    data_vintage: str


def package_version() -> str:
    try:
        return version("ai-capex-wave")
    except PackageNotFoundError:
        return "unknown"


@functools.cache
def _exporter() -> HTMLExporter:
    """One exporter per process: building one compiles its templates (about 0.15 s)."""
    return HTMLExporter(template_name="selfcontained", extra_template_basedirs=[str(TEMPLATES)],
                        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                        embed_images=True)


def export_body(executed: Path) -> str:
    """Self-contained HTML of an executed notebook: code hidden, images embedded, no network."""
    body, _ = _exporter().from_notebook_node(nbformat.read(executed, as_version=4))
    return body


def footer(job: Job, result: Result, info: RunInfo) -> str:
    """Footer of a report page: run, parameters, data sources with retrieval dates, version, commit."""
    params = html.escape(json.dumps(job.parameters, sort_keys=True)) if job.parameters else "defaults"
    sources = "; ".join(
        f"{html.escape(s['title'])} ({html.escape(s['publisher'])}, retrieved {html.escape(s['retrieved'])})"
        for s in result.sources
    ) or "none recorded"
    cached = " (reused from an earlier identical run)" if result.cached else ""
    return (
        "<footer style='margin:2em auto;max-width:1100px;font-size:0.85em;color:#555;border-top:1px solid #ccc;padding-top:0.5em'>"
        f"<p>Run {html.escape(info.run_id)}{cached} · parameters: {params} · data vintage: {html.escape(info.data_vintage)} · "
        f"package ai-capex-wave {html.escape(info.package_version)} · commit {html.escape(info.commit)} · "
        "<a href='../index.html'>all reports</a></p>"
        f"<p>Data sources: {sources}</p></footer>"
    )


def write_report(run_dir: Path, job: Job, result: Result, info: RunInfo) -> None:
    """Finish ``<run_dir>/<name>/``: index.html (body + footer, if the notebook ran) and key_figures.json."""
    out = run_dir / job.name
    out.mkdir(parents=True, exist_ok=True)
    body = out / "body.html"
    if body.exists():
        page = body.read_text(encoding="utf-8").replace("</body>", f"{footer(job, result, info)}\n</body>", 1)
        (out / "index.html").write_text(page, encoding="utf-8")
        body.unlink()
    (out / "key_figures.json").write_text(json.dumps(result.key_figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def write_index(run_dir: Path, jobs: list[Job], results: list[Result], info: RunInfo) -> Path:
    """Write the run's index.html listing every report with status, parameters and key figures."""
    rows = []
    for job, res in zip(jobs, results):
        link = f"<a href='{html.escape(job.name)}/index.html'>{html.escape(job.title)}</a>" if (run_dir / job.name / "index.html").exists() else html.escape(job.title)
        figures = "<br>".join(
            f"{html.escape(k['description'])}: <b>{format_number(k['value'])}</b> {html.escape(k['unit'])}" for k in res.key_figures
        )
        status = ("ok (cached)" if res.cached else "ok") if res.status == "ok" else f"<span class='failed'>FAILED</span><pre>{html.escape(res.error)}</pre>"
        params = html.escape(json.dumps(job.parameters, sort_keys=True)) if job.parameters else "defaults"
        rows.append(f"<tr><td>{link}</td><td>{status}</td><td><code>{params}</code></td><td>{res.seconds:.1f} s</td><td>{figures}</td></tr>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>AI capex wave — reports</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}}
.failed{{color:#b00;font-weight:bold}}pre{{white-space:pre-wrap;font-size:.8em;max-width:40em}}</style></head>
<body><h1>Does the AI capex wave pay off? — reports</h1>
<p>Run {html.escape(info.run_id)} · data vintage {html.escape(info.data_vintage)} · package {html.escape(info.package_version)} · commit {html.escape(info.commit)}</p>
<table><thead><tr><th>Report</th><th>Status</th><th>Parameters</th><th>Run time</th><th>Key figures</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></body></html>
"""
    index = run_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def point_latest(reports_dir: Path, run_dir: Path) -> Path:
    """Atomically point ``reports/latest`` at ``run_dir`` (a relative symlink)."""
    latest = reports_dir / "latest"
    tmp = reports_dir / f".latest.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(run_dir.relative_to(reports_dir), target_is_directory=True)
    os.replace(tmp, latest)
    return latest
