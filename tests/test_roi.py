"""Tests for analysis.roi: published arithmetic, depreciation, cohort economics, Monte Carlo.

Expected values are worked out by hand in the comments or expressions, or are published
figures (Sequoia / David Cahn 2023-2025, Bain Technology Report 2025).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest

from analysis.roi import (
    CohortInputs,
    Distribution,
    breakeven_growth,
    cohort_cash_flows,
    cohort_npv,
    cohort_npv_payback,
    depreciation_wall,
    discounted_payback_years,
    draw,
    irr,
    net_book_value,
    npv,
    operating_margin,
    revenue_gap,
    revenue_needed,
    revenue_requirement,
    simulate,
    straight_line_depreciation,
    tornado,
    useful_life_sensitivity,
    verdict_grid,
)

# ---------------------------------------------------------------------------------------
# 1. Published revenue-requirement arithmetic
# ---------------------------------------------------------------------------------------


def test_sequoia_2023_200bn_question():
    # Nvidia DC run-rate 50 -> x2 (GPU = half of DC cost) -> x2 (50 % end-user margin) = 200
    assert revenue_requirement(50) == 200
    # published hole: 200 - 75 of AI revenue = 125
    assert revenue_gap(200, 75) == 125


def test_sequoia_2024_600bn_question():
    assert revenue_requirement(150) == 600  # 150 x 2 x 2
    assert revenue_gap(600, 100) == 500


def test_sequoia_2025_840bn_question():
    assert revenue_requirement(210) == 840  # 210 x 4


def test_bain_2025_two_trillion():
    assert revenue_needed(500, 0.25) == 2000  # 500 / 0.25


def test_revenue_requirement_broadcasts_and_uses_both_factors():
    np.testing.assert_allclose(revenue_requirement(np.array([50, 150, 210])), [200, 600, 840])
    # 100 / 0.4 / (1 - 0.6) = 250 / 0.4 = 625
    assert revenue_requirement(100, 0.4, 0.6) == pytest.approx(625)
    np.testing.assert_allclose(revenue_gap(np.array([200, 600]), 700), [-500, -100])


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: revenue_requirement(-1), "gpu_spend"),
        (lambda: revenue_requirement(50, gpu_share_of_dc_cost=0), "gpu_share_of_dc_cost"),
        (lambda: revenue_requirement(50, gpu_share_of_dc_cost=1.5), "gpu_share_of_dc_cost"),
        (lambda: revenue_requirement(50, end_user_gross_margin=1), "end_user_gross_margin"),
        (lambda: revenue_gap(-1, 0), "requirement"),
        (lambda: revenue_gap(200, -5), "ai_revenue"),
        (lambda: revenue_needed(-500, 0.25), "capex"),
        (lambda: revenue_needed(500, 0), "capex_to_revenue"),
        (lambda: revenue_needed(500, 25), "capex_to_revenue"),  # percent passed as a fraction
    ],
)
def test_revenue_arithmetic_rejects_bad_input(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


# ---------------------------------------------------------------------------------------
# 2. Depreciation by vintage
# ---------------------------------------------------------------------------------------


def test_fractional_life_start_of_year():
    # 100 over 2.5 years from 1 Jan 2024: 40/yr -> 40, 40, then half a year = 20, then 0
    dep = straight_line_depreciation(100, 2024, np.arange(2023, 2028), 2.5, "start_of_year")
    np.testing.assert_allclose(dep, [0, 40, 40, 20, 0])
    # book value at year end: 100-40=60, 60-40=20, 20-20=0
    nbv = net_book_value(100, 2024, np.arange(2023, 2028), 2.5, "start_of_year")
    np.testing.assert_allclose(nbv, [0, 60, 20, 0, 0])


def test_fractional_life_mid_year():
    # in service 1 Jul 2024 to 1 Jan 2027: half a year (20), then 40, 40
    dep = straight_line_depreciation(100, 2024, np.arange(2024, 2028), 2.5)
    np.testing.assert_allclose(dep, [20, 40, 40, 0])
    nbv = net_book_value(100, 2024, np.arange(2024, 2028), 2.5)
    np.testing.assert_allclose(nbv, [80, 40, 0, 0])


def test_depreciation_wall_hand_worked():
    # vintage 2024: 100 over 2.5 y -> 40, 40, 20; vintage 2025: 50 over 2.5 y -> 20, 20, 10
    capex = pd.Series({2024: 100.0, 2025: 50.0})
    wall = depreciation_wall(capex, 2.5, 2027, convention="start_of_year")
    expected = pd.DataFrame(
        {
            "year": [2024, 2025, 2025, 2026, 2026, 2027, 2027],
            "vintage": [2024, 2024, 2025, 2024, 2025, 2024, 2025],
            "depreciation": [40.0, 40, 20, 20, 20, 0, 10],
            "net_book_value": [60.0, 20, 30, 0, 10, 0, 0],
        }
    )
    pd.testing.assert_frame_equal(wall, expected, check_dtype=False)
    totals = wall.groupby("year")["depreciation"].sum()
    np.testing.assert_allclose(totals, [40, 60, 40, 10])  # 40; 40+20; 20+20; 0+10


def test_depreciation_wall_arrays_equal_series_and_default_horizon():
    series = pd.Series({2023: 80.0, 2024: 120.0, 2025: 200.0})
    from_series = depreciation_wall(series, 5.5)
    from_arrays = depreciation_wall([80.0, 120.0, 200.0], 5.5, vintages=[2023, 2024, 2025])
    pd.testing.assert_frame_equal(from_series, from_arrays)
    assert from_series["year"].max() == 2030


def test_depreciation_wall_life_per_vintage():
    # 2024: 60 over 3 y = 20/yr; 2025: 60 over 6 y = 10/yr (start of year)
    capex = pd.Series({2024: 60.0, 2025: 60.0})
    wall = depreciation_wall(capex, [3, 6], 2025, convention="start_of_year")
    np.testing.assert_allclose(wall["depreciation"], [20, 20, 10])


@pytest.mark.parametrize("convention", ["start_of_year", "mid_year"])
@pytest.mark.parametrize("life", [1.0, 2.5, 4.0, 5.5, 6.0])
def test_depreciation_sums_to_capex(convention, life):
    wall = depreciation_wall(pd.Series({2020: 70.0, 2021: 30.0}), life, 2030, convention=convention)
    assert wall["depreciation"].sum() == pytest.approx(100.0)
    # book value + cumulative depreciation = capex, in every year, for every vintage
    wall["cumulative"] = wall.groupby("vintage")["depreciation"].cumsum()
    capex = wall["vintage"].map({2020: 70.0, 2021: 30.0})
    np.testing.assert_allclose(wall["net_book_value"] + wall["cumulative"], capex)


def test_depreciation_is_linear_in_capex():
    years = np.arange(2024, 2031)
    one = straight_line_depreciation(10, 2024, years, 4.5)
    np.testing.assert_allclose(straight_line_depreciation(30, 2024, years, 4.5), 3 * one)


def test_operating_margin_hand_worked():
    assert operating_margin(100, 50, 20) == pytest.approx(0.30)  # (100 - 50 - 20) / 100


def test_useful_life_sensitivity_hand_worked():
    # 120 spent at the start of 2025: depreciation in 2025 = 120 / life = 40, 30, 24, 20;
    # margin = (200 - 100 - dep) / 200 = 0.30, 0.35, 0.38, 0.40
    capex = pd.Series({2025: 120.0})
    table = useful_life_sensitivity(capex, 2025, 200, 100, convention="start_of_year")
    np.testing.assert_allclose(table["useful_life_years"], [3, 4, 5, 6])
    np.testing.assert_allclose(table["depreciation"], [40, 30, 24, 20])
    np.testing.assert_allclose(table["operating_margin"], [0.30, 0.35, 0.38, 0.40])


def test_useful_life_sensitivity_several_years():
    capex = pd.Series({2024: 100.0, 2025: 150.0, 2026: 200.0})
    table = useful_life_sensitivity(
        capex, [2026, 2027], revenue=[1000, 1100], other_operating_costs=600
    )
    assert len(table) == 8
    # matches the depreciation wall summed per year
    for life in (3, 4, 5, 6):
        wall = depreciation_wall(capex, life, 2027).groupby("year")["depreciation"].sum()
        rows = table[table["useful_life_years"] == life].set_index("year")["depreciation"]
        np.testing.assert_allclose(rows.loc[[2026, 2027]], wall.loc[[2026, 2027]])
    # in a growing wave a longer life means less depreciation and a higher margin
    for _, rows in table.groupby("year"):
        assert rows["operating_margin"].is_monotonic_increasing


ONE_VINTAGE = pd.Series({2024: 1.0})


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: straight_line_depreciation(100, 2024, 2024, 0), "useful_life_years"),
        (lambda: straight_line_depreciation(-1, 2024, 2024, 5), "capex"),
        (lambda: straight_line_depreciation(100, 2024, 2024, 5, "end_of_year"), "convention"),
        (lambda: net_book_value(100, 2024, 2024, -2), "useful_life_years"),
        (lambda: depreciation_wall(pd.Series({2024: 1.0}), 5, horizon=2020), "horizon"),
        (lambda: depreciation_wall([1.0, 2.0], 5, vintages=[2024, 2024]), "must be unique"),
        (lambda: depreciation_wall([1.0], 5, vintages=[2024.5]), "vintages must be whole"),
        (lambda: depreciation_wall([1.0, 2.0], 5), "capex_by_vintage must be a pandas Series"),
        (lambda: depreciation_wall([1.0, 2.0], 5, vintages=[2024]), "vintages and capex_by"),
        (lambda: depreciation_wall(pd.Series({2024: -1.0}), 5), "capex_by_vintage"),
        (lambda: depreciation_wall(pd.Series({2024: 1.0, 2025: 1.0}), [5, 6, 7]), "per vintage"),
        (lambda: operating_margin(0, 10, 10), "revenue"),
        (lambda: operating_margin(100, -1, 10), "other_operating_costs"),
        (lambda: useful_life_sensitivity(ONE_VINTAGE, 2024, 10, 1, [0, 5]), "useful_lives"),
    ],
)
def test_depreciation_rejects_bad_input(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


# ---------------------------------------------------------------------------------------
# 3. Cohort economics
# ---------------------------------------------------------------------------------------

#: capex 100, revenue 100 in every year at a 50 % gross margin, 3 years, no tax, no residual
SIMPLE = CohortInputs(
    capex=100, initial_revenue=100, revenue_growth=0.0, gross_margin=0.5, opex_share_of_capex=0.0,
    useful_life_years=3, residual_value_share=0.0, tax_rate=0.0, wacc=0.10,
)

#: a cohort with tax, growth, opex, a fractional life and a residual value
RICH = CohortInputs(
    capex=100, initial_revenue=60, revenue_growth=0.10, gross_margin=0.5, opex_share_of_capex=0.05,
    useful_life_years=2.5, residual_value_share=0.10, tax_rate=0.20, wacc=0.10,
)


def test_simple_cohort_cash_flows_and_npv():
    # flows: -100, then 100 x 0.5 = 50 in each of 3 years
    np.testing.assert_allclose(cohort_cash_flows(SIMPLE), [-100, 50, 50, 50])
    # NPV at 10 %: -100 + 50/1.1 + 50/1.21 + 50/1.331 = -100 + 45.4545 + 41.3223 + 37.5657 = 24.3426
    assert cohort_npv(SIMPLE) == pytest.approx(24.3426, abs=1e-4)


def test_rich_cohort_cash_flows_hand_worked():
    # depreciation 100 / 2.5 = 40 per full year; OCF = EBITDA x (1 - 0.2) + 0.2 x depreciation
    year1 = (60 * 0.5 - 5) * 0.8 + 0.2 * 40  # revenue 60 -> 25 x 0.8 + 8 = 28
    year2 = (66 * 0.5 - 5) * 0.8 + 0.2 * 40  # revenue 66 -> 28 x 0.8 + 8 = 30.4
    # year 3 runs half a year: revenue 72.6 x 0.5, opex 5 x 0.5, depreciation 20;
    # plus residual 10 taxed as a gain: 10 x 0.8 = 8
    year3 = (72.6 * 0.5 * 0.5 - 2.5) * 0.8 + 0.2 * 20 + 8  # 12.52 + 4 + 8 = 24.52
    np.testing.assert_allclose(cohort_cash_flows(RICH), [-100, year1, year2, year3])
    np.testing.assert_allclose([year1, year2, year3], [28, 30.4, 24.52])
    assert cohort_npv(RICH) == pytest.approx(-100 + 28 / 1.1 + 30.4 / 1.1**2 + 24.52 / 1.1**3)


def test_npv_hand_worked_and_matches_numpy_financial():
    # 50/1.1 + 50/1.1^2 + 50/1.1^3 - 100 = 24.34
    assert npv([-100, 50, 50, 50], 0.10) == pytest.approx(24.34, abs=0.005)
    assert npv([-100, 50, 50, 50], 0.10) == pytest.approx(npf.npv(0.10, [-100, 50, 50, 50]))
    assert npv([-100, 50, 50, 50], 0.0) == pytest.approx(50)


def test_npv_vectorised_one_rate_per_row():
    flows = np.array([[-100, 50, 50, 50], [-100, 60, 60, 0]])
    np.testing.assert_allclose(
        npv(flows, [0.10, 0.0]), [-100 + 50 / 1.1 + 50 / 1.21 + 50 / 1.331, 20]
    )


def test_irr_hand_worked():
    # 60 v + 60 v^2 = 100 with v = 1 / (1 + r): v = (-60 + sqrt(60^2 + 4*60*100)) / 120
    v = (-60 + np.sqrt(60**2 + 4 * 60 * 100)) / 120
    assert irr([-100, 60, 60]) == pytest.approx(1 / v - 1)
    assert irr([-100, 60, 60]) == pytest.approx(0.1307, abs=5e-5)
    assert npv([-100, 60, 60], irr([-100, 60, 60])) == pytest.approx(0, abs=1e-9)


def test_discounted_payback_hand_worked():
    # cumulative discounted: -100, -54.55, -13.22, +24.34 -> crosses in year 3:
    # 2 + 13.22 / 37.57 = 2.352
    expected = 2 + (100 - 50 / 1.1 - 50 / 1.1**2) / (50 / 1.1**3)
    assert discounted_payback_years([-100, 50, 50, 50], 0.10) == pytest.approx(expected)
    assert expected == pytest.approx(2.352, abs=5e-4)
    # undiscounted: -100 + 40 + 40 = -20 after 2 years; 20 / 40 = half of year 3 -> 2.5
    assert discounted_payback_years([-100, 40, 40, 40], 0.0) == pytest.approx(2.5)
    # cumulative exactly 0 at the end of year 2
    assert discounted_payback_years([-100, 50, 50], 0.0) == pytest.approx(2.0)


def test_discounted_payback_never_is_inf_and_vectorised():
    flows = np.array([[-100, 10, 10, 10], [-100, 40, 40, 40], [0, 5, 5, 5]])
    np.testing.assert_allclose(discounted_payback_years(flows, 0.0), [np.inf, 2.5, 0.0])


def test_breakeven_growth_hand_worked():
    # capex 100, revenue 40 then 40 (1 + g), margin 1, no tax/opex/residual, wacc 0:
    # NPV = -100 + 40 + 40 (1 + g) = 0  ->  g = 0.5
    inputs = CohortInputs(100, 40, 0.0, 1.0, 0.0, 2, 0.0, 0.0, 0.0)
    assert breakeven_growth(inputs) == pytest.approx(0.5)
    growth = breakeven_growth(RICH)
    assert cohort_npv(replace(RICH, revenue_growth=growth)) == pytest.approx(0, abs=1e-8)


def test_breakeven_growth_without_sign_change_raises():
    no_revenue = replace(RICH, initial_revenue=0.0)  # NPV < 0 whatever the growth
    with pytest.raises(ValueError, match="does not change sign for revenue_growth"):
        breakeven_growth(no_revenue)
    with pytest.raises(ValueError, match="bracket"):
        breakeven_growth(RICH, bracket=(0.5, 0.1))


def test_npv_rises_with_growth_and_falls_with_wacc():
    growth = [cohort_npv(replace(RICH, revenue_growth=g)) for g in (-0.2, 0.0, 0.2, 0.4)]
    assert np.all(np.diff(growth) > 0)
    rates = [cohort_npv(replace(SIMPLE, wacc=r)) for r in (0.0, 0.05, 0.10, 0.15)]
    assert np.all(np.diff(rates) < 0)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("capex", 0.0),
        ("initial_revenue", -1.0),
        ("revenue_growth", -1.0),
        ("revenue_growth", 10.0),
        ("gross_margin", 1.5),
        ("opex_share_of_capex", -0.1),
        ("useful_life_years", 0.0),
        ("useful_life_years", 50.0),
        ("residual_value_share", 1.2),
        ("tax_rate", 1.0),
        ("wacc", 8.0),  # percent passed as a fraction
        ("wacc", float("nan")),
    ],
)
def test_cohort_inputs_reject_bad_field(field, bad):
    with pytest.raises(ValueError, match=field):
        replace(RICH, **{field: bad})


def test_cohort_inputs_reject_arrays():
    with pytest.raises(ValueError, match="CohortInputs.capex must be a scalar"):
        replace(RICH, capex=np.array([100.0, 200.0]))


def test_npv_payback_and_irr_reject_bad_input():
    with pytest.raises(ValueError, match="rate"):
        npv([-100, 50], -1.0)
    with pytest.raises(ValueError, match="rate"):
        discounted_payback_years([-100, 50], -2.0)
    with pytest.raises(ValueError, match="cash_flows"):
        irr([[-100, 60, 60]])


# ---------------------------------------------------------------------------------------
# 4. Monte Carlo
# ---------------------------------------------------------------------------------------


def fixed(inputs: CohortInputs) -> dict[str, Distribution]:
    return {name: Distribution("fixed", value=value) for name, value in inputs.__dict__.items()}


def uncertain(inputs: CohortInputs) -> dict[str, Distribution]:
    return {
        **fixed(inputs),
        "initial_revenue": Distribution("triangular", low=40, mode=60, high=90),
        "revenue_growth": Distribution("uniform", low=-0.2, high=0.3),
        "useful_life_years": Distribution("triangular", low=2, mode=3, high=5),
        "wacc": Distribution("normal", mean=0.09, sd=0.01),
        "gross_margin": Distribution("triangular", low=0.4, mode=0.5, high=0.6),
    }


def test_vectorised_cohorts_equal_one_by_one_with_varying_lives():
    lives = np.array([1.5, 2.5, 3.0, 5.0])
    growth = np.array([0.0, 0.1, -0.2, 0.3])
    values = {**RICH.__dict__, "useful_life_years": lives, "revenue_growth": growth}
    value, payback = cohort_npv_payback(values)
    for i in range(lives.size):
        one = replace(RICH, useful_life_years=lives[i], revenue_growth=growth[i])
        assert value[i] == pytest.approx(cohort_npv(one))
        expected = discounted_payback_years(cohort_cash_flows(one), one.wacc)
        assert payback[i] == pytest.approx(expected)


def test_fixed_distributions_reproduce_the_deterministic_cohort():
    result = simulate(fixed(RICH), 1_000, seed=1)
    np.testing.assert_allclose(result.npv, cohort_npv(RICH))
    np.testing.assert_allclose(result.npv_percentiles, cohort_npv(RICH))
    assert result.p_npv_positive == float(cohort_npv(RICH) > 0)
    simple = simulate(fixed(SIMPLE), 10, seed=1)
    # NPV 24.34 > 0 and payback 2.352 <= 3-year life in every draw
    assert simple.p_npv_positive == 1.0 and simple.p_payback_within_life == 1.0
    payback = 2 + (100 - 50 / 1.1 - 50 / 1.21) / (50 / 1.331)
    np.testing.assert_allclose(simple.payback_percentiles, payback)


def test_same_seed_same_result_and_other_seed_close():
    first = simulate(uncertain(RICH), 200_000, seed=7)
    again = simulate(uncertain(RICH), 200_000, seed=7)
    other = simulate(uncertain(RICH), 200_000, seed=8)
    np.testing.assert_array_equal(first.npv, again.npv)
    assert first.p_npv_positive == again.p_npv_positive
    assert not np.array_equal(first.npv, other.npv)
    assert abs(first.p_npv_positive - other.p_npv_positive) < 0.02
    assert abs(first.p_payback_within_life - other.p_payback_within_life) < 0.02
    assert 0.02 < first.p_npv_positive < 0.98  # the test case is genuinely uncertain
    assert list(first.npv_percentiles.index) == [5, 25, 50, 75, 95]
    assert first.npv_percentiles.is_monotonic_increasing
    assert first.payback_percentiles.is_monotonic_increasing


def test_draw_moments_and_order_independence():
    dists = {
        "t": Distribution("triangular", low=3, mode=5, high=6),
        "u": Distribution("uniform", low=-1, high=1),
        "n": Distribution("normal", mean=2, sd=0.5),
        "l": Distribution("lognormal", median=10, sigma=0.3),
        "f": Distribution("fixed", value=4.2),
    }
    d = draw(dists, 200_000, seed=3)
    assert all(v.shape == (200_000,) for v in d.values())
    assert d["t"].mean() == pytest.approx((3 + 5 + 6) / 3, abs=0.01)
    assert d["t"].min() >= 3 and d["t"].max() <= 6
    assert d["u"].min() >= -1 and d["u"].max() <= 1
    assert d["n"].mean() == pytest.approx(2, abs=0.01)
    assert d["n"].std() == pytest.approx(0.5, abs=0.01)
    assert np.median(d["l"]) == pytest.approx(10, rel=0.01)
    assert np.all(d["f"] == 4.2)
    reordered = draw(dict(reversed(list(dists.items()))), 200_000, seed=3)
    for name in dists:
        np.testing.assert_array_equal(d[name], reordered[name])


def test_distribution_scaled():
    assert Distribution("triangular", low=0.2, mode=0.4, high=0.8).scaled(10) == Distribution(
        "triangular", low=2, mode=4, high=8
    )
    lognormal = Distribution("lognormal", median=2, sigma=0.3).scaled(5)
    assert lognormal == Distribution("lognormal", median=10, sigma=0.3)  # sigma is unitless


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Distribution("beta", low=0, high=1), "kind"),
        (lambda: Distribution("triangular", low=0, high=1), "takes exactly low, mode, high"),
        (lambda: Distribution("fixed", value=1, low=0), "takes exactly value"),
        (lambda: Distribution("triangular", low=0, mode=2, high=1), "low <= mode <= high"),
        (lambda: Distribution("uniform", low=1, high=1), "low < high"),
        (lambda: Distribution("normal", mean=0, sd=0), "sd"),
        (lambda: Distribution("lognormal", median=0, sigma=1), "median"),
        (lambda: Distribution("lognormal", median=1, sigma=-1), "sigma"),
        (lambda: Distribution("fixed", value=float("nan")), "value"),
        (lambda: Distribution("fixed", value=1).scaled(0), "factor"),
    ],
)
def test_distribution_rejects_bad_parameters(make, message):
    with pytest.raises(ValueError, match=message):
        make()


WITHOUT_WACC = {name: d for name, d in fixed(RICH).items() if name != "wacc"}
WIDE_GROWTH = {**fixed(RICH), "revenue_growth": Distribution("normal", mean=0, sd=2)}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: draw(fixed(RICH), 0, seed=1), "n_draws"),
        (lambda: draw(fixed(RICH), 2.5, seed=1), "n_draws"),
        (lambda: draw(fixed(RICH), 10, seed=-1), "seed"),
        (lambda: simulate(WITHOUT_WACC, 10, 1), "missing: \\['wacc'\\]"),
        (lambda: simulate({**fixed(RICH), "pue": Distribution("fixed", value=1.2)}, 10, 1), "pue"),
        # a normal with wide tails draws growth <= -100 %: an error, never a silent clip
        (lambda: simulate(WIDE_GROWTH, 1000, 1), "revenue_growth must be in"),
    ],
)
def test_simulate_rejects_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_tornado_matches_one_at_a_time_npv_and_is_sorted():
    ranges = {"wacc": (0.05, 0.15), "gross_margin": (0.4, 0.6), "useful_life_years": (2.0, 5.0)}
    table = tornado(RICH, ranges)
    assert list(table.columns) == ["input", "low", "high", "npv_low", "npv_high", "swing"]
    assert table["swing"].is_monotonic_decreasing
    for row in table.itertuples():
        assert row.npv_low == pytest.approx(cohort_npv(replace(RICH, **{row.input: row.low})))
        assert row.npv_high == pytest.approx(cohort_npv(replace(RICH, **{row.input: row.high})))
        assert row.swing == pytest.approx(abs(row.npv_high - row.npv_low))


def test_tornado_rejects_bad_ranges():
    with pytest.raises(ValueError, match="unknown inputs \\['pue'\\]"):
        tornado(RICH, {"pue": (1.1, 1.5)})
    with pytest.raises(ValueError, match="ranges must map"):
        tornado(RICH, {"wacc": (0.05, 0.1, 0.15)})
    with pytest.raises(ValueError, match="wacc"):
        tornado(RICH, {"wacc": (0.05, 5.0)})


def test_verdict_grid_matches_cohort_npv():
    growth, lives = [-0.1, 0.0, 0.2], [2.5, 4.0, 5.5, 6.0]
    grid = verdict_grid(RICH, growth, lives)
    assert grid.shape == (3, 4)
    assert grid.index.name == "revenue_growth" and grid.columns.name == "useful_life_years"
    for g in growth:
        for life in lives:
            expected = cohort_npv(replace(RICH, revenue_growth=g, useful_life_years=life))
            assert grid.loc[g, life] == pytest.approx(expected)
    assert (grid.diff().iloc[1:] > 0).all().all()  # NPV rises with growth in every column


# ---------------------------------------------------------------------------------------
# 5. Inputs from the data and the assumptions register
# ---------------------------------------------------------------------------------------

from types import SimpleNamespace  # noqa: E402

from analysis.roi import (  # noqa: E402
    COHORT_ASSUMPTIONS,
    annual_equivalent,
    capex_path,
    central_inputs,
    cohort_distributions,
    distribution_from_register,
    input_ranges,
    margin_effect_of_useful_life,
    scenario_assumptions,
    sequoia_requirement,
)


def test_sequoia_requirement_from_published_units():
    # published inputs: run-rate, multiplier 2, margin 50 % -> 200, 600, 840; Cahn 2026 method B:
    # hyperscaler DC capex 750 is already the whole DC cost (multiplier 1) -> 750 x 2 = 1,500
    np.testing.assert_allclose(sequoia_requirement([50, 150, 210, 750], [2, 2, 2, 1], 50), [200, 600, 840, 1500])
    with pytest.raises(ValueError, match="dc_cost_multiplier must be in \\[1, inf\\)"):
        sequoia_requirement(50, 0.5, 50)
    with pytest.raises(ValueError, match="end_user_gross_margin_pct must be in \\[0, 100\\)"):
        sequoia_requirement(50, 2, 100)


def test_annual_equivalent_spreads_lifetime_revenue():
    assert annual_equivalent(1100, 5.5) == pytest.approx(200)
    with pytest.raises(ValueError, match="useful_life_years must be in \\(0, inf\\)"):
        annual_equivalent(100, 0)


def test_capex_path_actuals_then_guidance_midpoint():
    actual = pd.Series({2024: 100.0, 2025: 150.0})
    guidance = pd.DataFrame({"low": [140.0, 180.0], "high": [160.0, 200.0]}, index=[2025, 2026])
    path = capex_path(actual, guidance)
    assert list(path.index) == [2024, 2025, 2026]
    assert list(path["basis"]) == ["actual", "actual", "guidance"]  # 2025: the actual wins
    assert path.loc[2025, ["low", "mid", "high"]].tolist() == [150, 150, 150]
    assert path.loc[2026, ["low", "mid", "high"]].tolist() == [180, 190, 200]


def test_capex_path_rejects_inverted_guidance():
    with pytest.raises(ValueError, match="low must be <= high.*2026"):
        capex_path(pd.Series({2025: 1.0}), pd.DataFrame({"low": [3.0], "high": [2.0]}, index=[2026]))
    with pytest.raises(ValueError, match="missing: high"):
        capex_path(pd.Series({2025: 1.0}), pd.DataFrame({"low": [3.0]}, index=[2026]))


def test_margin_effect_of_useful_life_by_hand():
    # 120 spent at the start of 2030: life 4 -> 30 in 2030, life 6 -> 20; revenue 200
    effect = margin_effect_of_useful_life(
        pd.Series({2030: 120.0}), 2030, 200.0, [4, 6], reference_life=6, convention="start_of_year"
    )
    np.testing.assert_allclose(effect["depreciation"], [30, 20])
    np.testing.assert_allclose(effect["share_of_revenue"], [0.15, 0.10])
    np.testing.assert_allclose(effect["margin_change"], [-0.05, 0.0])  # 4 years costs 5 pp of margin


def _register():
    """A minimal register: name -> object with value and distribution, as analysis.data gives."""
    def entry(value, distribution=None):
        return SimpleNamespace(value=value, distribution=distribution)

    tri = lambda lo, mo, hi: {"kind": "triangular", "low": lo, "mode": mo, "high": hi}  # noqa: E731
    return {
        "cohort_initial_revenue_share_of_capex": entry(0.4, tri(0.2, 0.4, 0.8)),
        "cohort_initial_revenue_share_of_capex_bear": entry(0.25, tri(0.1, 0.25, 0.5)),
        "cohort_revenue_growth": entry(0.0, tri(-0.3, 0.0, 0.3)),
        "cohort_gross_margin": entry(0.6, {"kind": "uniform", "low": 0.5, "high": 0.7}),
        "cohort_opex_share_of_capex": entry(0.07, {"kind": "normal", "mean": 0.07, "sd": 0.01}),
        "cohort_economic_life_years": entry(5.5, tri(3.0, 5.5, 6.0)),
        "residual_value_share": entry(0.1, {"kind": "lognormal", "mu": float(np.log(0.1)), "sigma": 0.5}),
        "corporate_tax_rate": entry(0.21),
        "wacc": entry(0.08, tri(0.07, 0.08, 0.10)),
    }


def test_distribution_from_register_kinds():
    assert distribution_from_register(None, 0.21) == Distribution("fixed", value=0.21)
    lognormal = distribution_from_register({"kind": "lognormal", "mu": 0.0, "sigma": 0.3}, 1.0)
    assert lognormal.median == pytest.approx(1.0) and lognormal.sigma == 0.3
    with pytest.raises(ValueError, match="distribution kind must be one of"):
        distribution_from_register({"kind": "beta"}, 1.0)
    with pytest.raises(ValueError, match="needs 'mode'"):
        distribution_from_register({"kind": "triangular", "low": 0, "high": 1}, 0.5)


def test_scenario_assumptions_override_only_where_registered():
    names = scenario_assumptions(_register(), "bear")
    assert names["initial_revenue"] == "cohort_initial_revenue_share_of_capex_bear"
    assert names["revenue_growth"] == "cohort_revenue_growth"  # no bear entry: base
    assert scenario_assumptions(_register(), "base") == COHORT_ASSUMPTIONS
    with pytest.raises(ValueError, match="scenario must be one of base, bear, bull; got 'worst'"):
        scenario_assumptions(_register(), "worst")
    with pytest.raises(ValueError, match="lacks cohort entries: wacc"):
        scenario_assumptions({k: v for k, v in _register().items() if k != "wacc"}, "base")


def test_cohort_distributions_scale_revenue_life_and_wacc():
    dists = cohort_distributions(_register(), capex=700.0, useful_life_years=4.4, wacc=0.12)
    assert dists["capex"] == Distribution("fixed", value=700.0)
    # share of capex -> USD bn
    assert (dists["initial_revenue"].low, dists["initial_revenue"].mode) == pytest.approx((140, 280))
    # life 5.5 -> 4.4 is a factor 0.8 on the whole triangle
    life = dists["useful_life_years"]
    assert (life.low, life.mode, life.high) == pytest.approx((2.4, 4.4, 4.8))
    assert dists["wacc"].mode == pytest.approx(0.12)
    assert dists["tax_rate"] == Distribution("fixed", value=0.21)
    assert set(dists) == {f for f in CohortInputs.__dataclass_fields__}
    bear = cohort_distributions(_register(), capex=700.0, scenario="bear")
    assert bear["initial_revenue"].mode == pytest.approx(175)
    with pytest.raises(ValueError, match="useful_life_years must be in \\(0, inf\\) years; got 0"):
        cohort_distributions(_register(), capex=700.0, useful_life_years=0)


def test_central_inputs_and_ranges_feed_tornado_and_simulate():
    dists = cohort_distributions(_register(), capex=700.0)
    base = central_inputs(dists)
    assert base.initial_revenue == pytest.approx(280) and base.gross_margin == pytest.approx(0.6)
    assert base.opex_share_of_capex == pytest.approx(0.07) and base.residual_value_share == pytest.approx(0.1)
    ranges = input_ranges(dists)
    assert set(ranges) == set(dists) - {"capex", "tax_rate"}  # fixed inputs left out
    assert ranges["gross_margin"] == (0.5, 0.7)
    lo, hi = ranges["opex_share_of_capex"]  # normal: mean -/+ 1.645 sd
    assert (lo, hi) == pytest.approx((0.07 - 0.016449, 0.07 + 0.016449), abs=1e-5)
    lo, hi = ranges["residual_value_share"]  # lognormal: median x exp(-/+ 1.645 sigma)
    assert lo * hi == pytest.approx(0.01)
    table = tornado(base, ranges)
    assert len(table) == 7
    result = simulate(dists, 2_000, 1)
    assert 0.0 <= result.p_npv_positive <= 1.0
