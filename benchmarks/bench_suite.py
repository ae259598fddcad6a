"""Benchmark the report suite: cold and warm against a floor measured in the same run.

floor: as many trivial notebooks as the suite has reports (the same imports, one plot),
       executed and published the same way (papermill, parallel workers, HTML export);
cold:  the whole suite with an empty cache;
warm:  the whole suite again with nothing changed (every report reused from the cache).
Targets: cold <= 1.5 x floor; warm <= 10% of cold.
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_notebook

from analysis.report.run import run_suite
from analysis.report.suite import load_suite

# The same imports as the suite's notebooks (the library modules pull in statsmodels, scipy,
# numpy-financial), then one plot and one key figure.
TRIVIAL = """
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from IPython.display import Markdown, display
from analysis import adoption, capex, currency, data, energy, plots, roi, tco, trends
from analysis.report import KeyFigure, show_key_figures, table
plots.set_theme()
fig, ax = plt.subplots(); ax.plot([0, 1], [0, 1]); plt.show()
show_key_figures([KeyFigure("one", 1.0, "count", "one")])
"""


def timed(**kwargs) -> tuple[float, list]:
    start = time.perf_counter()
    _, results = run_suite(out=io.StringIO(), **kwargs)
    return time.perf_counter() - start, results


def main() -> None:
    suite = load_suite()
    n = len(suite.jobs)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        nb = new_notebook()
        params = new_code_cell("seed = 0")
        params.metadata["tags"] = ["parameters"]
        nb.cells = [params, new_code_cell(TRIVIAL)]
        nbformat.write(nb, tmp / "trivial.ipynb")
        config = tmp / "floor.yaml"
        config.write_text(yaml.safe_dump({"kernel": suite.kernel, "reports": [
            {"name": f"trivial-{i}", "notebook": str(tmp / "trivial.ipynb"), "parameters": {"seed": i}} for i in range(n)
        ]}))
        floor, _ = timed(config=config, reports_dir=tmp / "floor", force=True)
        cold, results = timed(reports_dir=tmp / "suite", force=True)
        warm, warm_results = timed(reports_dir=tmp / "suite")
    failed = [r.name for r in results if r.status != "ok"]
    cached = sum(r.cached for r in warm_results)
    print(f"reports in the suite: {n} ({len(failed)} failed{': ' + ', '.join(failed) if failed else ''})")
    print(f"floor ({n} trivial notebooks): {floor:7.1f} s")
    print(f"cold  (empty cache):          {cold:7.1f} s   = {cold / floor:.2f} x floor  (target <= 1.5)")
    print(f"warm  (nothing changed):      {warm:7.1f} s   = {100 * warm / cold:.1f}% of cold (target <= 10%); {cached}/{n} reused")


if __name__ == "__main__":
    main()
