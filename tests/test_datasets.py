"""Every raw dataset loads, carries its provenance, and covers what the reports need."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis import paths
from analysis.data import DataValidationError, build, catalog, dataset_names, datasets, load, load_assumptions, metadata
from analysis.data.catalog import validate_dataset
from analysis.data.sidecar import REQUIRED_KEYS, is_placeholder_url
from analysis.data.vocabularies import BIG_FOUR, EU27_COUNTRIES

EXPECTED = {
    "hyperscaler_capex", "capex_guidance", "hyperscaler_financials", "server_useful_life",
    "nvidia_datacenter_revenue", "us_gdp", "eur_usd_rates", "eurostat_electricity_prices",
    "eurostat_ai_use", "eurostat_cloud_use", "dc_electricity", "gpu_specs", "gpu_rental_prices",
    "dc_build_costs", "inference_prices", "published_estimates", "ai_revenue_disclosures",
    "infrastructure_booms", "eu_ai_programmes", "it_outage_costs", "grid_constraints",
}
NAMES = dataset_names()


def test_every_expected_dataset_is_present():
    assert EXPECTED <= set(NAMES), f"missing: {sorted(EXPECTED - set(NAMES))}"


@pytest.mark.parametrize("name", NAMES)
def test_dataset_loads_with_provenance_on_every_row(name):
    frame = load(name)
    assert len(frame) > 0
    for column in ("source_title", "source_url", "source_date", "row_class"):
        assert frame[column].notna().all() and (frame[column].str.strip() != "").all(), column
    assert not any(is_placeholder_url(u) for u in frame["source_url"]), "placeholder URL"
    assert frame["source_date"].str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?").all()
    assert set(frame["row_class"]) <= {"reported", "secondary", "derived", "estimate"}


@pytest.mark.parametrize("name", NAMES)
def test_sidecar_has_required_fields(name):
    meta = metadata(name)
    for key in REQUIRED_KEYS:
        assert key in meta, key
    assert not is_placeholder_url(meta["url"])
    assert list(meta["columns"])[-5:] == ["source_title", "source_url", "source_date", "row_class", "note"]


def test_catalogue_lists_every_dataset():
    table = datasets()
    assert set(table["name"]) == set(NAMES)
    assert table[["title", "publisher", "url", "retrieved", "licence"]].notna().all().all()


def test_annual_cash_capex_2019_to_2025_for_the_big_four():
    capex = load("hyperscaler_capex")
    annual = capex[(capex.metric == "capex_cash") & ~capex.period.str.contains("Q")]
    for entity in BIG_FOUR:
        years = set(annual.loc[annual.entity == entity, "period"].astype(int))
        assert set(range(2019, 2026)) <= years, f"{entity}: missing {sorted(set(range(2019, 2026)) - years)}"


def test_quarterly_cash_capex_from_2023q1_without_holes():
    from analysis.data.periods import add_calendar_periods

    capex = add_calendar_periods(load("hyperscaler_capex"))
    quarterly = capex[(capex.metric == "capex_cash") & (capex.period_type == "quarter")]
    for entity in BIG_FOUR:
        quarters = pd.PeriodIndex(quarterly.loc[quarterly.entity == entity, "calendar_quarter"], freq="Q")
        assert quarters.min() <= pd.Period("2023Q1"), entity
        expected = pd.period_range(pd.Period("2023Q1"), quarters.max(), freq="Q")
        assert set(expected) <= set(quarters), f"{entity}: holes {sorted(map(str, set(expected) - set(quarters)))}"
        assert quarters.max() >= pd.Period("2026Q1"), entity


def test_2026_guidance_for_the_big_four():
    guidance = load("capex_guidance")
    g2026 = guidance[guidance.period == "2026"]
    assert set(BIG_FOUR) <= set(g2026.entity)
    assert (guidance["low"] <= guidance["high"]).all()


def test_quarters_sum_to_the_annual_total_for_a_real_year():
    # Alphabet reports calendar years; its four 2024 quarters must add up to the 10-K total.
    capex = load("hyperscaler_capex")
    cash = capex[(capex.entity == "alphabet") & (capex.metric == "capex_cash")].set_index("period")["value"]
    quarters = cash[["2024Q1", "2024Q2", "2024Q3", "2024Q4"]].sum()
    assert quarters == pytest.approx(cash["2024"], abs=0.05)


def test_eurostat_ai_use_covers_eu27_and_every_member_state():
    ai = load("eurostat_ai_use")
    tany = ai[ai.indicator == "E_AI_TANY"]
    for year in (2021, 2023, 2024, 2025):
        geos = set(tany.loc[(tany.year == year) & (tany.size_class == "10+"), "geo"])
        assert set(EU27_COUNTRIES) | {"EU27_2020"} <= geos, f"{year}: missing {sorted(set(EU27_COUNTRIES) - geos)}"


def test_electricity_prices_cover_eu27_in_the_latest_complete_semester():
    # Band ID (2,000-19,999 MWh/yr), excluding VAT and recoverable taxes: the business price.
    prices = load("eurostat_electricity_prices")
    business = prices[(prices.band == "ID") & (prices.tax_level == "X_VAT")]
    complete = [p for p, g in business.groupby("period") if set(EU27_COUNTRIES) <= set(g.geo)]
    assert max(complete) >= "2025-S2", f"latest complete semester: {max(complete)}"
    # A newer, incomplete semester (2026-S1 lacks DK as published) must be declared as a gap.
    gaps = " ".join(metadata("eurostat_electricity_prices")["gaps"])
    for period in sorted(set(business.period) - set(complete)):
        if period > max(complete):
            missing = sorted(set(EU27_COUNTRIES) - set(business.loc[business.period == period, "geo"]))
            assert period in gaps and all(code in gaps for code in missing), (period, missing)


def test_assumptions_register_loads_with_a_basis_for_every_entry():
    register = load_assumptions()
    assert register, "empty register"
    for a in register.values():
        assert a.low <= a.value <= a.high
        assert a.source or a.rationale


def test_loading_again_returns_an_independent_copy():
    first = load("gpu_specs")
    first.iloc[0, 0] = "changed by the caller"
    assert load("gpu_specs").iloc[0, 0] != "changed by the caller"


def test_a_changed_file_is_validated_again(raw_copy):
    raw_dir, csv, _ = raw_copy("eur_usd_rates")
    assert len(load("eur_usd_rates", raw_dir)) == 11
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text("".join(lines[:-1]), encoding="utf-8")  # drop the last year
    assert len(load("eur_usd_rates", raw_dir)) == 10
    csv.write_text("".join(lines).replace(",reported,", ",guessed,", 1).replace(",derived,", ",guessed,", 1), encoding="utf-8")
    with pytest.raises(DataValidationError, match="row_class"):
        load("eur_usd_rates", raw_dir)


@pytest.mark.parametrize("name", NAMES)
def test_the_built_copy_is_the_validated_csv(name):
    """`make data` has run (the test target depends on it): load() reads data/processed, and
    what it reads is what validating the CSV gives, values and dtypes."""
    pd.testing.assert_frame_equal(load(name), validate_dataset(name))


@pytest.fixture
def project_data(tmp_path, monkeypatch):
    """data/raw/eur_usd_rates and its built copy in a temp project (paths patched)."""
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    for suffix in (".csv", ".meta.yaml"):
        shutil.copy(paths.DATA_RAW / f"eur_usd_rates{suffix}", raw / f"eur_usd_rates{suffix}")
    monkeypatch.setattr(paths, "DATA_RAW", raw)
    monkeypatch.setattr(paths, "DATA_PROCESSED", processed)
    build(["eur_usd_rates"], log=lambda _: None)
    return raw / "eur_usd_rates.csv"


def test_load_reads_a_fresh_built_copy_without_validating_again(project_data, monkeypatch):
    def fail(path, meta):
        raise AssertionError(f"{path} was validated again")
    monkeypatch.setattr(catalog, "validate", fail)
    frame = load("eur_usd_rates")
    assert len(frame) == 11 and "calendar_year" not in frame.columns


def test_an_edited_csv_is_validated_not_read_from_its_stale_built_copy(project_data):
    text = project_data.read_text(encoding="utf-8")
    project_data.write_text(text.replace(",reported,", ",guessed,", 1).replace(",derived,", ",guessed,", 1), encoding="utf-8")
    with pytest.raises(DataValidationError, match="row_class"):
        load("eur_usd_rates")  # the built copy still holds the valid rows: it must not be used
    lines = text.splitlines(keepends=True)
    project_data.write_text("".join(lines[:-1]), encoding="utf-8")  # a valid edit: drop the last year
    assert len(load("eur_usd_rates")) == 10


def test_an_unreadable_built_copy_is_ignored_by_load_and_rebuilt_by_the_build(project_data):
    built = paths.DATA_PROCESSED / "eur_usd_rates.parquet"
    built.write_bytes(built.read_bytes()[:100])  # truncated
    assert len(load("eur_usd_rates")) == 11  # validated from the CSV
    assert build(["eur_usd_rates"], log=lambda _: None) == ["eur_usd_rates"]
