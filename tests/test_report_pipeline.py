"""The suite runner: isolated failures, atomic publishing, caching, reproducible key figures."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_notebook

from analysis import paths
from analysis.report import run as runner
from analysis.report.run import run_suite

pytestmark = pytest.mark.notebook

PLOT_AND_FIGURES = """
import matplotlib.pyplot as plt
from analysis.report import KeyFigure, show_key_figures
fig, ax = plt.subplots(); ax.plot([1, 2, 3], [value, value * 2, value * 3]); plt.show()
show_key_figures([KeyFigure("double", value * 2, "USD bn", "Twice the parameter")])
"""

SHOW_DATA = """
from pathlib import Path
import matplotlib.pyplot as plt
from IPython.display import display
from analysis import data
from analysis.report import KeyFigure, bullets, markdown, show_key_figures, table
frame = data.load("eur_usd_rates", Path(raw_dir))
display(table(frame))
display(bullets(list(frame["source_title"])))
display(markdown(f"The first source is **{frame['source_title'].iloc[0]}**, the second {frame['source_title'].iloc[1]}."))
fig, ax = plt.subplots(); ax.plot(frame["year"], frame["usd_per_eur"]); plt.show()
show_key_figures([KeyFigure("rows", len(frame), "rows", "Rows read")])
"""


def write_notebook(path: Path, source: str, parameters: str = "value = 1.0") -> Path:
    nb = new_notebook()
    params = new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, new_code_cell(source)]
    nbformat.write(nb, path)
    return path


@pytest.fixture
def project(tmp_path):
    """A suite of small notebooks in tmp_path; returns (config path, reports dir, helpers)."""
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    ok = write_notebook(nbs / "ok.ipynb", PLOT_AND_FIGURES)
    failing = write_notebook(nbs / "failing.ipynb", "raise ValueError('deliberate failure: value must be positive')")

    def config(entries):
        path = tmp_path / "reports.yaml"
        path.write_text(yaml.safe_dump({"kernel": "ai-capex", "cell_timeout_s": 120, "reports": entries}), encoding="utf-8")
        return path

    return {"ok": ok, "failing": failing, "config": config, "reports": tmp_path / "reports", "nbs": nbs}


def test_a_failing_notebook_does_not_stop_the_others(project):
    config = project["config"]([
        {"name": "good", "notebook": str(project["ok"]), "parameters": {"value": 2.0}},
        {"name": "bad", "notebook": str(project["failing"])},
    ])
    run_dir, results = run_suite(config=config, reports_dir=project["reports"], workers=2)
    status = {r.name: r.status for r in results}
    assert status == {"good": "ok", "bad": "failed"}
    assert (run_dir / "good" / "index.html").is_file()
    assert json.loads((run_dir / "good" / "key_figures.json").read_text())[0]["value"] == 4.0  # 2 x 2.0
    index = (run_dir / "index.html").read_text()
    assert "FAILED" in index and "deliberate failure: value must be positive" in index
    executed = nbformat.read(run_dir / "bad" / "notebook.ipynb", as_version=4)
    assert any(o.get("ename") == "ValueError" for c in executed.cells for o in c.get("outputs", []))
    assert (project["reports"] / "latest").resolve() == run_dir.resolve()


def test_the_command_exits_non_zero_when_a_report_fails(project, monkeypatch):
    config = project["config"]([{"name": "bad", "notebook": str(project["failing"])}])
    monkeypatch.setattr(paths, "REPORTS", project["reports"])
    assert runner.main(config=config) == 1


def test_a_notebook_without_figures_is_a_failure(project):
    silent = write_notebook(project["nbs"] / "silent.ipynb", "from analysis.report import KeyFigure, show_key_figures\nshow_key_figures([KeyFigure('x', 1.0, 'u', 'd')])")
    config = project["config"]([{"name": "silent", "notebook": str(silent), "min_figures": 1}])
    _, results = run_suite(config=config, reports_dir=project["reports"])
    assert results[0].status == "failed" and "expected at least 1 figure" in results[0].error


def test_an_interrupted_run_leaves_latest_intact(project, monkeypatch):
    config = project["config"]([{"name": "good", "notebook": str(project["ok"])}])
    first, _ = run_suite(config=config, reports_dir=project["reports"])

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "write_index", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_suite(config=config, reports_dir=project["reports"], force=True)
    latest = project["reports"] / "latest"
    assert latest.resolve() == first.resolve()
    assert (latest / "index.html").is_file() and (latest / "good" / "index.html").is_file()


def test_cache_hit_and_miss_on_parameter_and_data_change(project, monkeypatch, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(paths.DATA_RAW, raw)
    monkeypatch.setattr(paths, "DATA_RAW", raw)
    entries = [{"name": "good", "notebook": str(project["ok"]), "parameters": {"value": 1.0}}]
    config = project["config"](entries)
    _, first = run_suite(config=config, reports_dir=project["reports"])
    _, second = run_suite(config=config, reports_dir=project["reports"])
    assert (first[0].cached, second[0].cached) == (False, True)
    assert second[0].key_figures == first[0].key_figures

    entries[0]["parameters"] = {"value": 3.0}  # parameter change -> miss
    _, third = run_suite(config=project["config"](entries), reports_dir=project["reports"])
    assert not third[0].cached and third[0].key_figures[0]["value"] == 6.0

    with (raw / "eur_usd_rates.csv").open("a", encoding="utf-8") as f:
        f.write("\n")  # data change -> miss
    _, fourth = run_suite(config=project["config"](entries), reports_dir=project["reports"])
    assert not fourth[0].cached


def test_two_runs_with_the_same_inputs_give_identical_key_figures(tmp_path):
    reports = tmp_path / "reports"
    _, a = run_suite(only=["data-sources"], reports_dir=reports, force=True)
    _, b = run_suite(only=["data-sources"], reports_dir=reports, force=True)
    assert a[0].status == b[0].status == "ok"
    assert a[0].key_figures == b[0].key_figures and a[0].key_figures


def test_script_in_data_is_shown_as_text(project, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for suffix in (".csv", ".meta.yaml"):
        shutil.copy(paths.DATA_RAW / f"eur_usd_rates{suffix}", raw / f"eur_usd_rates{suffix}")
    path = raw / "eur_usd_rates.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1][rows[0].index("source_title")] = "<script>alert('x')</script> ECB"
    rows[2][rows[0].index("source_title")] = "<img src=x onerror=alert('y')> ECB"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")

    nb = write_notebook(project["nbs"] / "show.ipynb", SHOW_DATA, parameters="raw_dir = ''")
    config = project["config"]([{"name": "show", "notebook": str(nb), "parameters": {"raw_dir": str(raw)}}])
    run_dir, results = run_suite(config=config, reports_dir=project["reports"])
    assert results[0].status == "ok", results[0].error
    page = (run_dir / "show" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in page and "onerror=" not in page.replace("&lt;img src=x onerror=", "")
    assert page.count("&lt;script&gt;alert(") >= 3  # the table, the bullet list and the sentence
    assert page.count("&lt;img src=x onerror=alert(") >= 3
    assert "<strong>&lt;script&gt;alert(" in page  # Markdown markup around the escaped value still works


KERNEL_STATE = """
import gc, sys
import matplotlib.pyplot as plt
from analysis.report import KeyFigure, show_key_figures
fig, ax = plt.subplots(); ax.plot([1, 2]); plt.show()
show_key_figures([KeyFigure("frozen objects", gc.get_freeze_count(), "objects", "Objects frozen at kernel start"),
                  KeyFigure("seaborn loaded", float("seaborn" in sys.modules), "flag", "Shared stack imported at start")])
