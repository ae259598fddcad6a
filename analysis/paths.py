"""Absolute paths of the project, from one place.

Notebooks run under papermill with the project root as working directory, but they also
run in JupyterLab from ``notebooks/``; absolute paths from this module work in both.
``AI_CAPEX_ROOT`` overrides the root (used by tests that work on a copy of the data).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("AI_CAPEX_ROOT", Path(__file__).resolve().parent.parent))
DATA_RAW = ROOT / "data" / "raw"
DATA_PROCESSED = ROOT / "data" / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
ASSUMPTIONS = DATA_RAW / "assumptions.yaml"
SUITE_CONFIG = ROOT / "reports.yaml"
