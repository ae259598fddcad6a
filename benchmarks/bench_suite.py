"""Benchmark the report suite: cold and warm against a floor measured in the same run.

floor: one trivial notebook per report, with that report's import statements and one plot,
       executed and published the same way (papermill, kernel start-up, parallel workers,
       HTML export);
charts: a diagnostic, not a target: the same trivial notebooks drawing as many simple
       charts (with title and source line) as their matching report draws, to show how much
       of cold minus floor is the number of charts rather than the analysis;
cold:  the whole suite with an empty cache;
warm:  the whole suite again with nothing changed (every report reused from the cache).
Targets: cold <= 1.5 x floor; warm <= 10% of cold.

The machine's speed drifts by 10-30% over minutes (other tenants, thermal limits), so floor
and cold runs are interleaved ``REPEATS`` times and the ratio is taken of the medians; the
charts diagnostic runs once.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_notebook

from analysis.report.run import run_suite
from analysis.report.suite import load_suite, notebook_imports

REPEATS = 5

# After the matching report's own import statements: `n_plots` simple plots (one for the
# floor) and one key figure. The names used here are imported by every report anyway.
TRIVIAL = """
import matplotlib.pyplot as plt
from analysis import plots
from analysis.report import KeyFigure, show_key_figures
plots.set_theme()
for i in range(n_plots):
    fig, ax = plt.subplots(); ax.plot([0, 1], [0, i]); plots.finish(fig, f"Chart {i} (unit)", "a source line"); plt.show()
show_key_figures([KeyFigure("one", 1.0, "count", "one")])
"""


def timed(**kwargs) -> tuple[float, list]:
    start = time.perf_counter()
    _, results = run_suite(out=io.StringIO(), **kwargs)
    return time.perf_counter() - start, results


def trivial_notebooks(tmp: Path, suite) -> dict[Path, Path]:
    """For each notebook of the suite, a trivial notebook with the same import statements."""
    trivial = {}
    for notebook in dict.fromkeys(job.notebook for job in suite.jobs):
        nb = new_notebook()
        params = new_code_cell("seed = 0\nn_plots = 1")
        params.metadata["tags"] = ["parameters"]
        nb.cells = [params, new_code_cell("\n".join(notebook_imports(notebook))), new_code_cell(TRIVIAL)]
        trivial[notebook] = tmp / f"trivial-{notebook.stem}.ipynb"
        nbformat.write(nb, trivial[notebook])
    return trivial


def trivial_suite(tmp: Path, suite, trivial: dict[Path, Path], plots_per_report: list[int], name: str) -> Path:
    """A suite config of the ``trivial`` notebooks, one per report, report i drawing ``plots_per_report[i]`` plots."""
    config = tmp / f"{name}.yaml"
    config.write_text(yaml.safe_dump({"kernel": suite.kernel, "reports": [
        {"name": f"{name}-{i}", "notebook": str(trivial[job.notebook]), "parameters": {"seed": i, "n_plots": k}}
        for i, (job, k) in enumerate(zip(suite.jobs, plots_per_report))
    ]}))
    return config


def main() -> None:
    suite = load_suite()
    n = len(suite.jobs)
    floors, colds = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        trivial = trivial_notebooks(tmp, suite)
        floor_config = trivial_suite(tmp, suite, trivial, [1] * n, "floor")
        for i in range(REPEATS):
            floors.append(timed(config=floor_config, reports_dir=tmp / f"floor-{i}", force=True)[0])
            cold, results = timed(reports_dir=tmp / "suite", force=True)
            colds.append(cold)
            print(f"  round {i + 1}/{REPEATS}: floor {floors[-1]:.1f} s, cold {cold:.1f} s ({cold / floors[-1]:.2f} x floor)", flush=True)
        charts_config = trivial_suite(tmp, suite, trivial, [r.figures for r in results], "charts")
        chart = timed(config=charts_config, reports_dir=tmp / "charts", force=True)[0]
        warm, warm_results = timed(reports_dir=tmp / "suite")
    floor, cold = statistics.median(floors), statistics.median(colds)
    failed = [r.name for r in results if r.status != "ok"]
    cached = sum(r.cached for r in warm_results)
    figures = sum(r.figures for r in results)
    spread = lambda xs: f"range {min(xs):.1f}-{max(xs):.1f} s"
    print(f"reports in the suite: {n} ({len(failed)} failed{': ' + ', '.join(failed) if failed else ''}), {figures} charts")
    print(f"floor  ({n} trivial notebooks, one plot each): {floor:6.1f} s median of {REPEATS} ({spread(floors)})")
    ratios = [c / f for c, f in zip(colds, floors)]
    print(f"cold   (empty cache):                        {cold:6.1f} s median of {REPEATS} ({spread(colds)})"
          f" = {cold / floor:.2f} x floor  (target <= 1.5); per round {', '.join(f'{r:.2f}' for r in ratios)}")
    print(f"warm   (nothing changed):                    {warm:6.1f} s = {100 * warm / cold:.1f}% of cold (target <= 10%); {cached}/{n} reused")
    print(f"charts (diagnostic: trivial notebooks, {figures} simple charts): {chart:6.1f} s, once"
          f" = {chart / floor:.2f} x floor; the charts alone explain {100 * (chart - floor) / (cold - floor):.0f}% of cold - floor")


if __name__ == "__main__":
    main()
