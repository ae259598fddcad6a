"""Start-up of the kernels that execute the suite: import what the reports use, then freeze it.

The reports import pandas, matplotlib, seaborn and the library (which brings in scipy and
statsmodels): about 240,000 long-lived objects. Python's garbage collector rescans all of them
at every full collection (two or three per report, 0.1-0.2 s each) and again when the kernel
exits. The suite runner starts each kernel with :func:`preload`, which imports all of it and
then calls :func:`gc.freeze`, so that full collections scan only what the notebook creates.

Every module a report imports is preloaded (a test checks it): a module imported after the
freeze is not frozen, and a large import after a freeze makes full collections frequent.
Reports that do not use statsmodels load it anyway; each still finishes sooner than without
the preload. Notebooks run unchanged in JupyterLab, whose kernels are not started this way.
This module runs inside every suite kernel: keep its own imports to the standard library.
"""

from __future__ import annotations

import gc
import importlib

# Every module the suite's notebooks import (directly or through the library).
SHARED_MODULES = (
    "matplotlib.pyplot", "seaborn", "IPython.display",
    "pandas.io.formats.style",  # imported by the first table a report shows (jinja2 and its templates)
    "analysis.adoption", "analysis.capex", "analysis.comparators", "analysis.currency", "analysis.data",
    "analysis.energy", "analysis.plots", "analysis.roi", "analysis.tco", "analysis.trends", "analysis.report",
)

# IPython runs these lines in the kernel before the notebook's first cell.
KERNEL_ARGUMENTS = ["--IPKernelApp.exec_lines=import analysis.report.kernel as _k; _k.preload(); del _k"]


def preload(modules: tuple[str, ...] = SHARED_MODULES) -> None:
    """Import ``modules``, then freeze every object alive so far (see the module docstring)."""
    for name in modules:
        importlib.import_module(name)
    gc.freeze()
