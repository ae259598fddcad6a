"""Tests for analysis.tco: hand-worked figures, properties and input validation."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from analysis.tco import (
    OnPremInputs,
    api_cost_per_year,
    api_eur_per_million_tokens,
    api_vs_gpu,
    breakeven_utilisation,
    capital_recovery_factor,
    compare_options,
    cost_per_useful_gpu_hour,
    obsolescence_comparison,
    onprem_cost_components,
    onprem_cost_per_year,
    onprem_fixed_and_variable,
    rental_cost_per_year,
    rental_price_path,
    sensitivity_grid,
)

# A small server: 2 GPUs x 500 W x 1.2 server overhead = 1.2 kW of IT power.
EXAMPLE = OnPremInputs(
    gpu_count=2,
    hardware_price_eur=60_000.0,
    useful_life_years=5,
    interest_rate=0.10,
    residual_value_share=0.10,
    watts_per_gpu=500.0,
    server_overhead_factor=1.2,
    pue=1.5,
    electricity_price_eur_per_kwh=0.20,
    colocation_eur_per_kw_month=150.0,
    staff_cost_eur_per_year=80_000.0,
    staff_fte_share=0.10,
    maintenance_share_per_year=0.05,
    availability=0.99,
    outage_cost_eur_per_hour=100.0,
)
# Textbook annuity factor A/P for i = 10 %, n = 5 (interest tables): 0.26380
CRF_10PCT_5Y = 0.2637975

# Hand-worked annual costs of EXAMPLE at utilisation 0.5 (4,380 hours used):
CAPITAL = (60_000 - 0.10 * 60_000 / 1.10**5) * CRF_10PCT_5Y  # 56,274.47 x 0.26380 = 14,845.06
ELECTRICITY = 1.2 * 1.5 * 4_380 * 0.20  # kW x PUE x h x EUR/kWh = 1,576.80
SPACE = 1.2 * 150 * 12  # kW x EUR/kW/month x months = 2,160
STAFF = 80_000 * 0.10  # 8,000
MAINTENANCE = 0.05 * 60_000  # 3,000
DOWNTIME = (1 - 0.99) * 4_380 * 100  # 43.8 outage hours x EUR 100 = 4,380
TOTAL_AT_HALF = CAPITAL + ELECTRICITY + SPACE + STAFF + MAINTENANCE + DOWNTIME  # 33,961.86


# --- capital-recovery factor -------------------------------------------------------------


def test_crf_matches_textbook_values():
    assert capital_recovery_factor(0.10, 5) == pytest.approx(0.263797, abs=1e-6)
    assert capital_recovery_factor(0.05, 10) == pytest.approx(0.129505, abs=1e-6)


def test_crf_without_interest_is_straight_line():
    np.testing.assert_allclose(capital_recovery_factor(0.0, [4, 5]), [1 / 4, 1 / 5])


def test_crf_is_vectorised_over_rates():
    np.testing.assert_allclose(
        capital_recovery_factor(np.array([0.0, 0.10]), 5), [0.2, 0.263797], atol=1e-6
    )


# --- on-premises TCO ----------------------------------------------------------------------


def test_onprem_components_hand_worked():
    c = onprem_cost_components(EXAMPLE, 0.5)
    assert c["capital"] == pytest.approx(CAPITAL, rel=1e-6)
    assert c["electricity"] == pytest.approx(ELECTRICITY)
    assert c["space_cooling"] == pytest.approx(SPACE)
    assert c["staff"] == pytest.approx(STAFF)
    assert c["maintenance"] == pytest.approx(MAINTENANCE)
    assert c["downtime"] == pytest.approx(DOWNTIME)


def test_onprem_total_and_per_useful_gpu_hour_hand_worked():
    total = onprem_cost_per_year(EXAMPLE, 0.5)
    assert total == pytest.approx(TOTAL_AT_HALF, rel=1e-6)
    assert total == pytest.approx(33_961.86, abs=0.01)
    # 2 GPUs x 0.5 x 8,760 h = 8,760 useful GPU-hours -> EUR 3.877 per GPU-hour
    per_hour = cost_per_useful_gpu_hour(total, 2, 0.5)
    assert per_hour == pytest.approx(TOTAL_AT_HALF / 8_760, rel=1e-6)


def test_idle_power_adds_idle_hours_at_a_fraction_of_full_draw():
    with_idle = replace(EXAMPLE, idle_power_share=0.10)
    # 4,380 idle hours x 1.2 kW x 0.10 x PUE 1.5 x EUR 0.20/kWh = EUR 157.68
    extra = onprem_cost_per_year(with_idle, 0.5) - onprem_cost_per_year(EXAMPLE, 0.5)
    assert extra == pytest.approx(4_380 * 1.2 * 0.10 * 1.5 * 0.20)


def test_onprem_cost_is_fixed_plus_marginal_times_hours():
    fixed, marginal = onprem_fixed_and_variable(EXAMPLE)
    # fixed = capital + space + staff + maintenance (no idle draw)
    assert fixed == pytest.approx(CAPITAL + SPACE + STAFF + MAINTENANCE, rel=1e-6)
    # marginal per GPU-hour: (1.2 kW x 1.5 x 0.20 + 0.01 x 100) / 2 GPUs = (0.36 + 1) / 2
    assert marginal == pytest.approx((1.2 * 1.5 * 0.20 + 0.01 * 100) / 2)
    u = np.array([0.1, 0.5, 1.0])
    np.testing.assert_allclose(
        onprem_cost_per_year(EXAMPLE, u), fixed + marginal * 2 * u * 8_760
    )


# --- rental and API -------------------------------------------------------------------------


def test_rental_on_demand_is_linear_in_hours_used():
    u = np.array([0.1, 0.2, 0.4, 0.8])
    cost = rental_cost_per_year(3.0, 2, u)
    np.testing.assert_allclose(cost, 3.0 * 2 * u * 8_760)
    np.testing.assert_allclose(cost[1:] / cost[:-1], 2.0)


def test_reserved_rental_is_paid_for_every_hour_whatever_the_use():
    u = np.array([0.1, 0.5, 1.0])
    cost = rental_cost_per_year(2.5, 2, u, reserved=True)
    np.testing.assert_allclose(cost, 2.5 * 2 * 8_760)  # EUR 43,800 each
    np.testing.assert_allclose(cost_per_useful_gpu_hour(cost, 2, u), 2.5 / u)


def test_api_blended_price_in_usd_converted_to_eur():
    # 60 % input at USD 3 + 40 % output at USD 15 = USD 7.80 / 1.25 USD per EUR = EUR 6.24
    price = api_eur_per_million_tokens(3.0, 15.0, 0.6, currency="USD", usd_per_eur=1.25)
    assert price == pytest.approx(6.24)
    assert api_eur_per_million_tokens(3.0, 15.0, 0.6) == pytest.approx(7.80)
    # 100 M tokens a month x 12 = 1,200 M tokens x EUR 6.24 = EUR 7,488 a year
    assert api_cost_per_year(100e6, 6.24) == pytest.approx(7_488.0)


def test_compare_options_same_workload_hand_worked():
    frame = compare_options(
        EXAMPLE,
        0.5,
        hyperscaler_on_demand_eur_per_gpu_hour=4.0,
        hyperscaler_reserved_eur_per_gpu_hour=2.5,
        neocloud_eur_per_gpu_hour=2.0,
        api_eur_per_million_tokens=6.24,
        tokens_per_gpu_hour=1e6,
    ).set_index("option")
    assert list(frame.columns) == ["utilisation", "eur_per_year", "eur_per_gpu_hour"]
    # 8,760 useful GPU-hours in every option
    expected_per_year = {
        "on_premises": TOTAL_AT_HALF,
        "hyperscaler_on_demand": 4.0 * 8_760,  # 35,040
        "hyperscaler_reserved": 2.5 * 2 * 8_760,  # 43,800: both GPUs, all hours
        "neocloud_on_demand": 2.0 * 8_760,  # 17,520
        "llm_api": 8_760 * 1e6 / 1e6 * 6.24,  # 8,760 M tokens x EUR 6.24 = 54,662.40
    }
    for option, eur in expected_per_year.items():
        assert frame.loc[option, "eur_per_year"] == pytest.approx(eur, rel=1e-6)
        assert frame.loc[option, "eur_per_gpu_hour"] == pytest.approx(eur / 8_760, rel=1e-6)


def test_compare_options_accepts_a_utilisation_grid():
    frame = compare_options(
        EXAMPLE,
        [0.25, 0.5, 1.0],
        hyperscaler_on_demand_eur_per_gpu_hour=4.0,
        hyperscaler_reserved_eur_per_gpu_hour=2.5,
        neocloud_eur_per_gpu_hour=2.0,
        api_eur_per_million_tokens=6.24,
        tokens_per_gpu_hour=1e6,
    )
    assert len(frame) == 5 * 3
    assert not frame.duplicated(["option", "utilisation"]).any()


# --- break-even utilisation ----------------------------------------------------------------

# Interest-free variant: capital = (60,000 - 6,000) / 5 = 10,800 a year.
# fixed = 10,800 + 2,160 + 8,000 + 3,000 = 23,960 EUR a year
# marginal = (1.2 x 1.5 x 0.20 + 0.01 x 100) / 2 = 0.68 EUR per GPU-hour
# renting at EUR 4.00: 23,960 / ((4.00 - 0.68) x 2 x 8,760) = 23,960 / 58,166.4 = 0.41192
ZERO_RATE = replace(EXAMPLE, interest_rate=0.0)


def test_breakeven_utilisation_hand_worked():
    u = breakeven_utilisation(ZERO_RATE, 4.0)
    assert u == pytest.approx(23_960 / ((4.00 - 0.68) * 2 * 8_760))
    assert u == pytest.approx(0.41192, abs=1e-5)
    assert onprem_cost_per_year(ZERO_RATE, u) == pytest.approx(rental_cost_per_year(4.0, 2, u))


def test_breakeven_is_nan_when_renting_is_always_cheaper():
    # EUR 1.00: 23,960 / ((1.00 - 0.68) x 17,520) = 4.27 > 1; EUR 0.50 < marginal 0.68
    assert np.isnan(breakeven_utilisation(ZERO_RATE, [1.0, 0.5])).all()


def test_breakeven_falls_when_rental_price_rises():
    u = breakeven_utilisation(EXAMPLE, np.array([3.0, 4.0, 5.0, 6.0]))
    assert np.all(np.diff(u) < 0)


def test_breakeven_rises_when_electricity_price_rises():
    prices = np.array([0.10, 0.20, 0.30, 0.40])
    u = breakeven_utilisation(replace(EXAMPLE, electricity_price_eur_per_kwh=prices), 4.0)
    assert np.all(np.diff(u) > 0)


# --- sensitivity, obsolescence, API vs GPU -------------------------------------------------


def test_sensitivity_grid_is_tidy_and_matches_point_values():
    grid = sensitivity_grid(EXAMPLE, [0.25, 0.5], [0.10, 0.20, 0.30], [2.0, 4.0])
    assert len(grid) == 2 * 3 * 2
    cols = ["utilisation", "electricity_price_eur_per_kwh", "rental_price_eur_per_gpu_hour"]
    assert not grid.duplicated(cols).any()
    row = grid[
        (grid.utilisation == 0.5)
        & (grid.electricity_price_eur_per_kwh == 0.20)
        & (grid.rental_price_eur_per_gpu_hour == 4.0)
    ].iloc[0]
    assert row.onprem_eur_per_gpu_hour == pytest.approx(TOTAL_AT_HALF / 8_760, rel=1e-6)
    buy_minus_rent = TOTAL_AT_HALF / 8_760 - 4.0  # EUR 3.877 - 4.00 = -0.123
    assert row.buy_minus_rent_eur_per_gpu_hour == pytest.approx(buy_minus_rent, abs=1e-5)


def test_rental_price_path_compounds_the_decline():
    np.testing.assert_allclose(rental_price_path(4.0, 0.20, 3), [4.0, 3.2, 2.56])
    assert rental_price_path([4.0, 2.0], 0.20, 3).shape == (2, 3)


def test_obsolescence_comparison_hand_worked():
    frame = obsolescence_comparison(EXAMPLE, 0.5, 4.0, 0.20)
    rent = frame[frame.option == "rental_on_demand"]
    bought = frame[frame.option == "on_premises"]
    # 8,760 useful GPU-hours a year at 4.00, 3.20, 2.56, 2.048, 1.6384 EUR
    np.testing.assert_allclose(rent.eur_per_year, [35_040, 28_032, 22_425.6, 17_940.48, 14_352.384])
    assert rent.cumulative_eur.iloc[-1] == pytest.approx(117_790.464)
    assert bought.cumulative_eur.iloc[-1] == pytest.approx(5 * TOTAL_AT_HALF, rel=1e-6)
    assert list(bought.year) == [1, 2, 3, 4, 5]


def test_api_vs_reserved_gpu_hand_worked():
    # 1 GPU reserved at EUR 2.00: 17,520 EUR a year; API EUR 6.24 per M tokens
    # 17,520 / (12 x 6.24e-6) = 233,974,359 tokens a month (capacity 730 M at 1 M tokens/h)
    tokens = api_vs_gpu(6.24, 1e6, 1, fixed_eur_per_year=2.0 * 8_760, eur_per_useful_gpu_hour=0)
    assert tokens == pytest.approx(17_520 / (12 * 6.24e-6))
    # at 100k tokens/h the GPU serves only 73 M tokens a month: the API always wins
    slow = api_vs_gpu(6.24, 1e5, 1, fixed_eur_per_year=17_520, eur_per_useful_gpu_hour=0)
    assert np.isnan(slow)


def test_api_vs_on_demand_gpu_has_no_crossover():
    # on demand: EUR 2.00 / 1 M tokens = EUR 2 per M tokens < EUR 6.24 -> GPU cheaper from 0
    assert api_vs_gpu(6.24, 1e6, 1, fixed_eur_per_year=0, eur_per_useful_gpu_hour=2.0) == 0
    # EUR 2.00 / 0.1 M tokens = EUR 20 per M tokens > 6.24 -> API always cheaper
    assert np.isnan(api_vs_gpu(6.24, 1e5, 1, fixed_eur_per_year=0, eur_per_useful_gpu_hour=2.0))


def test_api_vs_bought_gpu_costs_are_equal_at_the_breakeven():
    fixed, marginal = onprem_fixed_and_variable(EXAMPLE)
    tokens = api_vs_gpu(
        20.0, 1e6, 2, fixed_eur_per_year=fixed, eur_per_useful_gpu_hour=marginal
    )
    utilisation = tokens * 12 / 1e6 / (2 * 8_760)
    assert 0 < utilisation <= 1
    assert api_cost_per_year(tokens, 20.0) == pytest.approx(
        onprem_cost_per_year(EXAMPLE, utilisation)
    )


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize("utilisation", [0.0, -0.1, 1.5, np.nan])
def test_utilisation_outside_zero_one_is_rejected(utilisation):
    with pytest.raises(ValueError, match="utilisation"):
        onprem_cost_per_year(EXAMPLE, utilisation)
    with pytest.raises(ValueError, match="utilisation"):
        rental_cost_per_year(2.0, 1, utilisation)


def test_negative_gpu_count_is_rejected():
    with pytest.raises(ValueError, match="gpu_count"):
        replace(EXAMPLE, gpu_count=-1)
    with pytest.raises(ValueError, match="gpu_count"):
        rental_cost_per_year(2.0, -1, 0.5)


@pytest.mark.parametrize(
    "field", ["hardware_price_eur", "electricity_price_eur_per_kwh", "colocation_eur_per_kw_month"]
)
def test_negative_onprem_price_is_rejected(field):
    with pytest.raises(ValueError, match=field):
        replace(EXAMPLE, **{field: -1.0})


def test_negative_rental_or_api_price_is_rejected():
    with pytest.raises(ValueError, match="price_eur_per_gpu_hour"):
        rental_cost_per_year(-2.0, 1, 0.5)
    with pytest.raises(ValueError, match="rental_price_per_gpu_hour"):
        breakeven_utilisation(EXAMPLE, -4.0)
    with pytest.raises(ValueError, match="output_price_per_million"):
        api_eur_per_million_tokens(3.0, -15.0, 0.6)


@pytest.mark.parametrize("availability", [0.0, 1.1])
def test_availability_outside_zero_one_is_rejected(availability):
    with pytest.raises(ValueError, match="availability"):
        replace(EXAMPLE, availability=availability)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pue", 0.9),
        ("server_overhead_factor", 0.5),
        ("residual_value_share", 1.2),
        ("interest_rate", -0.01),
        ("useful_life_years", 0),
        ("idle_power_share", 1.5),
    ],
)
def test_other_onprem_fields_are_range_checked(field, value):
    with pytest.raises(ValueError, match=field):
        replace(EXAMPLE, **{field: value})


def test_crf_arguments_are_checked():
    with pytest.raises(ValueError, match="rate"):
        capital_recovery_factor(-0.1, 5)
    with pytest.raises(ValueError, match="years"):
        capital_recovery_factor(0.1, 0)


def test_currency_and_exchange_rate_are_checked():
    with pytest.raises(ValueError, match="currency"):
        api_eur_per_million_tokens(3.0, 15.0, 0.6, currency="GBP")
    with pytest.raises(ValueError, match="usd_per_eur"):
        api_eur_per_million_tokens(3.0, 15.0, 0.6, currency="USD")
    with pytest.raises(ValueError, match="usd_per_eur"):
        api_eur_per_million_tokens(3.0, 15.0, 0.6, currency="USD", usd_per_eur=0.0)


def test_price_decline_and_throughput_are_checked():
    with pytest.raises(ValueError, match="annual_price_decline"):
        rental_price_path(4.0, 1.5, 3)
    with pytest.raises(ValueError, match="tokens_per_gpu_hour"):
        api_vs_gpu(6.24, 0, 1, fixed_eur_per_year=0, eur_per_useful_gpu_hour=1.0)


def test_obsolescence_needs_whole_years_of_life():
    with pytest.raises(ValueError, match="useful_life_years"):
        obsolescence_comparison(replace(EXAMPLE, useful_life_years=4.5), 0.5, 4.0, 0.2)


# --- inputs from the data (selection rules), on hand-made frames ---------------------------

import pandas as pd  # noqa: E402

from analysis import tco  # noqa: E402


def _electricity():
    rows = []
    for geo in ("AT", "DE", "PL"):
        rows += [{"geo": geo, "period": "2025-S1", "band": "IC", "tax_level": "X_VAT", "value": 0.20}]
    rows += [{"geo": "DE", "period": "2025-S2", "band": "IC", "tax_level": "X_VAT", "value": 0.22},  # only DE
             {"geo": "DE", "period": "2025-S1", "band": "IC", "tax_level": "I_TAX", "value": 0.27}]
    return pd.DataFrame(rows)


def test_latest_complete_period_needs_every_country():
    prices = _electricity()
    assert tco.latest_complete_period(prices, "IC", "X_VAT", ["AT", "DE", "PL"]) == "2025-S1"
    assert tco.latest_complete_period(prices, "IC", "X_VAT", ["DE"]) == "2025-S2"
    with pytest.raises(ValueError, match="complete semesters: IC/X_VAT"):
        tco.latest_complete_period(prices, "IC", "I_TAX", ["AT", "DE", "PL"])


def test_electricity_price_and_missing_combination_message():
    prices = _electricity()
    assert tco.electricity_price(prices, "DE", "IC", "I_TAX", "2025-S1") == 0.27
    with pytest.raises(ValueError, match="available for PL in 2025-S1: IC/X_VAT"):
        tco.electricity_price(prices, "PL", "IC", "I_TAX", "2025-S1")


def _rentals():
    base = {"provider": "P", "product": "x", "region": "r", "currency": "USD"}
    rows = [
        ("H100 SXM5", "hyperscaler_on_demand", "on-demand", "2023-07", 12.0),
        ("H100 SXM5", "hyperscaler_reserved", "1-yr reserved", "2023-07", 6.0),
        ("H100 SXM5", "hyperscaler_on_demand", "on-demand", "2026-01", 8.0),
        ("H100 SXM5", "hyperscaler_on_demand", "on-demand", "2026-06", 10.0),
        ("H100 (unspecified)", "european_neocloud", "on-demand", "2026-10-24", 4.0),
        ("H100 SXM5", "european_neocloud", "on-demand", "2026-09", 3.0),
        ("B200", "neocloud", "on-demand", "2026-09", 6.0),
    ]
    return pd.DataFrame([base | {"gpu_model": m, "provider_type": t, "pricing_tier": p, "date": d,
                                 "price_per_gpu_hour": v} for m, t, p, d, v in rows])


def test_rental_quote_uses_the_latest_twelve_months_and_aliases():
    hyper = tco.rental_quote(_rentals(), "H100 SXM5", "hyperscaler_on_demand")
    assert (hyper.n, hyper.median, hyper.low, hyper.high) == (2, 9.0, 8.0, 10.0)  # 2023-07 row is too old
    neo = tco.rental_quote(_rentals(), "H100 SXM5", "european_neocloud")
    assert (neo.n, neo.median) == (2, 3.5)  # the "H100 (unspecified)" row counts
    with pytest.raises(ValueError, match="no on-demand hyperscaler_on_demand rental price for B200; available: neocloud"):
        tco.rental_quote(_rentals(), "B200", "hyperscaler_on_demand")


def test_reserved_discount_ratio_pairs_the_same_product():
    assert tco.reserved_discount_ratio(_rentals()) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="3-yr reserved"):
        tco.reserved_discount_ratio(_rentals(), "3-yr reserved")


GPU_PRICES = pd.DataFrame([
    {"model": "H100 SXM5", "price_usd": 30000.0, "price_low_usd": None, "price_high_usd": None, "price_basis": "list_msrp_per_gpu", "date": "2026"},
    {"model": "H100 SXM5", "price_usd": 310000.0, "price_low_usd": None, "price_high_usd": None, "price_basis": "server_quote_per_8gpu_system", "date": "2024-08"},
    {"model": "B200", "price_usd": None, "price_low_usd": 30000.0, "price_high_usd": 40000.0, "price_basis": "vendor_guidance_per_gpu", "date": "2024-10"},
    {"model": "A100", "price_usd": None, "price_low_usd": 8000.0, "price_high_usd": 15000.0, "price_basis": "used_street_price_per_gpu", "date": "2026"},
])


def test_gpu_unit_price_prefers_new_prices_and_takes_range_midpoints():
    assert tco.gpu_unit_price_usd(GPU_PRICES, "H100 SXM5") == (30000.0, "list_msrp_per_gpu", "2026")
    assert tco.gpu_unit_price_usd(GPU_PRICES, "B200")[0] == 35000.0
    assert tco.gpu_unit_price_usd(GPU_PRICES, "A100")[1] == "used_street_price_per_gpu"
    with pytest.raises(ValueError, match="priced models: A100, B200, H100 SXM5"):
        tco.gpu_unit_price_usd(GPU_PRICES, "MI300X")


def test_server_markup_and_price():
    markup = tco.server_markup_from_quote(GPU_PRICES)
    assert markup == pytest.approx(310000 / 8 / 30000)  # 1.2917
    assert tco.server_price(30000.0, 8, markup) == pytest.approx(310000.0)
    with pytest.raises(ValueError, match="no 8-GPU server quote"):
        tco.server_markup_from_quote(GPU_PRICES, "B200")
    with pytest.raises(ValueError, match="markup"):
        tco.server_price(30000.0, 8, 0.9)
    with pytest.raises(ValueError, match="gpu_count"):
        tco.server_price(30000.0, -1, 1.2)


def test_scale_throughput_by_bandwidth():
    assert tco.scale_throughput(1_000_000, 2.0, 3.0) == pytest.approx(1_500_000)
    with pytest.raises(ValueError, match="bandwidth"):
        tco.scale_throughput(1_000_000, 2.0, 0.0)


def test_tco_ready_models_need_specs_price_and_both_rentals():
    specs = pd.DataFrame([{"model": "H100 SXM5", "tdp_w": 700.0, "mem_bandwidth_tbs": 3.35},
                          {"model": "B200", "tdp_w": 1000.0, "mem_bandwidth_tbs": 8.0}])
    assert tco.tco_ready_models(specs, GPU_PRICES, _rentals()) == ["H100 SXM5"]  # B200: no hyperscaler price


def test_rate_year_for():
    assert tco.rate_year_for("2024-08", [2023, 2024, 2025]) == 2024
    assert tco.rate_year_for("2026-11-09", [2023, 2024, 2025]) == 2025
    with pytest.raises(ValueError, match="available years: 2023, 2024, 2025"):
        tco.rate_year_for("2020", [2023, 2024, 2025])


def test_gpu_cost_for_tokens_and_capacity():
    # 1 GPU, 1,000 tokens per GPU-hour: 730 tokens/month need 8.76 h a year.
    cost = tco.gpu_cost_for_tokens(730.0, 1000.0, 1, fixed_eur_per_year=100.0, eur_per_useful_gpu_hour=2.0)
    assert cost == pytest.approx(100.0 + 2.0 * 8.76)
    over = tco.gpu_cost_for_tokens(1e9, 1000.0, 1, fixed_eur_per_year=0.0, eur_per_useful_gpu_hour=2.0)
    assert np.isnan(over)
    # consistent with api_vs_gpu: at the break-even volume the two costs are equal
    be = api_vs_gpu(2.0, 1000.0, 1, fixed_eur_per_year=5.0, eur_per_useful_gpu_hour=0.001)
    gpu = tco.gpu_cost_for_tokens(be, 1000.0, 1, fixed_eur_per_year=5.0, eur_per_useful_gpu_hour=0.001)
    assert gpu == pytest.approx(api_cost_per_year(be, 2.0))



def test_hours_outages_and_token_capacity_worked_by_hand():
    # 25% of 8,760 h = 2,190 h used; 1% of those down = 21.9 h.
    assert tco.hours_used_per_year(0.25) == pytest.approx(2190.0)
    assert tco.outage_hours_per_year(0.99, 0.25) == pytest.approx(21.9)
    # 8 GPUs x 8,760 h x 1,000 tokens/h / 12 months = 5,840,000 tokens a month.
    assert tco.monthly_token_capacity(8, 1000) == pytest.approx(5_840_000.0)


@pytest.mark.parametrize("call, name", [
    (lambda: tco.outage_hours_per_year(0.0, 0.5), "availability"),
    (lambda: tco.hours_used_per_year(1.5), "utilisation"),
    (lambda: tco.monthly_token_capacity(8, -1), "tokens_per_gpu_hour"),
])
def test_hours_and_capacity_reject_impossible_inputs(call, name):
    with pytest.raises(ValueError, match=name):
        call()
