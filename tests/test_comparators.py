"""Tests for analysis.comparators: hand-worked outlook increments and levels on a small
frame shaped like dc_electricity.csv (made-up round values), and the errors for a missing
or duplicated row."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import comparators as cmp
from analysis.data import load

C, D = cmp.CONSUMPTION, cmp.CHANGE
IEA = ("IEA", "Energy and AI (2025)")


def _row(publisher, report, region, metric, year, scenario, value, base_year=pd.NA):
    return dict(publisher=publisher, report=report, region=region, metric=metric, year=year, scenario=scenario,
                value=value, base_year=base_year)


@pytest.fixture
def dc() -> pd.DataFrame:
    return pd.DataFrame([
        _row(*IEA, "World", C, 2024, "Base", 400.0),
        _row(*IEA, "World", C, 2030, "Base", 700.0),
        _row(*IEA, "World", C, 2030, "Lift-Off", 1000.0),
        _row(*IEA, "World", C, 2035, "Base", 1200.0),          # another year: not used
        _row("IEA", "Electricity 2024", "World", C, 2030, "Base", 999.0),  # another report: not used
        _row(*IEA, "Europe", D, 2030, "Base", 60.0, base_year=2024),
        _row("LBNL", "2024 report", "United States", C, 2023, "historical", 200.0),
        _row("LBNL", "2024 report", "United States", C, 2028, "Low", 300.0),
        _row("LBNL", "2024 report", "United States", C, 2028, "High", 500.0),
        _row("LBNL", "2025 update", "United States", C, 2030, "Reference", 480.0),
        _row("European Commission", "In focus", "EU", C, 2024, "IEA estimate", 70.0),
        _row("Bitkom/Borderstep", "study", "Germany", C, 2025, "Borderstep", 20.0),
    ]).astype({"year": "Int64", "base_year": "Int64"})


def test_outlook_increments_are_the_average_twh_added_per_year(dc):
    out = cmp.outlook_increments(dc)
    # IEA world: (700 - 400) / 6 = 50 and (1000 - 400) / 6 = 100; Europe: 60 TWh over 2024-2030 = 10 a year.
    # LBNL US: (300 - 200) / 5 = 20, (500 - 200) / 5 = 60; Reference (480 - 200) / 7 = 40.
    assert out["twh_per_year"].to_dict() == pytest.approx({
        "iea_world_base": 50.0, "iea_world_lift-off": 100.0, "iea_europe_base": 10.0,
        "lbnl_us_low_2028": 20.0, "lbnl_us_high_2028": 60.0, "lbnl_us_reference_2030": 40.0,
    })
    assert out.loc["iea_world_lift-off", "label"] == "IEA Lift-Off: world, average per year 2024–2030"
    assert out.loc["lbnl_us_reference_2030", "label"] == "LBNL Reference: US, average per year 2023–2030"
    assert out["group"].tolist() == ["IEA", "IEA", "IEA", "LBNL", "LBNL", "LBNL"]


def test_consumption_levels_pick_one_published_year_per_region(dc):
    out = cmp.consumption_levels(dc)
    assert out["twh"].to_dict() == {"world": 400.0, "united_states": 200.0, "eu": 70.0, "germany": 20.0}
    assert out.loc["germany", "label"] == "German data centres 2025 (Bitkom/Borderstep)"


def test_a_missing_comparator_is_named_in_the_error(dc):
    without_germany = dc[dc["region"] != "Germany"]
    with pytest.raises(ValueError, match=r"expected exactly one row with .*region='Germany', year=2025.*; found 0"):
        cmp.consumption_levels(without_germany)


def test_a_duplicated_comparator_is_refused(dc):
    twice = pd.concat([dc, dc[dc["region"] == "EU"]], ignore_index=True)
    with pytest.raises(ValueError, match=r"region='EU'.*found 2"):
        cmp.consumption_levels(twice)


def test_an_unknown_column_is_named():
    with pytest.raises(KeyError, match=r"no column\(s\) \['region'\]"):
        cmp.published_value(pd.DataFrame({"value": [1.0]}), region="World")


def test_the_shipped_data_hold_every_comparator():
    """The real dc_electricity.csv: the IEA figures quoted in energy.average_annual_change's docstring."""
    dc = load("dc_electricity")
    out = cmp.outlook_increments(dc)
    assert out.loc["iea_world_base", "twh_per_year"] == pytest.approx((945 - 415) / 6)
    assert cmp.consumption_levels(dc).loc["world", "twh"] == 415.0
