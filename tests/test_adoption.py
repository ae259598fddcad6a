"""Tests for analysis.adoption on small hand-made frames (values in % of enterprises)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import adoption
from analysis.data.vocabularies import EU27_COUNTRIES


def eurostat_frame(rows):
    """rows: (geo, size_class, year, value) -> a frame shaped like eurostat_ai_use."""
    return pd.DataFrame(
        [{"geo": g, "size_class": s, "year": y, "indicator": adoption.AI_USE, "value": v} for g, s, y, v in rows]
    )


AI = eurostat_frame([
    ("DE", "10-249", 2021, 10.0), ("DE", "250+", 2021, 30.0),
    ("DE", "10-249", 2025, 25.0), ("DE", "250+", 2025, 55.0),
    ("DE", "10-49", 2025, 20.0), ("DE", "50-249", 2025, 35.0),
    ("PL", "10-249", 2025, 0.0), ("PL", "250+", 2025, 40.0),
    ("EU27_2020", "10-249", 2025, 19.0), ("EU27_2020", "250+", 2025, 55.0),
    ("AT", "10-249", 2025, 25.0), ("FR", "10-249", 2025, 30.0), ("IT", "10-249", 2025, 25.0),
])


# --- country check -----------------------------------------------------------------------

def test_check_country_accepts_member_states():
    assert adoption.check_country("DE") == "DE"
    assert adoption.check_country("EL") == "EL"


@pytest.mark.parametrize("bad", ["XX", "GR", "EU27_2020", "de", 7])
def test_unknown_country_error_lists_every_valid_code(bad):
    with pytest.raises(ValueError) as err:
        adoption.check_country(bad)
    msg = str(err.value)
    assert msg.startswith("country must be one of")
    assert repr(bad) in msg
    assert all(code in msg for code in EU27_COUNTRIES)


# --- gap and ratio -------------------------------------------------------------------------

def test_size_gap_in_points_and_as_ratio():
    gap = adoption.size_gap(AI, "DE")
    assert gap["year"].tolist() == [2021, 2025]
    assert gap["gap_pp"].tolist() == pytest.approx([20.0, 30.0])  # 30-10, 55-25
    assert gap["ratio"].tolist() == pytest.approx([3.0, 2.2])  # 30/10, 55/25
    assert gap.loc[1, "sme_pct"] == 25.0 and gap.loc[1, "large_pct"] == 55.0


def test_size_gap_ratio_is_nan_when_sme_share_is_zero():
    gap = adoption.size_gap(AI, "PL")
    assert gap.loc[0, "gap_pp"] == pytest.approx(40.0)
    assert math.isnan(gap.loc[0, "ratio"])


def test_size_gap_other_classes_and_missing_class():
    gap = adoption.size_gap(AI, "DE", sme_class="10-49")
    assert gap["year"].tolist() == [2025]  # 10-49 only in 2025
    assert gap.loc[0, "ratio"] == pytest.approx(55.0 / 20.0)
    with pytest.raises(ValueError, match="size class"):
        adoption.size_gap(AI, "AT")  # AT has no 250+ row


def test_size_gap_unknown_geo_lists_the_geos_in_the_frame():
    with pytest.raises(ValueError, match="geo must be one of AT, DE, EU27_2020, FR, IT, PL; got 'SE'"):
        adoption.size_gap(AI, "SE")


# --- ranking with ties ---------------------------------------------------------------------

def test_eu_ranking_orders_descending_and_ties_share_the_better_rank():
    ranking = adoption.eu_ranking(AI, 2025, "10-249")
    # FR 30; AT, DE, IT 25 (tie); PL 0. The EU aggregate is not ranked.
    assert ranking["geo"].tolist() == ["FR", "AT", "DE", "IT", "PL"]
    assert ranking["rank"].tolist() == [1, 2, 2, 2, 5]
    assert ranking["tied"].tolist() == [False, True, True, True, False]
    assert set(ranking["n_ranked"]) == {5}


def test_country_rank_names_the_tied_countries():
    ranking = adoption.eu_ranking(AI, 2025, "10-249")
    de = adoption.country_rank(ranking, "DE")
    assert (de.rank, de.n_ranked, de.value) == (2, 5, 25.0)
    assert de.tied_with == ("AT", "IT")
    assert de.describe() == "rank 2 of 5 (tied with AT, IT)"
    assert adoption.country_rank(ranking, "FR").describe() == "rank 1 of 5"


def test_eu_ranking_missing_year_lists_the_years():
    with pytest.raises(ValueError, match="years available: 2021, 2025"):
        adoption.eu_ranking(AI, 2023, "10-249")


# --- by size class, breaks, barriers -------------------------------------------------------

def test_by_size_class_keeps_order_and_labels():
    out = adoption.by_size_class(AI, ["DE", "EU27_2020"], adoption.AI_USE)
    de = out[out.geo == "DE"]
    assert de["size_class"].tolist() == ["10-49", "50-249", "250+", "250+"]
    assert de["size_label"].iloc[0] == "small (10–49)"
    assert set(out.geo) == {"DE", "EU27_2020"}


def test_series_breaks_read_from_sidecar_definitions():
    meta = {"definitions": ["E_AI_TANY: ...", "SERIES BREAK 2023->2024: new questionnaire.",
                            "SERIES BREAK 2024->2025: eight technologies."]}
    breaks = adoption.series_breaks(meta)
    assert [(b.year_before, b.year_after) for b in breaks] == [(2023, 2024), (2024, 2025)]
    assert breaks[0].position == 2023.5
    assert breaks[1].text == "eight technologies."
    assert adoption.breaks_within(breaks, [2021, 2023]) == []
    assert adoption.breaks_within(breaks, [2021, 2025]) == breaks


def test_barriers_filters_one_geo_and_base():
    frame = pd.DataFrame([
        {"publisher": "Eurostat", "geo": "EU27_2020", "size_class": s, "year": 2025, "reason": r, "base": b, "value": v}
        for s, r, b, v in [("10-49", "costs_too_high", "pct_of_ai_considerers", 38.8),
                           ("250+", "costs_too_high", "pct_of_ai_considerers", 34.8),
                           ("250+", "costs_too_high", "pct_of_all_enterprises", 5.0),
                           ("10-49", "not_useful", "pct_of_ai_considerers", 19.2)]
    ])
    out = adoption.barriers(frame, ["costs_too_high"])
    assert out["size_class"].tolist() == ["10-49", "250+"]
    assert out["value"].tolist() == [38.8, 34.8]
    with pytest.raises(ValueError, match="base must be one of"):
        adoption.barriers(frame, ["costs_too_high"], base="percent")


# --- token prices --------------------------------------------------------------------------

PRICES = pd.DataFrame([
    {"provider": "A", "model": "big", "date": "2023-04", "input_usd_per_mtok": 30.0, "output_usd_per_mtok": 60.0},
    {"provider": "A", "model": "small", "date": "2024-07-18", "input_usd_per_mtok": 0.2, "output_usd_per_mtok": 0.6},
    {"provider": "B", "model": "pricey", "date": "2025-01", "input_usd_per_mtok": 5.0, "output_usd_per_mtok": 25.0},
    {"provider": "B", "model": "tiny", "date": "2026-04", "input_usd_per_mtok": 0.1, "output_usd_per_mtok": 0.5},
])


def test_blended_price_uses_the_input_share():
    out = adoption.blended_token_prices(PRICES, 0.75)
    assert out["blended_usd_per_mtok"].tolist() == pytest.approx([37.5, 0.3, 10.0, 0.2])
    assert out["date"].iloc[0] == pd.Timestamp("2023-04-01")
    with pytest.raises(ValueError, match="input_token_share"):
        adoption.blended_token_prices(PRICES, 1.5)


def test_cheapest_to_date_is_a_running_minimum_with_its_model():
    floor = adoption.cheapest_to_date(adoption.blended_token_prices(PRICES, 0.75))
    assert floor["blended_usd_per_mtok"].tolist() == pytest.approx([37.5, 0.3, 0.3, 0.2])
    assert floor["model"].tolist() == ["big", "small", "small", "tiny"]


def test_annual_decline_factor():
    assert adoption.annual_decline_factor(100.0, 1.0, 2.0) == pytest.approx(10.0)
    assert adoption.annual_decline_factor(1.0, 2.0, 1.0) == pytest.approx(0.5)  # price rose
    with pytest.raises(ValueError, match="years"):
        adoption.annual_decline_factor(1.0, 1.0, 0.0)


def test_split_aftermath():
    parts = adoption.split_aftermath("Investors: lost money (x). Users: got cheap bandwidth (y).")
    assert parts == {"investors": "lost money (x).", "users": "got cheap bandwidth (y).", "other": ""}
    assert adoption.split_aftermath("Not yet known.")["other"] == "Not yet known."
    assert adoption.split_aftermath(None) == {"investors": "", "users": "", "other": ""}