"""


def test_suite_kernels_start_with_the_shared_stack_imported_and_frozen(project):
    state = write_notebook(project["nbs"] / "state.ipynb", KERNEL_STATE)
    config = project["config"]([{"name": "state", "notebook": str(state), "min_figures": 1}])
    _, results = run_suite(config=config, reports_dir=project["reports"])
    assert results[0].status == "ok", results[0].error  # the inline backend still shows the figure
    figures = {k["name"]: k["value"] for k in results[0].key_figures}
    assert figures["seaborn loaded"] == 1.0  # the notebook never imports seaborn itself
    assert figures["frozen objects"] > 100_000  # numpy, pandas, matplotlib, seaborn, scipy, statsmodels


def test_preload_names_a_missing_module():
    from analysis.report.kernel import preload

    with pytest.raises(ModuleNotFoundError, match="no_such_module"):
        preload(("json", "no_such_module"))


def test_notebook_imports_lists_top_level_import_statements(tmp_path):
    from analysis.report.suite import notebook_imports

    nb = new_notebook()
    nb.cells = [new_code_cell("%matplotlib inline\nimport pandas as pd\nx = 1"),
                new_code_cell("def f():\n    import json  # inside a function: not run at import time\nfrom analysis import data, plots")]
    nbformat.write(nb, tmp_path / "n.ipynb")
    statements = notebook_imports(tmp_path / "n.ipynb")
    assert statements == ["import pandas as pd", "from analysis import data, plots"]


def test_kernels_preload_every_module_the_reports_import():
    """The freeze must come after the reports' imports: a module imported later is not frozen,
    and a large import after a freeze makes full garbage collections frequent."""
    import subprocess
    import sys

    from analysis.report.suite import notebook_imports
    from analysis.report.suite import load_suite

    statements = sorted({s for job in load_suite().jobs for s in notebook_imports(job.notebook)})
    script = ("import sys; from analysis.report.kernel import preload; preload(); before = set(sys.modules)\n"
              + "\n".join(statements) + "\nprint(sorted(set(sys.modules) - before))")
    after = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.strip()
    assert after == "[]", f"modules the reports import that the kernel start-up does not preload: {after}"
