"""Every notebook: one tagged parameters cell, no committed outputs, in the suite, and it runs."""

from __future__ import annotations

import base64
import io
import json

import papermill as pm
import pytest

from analysis import paths
from analysis.report.execute import count_figures
from analysis.report.keyfigures import extract_key_figures
from analysis.report.suite import load_suite

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_is_tagged_and_found_by_papermill(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one cell must carry the 'parameters' tag"
    assert pm.inspect_notebook(str(path)), "papermill finds no parameters"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, c in enumerate(nb["cells"]) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"cells with outputs: {dirty}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_markdown_built_in_code_goes_through_the_escaping_helper(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "Markdown(" not in code, "use analysis.report.markdown(...): it shows '<' and '&' from data as text"


def test_every_notebook_is_in_the_suite():
    suite_notebooks = {job.notebook.resolve() for job in load_suite().jobs}
    assert set(p.resolve() for p in NOTEBOOKS) <= suite_notebooks


@pytest.mark.notebook
def test_data_sources_notebook_runs_with_figures_and_key_figures(run_notebook):
    nb = run_notebook("notebooks/00_data_sources.ipynb", start_year=2019)
    assert count_figures(nb) >= 2
    names = {k["name"] for k in extract_key_figures(nb)}
    assert {"datasets", "rows", "share_reported"} <= names
    # Figures are shown at their own size (the layout keeps everything inside), not re-drawn
    # and cropped to a "tight" box: the PNG width is the figure width times the dpi.
    from PIL import Image

    pngs = [o["data"]["image/png"] for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    widths = {Image.open(io.BytesIO(base64.b64decode(png))).size[0] for png in pngs}
    assert widths == {1000}, widths  # both charts are 10 inches wide at 100 dpi


@pytest.mark.notebook
def test_data_sources_notebook_rejects_an_unknown_company(run_notebook):
    with pytest.raises(pm.PapermillExecutionError, match="companies must be one of .*amazon.*got 'apple'"):
        run_notebook("notebooks/00_data_sources.ipynb", companies=["apple"])
