"""The report suite: which notebooks run with which parameters (``reports.yaml``)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml

from .. import paths
from ..data.yamlio import load_yaml

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Job:
    """One report: a notebook executed with one parameter set."""

    name: str
    notebook: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    min_figures: int = 1
    title: str = ""


@dataclass(frozen=True)
class Suite:
    kernel: str
    cell_timeout_s: int
    jobs: list[Job]


class SuiteConfigError(ValueError):
    """``reports.yaml`` is malformed; the message names the entry and the field."""


def load_suite(path: Path | None = None) -> Suite:
    """Read and check the suite config; raise SuiteConfigError naming every problem."""
    path = path or paths.SUITE_CONFIG
    raw = load_yaml(path.read_text(encoding="utf-8")) or {}
    problems: list[str] = []
    jobs: list[Job] = []
    for i, entry in enumerate(raw.get("reports") or []):
        where = f"{path.name}: reports[{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{where} must be a mapping")
            continue
        notebook = paths.ROOT / str(entry.get("notebook", ""))
        if not entry.get("notebook") or not notebook.is_file():
            problems.append(f"{where}: notebook {entry.get('notebook')!r} does not exist")
        variants = entry.get("parameter_sets") or [{}]
        for params in variants:
            params = {**(entry.get("parameters") or {}), **params}
            name = str(entry.get("name", "")).format(**params).lower()
            if not _NAME.match(name):
                problems.append(f"{where}: name {name!r} must be lower-case letters, digits, '-' or '_'")
            jobs.append(Job(name, notebook, params, int(entry.get("min_figures", 1)), str(entry.get("title", name)).format(**params)))
    if not jobs:
        problems.append(f"{path.name}: 'reports' lists no notebook")
    names = [j.name for j in jobs]
    problems += [f"{path.name}: report name {n!r} is used twice" for n in sorted({n for n in names if names.count(n) > 1})]
    if problems:
        raise SuiteConfigError("\n".join(problems))
    return Suite(str(raw.get("kernel", "ai-capex")), int(raw.get("cell_timeout_s", 600)), jobs)


def select(suite: Suite, only: list[str] | None) -> list[Job]:
    """The jobs named in ``only`` (all when empty); unknown names raise listing the known ones."""
    if not only:
        return suite.jobs
    known = {j.name for j in suite.jobs}
    unknown = [n for n in only if n not in known]
    if unknown:
        raise SuiteConfigError(f"unknown report(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return [j for j in suite.jobs if j.name in only]


def notebook_imports(notebook: Path) -> list[str]:
    """The top-level ``import`` statements of the notebook's code cells, as source lines, in order."""
    from IPython.core.inputtransformer2 import TransformerManager

    to_python = TransformerManager().transform_cell  # IPython syntax (magics) to plain Python
    statements = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        code = to_python(cell.source)
        statements += [ast.get_source_segment(code, node) for node in ast.parse(code).body
                       if isinstance(node, (ast.Import, ast.ImportFrom))]
    return statements
