"""notebooks/02_payoff.ipynb runs with small parameters, shows its figures and key figures,
and rejects bad parameters in the cell after the parameters with a message that names the
parameter, the value and what is allowed."""

from __future__ import annotations

import papermill as pm
import pytest

from analysis.report.execute import count_figures
from analysis.report.keyfigures import extract_key_figures

NOTEBOOK = "notebooks/02_payoff.ipynb"
FAST = {"n_draws": 2_000, "seed": 7}


@pytest.mark.notebook
def test_payoff_notebook_runs_with_figures_and_key_figures(run_notebook):
    nb = run_notebook(NOTEBOOK, scenario="bear", useful_life_years=4.0, wacc=0.09, **FAST)
    assert count_figures(nb) >= 5
    figures = {k["name"]: k for k in extract_key_figures(nb)}
    assert {
        "p_npv_positive", "median_npv", "revenue_requirement_2026", "revenue_gap_2026",
        "disclosed_ai_revenue", "depreciation_2030",
    } <= set(figures)
    assert 0.0 <= figures["p_npv_positive"]["value"] <= 1.0
    # 2026 requirement = guided capex of the four (> USD 600bn) grossed up for a 50 % margin
    assert figures["revenue_requirement_2026"]["value"] > 1_200
    assert figures["revenue_gap_2026"]["value"] == pytest.approx(
        figures["revenue_requirement_2026"]["value"] - figures["disclosed_ai_revenue"]["value"], abs=0.2
    )
    assert figures["depreciation_2030"]["value"] > 0
    # the parameters reached the analysis
    assert "4-year life" in figures["depreciation_2030"]["description"]
    assert "bear scenario" in figures["p_npv_positive"]["description"]


@pytest.mark.notebook
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"wacc": -0.05}, r"wacc must be in \(0, 0\.5\] fraction per year .*got -0\.05"),
        ({"useful_life_years": 0}, r"useful_life_years must be in \(0, 20\] years .*got 0"),
        ({"scenario": "worst"}, r"scenario must be one of base, bear, bull; got 'worst'"),
        ({"n_draws": 0}, r"n_draws must be a whole number in \[1, 5000000\]; got 0"),
        ({"cohort_year": 2030}, r"cohort_year must be a whole year in \[2023, 2026\].*got 2030"),
    ],
    ids=["negative-wacc", "zero-life", "unknown-scenario", "no-draws", "cohort-year"],
)
def test_payoff_notebook_rejects_bad_parameters(run_notebook, bad, message):
    with pytest.raises(pm.PapermillExecutionError, match=message) as error:
        run_notebook(NOTEBOOK, **{**FAST, **bad})
    assert error.value.exec_count <= 3  # fails in the validation cell, before any data is read
