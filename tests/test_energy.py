"""Tests for analysis.energy: hand-worked examples (arithmetic written out), properties,
and one test per invalid-input rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import energy as en
from analysis.data.vocabularies import EU27_COUNTRIES


@pytest.fixture
def prices() -> pd.DataFrame:
    # Made-up round prices in EUR/kWh, one row per country (already filtered to one period).
    return pd.DataFrame(
        {
            "geo": ["DE", "FR", "SE"],
            "period": ["2025-S1"] * 3,
            "value": [0.25, 0.15, 0.08],
        }
    )


@pytest.fixture
def specs() -> pd.DataFrame:
    # Mirrors gpu_specs.csv: spec rows carry tdp_w, price rows do not.
    return pd.DataFrame(
        {
            "record_type": ["spec", "spec", "price"],
            "model": ["H100 SXM5", "A100 SXM4 80GB", "H100 (new card)"],
            "tdp_w": [700.0, 400.0, np.nan],
        }
    )


# --- 1. Conversions ---------------------------------------------------------------------


def test_one_gw_for_a_year_is_8_76_twh():
    # 1 GW x 1.0 x 8,760 h = 8,760 GWh = 8.76 TWh
    assert en.gw_to_twh_per_year(1.0, 1.0) == pytest.approx(1 * 1.0 * 8760 / 1000)
    assert en.gw_to_twh_per_year(1.0, 1.0) == pytest.approx(8.76)


def test_h100_energy_cost_per_hour():
    # 700 W = 0.7 kW; x PUE 1.5 = 1.05 kW; x EUR 0.20/kWh = EUR 0.21 per hour
    assert en.energy_cost_per_gpu_hour(700, 1.5, 0.20) == pytest.approx(0.7 * 1.5 * 0.20)
    assert en.energy_cost_per_gpu_hour(700, 1.5, 0.20) == pytest.approx(0.21)


def test_tdp_with_overhead_equals_server_draw_per_gpu():
    # DGX H100: 10.2 kW for 8 GPUs = 1,275 W per GPU; as TDP 700 W x overhead 10,200 / 5,600.
    # 1,000 DGX (8,000 GPUs) at PUE 1.2: 8,000 x 1.275 kW x 1.2 = 12,240 kW.
    per_server_draw = en.facility_power_kw(8000, 10_200 / 8, 1.2)
    via_overhead = en.facility_power_kw(8000, 700, 1.2, server_overhead=10_200 / (8 * 700))
    assert per_server_draw == pytest.approx(8000 * 1.275 * 1.2)
    assert via_overhead == pytest.approx(12_240)


def test_energy_kwh_and_cost():
    # 100 kW x 24 h x load factor 0.5 = 1,200 kWh; x EUR 0.25/kWh = EUR 300
    kwh = en.energy_kwh(100, 24, load_factor=0.5)
    assert kwh == pytest.approx(100 * 24 * 0.5)
    assert en.energy_cost(kwh, 0.25) == pytest.approx(1200 * 0.25)


def test_kwh_to_twh():
    # 8.76e9 kWh / 1e9 kWh per TWh = 8.76 TWh
    assert en.kwh_to_twh(8.76e9) == pytest.approx(8.76)


def test_array_inputs_broadcast():
    watts = np.array([400.0, 700.0, 1000.0])  # A100, H100, B200 TDPs
    pue = np.array([[1.2], [1.5]])  # column -> result (2, 3)
    cost = en.energy_cost_per_gpu_hour(watts, pue, 0.20)
    expected = np.array(
        [
            [0.4 * 1.2 * 0.20, 0.7 * 1.2 * 0.20, 1.0 * 1.2 * 0.20],
            [0.4 * 1.5 * 0.20, 0.7 * 1.5 * 0.20, 1.0 * 1.5 * 0.20],
        ]
    )
    assert cost.shape == (2, 3)
    np.testing.assert_allclose(cost, expected)
    # 1 and 2 GW at load factors 0.5 and 1: [1 x 0.5, 2 x 1] x 8.76 TWh
    np.testing.assert_allclose(en.gw_to_twh_per_year([1, 2], [0.5, 1.0]), [4.38, 17.52])


def test_energy_cost_is_linear_in_price():
    prices = np.array([0.1, 0.2, 0.4])
    cost = en.energy_cost_per_gpu_hour(700, 1.3, prices)
    np.testing.assert_allclose(cost / prices, cost[0] / prices[0])


# --- 2. Capex -> capacity ---------------------------------------------------------------


def test_gw_from_capex_worked_example():
    # USD 600bn / USD 50bn per GW = 12 GW; / 42 = 14.29 GW
    assert en.gw_from_capex(600, 50) == pytest.approx(12.0)
    assert en.gw_from_capex(600, 42) == pytest.approx(600 / 42)
    assert en.gw_from_capex(600, 42) == pytest.approx(14.29, abs=0.005)


def test_twh_from_gw_worked_example():
    # 12 GW x 0.8 x 8,760 h = 84,096 GWh = 84.1 TWh
    assert en.twh_from_gw(12, 0.8) == pytest.approx(12 * 0.8 * 8.76)
    assert en.twh_from_gw(12, 0.8) == pytest.approx(84.1, abs=0.01)


def test_cumulative_gw_from_capex_path():
    # constant USD 50bn/GW: 100/50 = 2, + 200/50 = 6, + 300/50 = 12 GW
    np.testing.assert_allclose(en.cumulative_gw_from_capex([100, 200, 300], 50), [2, 6, 12])
    # falling cost per GW: 100/50 = 2, + 200/40 = 7, + 300/30 = 17 GW
    np.testing.assert_allclose(
        en.cumulative_gw_from_capex([100, 200, 300], [50, 40, 30]), [2, 7, 17]
    )
    # several scenarios at once (rows), years on the last axis
    paths = np.array([[100, 100], [200, 200]])
    np.testing.assert_allclose(en.cumulative_gw_from_capex(paths, 50), [[2, 4], [4, 8]])


# --- 3. Location factor -----------------------------------------------------------------


def test_cost_by_country_sorted_cheapest_first(prices):
    out = en.energy_cost_per_gpu_hour_by_country(prices, watts_per_gpu=700, pue=1.5)
    # 0.7 kW x 1.5 = 1.05 kWh per GPU-hour x [0.08, 0.15, 0.25] EUR/kWh
    assert list(out["geo"]) == ["SE", "FR", "DE"]
    np.testing.assert_allclose(
        out["energy_cost_per_gpu_hour"], [1.05 * 0.08, 1.05 * 0.15, 1.05 * 0.25]
    )
    assert {"period", "value"} <= set(out.columns)  # traceability columns kept
    assert prices["geo"].isin(EU27_COUNTRIES).all()


def test_cost_by_country_selects_countries(prices):
    out = en.energy_cost_per_gpu_hour_by_country(
        prices, 700, 1.5, server_overhead=1.2, countries=["DE", "FR"]
    )
    assert list(out["geo"]) == ["FR", "DE"]
    # 0.7 kW x 1.2 overhead x 1.5 PUE x EUR 0.15/kWh
    assert out["energy_cost_per_gpu_hour"].iloc[0] == pytest.approx(0.7 * 1.2 * 1.5 * 0.15)


def test_energy_share_of_rental():
    # EUR 0.21 energy / EUR 2.10 rent = 0.10
    assert en.energy_share_of_rental(0.21, 2.10) == pytest.approx(0.10)
    np.testing.assert_allclose(en.energy_share_of_rental(0.21, [2.10, 0.105]), [0.1, 2.0])


# --- 4. GPU lookup ----------------------------------------------------------------------


def test_gpu_power_lookup(specs):
    assert en.gpu_power_w("H100 SXM5", specs) == 700.0
    assert en.gpu_power_w("A100 SXM4 80GB", specs) == 400.0


# --- 5. Gigafactory economics -----------------------------------------------------------


def test_unit_cost_hand_worked():
    # capex EUR 30,000 / 5 years = 6,000 per year; + fixed 2,000 = 8,000 per year
    # used hours 8,760 x 0.5 = 4,380 -> 8,000 / 4,380 = 1.8265 per hour
    # energy 0.7 kW x 1.5 x EUR 0.20 = 0.21 -> total 2.0365 per used GPU-hour
    cost = en.unit_cost_per_gpu_hour(30_000, 5, 0.5, 2_000, 700, 1.5, 0.20)
    assert cost == pytest.approx((30_000 / 5 + 2_000) / (8760 * 0.5) + 0.7 * 1.5 * 0.20)
    assert cost == pytest.approx(2.0365, abs=1e-4)


def test_unit_cost_with_interest_uses_capital_recovery_factor():
    # CRF(10 %, 5 y) = 0.1 / (1 - 1.1**-5) = 0.26380 (standard annuity tables: 0.2638)
    crf = 0.1 / (1 - 1.1**-5)
    assert crf == pytest.approx(0.2638, abs=1e-4)
    cost = en.unit_cost_per_gpu_hour(30_000, 5, 0.5, 2_000, 700, 1.5, 0.20, interest_rate=0.1)
    assert cost == pytest.approx((30_000 * crf + 2_000) / (8760 * 0.5) + 0.21)


def test_unit_cost_at_full_use_without_capital_is_energy_cost():
    cost = en.unit_cost_per_gpu_hour(0, 5, 1.0, 0, 700, 1.5, 0.20)
    assert cost == pytest.approx(en.energy_cost_per_gpu_hour(700, 1.5, 0.20))


def test_unit_cost_falls_with_utilisation():
    utilisation = np.linspace(0.1, 1.0, 10)
    cost = en.unit_cost_per_gpu_hour(30_000, 5, utilisation, 2_000, 700, 1.5, 0.20)
    assert np.all(np.diff(cost) < 0)


def test_unit_cost_rises_with_pue():
    pue = np.linspace(1.0, 2.0, 11)
    cost = en.unit_cost_per_gpu_hour(30_000, 5, 0.6, 2_000, 700, pue, 0.20)
    assert np.all(np.diff(cost) > 0)


def test_gigafactory_beats_single_firm_on_scale_levers():
    # Same hardware; the gigafactory runs fuller, cooler and buys power cheaper.
    firm = en.unit_cost_per_gpu_hour(30_000, 5, 0.3, 2_000, 700, 1.6, 0.25)
    giga = en.unit_cost_per_gpu_hour(30_000, 5, 0.8, 2_000, 700, 1.2, 0.10)
    assert giga < firm


# --- 6. Validation: one test per rule ---------------------------------------------------


def test_negative_power_rejected():
    with pytest.raises(ValueError, match=r"watts_per_gpu must be in \[0, inf.? W; got -700"):
        en.facility_power_kw(8, -700, 1.2)
    with pytest.raises(ValueError, match=r"power_kw must be in \[0, inf"):
        en.energy_kwh(-1.0, 24)


def test_negative_price_rejected():
    with pytest.raises(ValueError, match=r"price_per_kwh must be in \[0, inf"):
        en.energy_cost_per_gpu_hour(700, 1.5, -0.05)


def test_negative_price_in_frame_rejected(prices):
    bad = prices.assign(value=[0.25, -0.15, 0.08])
    with pytest.raises(ValueError, match=r"prices\['value'\] must be in \[0, inf"):
        en.energy_cost_per_gpu_hour_by_country(bad, 700, 1.5)


def test_pue_below_one_rejected():
    with pytest.raises(ValueError, match=r"pue must be in \[1, inf.?; got 0.9"):
        en.energy_cost_per_gpu_hour(700, 0.9, 0.20)


def test_server_overhead_below_one_rejected():
    with pytest.raises(ValueError, match=r"server_overhead must be in \[1, inf"):
        en.facility_power_kw(8, 700, 1.2, server_overhead=0.5)


@pytest.mark.parametrize("load_factor", [0.0, 1.2, np.nan])
def test_load_factor_outside_unit_interval_rejected(load_factor):
    with pytest.raises(ValueError, match=r"load_factor must be in \(0, 1\]"):
        en.gw_to_twh_per_year(1.0, load_factor)


@pytest.mark.parametrize("utilisation", [0.0, -0.2, 1.5])
def test_utilisation_outside_unit_interval_rejected(utilisation):
    with pytest.raises(ValueError, match=r"utilisation must be in \(0, 1\]"):
        en.unit_cost_per_gpu_hour(30_000, 5, utilisation, 2_000, 700, 1.5, 0.20)


@pytest.mark.parametrize("cost_per_gw", [0.0, -50.0])
def test_non_positive_cost_per_gw_rejected(cost_per_gw):
    with pytest.raises(ValueError, match=r"cost_per_gw_usd_bn must be in \(0, inf"):
        en.gw_from_capex(600, cost_per_gw)


def test_non_positive_life_rejected():
    with pytest.raises(ValueError, match=r"life_years must be in \(0, inf.? years"):
        en.unit_cost_per_gpu_hour(30_000, 0, 0.5, 2_000, 700, 1.5, 0.20)


def test_negative_interest_rejected():
    with pytest.raises(ValueError, match=r"interest_rate must be in \[0, inf"):
        en.unit_cost_per_gpu_hour(30_000, 5, 0.5, 2_000, 700, 1.5, 0.20, interest_rate=-0.01)


def test_non_positive_rental_price_rejected():
    with pytest.raises(ValueError, match=r"rental_price_per_gpu_hour must be in \(0, inf"):
        en.energy_share_of_rental(0.21, 0.0)


def test_unknown_gpu_model_lists_valid_models(specs):
    # the price-only row has no TDP and is not offered
    with pytest.raises(
        ValueError, match=r"model must be one of A100 SXM4 80GB, H100 SXM5; got 'H100'"
    ):
        en.gpu_power_w("H100", specs)


def test_duplicate_gpu_model_rejected(specs):
    doubled = pd.concat([specs, specs.iloc[[0]]])
    with pytest.raises(ValueError, match=r"specs lists model 'H100 SXM5' 2 times"):
        en.gpu_power_w("H100 SXM5", doubled)


def test_unknown_country_lists_valid_codes(prices):
    with pytest.raises(ValueError, match=r"countries must be one of DE, FR, SE; got 'GR'"):
        en.energy_cost_per_gpu_hour_by_country(prices, 700, 1.5, countries=["DE", "GR"])


def test_country_string_instead_of_list_rejected(prices):
    with pytest.raises(ValueError, match=r"countries must be a list of codes"):
        en.energy_cost_per_gpu_hour_by_country(prices, 700, 1.5, countries="DE")


def test_repeated_country_rejected(prices):
    two_periods = pd.concat([prices, prices.assign(period="2025-S2")])
    with pytest.raises(ValueError, match=r"prices must have one row per geo; repeated: DE, FR"):
        en.energy_cost_per_gpu_hour_by_country(two_periods, 700, 1.5)


def test_mixed_units_rejected(prices):
    mixed = prices.assign(unit=["EUR/kWh", "EUR/kWh", "USD/kWh"])
    with pytest.raises(ValueError, match=r"prices\['unit'\] must hold a single unit"):
        en.energy_cost_per_gpu_hour_by_country(mixed, 700, 1.5)


def test_missing_price_column_rejected(prices):
    with pytest.raises(ValueError, match=r"prices must have columns geo, value; missing: value"):
        en.energy_cost_per_gpu_hour_by_country(prices.drop(columns="value"), 700, 1.5)


# --- 7. Data selection for the energy report (hand-made frame) ---------------------------


@pytest.fixture
def eurostat() -> pd.DataFrame:
    # DE and FR in 2025-S2; only DE in 2026-S1 (an incomplete newer release). EUR/kWh, made up.
    return pd.DataFrame(
        {
            "geo": ["DE", "FR", "DE", "DE", "FR"],
            "period": ["2025-S2", "2025-S2", "2026-S1", "2025-S2", "2025-S2"],
            "band": ["ID", "ID", "ID", "ID", "ID"],
            "tax_level": ["X_VAT", "X_VAT", "X_VAT", "I_TAX", "I_TAX"],
            "value": [0.19, 0.12, 0.17, 0.25, 0.16],
        }
    )


def test_select_prices_latest_complete_period(eurostat):
    both = en.select_prices(eurostat, "ID", "X_VAT", countries=["FR", "DE"])
    assert list(both["geo"]) == ["FR", "DE"] and set(both["period"]) == {"2025-S2"}
    assert list(both["value"]) == [0.12, 0.19]
    # DE alone has the newer semester
    de = en.select_prices(eurostat, "ID", "X_VAT", countries=["DE"])
    assert list(de["period"]) == ["2026-S1"] and list(de["value"]) == [0.17]
    # the result feeds energy_cost_per_gpu_hour_by_country directly: 0.7 kW x 1.2 x EUR 0.12
    out = en.energy_cost_per_gpu_hour_by_country(both, 700, 1.2)
    assert out["energy_cost_per_gpu_hour"].iloc[0] == pytest.approx(0.7 * 1.2 * 0.12)


def test_select_prices_explicit_incomplete_period_rejected(eurostat):
    with pytest.raises(ValueError, match=r"period \(with a ID/X_VAT price for every selected country\) must be one of 2025-S2; got '2026-S1'"):
        en.select_prices(eurostat, "ID", "X_VAT", period="2026-S1")


def test_select_prices_unknown_band_and_country_rejected(eurostat):
    with pytest.raises(ValueError, match=r"band must be one of ID; got 'IC'"):
        en.select_prices(eurostat, "IC", "X_VAT")
    with pytest.raises(ValueError, match=r"countries must be one of DE, FR; got 'XX'"):
        en.select_prices(eurostat, "ID", "X_VAT", countries=["XX"])


# --- 8. Comparisons ----------------------------------------------------------------------


def test_average_annual_change():
    # IEA world data centres: (945 - 415) TWh / (2030 - 2024) = 530 / 6 = 88.33 TWh per year
    assert en.average_annual_change(415, 945, 2024, 2030) == pytest.approx(530 / 6)
    np.testing.assert_allclose(en.average_annual_change(415, [669, 1264], 2024, 2030), [254 / 6, 849 / 6])
    with pytest.raises(ValueError, match=r"end_year - start_year must be in \(0, inf"):
        en.average_annual_change(415, 945, 2030, 2030)


def test_utilisation_for_unit_cost_inverts_unit_cost():
    # (30,000 / 5 + 2,000) = 8,000 per year; target 2.0365, energy 0.21 -> margin 1.8265 per hour
    # utilisation = 8,000 / (8,760 x 1.8265) = 0.5000
    u = en.utilisation_for_unit_cost(2.0365, 30_000, 5, 2_000, 700, 1.5, 0.20)
    assert u == pytest.approx(8000 / (8760 * (2.0365 - 0.21)))
    assert u == pytest.approx(0.5, abs=1e-4)
    # round trip with interest
    cost = en.unit_cost_per_gpu_hour(30_000, 5, 0.7, 2_000, 700, 1.5, 0.20, interest_rate=0.08)
    assert en.utilisation_for_unit_cost(cost, 30_000, 5, 2_000, 700, 1.5, 0.20, interest_rate=0.08) == pytest.approx(0.7)


def test_utilisation_for_unit_cost_unreachable_targets():
    # target 0.30 < 1 h at full use: 8,000 / 8,760 = 0.913 + 0.21 = 1.123 -> needs 8,000 / (8,760 x 0.09) > 1
    assert en.utilisation_for_unit_cost(0.30, 30_000, 5, 2_000, 700, 1.5, 0.20) == pytest.approx(8000 / (8760 * 0.09))
    # target below the energy cost 0.21 alone: unreachable at any utilisation
    assert np.isinf(en.utilisation_for_unit_cost(0.20, 30_000, 5, 2_000, 700, 1.5, 0.20))


def test_unit_cost_bridge_adds_up():
    firm = dict(capex_per_gpu=30_000, life_years=5, utilisation=0.25, fixed_cost_per_year=4_000,
                watts_per_gpu=700, pue=1.5, price_per_kwh=0.20)
    giga = dict(firm, utilisation=0.8, fixed_cost_per_year=2_000, pue=1.1)
    bridge = en.unit_cost_bridge(firm, giga, ["pue", "utilisation", "fixed_cost_per_year"])
    assert list(bridge["step"]) == ["start", "pue", "utilisation", "fixed_cost_per_year"]
    # start: (6,000 + 4,000) / (8,760 x 0.25) + 0.7 x 1.5 x 0.20 = 4.5662 + 0.21 = 4.7762
    assert bridge["unit_cost"].iloc[0] == pytest.approx(10_000 / 2190 + 0.21)
    # PUE 1.5 -> 1.1: energy 0.21 -> 0.154, change -0.056
    assert bridge["change"].iloc[1] == pytest.approx(0.7 * 1.1 * 0.20 - 0.21)
    # utilisation 0.25 -> 0.8: 10,000 / 7,008 - 10,000 / 2,190
    assert bridge["change"].iloc[2] == pytest.approx(10_000 / 7008 - 10_000 / 2190)
    # fixed cost 4,000 -> 2,000 at 0.8: -2,000 / 7,008
    assert bridge["change"].iloc[3] == pytest.approx(-2_000 / 7008)
    assert bridge["unit_cost"].iloc[-1] == pytest.approx(en.unit_cost_per_gpu_hour(**giga))
    assert bridge["change"].sum() == pytest.approx(bridge["unit_cost"].iloc[-1] - bridge["unit_cost"].iloc[0])


def test_unit_cost_bridge_requires_every_difference_listed():
    firm = dict(capex_per_gpu=30_000, life_years=5, utilisation=0.25, fixed_cost_per_year=4_000,
                watts_per_gpu=700, pue=1.5, price_per_kwh=0.20)
    giga = dict(firm, utilisation=0.8, pue=1.1)
    with pytest.raises(ValueError, match=r"levers must list every argument that differs .* missing \['utilisation'\]"):
        en.unit_cost_bridge(firm, giga, ["pue"])
    with pytest.raises(ValueError, match=r"levers must be one of .*; got 'cooling'"):
        en.unit_cost_bridge(firm, giga, ["cooling"])


# --- 9. Inputs of the unit-cost comparison ----------------------------------------------


@pytest.fixture
def gpu_prices() -> pd.DataFrame:
    # Mirrors gpu_prices.csv: a server quote, a list price, a vendor range, a used price.
    return pd.DataFrame(
        {
            "model": ["H100 SXM5", "H100 SXM5", "B200", "A100 SXM4 80GB"],
            "price_usd": [30_000.0, 310_000.0, np.nan, np.nan],
            "price_low_usd": [np.nan, np.nan, 30_000.0, 8_000.0],
            "price_high_usd": [np.nan, np.nan, 40_000.0, 15_000.0],
            "price_basis": ["list_msrp_per_gpu", "server_quote_per_8gpu_system",
                            "vendor_guidance_per_gpu", "used_street_price_per_gpu"],
            "date": ["2026", "2024-08", "2024-10", "2026"],
        }
    )


def test_hardware_price_prefers_server_quote(gpu_prices):
    # USD 310,000 per 8-GPU server / 8 = USD 38,750 per GPU (beats the USD 30,000 GPU list price)
    row = en.hardware_price_per_gpu(gpu_prices, "H100 SXM5")
    assert row["price_usd_per_gpu"] == pytest.approx(310_000 / 8)
    assert row["date"] == "2024-08"


def test_hardware_price_vendor_range_midpoint(gpu_prices):
    # (30,000 + 40,000) / 2 = 35,000
    assert en.hardware_price_per_gpu(gpu_prices, "B200")["price_usd_per_gpu"] == pytest.approx(35_000)


def test_hardware_price_unpriced_model_lists_priced(gpu_prices):
    # a used street price is not a hardware price for a new server
    with pytest.raises(ValueError, match=r"model \(with a hardware price\) must be one of B200, H100 SXM5; got 'A100 SXM4 80GB'"):
        en.hardware_price_per_gpu(gpu_prices, "A100 SXM4 80GB")


def test_staff_per_gpu_at_scale():
    # 0.7 kW x 1.82 x 1.1 = 1.4014 kW per GPU -> 100,000 kW / 1.4014 = 71,357 GPUs per 100 MW
    # 30 FTE / 71,357 GPUs = 0.000420 FTE per GPU
    fte = en.staff_fte_per_gpu_at_scale(30, 700, 1.1, server_overhead=1.82)
    assert fte == pytest.approx(30 * 0.7 * 1.82 * 1.1 / 100_000)
    assert fte == pytest.approx(0.000420, abs=1e-6)


def test_fixed_cost_per_gpu_year():
    # 30,000 x 0.08 = 2,400 maintenance + 0.1 FTE / 8 GPUs x 69,440 = 868 staff -> 3,268
    assert en.fixed_cost_per_gpu_year(30_000, 0.08, 0.1 / 8, 69_440) == pytest.approx(2_400 + 868)
    with pytest.raises(ValueError, match=r"maintenance_share must be in \[0, 1\]"):
        en.fixed_cost_per_gpu_year(30_000, 8, 0.1, 69_440)


def test_relative_change_and_cents():
    # 4.00 -> 3.00 is (3 - 4) / 4 = -25 %
    assert en.relative_change(4.0, 3.0) == pytest.approx(-0.25)
    with pytest.raises(ValueError, match=r"start must be in \(0, inf"):
        en.relative_change(0.0, 3.0)
    # EIA industrial 2025: 8.62 cents/kWh = 8.62 / 100 = USD 0.0862/kWh
    assert en.price_per_kwh_from_cents(8.62) == pytest.approx(0.0862)
    with pytest.raises(ValueError, match=r"cents_per_kwh must be in \[0, inf"):
        en.price_per_kwh_from_cents(-1)


def test_unit_cost_bridge_shares():
    firm = dict(capex_per_gpu=30_000, life_years=5, utilisation=0.25, fixed_cost_per_year=4_000,
                watts_per_gpu=700, pue=1.5, price_per_kwh=0.20)
    giga = dict(firm, utilisation=0.8, pue=1.1)
    bridge = en.unit_cost_bridge(firm, giga, ["pue", "utilisation"])
    # PUE saves 0.7 x 0.4 x 0.20 = 0.056; utilisation saves 10,000 / 2,190 - 10,000 / 7,008
    total = -0.056 + (10_000 / 7008 - 10_000 / 2190)
    np.testing.assert_allclose(bridge["share_of_total_change"].iloc[1:], [-0.056 / total, 1 + 0.056 / total])
    assert bridge["share_of_total_change"].iloc[1:].sum() == pytest.approx(1.0)
