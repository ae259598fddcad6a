"""Notebook 03 (energy): runs with fast parameters, shows its figures and key figures, and
rejects bad parameters with a message naming the parameter and what is allowed."""

from __future__ import annotations

import papermill as pm
import pytest

from analysis.report.execute import count_figures
from analysis.report.keyfigures import extract_key_figures

NOTEBOOK = "notebooks/03_energy.ipynb"
FAST = {"countries": ["DE", "FR", "FI", "IE"]}

pytestmark = pytest.mark.notebook


def test_runs_with_figures_and_key_figures(run_notebook):
    nb = run_notebook(NOTEBOOK, **FAST)
    assert count_figures(nb) >= 4
    figures = {k["name"]: k for k in extract_key_figures(nb)}
    expected = {
        "gw_implied_low", "gw_implied_high", "twh_implied_low", "twh_implied_high",
        "energy_cost_cheapest_eu", "energy_cost_most_expensive_eu", "energy_cost_us",
        "unit_cost_single_firm", "unit_cost_gigafactory",
    }
    assert expected <= set(figures)
    value = {name: k["value"] for name, k in figures.items()}
    # high GW uses the low cost per GW and the high guidance
    assert 0 < value["gw_implied_low"] < value["gw_implied_high"]
    # TWh = GW x load factor (register default 0.8) x 8,760 h / 1,000
    assert value["twh_implied_low"] == pytest.approx(value["gw_implied_low"] * 0.8 * 8.76, rel=1e-3)
    # of the four countries, Finland is cheapest and Ireland dearest in the Eurostat data
    assert "Finland" in figures["energy_cost_cheapest_eu"]["description"]
    assert "Ireland" in figures["energy_cost_most_expensive_eu"]["description"]
    assert 0 < value["energy_cost_cheapest_eu"] < value["energy_cost_most_expensive_eu"]
    assert value["energy_cost_us"] > 0
    assert figures["energy_cost_us"]["unit"] == "EUR per GPU-hour"
    assert value["unit_cost_gigafactory"] < value["unit_cost_single_firm"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"pue": 0.9}, r"pue must be in \[1, inf\); got 0.9"),
        ({"load_factor": 1.5}, r"load_factor must be in \(0, 1\]; got 1.5"),
        ({"gpu_model": "H100"}, r"gpu_model must be one of B200, H100 SXM5, H200 SXM; got 'H100'"),
        ({"countries": ["DE", "XX"]}, r"countries must be one of AT, BE, BG, .*SK; got 'XX'"),
        ({"cost_per_gw_usd_bn": [-50, 50]}, r"cost_per_gw_usd_bn must be in \(0, inf\) USD bn/GW; got -50"),
    ],
    ids=["pue", "load_factor", "gpu_model", "country", "cost_per_gw"],
)
def test_bad_parameter_fails_with_clear_message(run_notebook, bad, message):
    with pytest.raises(pm.PapermillExecutionError, match=message):
        run_notebook(NOTEBOOK, **{**FAST, **bad})
