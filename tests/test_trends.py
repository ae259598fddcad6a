"""Tests for analysis.trends on synthetic series generated here (seeded numpy Generator)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.trends import forecast, growth_break, to_quarterly_series

QUARTERS = pd.period_range("2019Q1", "2026Q4", freq="Q")  # 32 quarters
BREAK = pd.Period("2022Q4", freq="Q")  # 16 quarters up to and including it, 16 after


def capex_path(growth_before: float, growth_after: float, noise_sd: float = 0.0, seed: int = 0):
    """USD bn per quarter: 20 at 2019Q1, compounding at the given quarterly rates
    (fractions, e.g. 0.02 = 2 %/quarter) through BREAK and after it, times lognormal noise."""
    t = np.arange(QUARTERS.size)
    t_break = QUARTERS.get_loc(BREAK)
    log_y = (
        math.log(20)
        + math.log1p(growth_before) * np.minimum(t, t_break)
        + math.log1p(growth_after) * np.maximum(t - t_break, 0)
    )
    noise = np.random.default_rng(seed).normal(0.0, noise_sd, QUARTERS.size)
    return pd.Series(np.exp(log_y + noise), index=QUARTERS, name="capex")


# --- growth_break -------------------------------------------------------------------------


def test_noise_free_path_gives_the_generated_growth_rates_exactly():
    result = growth_break(capex_path(0.02, 0.08), "2022Q4")
    assert result.log_growth_before == pytest.approx(math.log(1.02), abs=1e-12)
    assert result.log_growth_after == pytest.approx(math.log(1.08), abs=1e-12)
    # 2 %/quarter compounded over 4 quarters: 1.02**4 - 1 = 0.08243216 -> 8.243216 %
    assert result.annual_growth_before_pct == pytest.approx(8.243216, abs=1e-6)
    # 8 %/quarter: 1.08**4 - 1 = 0.36048896 -> 36.048896 %
    assert result.annual_growth_after_pct == pytest.approx(36.048896, abs=1e-6)
    assert result.n_obs == 32
    pd.testing.assert_series_equal(
        result.fitted, capex_path(0.02, 0.08), check_names=False, rtol=1e-10
    )
    assert np.abs(result.log_residuals).max() < 1e-10


def test_recovers_a_known_growth_change_from_noisy_data():
    result = growth_break(capex_path(0.02, 0.08, noise_sd=0.02, seed=7), "2022Q4")
    low, high = result.log_growth_before_ci
    assert low < math.log(1.02) < high
    low, high = result.log_growth_after_ci
    assert low < math.log(1.08) < high
    low, high = result.annual_growth_after_ci_pct
    assert low < 100 * (1.08**4 - 1) < high
    assert result.p_value_slope_change < 0.01
    assert result.p_value_joint < 0.01


def test_finds_no_break_where_none_was_generated():
    result = growth_break(capex_path(0.05, 0.05, noise_sd=0.02, seed=3), "2022Q4")
    assert result.p_value_slope_change > 0.05
    assert result.log_growth_before_ci[0] < math.log(1.05) < result.log_growth_before_ci[1]


def test_false_break_rate_is_near_the_nominal_five_percent():
    # 200 series with one constant growth rate: the 5 % test should reject about 10 of them.
    p_values = np.array(
        [
            growth_break(capex_path(0.05, 0.05, noise_sd=0.02, seed=s)).p_value_slope_change
            for s in range(200)
        ]
    )
    assert np.mean(p_values < 0.05) < 0.15


def test_confidence_intervals_cover_the_true_growth_most_of_the_time():
    # HAC intervals are known to be too narrow in samples this short (16 quarters per
    # regime): require >= 80 % coverage of the nominal 95 % over 200 seeds, not 95 %.
    truth = math.log(1.08)
    covered = [
        low < truth < high
        for low, high in (
            growth_break(capex_path(0.02, 0.08, noise_sd=0.02, seed=s)).log_growth_after_ci
            for s in range(200)
        )
    ]
    assert np.mean(covered) >= 0.80


def test_wider_confidence_level_gives_wider_intervals():
    series = capex_path(0.02, 0.08, noise_sd=0.02, seed=7)
    ci_95 = growth_break(series, alpha=0.05).log_growth_after_ci
    ci_99 = growth_break(series, alpha=0.01).log_growth_after_ci
    assert ci_99[0] < ci_95[0] and ci_95[1] < ci_99[1]


def test_default_hac_lags_follow_the_stock_watson_rule():
    # n = 32: floor(0.75 * 32 ** (1 / 3)) = floor(0.75 * 3.175) = floor(2.38) = 2
    assert growth_break(capex_path(0.02, 0.08, 0.02)).hac_lags == 2
    assert growth_break(capex_path(0.02, 0.08, 0.02), hac_lags=0).hac_lags == 0


@pytest.mark.parametrize("quarter", ["2019Q3", "2026Q1"])
def test_break_quarter_too_close_to_either_end_is_rejected(quarter):
    # 32 quarters, >= 4 on each side (the break quarter counts as "before"):
    # earliest break = 4th quarter 2019Q4, latest = 2026Q4 minus 4 quarters = 2025Q4.
    allowed = r"break_quarter must be in \[2019Q4, 2025Q4\]"
    with pytest.raises(ValueError, match=rf"{allowed}.*{quarter}"):
        growth_break(capex_path(0.02, 0.08), quarter)


def test_break_quarter_outside_the_data_is_rejected():
    with pytest.raises(ValueError, match=r"break_quarter must be in \[2019Q4, 2025Q4\].*2030Q1"):
        growth_break(capex_path(0.02, 0.08), "2030Q1")


def test_break_quarter_that_is_not_a_quarter_is_rejected():
    with pytest.raises(ValueError, match="break_quarter.*'late 2022'"):
        growth_break(capex_path(0.02, 0.08), "late 2022")


def test_non_positive_values_are_rejected_naming_the_periods():
    series = capex_path(0.02, 0.08)
    series["2020Q2"] = 0.0
    series["2021Q3"] = -1.5
    with pytest.raises(ValueError, match=r"series must be positive.*2020Q2=0.*2021Q3=-1\.5"):
        growth_break(series)


def test_missing_value_is_rejected_naming_the_period():
    series = capex_path(0.02, 0.08)
    series["2024Q1"] = np.nan
    with pytest.raises(ValueError, match="series.*2024Q1=nan"):
        growth_break(series)


def test_gap_in_the_quarters_is_rejected():
    series = capex_path(0.02, 0.08).drop(pd.Period("2021Q2", freq="Q"))
    with pytest.raises(ValueError, match="series must cover consecutive quarters; missing: 2021Q2"):
        growth_break(series)


def test_series_too_short_for_two_regimes_is_rejected():
    with pytest.raises(ValueError, match="series must have at least 8 quarters.*got 7"):
        growth_break(capex_path(0.02, 0.08).iloc[:7], "2019Q4")


def test_repeated_quarter_is_rejected():
    series = capex_path(0.02, 0.08)
    series = pd.concat([series, series.iloc[[3]]])
    with pytest.raises(ValueError, match="series must name each quarter once; repeated: 2019Q4"):
        growth_break(series)


def test_empty_series_is_rejected():
    with pytest.raises(ValueError, match="series must hold at least one quarter"):
        forecast(capex_path(0.02, 0.08).iloc[:0], 4)


def test_series_without_quarterly_period_index_is_rejected():
    with pytest.raises(ValueError, match="series must be indexed by quarterly pd.Period"):
        growth_break(capex_path(0.02, 0.08).reset_index(drop=True))


@pytest.mark.parametrize("alpha", [0.0, 1.0, 1.5])
def test_alpha_outside_zero_one_is_rejected(alpha):
    with pytest.raises(ValueError, match=r"alpha must be in \(0, 1\)"):
        growth_break(capex_path(0.02, 0.08), alpha=alpha)


@pytest.mark.parametrize("lags", [-1, 2.5])
def test_bad_hac_lags_are_rejected(lags):
    with pytest.raises(ValueError, match="hac_lags"):
        growth_break(capex_path(0.02, 0.08), hac_lags=lags)


# --- forecast -----------------------------------------------------------------------------


@pytest.mark.parametrize(("model", "damped"), [("ets", False), ("ets", True), ("arima", False)])
def test_forecast_intervals_are_nested_and_widen_with_the_horizon(model, damped):
    series = capex_path(0.05, 0.05, noise_sd=0.03, seed=11)
    table = forecast(series, 8, model=model, damped=damped)
    assert list(table.columns) == [
        "period", "median", "mean", "lower_80", "upper_80", "lower_95", "upper_95"
    ]
    assert list(table["period"]) == list(pd.period_range("2027Q1", periods=8, freq="Q"))
    for point in ("median", "mean"):
        assert (table["lower_80"] < table[point]).all() and (table[point] < table["upper_80"]).all()
    assert (table["lower_95"] < table["lower_80"]).all()
    assert (table["upper_80"] < table["upper_95"]).all()
    # A lognormal's mean exceeds its median.
    assert (table["mean"] > table["median"]).all()
    for level in ("80", "95"):
        width = table[f"upper_{level}"] - table[f"lower_{level}"]
        assert (np.diff(width) > 0).all()


@pytest.mark.parametrize("model", ["ets", "arima"])
def test_forecast_continues_the_growth_rate_in_original_units(model):
    # 5 %/quarter with 0.5 % noise: last value ~ 20 * 1.05**31 = 90.7 USD bn; the median
    # forecast should keep compounding at ~ 5 %/quarter.
    series = capex_path(0.05, 0.05, noise_sd=0.005, seed=2)
    median = forecast(series, 4, model=model)["median"].to_numpy()
    assert median[0] / series.iloc[-1] == pytest.approx(1.05, abs=0.01)
    assert median[1:] / median[:-1] == pytest.approx(np.full(3, 1.05), abs=0.01)


@pytest.mark.parametrize("horizon", [0, -2, 2.0])
def test_bad_horizon_is_rejected(horizon):
    with pytest.raises(ValueError, match="horizon"):
        forecast(capex_path(0.02, 0.08), horizon)


def test_unknown_model_is_rejected():
    with pytest.raises(ValueError, match="model must be one of arima, ets; got 'prophet'"):
        forecast(capex_path(0.02, 0.08), 4, model="prophet")


def test_forecast_rejects_too_short_series():
    with pytest.raises(ValueError, match="series must have at least 8 quarters.*got 6"):
        forecast(capex_path(0.02, 0.08).iloc[:6], 4)


def test_forecast_rejects_non_positive_values():
    series = capex_path(0.02, 0.08)
    series["2026Q4"] = 0.0
    with pytest.raises(ValueError, match="series must be positive.*2026Q4=0"):
        forecast(series, 4)


# --- to_quarterly_series ------------------------------------------------------------------


def test_to_quarterly_series_builds_a_sorted_period_index():
    frame = pd.DataFrame({"calendar_quarter": ["2024Q2", "2024Q1"], "value": [30.0, 25.0]})
    series = to_quarterly_series(frame)
    assert list(series.index) == [pd.Period("2024Q1", "Q"), pd.Period("2024Q2", "Q")]
    assert list(series) == [25.0, 30.0]


def test_to_quarterly_series_rejects_repeated_quarters():
    frame = pd.DataFrame({"calendar_quarter": ["2024Q1", "2024Q1"], "value": [25.0, 30.0]})
    with pytest.raises(ValueError, match="calendar_quarter must name each quarter once.*2024Q1"):
        to_quarterly_series(frame)
