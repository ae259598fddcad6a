"""Published data-centre electricity figures to set the capex wave against (dc_electricity.csv).

Picks the comparators of the energy report by publisher, report, region, year and scenario,
and turns outlooks into average TWh added per year. A missing or duplicated row raises an
error that names the selection; nothing is silently left out. Values are TWh per year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .energy import average_annual_change

CONSUMPTION = "dc_electricity_consumption"  # TWh in the year
CHANGE = "dc_electricity_consumption_change"  # TWh added between base_year and year
IEA_REPORT = "Energy and AI (2025)"
IEA_BASE_YEAR = 2024
IEA_TARGET_YEAR = 2030
LBNL_BASE_YEAR = 2023
LBNL_SCENARIO_YEAR = 2028
LBNL_REFERENCE_YEAR = 2030


def published_rows(dc_electricity: pd.DataFrame, expect_one: bool = True, **criteria) -> pd.DataFrame:
    """The rows of ``dc_electricity`` whose columns equal every ``column=value`` in ``criteria``.

    With ``expect_one`` (default) exactly one row must match; otherwise at least one.
    """
    missing = sorted(set(criteria) - set(dc_electricity.columns))
    if missing:
        raise KeyError(f"dc_electricity has no column(s) {missing}; columns: {list(dc_electricity.columns)}")
    mask = np.ones(len(dc_electricity), dtype=bool)
    for column, value in criteria.items():
        mask &= (dc_electricity[column] == value).to_numpy(dtype=bool, na_value=False)
    rows = dc_electricity[mask]
    if len(rows) == 0 or (expect_one and len(rows) > 1):
        wanted = ", ".join(f"{column}={value!r}" for column, value in criteria.items())
        raise ValueError(f"dc_electricity: expected {'exactly one row' if expect_one else 'rows'} with {wanted}; "
                         f"found {len(rows)}")
    return rows


def published_value(dc_electricity: pd.DataFrame, **criteria) -> float:
    """The ``value`` of the one row matching ``criteria`` (see ``published_rows``)."""
    return float(published_rows(dc_electricity, **criteria)["value"].iloc[0])


def outlook_increments(dc_electricity: pd.DataFrame) -> pd.DataFrame:
    """Average data-centre electricity added per year in the published outlooks (TWh per year).

    IEA Energy and AI (2025): the world in each 2030 scenario against 2024, and Europe's
    Base-case change; LBNL: the United States in each 2028 scenario and the 2030 Reference
    case against 2023. Indexed by a key (``iea_world_base``, ``lbnl_us_reference_2030``, ...);
    columns ``label``, ``twh_per_year`` and ``group`` (IEA or LBNL).
    """
    iea = dict(publisher="IEA", report=IEA_REPORT)
    world_start = published_value(dc_electricity, **iea, region="World", metric=CONSUMPTION,
                                  year=IEA_BASE_YEAR, scenario="Base")
    world_end = published_rows(dc_electricity, expect_one=False, **iea, region="World", metric=CONSUMPTION,
                               year=IEA_TARGET_YEAR)
    europe = published_rows(dc_electricity, **iea, region="Europe", metric=CHANGE, scenario="Base").iloc[0]
    lbnl = dict(publisher="LBNL", region="United States", metric=CONSUMPTION)
    us_start = published_value(dc_electricity, **lbnl, year=LBNL_BASE_YEAR, scenario="historical")
    us_end = published_rows(dc_electricity, expect_one=False, **lbnl, year=LBNL_SCENARIO_YEAR)
    us_reference = published_value(dc_electricity, **lbnl, year=LBNL_REFERENCE_YEAR, scenario="Reference")

    rows = {}
    for scenario, value in zip(world_end["scenario"], world_end["value"]):
        rows[f"iea_world_{scenario.lower()}"] = (
            f"IEA {scenario}: world, average per year {IEA_BASE_YEAR}–{IEA_TARGET_YEAR}",
            average_annual_change(world_start, value, IEA_BASE_YEAR, IEA_TARGET_YEAR), "IEA")
    rows["iea_europe_base"] = (
        f"IEA Base: Europe, average per year {int(europe['base_year'])}–{int(europe['year'])}",
        average_annual_change(0.0, europe["value"], int(europe["base_year"]), int(europe["year"])), "IEA")
    for scenario, value in zip(us_end["scenario"], us_end["value"]):
        rows[f"lbnl_us_{scenario.lower()}_{LBNL_SCENARIO_YEAR}"] = (
            f"LBNL {scenario}: US, average per year {LBNL_BASE_YEAR}–{LBNL_SCENARIO_YEAR}",
            average_annual_change(us_start, value, LBNL_BASE_YEAR, LBNL_SCENARIO_YEAR), "LBNL")
    rows[f"lbnl_us_reference_{LBNL_REFERENCE_YEAR}"] = (
        f"LBNL Reference: US, average per year {LBNL_BASE_YEAR}–{LBNL_REFERENCE_YEAR}",
        average_annual_change(us_start, us_reference, LBNL_BASE_YEAR, LBNL_REFERENCE_YEAR), "LBNL")
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["label", "twh_per_year", "group"])
    return frame.astype({"twh_per_year": float})


def consumption_levels(dc_electricity: pd.DataFrame) -> pd.DataFrame:
    """Data-centre electricity use in the latest published year (TWh per year).

    World 2024 (IEA), United States 2023 (LBNL), EU 2024 (IEA via the European Commission),
    Germany 2025 (Bitkom/Borderstep). Indexed ``world``, ``united_states``, ``eu``,
    ``germany``; columns ``label``, ``twh`` and ``group``.
    """
    picks = {
        "world": ("World data centres 2024 (IEA)", "IEA",
                  dict(publisher="IEA", report=IEA_REPORT, region="World", year=IEA_BASE_YEAR, scenario="Base")),
        "united_states": ("US data centres 2023 (LBNL)", "LBNL",
                          dict(publisher="LBNL", region="United States", year=LBNL_BASE_YEAR, scenario="historical")),
        "eu": ("EU data centres 2024 (IEA via European Commission)", "Europe",
               dict(region="EU", year=2024, scenario="IEA estimate")),
        "germany": ("German data centres 2025 (Bitkom/Borderstep)", "Europe",
                    dict(region="Germany", year=2025, scenario="Borderstep")),
    }
    rows = {key: (label, published_value(dc_electricity, metric=CONSUMPTION, **criteria), group)
            for key, (label, group, criteria) in picks.items()}
    return pd.DataFrame.from_dict(rows, orient="index", columns=["label", "twh", "group"])
