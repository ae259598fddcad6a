"""Notebooks 04 (rent vs build) and 05 (AI adoption by firm size): they run for two countries,
have their figures and key figures, and reject bad parameters with a clear message."""

from __future__ import annotations

import papermill as pm
import pytest

from analysis.report.execute import count_figures
from analysis.report.keyfigures import extract_key_figures

NB04 = "notebooks/04_sme_compute.ipynb"
NB05 = "notebooks/05_sme_adoption.ipynb"

KEY_04 = {"electricity_eur_per_kwh", "server_price_eur", "onprem_eur_per_year", "onprem_eur_per_gpu_hour",
          "hyperscaler_on_demand_eur_per_gpu_hour", "hyperscaler_reserved_eur_per_gpu_hour",
          "neocloud_eur_per_gpu_hour", "api_eur_per_year_workload", "downtime_eur_per_year"}
KEY_05 = {"ai_use_sme_pct", "ai_use_large_pct", "sme_large_gap_pp", "sme_large_ratio", "eu_rank_sme",
          "eu_sme_large_gap_pp", "cheapest_token_price_usd", "token_price_decline_per_year"}


def _figures(nb) -> dict[str, dict]:
    return {k["name"]: k for k in extract_key_figures(nb)}


@pytest.mark.notebook
@pytest.mark.parametrize("country", ["DE", "PL"])
def test_sme_compute_runs_for_a_country(run_notebook, country):
    nb = run_notebook(NB04, country=country)
    assert count_figures(nb) >= 7
    figures = _figures(nb)
    assert KEY_04 <= set(figures)
    # the break-even lies inside (0, 1] when it is reported, and the country is named
    if "breakeven_utilisation_vs_neocloud" in figures:
        assert 0 < figures["breakeven_utilisation_vs_neocloud"]["value"] <= 1
    name = {"DE": "Germany", "PL": "Poland"}[country]
    assert name in figures["electricity_eur_per_kwh"]["description"]
    assert figures["onprem_eur_per_year"]["value"] > 0


@pytest.mark.notebook
def test_sme_compute_charts_are_the_same_on_every_run(run_notebook):
    """The rental-price strip chart jitters its points with random numbers; they are seeded."""
    def pngs(nb):
        return [o["data"]["image/png"] for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]

    first, second = pngs(run_notebook(NB04)), pngs(run_notebook(NB04))
    assert len(first) >= 7 and first == second


@pytest.mark.notebook
@pytest.mark.parametrize("country", ["DE", "PL"])
def test_sme_adoption_runs_for_a_country(run_notebook, country):
    nb = run_notebook(NB05, country=country)
    assert count_figures(nb) >= 6
    figures = _figures(nb)
    assert KEY_05 <= set(figures)
    assert 1 <= figures["eu_rank_sme"]["value"] <= 27
    assert figures["sme_large_gap_pp"]["value"] == pytest.approx(
        figures["ai_use_large_pct"]["value"] - figures["ai_use_sme_pct"]["value"], abs=0.02)


@pytest.mark.notebook
@pytest.mark.parametrize("notebook", [NB04, NB05])
def test_unknown_country_lists_the_valid_codes(run_notebook, notebook):
    with pytest.raises(pm.PapermillExecutionError, match=r"country must be one of AT, BE, .*SK; got 'XX'"):
        run_notebook(notebook, country="XX")


@pytest.mark.notebook
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"utilisation": 1.5}, r"utilisation must be in \(0, 1\]; got 1.5"),
        ({"utilisation": 0.0}, r"utilisation must be in \(0, 1\]; got 0"),
        ({"gpu_count": -2}, r"gpu_count must be a whole number of GPUs >= 1; got -2"),
    ],
    ids=["utilisation-above-1", "utilisation-zero", "negative-gpu-count"],
)
def test_sme_compute_rejects_bad_parameters(run_notebook, params, message):
    with pytest.raises(pm.PapermillExecutionError, match=message):
        run_notebook(NB04, **params)
