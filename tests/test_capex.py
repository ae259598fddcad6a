"""analysis.capex on small hand-made frames (numbers worked by hand), plus real-data reconciliations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import capex as cx
from analysis import data
from analysis.data.periods import add_calendar_periods

RATES = pd.Series({2023: 1.0, 2024: 1.25, 2025: 1.1})


def capex_frame(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    """(entity, metric, fiscal period, USD bn) -> a frame shaped like load_processed('hyperscaler_capex')."""
    frame = pd.DataFrame(rows, columns=["entity", "metric", "period", "value"])
    return add_calendar_periods(frame)


# --- quarters and trailing twelve months -------------------------------------------------


def test_ttm_is_the_sum_of_four_consecutive_quarters():
    q = pd.DataFrame({"entity": "a", "calendar_quarter": ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1"],
                      "value": [10.0, 20.0, 30.0, 40.0, 50.0]})
    out = cx.trailing_twelve_months(q)
    # 10+20+30+40 = 100; 20+30+40+50 = 140; fewer than four quarters: NaN
    assert out["ttm"].iloc[:3].isna().all()
    assert out["ttm"].iloc[3:].tolist() == [100.0, 140.0]


def test_ttm_is_missing_across_a_gap():
    q = pd.DataFrame({"entity": "a", "calendar_quarter": ["2024Q1", "2024Q2", "2024Q4", "2025Q1", "2025Q2"],
                      "value": [1.0, 2.0, 4.0, 5.0, 6.0]})  # 2024Q3 missing
    out = cx.trailing_twelve_months(q)
    assert out["ttm"].isna().all()


def test_fiscal_quarters_land_in_calendar_quarters_and_make_a_calendar_year():
    # Microsoft fiscal 2025Q3..2026Q2 = calendar 2025Q1..2025Q4 (FY ends 30 June)
    frame = capex_frame([("microsoft", "capex_cash", p, v) for p, v in
                         [("2025Q3", 1.0), ("2025Q4", 2.0), ("2026Q1", 3.0), ("2026Q2", 4.0), ("2026", 99.0)]])
    q = cx.quarterly_capex(frame, ["microsoft"])
    assert q["calendar_quarter"].tolist() == ["2025Q1", "2025Q2", "2025Q3", "2025Q4"]
    years = cx.calendar_year_capex(frame, ["microsoft"]).set_index("calendar_year")
    # 1+2+3+4 = 10; the fiscal-year row (99, July 2025-June 2026) is never used as a calendar year
    assert years.loc[2025, "value"] == 10.0
    assert years.loc[2025, "method"] == "sum of 4 calendar quarters"
    assert math.isnan(years.loc[2026, "value"])
    assert "0 of 4" in years.loc[2026, "status"]


def test_a_calendar_year_with_a_missing_quarter_is_missing_not_interpolated():
    frame = capex_frame([("microsoft", "capex_cash", p, v) for p, v in
                         [("2025Q3", 1.0), ("2025Q4", 2.0), ("2026Q1", 3.0)]])  # calendar 2025Q4 missing
    years = cx.calendar_year_capex(frame, ["microsoft"]).set_index("calendar_year")
    assert math.isnan(years.loc[2025, "value"])
    assert years.loc[2025, "status"] == "missing: fiscal year ends in June; 3 of 4 calendar quarters in the data"


def test_december_year_end_uses_the_reported_annual_value():
    frame = capex_frame([("amazon", "capex_cash", "2024", 83.0), ("amazon", "capex_cash", "2024Q1", 15.0)])
    years = cx.calendar_year_capex(frame, ["amazon"]).set_index("calendar_year")
    assert years.loc[2024, "value"] == 83.0
    assert years.loc[2024, "basis"] == "capex_cash"


def test_totals_need_every_company():
    frame = capex_frame([
        ("amazon", "capex_cash", "2024", 80.0), ("meta", "capex_cash", "2024", 40.0),
        ("amazon", "capex_cash", "2025", 130.0),
    ])
    by_year = cx.calendar_year_capex(frame, ["amazon", "meta"])
    totals = cx.annual_totals(by_year, ["amazon", "meta"]).set_index("calendar_year")
    assert totals.loc[2024, "value"] == 120.0 and totals.loc[2024, "complete"]
    assert math.isnan(totals.loc[2025, "value"]) and totals.loc[2025, "missing"] == "Meta"
    assert totals.loc[2024, "basis"] == "capex_cash"


def test_quarterly_totals_and_the_complete_run():
    q = pd.DataFrame({
        "entity": ["a", "b", "a", "b", "a", "b", "a"],
        "calendar_quarter": ["2024Q1", "2024Q1", "2024Q2", "2024Q2", "2024Q3", "2024Q3", "2024Q4"],
        "value": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], "basis": "capex_cash",
    })
    totals = cx.quarterly_totals(q, ["a", "b"])
    assert totals["value"].tolist()[:3] == [3.0, 7.0, 11.0]
    assert math.isnan(totals["value"].iloc[3]) and totals["missing"].iloc[3] == "b"
    series = cx.complete_quarterly_series(totals)
    assert [str(p) for p in series.index] == ["2024Q1", "2024Q2", "2024Q3"]
    assert series.attrs["basis"] == "capex_cash"


# --- real-data reconciliations ------------------------------------------------------------


@pytest.fixture(scope="module")
def real_capex():
    return data.load_processed("hyperscaler_capex")


def test_alphabet_2024_quarters_add_up_to_the_annual_total(real_capex):
    # 12.012 + 13.186 + 13.061 + 14.276 = 52.535 (10-K purchases of property and equipment)
    check = cx.sum_of_quarters_check(real_capex, "alphabet", 2024)
    assert check["sum_of_quarters"] == pytest.approx(52.535, abs=1e-9)
    assert check["difference"] == pytest.approx(0.0, abs=1e-9)


def test_microsoft_fiscal_2025_quarters_add_up_to_the_fiscal_year(real_capex):
    check = cx.sum_of_quarters_check(real_capex, "microsoft", 2025)
    assert check["annual"] == pytest.approx(64.551)
    assert check["difference"] == pytest.approx(0.0, abs=1e-9)


def test_microsoft_calendar_2024_is_built_from_its_calendar_quarters(real_capex):
    # calendar 2024Q1..Q4 = fiscal 2024Q3, 2024Q4, 2025Q1, 2025Q2: 10.952 + 13.873 + 14.923 + 15.804 = 55.552
    years = cx.calendar_year_capex(real_capex, ["microsoft"]).set_index("calendar_year")
    assert years.loc[2024, "value"] == pytest.approx(55.552)
    assert years.loc[2022, "status"].startswith("missing")


def test_sum_of_quarters_check_needs_all_quarters(real_capex):
    with pytest.raises(ValueError, match="need the annual value"):
        cx.sum_of_quarters_check(real_capex, "amazon", 2021)


# --- guidance -----------------------------------------------------------------------------


def guidance_frame():
    return pd.DataFrame({
        "entity": ["amazon", "amazon", "meta", "meta", "microsoft"],
        "period": ["2026", "2026", "2026", "2025", "2025"],
        "period_basis": ["calendar", "calendar", "calendar", "calendar", "fiscal"],
        "basis": ["capex_cash", "capex_cash", "capex_incl_finance_leases", "capex_incl_finance_leases",
                  "capex_incl_finance_leases"],
        "announced": ["2026-02-05", "2026-04-09", "2026-01-28", "2025-10-30", "2025-01-03"],
        "low": [190.0, 200.0, 115.0, 70.0, 80.0], "high": [190.0, 200.0, 135.0, 72.0, 80.0],
        "source_title": "t", "source_url": "u",
    })


def test_latest_guidance_wins_and_mid_is_the_middle_of_the_range():
    latest = cx.latest_guidance(guidance_frame(), ["amazon", "meta"], [2026])
    rows = latest.set_index("entity")
    assert rows.loc["amazon", "low"] == 200.0 and rows.loc["amazon", "revisions"] == 2
    assert rows.loc["meta", "mid"] == 125.0  # (115 + 135) / 2
    assert "NET" in rows.loc["amazon", "caveat"]


def test_fiscal_guidance_is_not_mixed_with_calendar_years():
    latest = cx.latest_guidance(guidance_frame(), ["microsoft"], [2025])
    assert latest.empty
    fiscal = cx.latest_guidance(guidance_frame(), ["microsoft"], [2025], period_basis="fiscal")
    assert fiscal["low"].tolist() == [80.0]


def test_guidance_total_sums_and_says_the_basis_is_mixed():
    latest = cx.latest_guidance(guidance_frame(), ["amazon", "meta"], [2026])
    total = cx.guidance_total(latest, ["amazon", "meta"], 2026)
    assert (total.low, total.high, total.mid) == (315.0, 335.0, 325.0)
    assert total.basis == cx.MIXED_GUIDANCE_BASIS and total.complete
    missing = cx.guidance_total(latest, ["amazon", "meta", "microsoft"], 2026)
    assert missing.missing == ("microsoft",) and math.isnan(missing.low)


# --- intensity, currency, GDP -------------------------------------------------------------


def financials_frame(rows):
    frame = pd.DataFrame(rows, columns=["entity", "metric", "period", "value"]).assign(segment="total")
    return add_calendar_periods(frame)


def test_intensity_ratios_and_free_cash_flow():
    cap = capex_frame([("meta", "capex_cash", "2025", 20.0)])
    fin = financials_frame([("meta", "revenue", "2025", 100.0), ("meta", "operating_cash_flow", "2025", 50.0),
                            ("meta", "depreciation_amortization", "2025", 10.0)])
    row = cx.fiscal_year_intensity(cap, fin, ["meta"]).iloc[0]
    assert row["capex_to_revenue"] == pytest.approx(0.2)  # 20 / 100
    assert row["capex_to_ocf"] == pytest.approx(0.4)  # 20 / 50
    assert row["fcf_after_capex"] == pytest.approx(30.0)  # 50 - 20
    assert row["capex_to_depreciation"] == pytest.approx(2.0)  # 20 / 10
    assert row["basis"] == "capex_cash"


def test_intensity_uses_the_company_fiscal_year():
    cap = capex_frame([("microsoft", "capex_cash", "2026", 116.0)])
    fin = financials_frame([("microsoft", "revenue", "2026", 332.0), ("microsoft", "operating_cash_flow", "2026", 183.0)])
    row = cx.fiscal_year_intensity(cap, fin, ["microsoft"]).iloc[0]
    assert row["fiscal_year_end_month"] == 6
    assert row["capex_to_revenue"] == pytest.approx(116 / 332)
    assert math.isnan(row["capex_to_depreciation"])


def test_combined_intensity_is_a_ratio_of_sums():
    cap = capex_frame([("meta", "capex_cash", "2025", 20.0), ("amazon", "capex_cash", "2025", 30.0)])
    fin = financials_frame([
        ("meta", "revenue", "2025", 100.0), ("meta", "operating_cash_flow", "2025", 50.0),
        ("amazon", "revenue", "2025", 400.0), ("amazon", "operating_cash_flow", "2025", 50.0),
    ])
    out = cx.combined_intensity(cx.fiscal_year_intensity(cap, fin, ["meta", "amazon"]), 2025, ["meta", "amazon"])
    assert out["capex_to_revenue"] == pytest.approx(0.1)  # 50 / 500
    assert out["capex_to_ocf"] == pytest.approx(0.5)  # 50 / 100
    assert out["capex_to_ocf_pct"] == pytest.approx(50.0)


def test_in_currency_converts_each_year_at_its_rate():
    frame = pd.DataFrame({"calendar_year": [2024, 2025], "value": [125.0, 110.0]})
    out = cx.in_currency(frame, ["value"], "EUR", RATES)
    assert out["value"].tolist() == pytest.approx([100.0, 100.0])  # 125/1.25, 110/1.1
    assert out["fx_year"].tolist() == [2024, 2025] and (out["currency"] == "EUR").all()
    same = cx.in_currency(frame, ["value"], "USD", RATES)
    assert same["value"].tolist() == [125.0, 110.0]


def test_later_years_need_an_explicit_choice_of_rate():
    frame = pd.DataFrame({"calendar_year": [2026], "value": [110.0]})
    with pytest.raises(ValueError, match="2026"):
        cx.in_currency(frame, ["value"], "EUR", RATES)
    out = cx.in_currency(frame, ["value"], "EUR", RATES, latest_rate_for_later_years=True)
    assert out["value"].iloc[0] == pytest.approx(100.0) and out["fx_year"].iloc[0] == 2025


def test_share_of_gdp():
    totals = pd.DataFrame({"calendar_year": [2024, 2026], "value": [300.0, 600.0]})
    gdp = pd.DataFrame({"year": [2024], "value": [30000.0]})
    same_year = cx.share_of_gdp(totals, gdp)
    assert same_year["share_pct"].tolist() == pytest.approx([1.0])  # 300 / 30000
    later = cx.share_of_gdp(totals, gdp, latest_gdp_for_later_years=True).set_index("calendar_year")
    assert later.loc[2026, "share_pct"] == pytest.approx(2.0) and later.loc[2026, "gdp_year"] == 2024
    assert "overstates" in later.loc[2026, "gdp_basis"]


# --- booms, Europe, training run ----------------------------------------------------------


def test_booms_table_merges_ranges_and_keeps_definitions():
    booms = pd.DataFrame({
        "boom": ["Rail", "Rail", "Apollo"], "country": "US", "period": ["1870s", "1870s", "1966"],
        "metric": ["share_gdp_range_low", "share_gdp_range_high", "annual_share_gdp"],
        "definition": ["Private capital into railroads", "As previous row (upper end)", "NASA total outlays"],
        "value": [2.0, 3.0, 0.75], "unit": "pct_gdp", "publisher": ["X", "X", "Y"],
        "source_title": "t", "source_url": "u",
    })
    table = cx.booms_table(booms).set_index("boom")
    assert (table.loc["Rail", "low"], table.loc["Rail", "high"], table.loc["Rail", "value"]) == (2.0, 3.0, 2.5)
    assert table.loc["Rail", "scope"] == "private" and table.loc["Apollo", "scope"] == "public"
    assert table.loc["Rail", "definition"] == "Private capital into railroads"


@pytest.mark.parametrize("text, scope", [
    ("public and private spending not separated", "public + private (not separated)"),
    ("Social saving: gain to users, a benefit measure", "not spending (user benefit)"),
    ("Investment in telecoms infrastructure", "not stated"),
])
def test_spending_scope(text, scope):
    assert cx.spending_scope(text) == scope


def test_eu_programme_spread_over_its_span_and_converted():
    programmes = pd.DataFrame({
        "programme": ["EuroHPC", "InvestAI"], "geo": "EU", "item": ["i", "j"], "value": [7.0, 200.0],
        "unit": "EUR_bn", "period": ["2021-2027", "2025-02-11"], "period_type": ["span_covered", "announced"],
        "commitment_type": ["multi_year_commitment", "mobilisation_target"],
        "source_date": ["2025-04-03", "2025-02"], "source_title": "t", "source_url": "u",
    })
    eur = cx.eu_programme_amounts(programmes, "EUR", RATES).set_index("programme")
    assert eur.loc["EuroHPC", "per_year"] == pytest.approx(1.0)  # 7 over 2021-2027 (7 years)
    assert math.isnan(eur.loc["InvestAI", "per_year"])
    assert "not annual spending" in eur.loc["EuroHPC", "caveat"]
    usd = cx.eu_programme_amounts(programmes, "USD", RATES).set_index("programme")
    assert usd.loc["InvestAI", "amount"] == pytest.approx(220.0)  # 200 EUR * 1.1 USD/EUR (2025)


def test_training_run_against_capex():
    efficiency = pd.DataFrame({"metric": ["training_cost_at_assumed_rental_price"], "subject": ["DeepSeek-V3 run"],
                               "value": [5.576], "unit": ["USD million"]})
    cost = cx.training_run_cost(efficiency)
    assert cost["usd_bn"] == pytest.approx(0.005576)
    assert cx.capex_multiple(557.6, cost["usd_bn"]) == pytest.approx(100_000)


# --- regimes, forecasts, paths ------------------------------------------------------------


def regime_data_from(annual_values: dict[int, float], quarterly: pd.Series | None = None) -> cx.RegimeData:
    annual = pd.Series(list(annual_values.values()),
                       index=pd.PeriodIndex([pd.Period(year=y, freq="Y") for y in annual_values], freq="Y"))
    quarterly = quarterly if quarterly is not None else pd.Series(dtype=float)
    return cx.RegimeData(quarterly, annual, ("a",), ("a",), {}, "capex_cash")


def test_annual_regime_fit_recovers_known_growth_rates():
    # 10 % a year to 2022, then 50 % a year: exact, so the fit is exact
    values = {2016 + i: 20 * 1.1**i for i in range(7)}
    values.update({2023 + i: values[2022] * 1.5 ** (i + 1) for i in range(3)})
    fit = cx.fit_growth_regimes(regime_data_from(values), "2022Q4")
    assert fit.frequency == "year" and fit.break_label == "2022"
    assert fit.annual_growth_before_pct == pytest.approx(10.0)
    assert fit.annual_growth_after_pct == pytest.approx(50.0)
    assert np.abs(fit.log_residuals).max() < 1e-10


def test_quarterly_fit_is_used_when_there_are_enough_quarters():
    idx = pd.period_range("2023Q1", "2026Q1", freq="Q")
    t = np.arange(idx.size)
    log_y = np.log(30) + np.log(1.05) * np.minimum(t, 4) + np.log(1.12) * np.maximum(t - 4, 0)
    quarterly = pd.Series(np.exp(log_y), index=idx)
    fit = cx.fit_growth_regimes(regime_data_from({2020: 1.0}, quarterly), "2024Q1")
    assert fit.frequency == "quarter"
    assert fit.annual_growth_after_pct == pytest.approx(100 * (1.12**4 - 1))


@pytest.mark.parametrize("bad", ["2030Q1", "2022Q2", "late 2022", 2022])
def test_a_break_outside_the_data_lists_what_is_allowed(bad):
    values = {y: 10.0 * 1.2 ** (y - 2016) for y in range(2016, 2026)}
    with pytest.raises(ValueError, match=r"break_quarter must be .*2021Q4, 2022Q4 \(annual data"):
        cx.check_break_quarter(bad, regime_data_from(values))


def test_annual_regime_series_leaves_out_a_short_history():
    by_year = pd.DataFrame({
        "entity": ["a"] * 8 + ["b"] * 3,
        "calendar_year": list(range(2018, 2026)) + [2023, 2024, 2025],
        "value": [1.0] * 8 + [2.0] * 3, "basis": "capex_cash",
    })
    series, included, excluded = cx.annual_regime_series(by_year, ["a", "b"], 2015)
    assert included == ("a",) and "b" in excluded
    assert series.iloc[0] == 1.0 and len(series) == 8


def test_residual_diagnostics_returns_three_tests():
    values = {2016 + i: 20 * 1.1**i * (1.05 if i % 2 else 0.95) for i in range(10)}
    fit = cx.fit_growth_regimes(regime_data_from(values), "2021Q4")
    table = cx.residual_diagnostics(fit)
    assert len(table) == 3 and table["statistic"].notna().all()


def test_calendar_year_forecast_adds_actual_and_forecast_quarters():
    actual = pd.Series([10.0], index=pd.PeriodIndex(["2026Q1"], freq="Q"))
    fc = pd.DataFrame({"period": pd.period_range("2026Q2", "2027Q4", freq="Q")})
    for col, v in [("median", 20.0), ("mean", 21.0), ("lower_80", 15.0), ("upper_80", 25.0),
                   ("lower_95", 12.0), ("upper_95", 30.0)]:
        fc[col] = v
    years = cx.calendar_year_forecast(actual, fc).set_index("calendar_year")
    # 2026: 10 actual + 3 x 20 = 70; lower_80: 10 + 3 x 15 = 55; 2027: 4 x 20 = 80
    assert years.loc[2026, "median"] == 70.0 and years.loc[2026, "lower_80"] == 55.0
    assert years.loc[2027, "median"] == 80.0 and years.loc[2027, "actual_quarters"] == 0


def test_quarters_until_2030():
    assert cx.quarters_until(pd.Period("2026Q1", freq="Q"), 2030) == 19


def test_scenario_paths_cumulate_actual_guidance_and_forecast():
    actual = pd.Series({2025: 100.0})
    fc = pd.DataFrame({"calendar_year": [2026, 2027], "median": [150.0, 200.0], "mean": [150.0, 200.0],
                       "lower_80": [140.0, 180.0], "upper_80": [160.0, 220.0],
                       "lower_95": [130.0, 170.0], "upper_95": [170.0, 230.0]})
    paths = cx.scenario_paths(actual, 2026, 120.0, {"trend": fc}, 2025, 2027)
    flat = paths[paths["scenario"] == "Guidance, then flat"]
    assert flat["cumulative"].tolist() == [100.0, 220.0, 340.0]  # 100, +120, +120
    assert flat["kind"].tolist() == ["actual", "guidance", "held flat"]
    trend = paths[paths["scenario"] == "trend"]
    assert trend["cumulative"].tolist() == [100.0, 250.0, 450.0]
    assert trend["cumulative_lower_80"].tolist() == [100.0, 240.0, 420.0]
    compared = cx.compare_with_estimate(paths, 400.0).set_index("scenario")
    assert compared.loc["trend", "year_reached"] == 2027
    assert compared.loc["Guidance, then flat", "share_of_estimate_pct"] == pytest.approx(85.0)


def test_published_estimate_in_usd_bn():
    estimates = pd.DataFrame({"publisher": ["McK"], "metric": ["dc_capex_2030_total"], "value": [6.7], "unit": ["usd_tn"],
                              "date": ["2025-04-28"]})
    row = cx.published_estimate(estimates, "McK", "dc_capex_2030_total")
    assert row["value_usd_bn"] == pytest.approx(6700.0) and row["year"] == 2025


# --- claims -------------------------------------------------------------------------------


def test_article_claims_on_hand_made_guidance_and_capex():
    latest = pd.DataFrame({
        "entity": ["amazon", "alphabet", "microsoft", "meta"], "year": 2026,
        "low": [200.0, 180.0, 190.0, 125.0], "high": [200.0, 190.0, 190.0, 145.0],
        "mid": [200.0, 185.0, 190.0, 135.0], "basis": "capex_cash", "announced": "2026-04-29",
    })
    cap = capex_frame([("amazon", "capex_cash", "2025", 131.8), ("meta", "capex_cash", "2025", 69.7)])
    claims = cx.article_claims(latest, cap)
    assert claims["value"].iloc[0] == 695.0  # 200 + 180 + 190 + 125
    assert claims["verdict"].iloc[0].startswith("supported")
    assert claims["verdict"].iloc[1] == "supported"
    assert claims["value"].iloc[2] == 131.8 and claims["verdict"].iloc[2] == "consistent with the data"


def test_check_companies():
    assert cx.check_companies(["amazon", "meta"]) == ["amazon", "meta"]
    with pytest.raises(ValueError, match="companies must be one of .*got 'apple'"):
        cx.check_companies(["apple"])
    with pytest.raises(ValueError, match="at least one"):
        cx.check_companies([])
    with pytest.raises(ValueError, match="repeated: meta"):
        cx.check_companies(["meta", "meta"])


def test_missing_years_are_summarised_in_runs():
    by_year = pd.DataFrame({
        "entity": ["microsoft"] * 5, "calendar_year": [2020, 2021, 2022, 2023, 2024],
        "value": [np.nan, np.nan, 10.0, np.nan, np.nan],
        "status": ["missing: x", "missing: x", "ok", "missing: x", "missing: y"],
    })
    assert cx.missing_years_summary(by_year) == [
        "Microsoft 2020-2021: missing: x", "Microsoft 2023: missing: x", "Microsoft 2024: missing: y"]
    assert cx.missing_years_summary(by_year, start_year=2024) == ["Microsoft 2024: missing: y"]


def test_describe_break_words_the_evidence():
    values = {2016 + i: 20 * 1.1**i for i in range(7)}
    values.update({2023 + i: values[2022] * 1.5 ** (i + 1) * (1.01 if i == 1 else 1.0) for i in range(3)})
    values[2018] *= 1.02
    fit = cx.fit_growth_regimes(regime_data_from(values), "2022Q4")
    text = cx.describe_break(fit)
    assert text.startswith("Growth was clearly faster after 2022")
    assert "calendar years" in text and "classical" in text
    assert fit.p_value_conservative >= fit.p_value_slope_change


def test_the_conservative_p_value_is_the_larger_one():
    # white-noise-like residuals around one growth rate: no evidence of a change
    values = {2016 + i: 20 * 1.2**i * (1.08 if i % 3 == 0 else 0.95) for i in range(10)}
    fit = cx.fit_growth_regimes(regime_data_from(values), "2021Q4")
    assert fit.p_value_conservative == max(fit.p_value_slope_change, fit.p_value_slope_change_classical)
    assert cx.describe_break(fit).startswith(("There is no evidence", "Growth looks"))


@pytest.mark.parametrize("value, words", [(0.5, "below all of"), (2.4, "within the range of"), (7.0, "above all of")])
def test_position_in_range(value, words):
    assert cx.position_in_range(value, 0.7, 6.0) == words
