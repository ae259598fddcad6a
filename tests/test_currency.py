"""analysis.currency: ECB annual averages, USD <-> EUR, hand-worked numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import currency as fx
from analysis import data

RATES = pd.Series({2023: 1.0813, 2024: 1.0824, 2025: 1.25})


def test_100_usd_at_1_0824_is_92_39_eur():
    # 100 / 1.0824 = 92.3873...
    assert fx.usd_to_eur(100.0, 2024, RATES) == pytest.approx(92.3873, abs=1e-4)


def test_eur_to_usd_multiplies_by_the_rate():
    # 80 EUR * 1.25 USD/EUR = 100 USD
    assert fx.eur_to_usd(80.0, 2025, RATES) == pytest.approx(100.0)


def test_arrays_are_converted_year_by_year():
    # 125 / 1.25 = 100; 108.24 / 1.0824 = 100
    out = fx.usd_to_eur(np.array([125.0, 108.24]), np.array([2025, 2024]), RATES)
    np.testing.assert_allclose(out, [100.0, 100.0])


def test_round_trip_returns_the_amount():
    amounts = np.array([1.0, 52.535, 600.0])
    years = np.array([2023, 2024, 2025])
    back = fx.eur_to_usd(fx.usd_to_eur(amounts, years, RATES), years, RATES)
    np.testing.assert_allclose(back, amounts)


def test_scalar_in_scalar_out():
    assert isinstance(fx.usd_to_eur(10, 2023, RATES), float)


def test_unknown_year_lists_the_available_years():
    with pytest.raises(ValueError, match=r"year 2026.*available years: 2023, 2024, 2025"):
        fx.usd_to_eur(100.0, 2026, RATES)


def test_no_extrapolation_backwards_either():
    with pytest.raises(ValueError, match="2019"):
        fx.usd_to_eur([1.0, 2.0], [2019, 2024], RATES)


def test_missing_year_is_rejected():
    with pytest.raises(ValueError, match="year"):
        fx.usd_to_eur(1.0, np.nan, RATES)


def test_from_usd_keeps_usd_and_converts_eur():
    assert fx.from_usd(100.0, 2024, "USD", RATES) == 100.0
    assert fx.from_usd(125.0, 2025, "EUR", RATES) == pytest.approx(100.0)
    assert fx.from_eur(100.0, 2025, "USD", RATES) == pytest.approx(125.0)


def test_unknown_currency_names_the_parameter_and_choices():
    with pytest.raises(ValueError, match="currency must be one of EUR, USD; got 'GBP'"):
        fx.from_usd(1.0, 2024, "GBP", RATES)


def test_latest_rate_year():
    assert fx.latest_rate_year(RATES) == 2025


def test_rates_from_the_dataset():
    rates = fx.usd_per_eur_series(data.load("eur_usd_rates"))
    assert rates.index.min() == 2015 and rates.index.is_monotonic_increasing
    # ECB 2024 annual average 1.0824 (dataset value 1.082380): 100 USD -> 92.39 EUR
    assert fx.usd_to_eur(100.0, 2024, rates) == pytest.approx(92.39, abs=0.01)


def test_duplicate_years_are_rejected():
    frame = pd.DataFrame({"year": [2024, 2024], "usd_per_eur": [1.08, 1.09]})
    with pytest.raises(ValueError, match="repeated: \\[2024\\]"):
        fx.usd_per_eur_series(frame)
