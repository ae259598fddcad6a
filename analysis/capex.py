"""The size of the capex wave: pure transforms of the company and reference datasets.

Inputs are the frames returned by :func:`analysis.data.load_processed` (company datasets
carry ``period_type``, ``calendar_quarter`` and ``calendar_year`` from
:mod:`analysis.data.periods`; nothing here re-derives a fiscal calendar) and
:func:`analysis.data.load`. Nothing here reads a file.

Units: money in **USD bn, nominal** unless a function converts it (then the ``currency``
column says EUR or USD bn); ratios as fractions (0.25 = 25 %) unless the name ends in
``_pct``. Every aggregate says which capex definition it is built on in a ``basis`` column
(or ``.attrs["basis"]``): ``capex_cash`` (purchases of property and equipment, finance
leases excluded) or ``capex_incl_finance_leases``; guidance carries each company's own
basis.

Calendar years: Amazon, Alphabet and Meta report calendar years; Microsoft's fiscal year
ends on 30 June, so its calendar years are built only from four calendar quarters. A year
with a missing quarter stays missing (a row with ``value`` NaN and a ``status`` saying why);
nothing is interpolated.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.diagnostic import acorr_ljungbox
from statsmodels.stats.stattools import durbin_watson, jarque_bera

from analysis import currency as fx
from analysis.checks import check_choice, check_range
from analysis.data.periods import fiscal_year_end_month
from analysis.data.vocabularies import BIG_FOUR, COMPANIES
from analysis.trends import MIN_QUARTERS_PER_REGIME, growth_break, to_quarterly_series

#: Capex definitions (the ``metric`` of ``hyperscaler_capex``, the ``basis`` of guidance).
BASES: dict[str, str] = {
    "capex_cash": "cash capex: purchases of property and equipment (cash-flow statement), finance leases excluded",
    "capex_incl_finance_leases": "capex including finance leases (assets acquired under or principal paid on finance leases)",
}
#: Basis label of a guidance total that adds the companies' own (different) guidance bases.
MIXED_GUIDANCE_BASIS = "as guided by each company (bases differ)"
#: Where a company's guidance is not on the same footing as its actual series.
GUIDANCE_CAVEATS: dict[str, str] = {
    "amazon": "Amazon guides cash capex NET of proceeds and incentives; the actual shown is GROSS purchases (higher)",
}
#: Fewest years on each side of a break for the annual regime fit (4 parameters in all).
MIN_YEARS_PER_REGIME = 3


# --- checks ------------------------------------------------------------------------------


def check_companies(companies, allowed: Sequence[str] = BIG_FOUR) -> list[str]:
    """Return ``companies`` as a list after checking it is a non-empty list of known codes."""
    if isinstance(companies, str) or not isinstance(companies, (list, tuple)):
        raise ValueError(f"companies must be a list of company codes from {', '.join(allowed)}; got {companies!r}")
    if not companies:
        raise ValueError(f"companies must name at least one of {', '.join(allowed)}; got an empty list")
    for company in companies:
        check_choice("companies", company, allowed)
    repeated = sorted({c for c in companies if list(companies).count(c) > 1})
    if repeated:
        raise ValueError(f"companies must name each company once; repeated: {', '.join(repeated)}")
    return list(companies)


def _check_metric(metric: str) -> str:
    return check_choice("metric", metric, BASES)


def _name(entity: str) -> str:
    return COMPANIES.get(entity, entity)


# --- quarters, trailing twelve months ------------------------------------------------------


def quarterly_capex(capex: pd.DataFrame, companies: Sequence[str], metric: str = "capex_cash") -> pd.DataFrame:
    """Capex per company and calendar quarter (USD bn, three-month values).

    ``capex``: processed ``hyperscaler_capex``. Fiscal quarters are placed on the calendar
    by the ``calendar_quarter`` column of the processed data (Microsoft fiscal Q1 = Jul-Sep
    = calendar Q3). Columns: entity, calendar_quarter (str, "2025Q3"), calendar_year (int),
    fiscal_period (the company's own label), value (USD bn), basis.
    """
    _check_metric(metric)
    rows = capex[
        (capex["period_type"] == "quarter") & (capex["metric"] == metric) & capex["entity"].isin(list(companies))
    ]
    out = pd.DataFrame(
        {
            "entity": rows["entity"].astype(str).to_numpy(),
            "calendar_quarter": rows["calendar_quarter"].astype(str).to_numpy(),
            "calendar_year": rows["calendar_year"].astype(int).to_numpy(),
            "fiscal_period": rows["period"].astype(str).to_numpy(),
            "value": rows["value"].to_numpy(dtype=float),
        }
    )
    out["basis"] = metric
    return out.sort_values(["entity", "calendar_quarter"]).reset_index(drop=True)


def trailing_twelve_months(
    frame: pd.DataFrame, group_col: str | None = "entity", period_col: str = "calendar_quarter", value_col: str = "value"
) -> pd.DataFrame:
    """Trailing-twelve-month sums (USD bn over the four quarters ending in each quarter).

    ``frame``: one row per (group, quarter) with three-month values. A TTM value exists only
    where the quarter and the three before it are all present (no gap filling); otherwise
    it is NaN. Returns ``frame``'s rows with an added ``ttm`` column (and ``basis`` kept).
    """
    groups = [(None, frame)] if group_col is None else list(frame.groupby(group_col, sort=True))
    parts = []
    for _, part in groups:
        periods = pd.PeriodIndex(part[period_col].astype(str), freq="Q")
        if periods.has_duplicates:
            raise ValueError(f"{period_col} must name each quarter once per {group_col or 'frame'}")
        series = pd.Series(part[value_col].to_numpy(dtype=float), index=periods)
        full = series.reindex(pd.period_range(periods.min(), periods.max(), freq="Q"))
        ttm = full.rolling(4, min_periods=4).sum()
        parts.append(part.assign(ttm=ttm.reindex(periods).to_numpy()))
    return pd.concat(parts, ignore_index=True)


def quarterly_totals(quarterly: pd.DataFrame, companies: Sequence[str]) -> pd.DataFrame:
    """Sum of ``companies``' capex per calendar quarter (USD bn).

    A quarter's total exists only when every company reports it (``complete``); otherwise
    ``value`` is NaN and ``missing`` names the absent companies. Columns: calendar_quarter,
    value, n_companies, complete, missing, basis.
    """
    wanted = list(companies)
    rows = []
    for quarter, part in quarterly.groupby("calendar_quarter", sort=True):
        present = set(part["entity"])
        missing = [c for c in wanted if c not in present]
        rows.append(
            {
                "calendar_quarter": str(quarter),
                "value": float(part["value"].sum()) if not missing else np.nan,
                "n_companies": len(present & set(wanted)),
                "complete": not missing,
                "missing": ", ".join(_name(c) for c in missing),
            }
        )
    out = pd.DataFrame(rows, columns=["calendar_quarter", "value", "n_companies", "complete", "missing"])
    out["basis"] = _single_basis(quarterly)
    return out


def complete_quarterly_series(totals: pd.DataFrame) -> pd.Series:
    """The longest run of consecutive complete quarters ending at the last complete quarter.

    ``totals`` as returned by :func:`quarterly_totals`. Returns a Series (USD bn) indexed by
    quarterly ``pd.Period`` — the input :func:`analysis.trends.growth_break` and
    :func:`analysis.trends.forecast` expect; ``.attrs["basis"]`` keeps the capex definition.
    """
    complete = totals[totals["complete"]]
    if complete.empty:
        raise ValueError("no calendar quarter in which every selected company reports capex")
    series = to_quarterly_series(complete, "value", "calendar_quarter")
    full = pd.period_range(series.index.min(), series.index.max(), freq="Q")
    gaps = full.difference(series.index)
    if len(gaps):
        series = series[series.index > gaps.max()]
    series.attrs["basis"] = _single_basis(totals)
    return series


# --- calendar years -----------------------------------------------------------------------


def calendar_year_capex(capex: pd.DataFrame, companies: Sequence[str], metric: str = "capex_cash") -> pd.DataFrame:
    """Capex per company and calendar year (USD bn), with how each value was obtained.

    Companies whose fiscal year ends in December (Amazon, Alphabet, Meta): the reported
    annual value, or, where no annual row exists, the sum of four calendar quarters. Other
    companies (Microsoft, fiscal year ending 30 June): only the sum of the four calendar
    quarters — a calendar year with fewer quarters is missing, never interpolated.

    Returns one row per company and calendar year from the company's first to its last year
    with any data: entity, calendar_year, value (NaN when missing), method, n_quarters,
    status ("ok" or why the year is missing), basis.
    """
    _check_metric(metric)
    rows = []
    for entity in companies:
        own = capex[(capex["entity"] == entity) & (capex["metric"] == metric)]
        calendar_fy = fiscal_year_end_month(entity) == 12
        annual = own[own["period_type"] == "annual"]
        quarters = own[own["period_type"] == "quarter"]
        by_year = quarters.groupby(quarters["calendar_year"].astype(int))
        q_sum = by_year["value"].sum()
        q_count = by_year["calendar_quarter"].nunique()
        reported = {}
        if calendar_fy:
            reported = {int(y): float(v) for y, v in zip(annual["calendar_year"], annual["value"]) if pd.notna(y)}
        label_years = [int(p) for p in annual["period"]]
        years = set(reported) | set(q_sum.index.astype(int)) | set(label_years)
        if not years:
            continue
        for year in range(min(years), max(years) + 1):
            n_q = int(q_count.get(year, 0))
            if year in reported:
                value, method, status = reported[year], "reported annual value (fiscal year = calendar year)", "ok"
            elif n_q == 4:
                value, method, status = float(q_sum[year]), "sum of 4 calendar quarters", "ok"
            else:
                value, method = np.nan, ""
                why = (
                    f"fiscal year ends in {calendar.month_name[fiscal_year_end_month(entity)]}; "
                    if not calendar_fy
                    else "no annual value; "
                )
                status = f"missing: {why}{n_q} of 4 calendar quarters in the data"
            rows.append(
                {"entity": entity, "calendar_year": year, "value": value, "method": method,
                 "n_quarters": n_q, "status": status}
            )
    out = pd.DataFrame(rows, columns=["entity", "calendar_year", "value", "method", "n_quarters", "status"])
    out["basis"] = metric
    return out


def annual_totals(by_year: pd.DataFrame, companies: Sequence[str]) -> pd.DataFrame:
    """Sum of ``companies``' calendar-year capex (USD bn); missing if any company is missing.

    ``by_year`` as returned by :func:`calendar_year_capex`. Columns: calendar_year, value
    (NaN unless ``complete``), n_companies, complete, missing (names), basis.
    """
    wanted = list(companies)
    rows = []
    for year, part in by_year.groupby("calendar_year", sort=True):
        have = part[part["value"].notna()]
        missing = [c for c in wanted if c not in set(have["entity"])]
        rows.append(
            {
                "calendar_year": int(year),
                "value": float(have["value"].sum()) if not missing else np.nan,
                "n_companies": len(set(have["entity"]) & set(wanted)),
                "complete": not missing,
                "missing": ", ".join(_name(c) for c in missing),
            }
        )
    out = pd.DataFrame(rows, columns=["calendar_year", "value", "n_companies", "complete", "missing"])
    out["basis"] = _single_basis(by_year)
    return out


def missing_years_summary(by_year: pd.DataFrame, start_year: int | None = None) -> list[str]:
    """One line per company and run of consecutive missing calendar years with the same reason,
    e.g. "Microsoft 2018-2022: missing: fiscal year ends in June; 0 of 4 calendar quarters in the data"."""
    gaps = by_year[by_year["value"].isna()]
    if start_year is not None:
        gaps = gaps[gaps["calendar_year"] >= start_year]
    lines = []
    for entity, part in gaps.groupby("entity", sort=False):
        part = part.sort_values("calendar_year")
        run_start = prev = None
        prev_status = None
        for year, status in zip(part["calendar_year"].astype(int), part["status"]):
            if run_start is not None and (year != prev + 1 or status != prev_status):
                lines.append(_gap_line(entity, run_start, prev, prev_status))
                run_start = None
            if run_start is None:
                run_start = year
            prev, prev_status = year, status
        if run_start is not None:
            lines.append(_gap_line(entity, run_start, prev, prev_status))
    return lines


def _gap_line(entity: str, first: int, last: int, status: str) -> str:
    years = str(first) if first == last else f"{first}-{last}"
    return f"{_name(entity)} {years}: {status}"


def sum_of_quarters_check(capex: pd.DataFrame, entity: str, fiscal_year: int, metric: str = "capex_cash") -> dict:
    """Reconcile a company's four fiscal quarters with its reported fiscal-year total (USD bn).

    Returns ``{"annual", "sum_of_quarters", "difference", "quarters"}``; raises when the year
    or one of its quarters is not in the data.
    """
    own = capex[(capex["entity"] == entity) & (capex["metric"] == metric)]
    annual = own[own["period"] == str(fiscal_year)]
    labels = [f"{fiscal_year}Q{q}" for q in range(1, 5)]
    quarters = own[own["period"].isin(labels)]
    if annual.empty or len(quarters) != 4:
        raise ValueError(
            f"{entity} {metric} fiscal year {fiscal_year}: need the annual value and quarters {', '.join(labels)}"
        )
    total = float(annual["value"].iloc[0])
    summed = float(quarters["value"].sum())
    return {"annual": total, "sum_of_quarters": summed, "difference": summed - total, "quarters": 4}


# --- guidance ------------------------------------------------------------------------------


def latest_guidance(
    guidance: pd.DataFrame, companies: Sequence[str], years: Sequence[int], period_basis: str = "calendar"
) -> pd.DataFrame:
    """Each company's most recent capex outlook for each of ``years`` (USD bn).

    ``guidance``: ``capex_guidance`` rows; only outlooks on ``period_basis`` ("calendar" or
    "fiscal") count; the latest ``announced`` date wins. A company-year without guidance has
    no row. Columns: entity, year, low, high, mid (= (low + high) / 2), basis (the
    company's guided definition), period_basis, announced, revisions (outlooks given for
    that year), source_title, source_url, caveat.
    """
    check_choice("period_basis", period_basis, {"calendar", "fiscal"})
    wanted = guidance[
        guidance["entity"].isin(list(companies))
        & guidance["period"].astype(int).isin([int(y) for y in years])
        & (guidance["period_basis"] == period_basis)
    ].copy()
    wanted["year"] = wanted["period"].astype(int)
    revisions = wanted.groupby(["entity", "year"]).size().rename("revisions")
    latest = wanted.sort_values("announced", kind="stable").groupby(["entity", "year"]).tail(1)
    latest = latest.join(revisions, on=["entity", "year"])
    out = pd.DataFrame(
        {
            "entity": latest["entity"].astype(str),
            "year": latest["year"].astype(int),
            "low": latest["low"].astype(float),
            "high": latest["high"].astype(float),
            "mid": (latest["low"].astype(float) + latest["high"].astype(float)) / 2,
            "basis": latest["basis"].astype(str),
            "period_basis": latest["period_basis"].astype(str),
            "announced": latest["announced"].astype(str),
            "revisions": latest["revisions"].astype(int),
            "source_title": latest["source_title"].astype(str),
            "source_url": latest["source_url"].astype(str),
        }
    )
    out["caveat"] = out["entity"].map(GUIDANCE_CAVEATS).fillna("")
    order = {c: i for i, c in enumerate(companies)}
    return out.sort_values(["year", "entity"], key=lambda s: s.map(order) if s.name == "entity" else s).reset_index(
        drop=True
    )


@dataclass(frozen=True)
class GuidanceTotal:
    """The sum of the companies' latest guidance for one year (USD bn)."""

    year: int
    low: float  # NaN when a company has no guidance for the year
    high: float
    mid: float
    companies: tuple[str, ...]
    missing: tuple[str, ...]  # companies without guidance for the year
    basis: str  # MIXED_GUIDANCE_BASIS unless all companies guide on one basis

    @property
    def complete(self) -> bool:
        return not self.missing


def guidance_total(latest: pd.DataFrame, companies: Sequence[str], year: int) -> GuidanceTotal:
    """Sum the latest guidance (``latest_guidance`` output) of ``companies`` for ``year``."""
    rows = latest[(latest["year"] == int(year)) & latest["entity"].isin(list(companies))]
    missing = tuple(c for c in companies if c not in set(rows["entity"]))
    bases = set(rows["basis"])
    basis = bases.pop() if len(bases) == 1 else MIXED_GUIDANCE_BASIS
    if missing or rows.empty:
        return GuidanceTotal(int(year), np.nan, np.nan, np.nan, tuple(companies), missing, basis)
    return GuidanceTotal(
        int(year), float(rows["low"].sum()), float(rows["high"].sum()), float(rows["mid"].sum()),
        tuple(companies), (), basis,
    )


def guidance_vs_actual(latest: pd.DataFrame, capex: pd.DataFrame) -> pd.DataFrame:
    """Set each guidance row beside the actual on the same definition and period (USD bn).

    Calendar-year guidance is compared with :func:`calendar_year_capex` on the guided basis;
    fiscal-year guidance with the fiscal-year row. ``actual`` is NaN where the data have no
    such value (year not over, or the basis not reported). Adds columns actual and
    actual_minus_mid (USD bn).
    """
    actual = []
    for row in latest.itertuples():
        if row.period_basis == "calendar":
            years = calendar_year_capex(capex, [row.entity], row.basis)
            hit = years[(years["calendar_year"] == row.year) & years["value"].notna()]
        else:
            hit = capex[
                (capex["entity"] == row.entity) & (capex["metric"] == row.basis) & (capex["period"] == str(row.year))
            ]
        actual.append(float(hit["value"].iloc[0]) if len(hit) else np.nan)
    out = latest.copy()
    out["actual"] = actual
    out["actual_minus_mid"] = out["actual"] - out["mid"]
    return out


# --- fiscal-year intensity -----------------------------------------------------------------


def fiscal_year_intensity(
    capex: pd.DataFrame, financials: pd.DataFrame, companies: Sequence[str], metric: str = "capex_cash"
) -> pd.DataFrame:
    """Capex against revenue, operating cash flow and depreciation, per company fiscal year.

    Numerator and denominators come from the same fiscal year of the same company (Microsoft:
    July-June), so ratios are on one footing; years are the companies' own labels.
    Columns: entity, fiscal_year, fiscal_year_end_month, capex, revenue, operating_cash_flow,
    depreciation_amortization (USD bn; NaN where not in the data), capex_to_revenue and
    capex_to_ocf (fractions), fcf_after_capex (= operating cash flow - capex, USD bn),
    capex_to_depreciation (ratio), basis. D&A definitions differ between companies
    (see ``hyperscaler_financials``), so capex_to_depreciation compares within a company.
    """
    _check_metric(metric)
    cap = capex[(capex["metric"] == metric) & (capex["period_type"] == "annual") & capex["entity"].isin(list(companies))]
    fin = financials[
        (financials["period_type"] == "annual")
        & (financials["segment"] == "total")
        & financials["entity"].isin(list(companies))
        & financials["metric"].isin(["revenue", "operating_cash_flow", "depreciation_amortization"])
    ]
    wide = fin.pivot_table(index=["entity", "period"], columns="metric", values="value", aggfunc="first")
    base = cap.set_index(["entity", "period"])["value"].rename("capex")
    out = wide.join(base, how="outer").reset_index()
    for col in ["revenue", "operating_cash_flow", "depreciation_amortization", "capex"]:
        if col not in out:
            out[col] = np.nan
        out[col] = out[col].astype(float)
    out = out[out["capex"].notna()].copy()
    out.insert(1, "fiscal_year", out.pop("period").astype(int))
    out.insert(2, "fiscal_year_end_month", out["entity"].map(fiscal_year_end_month).astype(int))
    out["capex_to_revenue"] = out["capex"] / out["revenue"]
    out["capex_to_ocf"] = out["capex"] / out["operating_cash_flow"]
    out["fcf_after_capex"] = out["operating_cash_flow"] - out["capex"]
    out["capex_to_depreciation"] = out["capex"] / out["depreciation_amortization"]
    out["basis"] = metric
    cols = ["entity", "fiscal_year", "fiscal_year_end_month", "capex", "revenue", "operating_cash_flow",
            "depreciation_amortization", "capex_to_revenue", "capex_to_ocf", "fcf_after_capex",
            "capex_to_depreciation", "basis"]
    return out[cols].sort_values(["entity", "fiscal_year"]).reset_index(drop=True)


def combined_intensity(intensity: pd.DataFrame, fiscal_year: int, companies: Sequence[str]) -> dict:
    """Sum-over-companies ratios for one fiscal-year label (fractions; USD bn for sums).

    Uses each company's own fiscal year ``fiscal_year`` (Microsoft: the year ending June).
    Returns capex, revenue, operating_cash_flow, capex_to_revenue, capex_to_ocf (fractions),
    the same two ratios in % (``_pct``), fcf_after_capex, and the companies missing a value
    (then the ratios are NaN).
    """
    rows = intensity[(intensity["fiscal_year"] == int(fiscal_year)) & intensity["entity"].isin(list(companies))]
    rows = rows.dropna(subset=["capex", "revenue", "operating_cash_flow"])
    missing = tuple(c for c in companies if c not in set(rows["entity"]))
    sums = {k: float(rows[k].sum()) if not missing else np.nan for k in ["capex", "revenue", "operating_cash_flow"]}
    return {
        **sums,
        "capex_to_revenue": sums["capex"] / sums["revenue"],
        "capex_to_ocf": sums["capex"] / sums["operating_cash_flow"],
        "capex_to_revenue_pct": 100 * sums["capex"] / sums["revenue"],
        "capex_to_ocf_pct": 100 * sums["capex"] / sums["operating_cash_flow"],
        "fcf_after_capex": sums["operating_cash_flow"] - sums["capex"],
        "missing": missing,
        "basis": _single_basis(intensity),
    }


# --- currency ------------------------------------------------------------------------------


def in_currency(
    frame: pd.DataFrame,
    columns: Sequence[str],
    currency: str,
    usd_per_eur: pd.Series,
    year_col: str = "calendar_year",
    latest_rate_for_later_years: bool = False,
) -> pd.DataFrame:
    """Return ``frame`` with the USD ``columns`` expressed in ``currency`` ("USD" or "EUR").

    Each row is converted at the ECB annual average of its ``year_col`` year
    (:mod:`analysis.currency`). A year after the last published average raises, unless
    ``latest_rate_for_later_years`` is True: then such rows (guidance, forecasts) use the
    latest average, and the ``fx_year`` column says so. Adds columns currency, fx_year and
    usd_per_eur (NaN for USD).
    """
    check_choice("currency", currency, fx.CURRENCIES)
    out = frame.copy()
    out["currency"] = currency
    if currency == "USD":
        out["fx_year"] = pd.array([pd.NA] * len(out), dtype="Int64")
        out["usd_per_eur"] = np.nan
        return out
    years = out[year_col].astype(int).to_numpy()
    if latest_rate_for_later_years:
        years = np.minimum(years, fx.latest_rate_year(usd_per_eur))
    rates = fx.rate_for(years, usd_per_eur)
    for col in columns:
        out[col] = fx.usd_to_eur(out[col].to_numpy(dtype=float), years, usd_per_eur)
    out["fx_year"] = pd.array(years, dtype="Int64")
    out["usd_per_eur"] = rates
    return out


# --- GDP and earlier booms -----------------------------------------------------------------


def share_of_gdp(totals: pd.DataFrame, gdp: pd.DataFrame, latest_gdp_for_later_years: bool = False) -> pd.DataFrame:
    """Capex as % of US nominal GDP (both USD bn, current prices).

    ``totals``: columns calendar_year and value (USD bn), e.g. :func:`annual_totals`
    (complete years) plus guidance rows; ``gdp``: ``us_gdp`` (year, value in USD bn). Each
    year is divided by the same year's GDP; years after the last GDP year are dropped unless
    ``latest_gdp_for_later_years`` — then they are divided by the latest GDP and
    ``gdp_basis`` says so (the share is then overstated by nominal GDP growth since).
    Columns: calendar_year, capex, gdp_year, gdp, share_pct, gdp_basis (+ totals' other columns).
    """
    gdp_by_year = pd.Series(gdp["value"].to_numpy(dtype=float), index=gdp["year"].astype(int).to_numpy())
    last = int(gdp_by_year.index.max())
    out = totals.rename(columns={"value": "capex"}).copy()
    out = out[out["capex"].notna()]
    years = out["calendar_year"].astype(int)
    later = years > last
    if not latest_gdp_for_later_years:
        out = out[~later]
        years, later = years[~later], later[~later]
    gdp_year = np.where(later, last, years)
    missing = sorted(set(gdp_year) - set(gdp_by_year.index))
    if missing:
        raise ValueError(f"no US GDP for year {', '.join(map(str, missing))}; available: "
                         f"{', '.join(map(str, gdp_by_year.index))}")
    out["gdp_year"] = gdp_year.astype(int)
    out["gdp"] = gdp_by_year.reindex(gdp_year).to_numpy()
    out["share_pct"] = 100 * out["capex"] / out["gdp"]
    out["gdp_basis"] = np.where(later, f"latest available GDP ({last}); overstates the share", "same-year GDP")
    return out.reset_index(drop=True)


_BOOM_MEASURES = {
    "peak_single_year_share_gdp": "peak single year",
    "peak_share_gdp": "peak level (year not stated)",
    "peak_quarterly_share_gdp": "peak quarter (annual rate)",
    "quarterly_share_gdp": "one quarter (annual rate)",
    "annual_share_gdp": "one year",
    "approximate_share_gdp": "approximate level",
    "share_gdp_range": "published range",
    "projected_share_gdp": "projection",
    "projected_share_gdp_range": "projected range",
    "annual_share_gdp_upper_bound": "upper bound ('less than')",
    "social_saving_share_gnp": "benefit to users (not spending)",
}


def spending_scope(definition: str) -> str:
    """Public vs private spending, as far as a boom's published definition says."""
    text = definition.lower()
    if "public and private" in text or "public + private" in text:
        return "public + private (not separated)"
    if "social saving" in text or "benefit" in text:
        return "not spending (user benefit)"
    if "private" in text:
        return "private"
    if any(word in text for word in ("nasa", "outlays", "government", "federal")):
        return "public"
    return "not stated"


def booms_table(booms: pd.DataFrame) -> pd.DataFrame:
    """Earlier booms and published AI estimates, one row per estimate, ranges merged.

    ``booms``: ``infrastructure_booms``. Rows whose metric ends in ``_low``/``_high`` are
    merged into one row with ``low`` and ``high``; single values have low = high = value.
    Columns: boom, period, publisher, measure (peak year, one year, range, projection ...),
    scope (public/private as stated), low, high, value (midpoint of a range, % of GDP),
    unit, is_ai (AI-era row), is_projection, definition, source_title, source_url, label.
    """
    rows = []
    keyed = booms.assign(_base=booms["metric"].str.replace(r"_(low|high)$", "", regex=True))
    for (_, _, _, base), part in keyed.groupby(["boom", "period", "publisher", "_base"], sort=False):
        first = part.iloc[0]
        low, high = float(part["value"].min()), float(part["value"].max())
        definition = " / ".join(dict.fromkeys(d for d in part["definition"] if not d.startswith("As previous row")))
        rows.append(
            {
                "boom": first["boom"], "period": first["period"], "publisher": first["publisher"],
                "measure": _BOOM_MEASURES.get(base, base), "scope": spending_scope(definition),
                "low": low, "high": high, "value": (low + high) / 2, "unit": first["unit"],
                "is_ai": bool(re.search(r"\bAI\b", str(first["boom"]))),
                "is_projection": base.startswith("projected"),
                "definition": definition, "source_title": first["source_title"], "source_url": first["source_url"],
                "label": f"{first['boom']}, {first['period']}: {_BOOM_MEASURES.get(base, base)} "
                         f"({str(first['publisher']).split(' (')[0]})",
            }
        )
    return pd.DataFrame(rows)


def position_in_range(value: float, low: float, high: float) -> str:
    """Words for where ``value`` lies against a published range [low, high] (same unit)."""
    if low > high:
        raise ValueError(f"low must not exceed high; got low={low}, high={high}")
    if value < low:
        return "below all of"
    if value > high:
        return "above all of"
    return "within the range of"


# --- growth regimes ------------------------------------------------------------------------


@dataclass(frozen=True)
class RegimeFit:
    """A log-linear growth fit with a level and slope change after a break (see
    :func:`fit_growth_regimes`). Growth in % per year; intervals at level 1 - alpha."""

    frequency: str  # "quarter" or "year"
    break_label: str  # last period of the old regime ("2022Q4" or "2022")
    companies: tuple[str, ...]  # companies in the fitted total
    excluded: dict[str, str]  # company -> why it is not in the fitted total
    n_obs: int
    hac_lags: int
    alpha: float
    annual_growth_before_pct: float
    annual_growth_after_pct: float
    annual_growth_before_ci_pct: tuple[float, float]
    annual_growth_after_ci_pct: tuple[float, float]
    p_value_slope_change: float  # H0: the growth rate did not change
    p_value_joint: float  # H0: neither level nor growth changed
    observed: pd.Series = field(repr=False)  # USD bn, PeriodIndex
    fitted: pd.Series = field(repr=False)  # USD bn, exp(fitted log)
    log_residuals: pd.Series = field(repr=False)
    results: object = field(repr=False)  # statsmodels results (HAC)
    basis: str = "capex_cash"
    level_shift_pct: float = float("nan")  # jump of the fitted level at the break, % (exp(c) - 1)
    p_value_slope_change_classical: float = float("nan")  # same test with classical OLS errors

    @property
    def p_value_conservative(self) -> float:
        """The larger of the HAC and the classical p-value for a change in growth.

        In samples this small Newey-West errors can come out far narrower than classical
        ones (with negatively autocorrelated residuals they shrink), so the larger p-value
        is the honest one to read.
        """
        return float(np.nanmax([self.p_value_slope_change, self.p_value_slope_change_classical]))


@dataclass(frozen=True)
class RegimeData:
    """The two series a regime fit can use (USD bn, capex on one basis).

    ``quarterly``: total of ``companies`` per calendar quarter (consecutive complete
    quarters). ``annual``: calendar-year total of ``annual_companies`` (those with a long
    enough calendar-year history); ``annual_excluded`` says why the others are left out.
    """

    quarterly: pd.Series = field(repr=False)
    annual: pd.Series = field(repr=False)
    companies: tuple[str, ...]
    annual_companies: tuple[str, ...]
    annual_excluded: dict[str, str]
    basis: str


def annual_regime_series(
    by_year: pd.DataFrame, companies: Sequence[str], start_year: int
) -> tuple[pd.Series, tuple[str, ...], dict[str, str]]:
    """The calendar-year total used for an annual regime fit, and the companies left out.

    A company is included when it has calendar-year values for at least
    ``2 * MIN_YEARS_PER_REGIME`` consecutive years ending in the last year any selected
    company reports; the window is the run of years (from ``start_year`` on) in which all
    included companies have values. Microsoft, whose calendar years can be built from
    quarters only since 2023, is then left out, and the reason is returned.
    Returns (Series of USD bn indexed by annual ``pd.Period``, included companies,
    {excluded company: reason}).
    """
    have = by_year[by_year["value"].notna() & by_year["entity"].isin(list(companies))]
    if have.empty:
        return pd.Series(dtype=float), (), {c: "no calendar-year values" for c in companies}
    last = int(have["calendar_year"].max())
    runs: dict[str, int] = {}
    for company in companies:
        years = set(have.loc[have["entity"] == company, "calendar_year"].astype(int))
        first = last
        while first in years:
            first -= 1
        runs[company] = first + 1  # first year of the run ending in `last` (last + 1 = none)
    need = 2 * MIN_YEARS_PER_REGIME
    excluded = {
        c: (f"calendar years only {runs[c]}-{last} ({last - runs[c] + 1}; {need} needed)"
            if runs[c] <= last else f"no calendar-year value for {last}")
        for c in companies
        if last - runs[c] + 1 < need
    }
    included = tuple(c for c in companies if c not in excluded)
    if not included:
        return pd.Series(dtype=float), (), excluded
    first_year = max([runs[c] for c in included] + [int(start_year)])
    window = have[have["entity"].isin(included) & have["calendar_year"].between(first_year, last)]
    total = window.groupby(window["calendar_year"].astype(int))["value"].sum()
    series = pd.Series(
        total.to_numpy(dtype=float),
        index=pd.PeriodIndex([pd.Period(year=int(y), freq="Y") for y in total.index], freq="Y"),
        name="value",
    )
    return series, included, excluded


def regime_data(capex: pd.DataFrame, companies: Sequence[str], start_year: int, metric: str = "capex_cash") -> RegimeData:
    """Build :class:`RegimeData` for ``companies`` from processed ``hyperscaler_capex``."""
    quarterly = complete_quarterly_series(quarterly_totals(quarterly_capex(capex, companies, metric), companies))
    annual, included, excluded = annual_regime_series(calendar_year_capex(capex, companies, metric), companies, start_year)
    return RegimeData(quarterly, annual, tuple(companies), included, excluded, metric)


def allowed_break_quarters(data: RegimeData) -> dict[str, list[str]]:
    """Break quarters the data can test: ``{"quarterly": [...], "annual": [...]}``.

    Quarterly: at least ``MIN_QUARTERS_PER_REGIME`` quarters on each side (as
    :func:`analysis.trends.growth_break` requires). Annual: a fourth quarter (a year end)
    with at least ``MIN_YEARS_PER_REGIME`` years on each side.
    """
    quarterly_ok: list[str] = []
    if len(data.quarterly) >= 2 * MIN_QUARTERS_PER_REGIME:
        idx = data.quarterly.index
        quarterly_ok = [str(p) for p in idx[MIN_QUARTERS_PER_REGIME - 1 : len(idx) - MIN_QUARTERS_PER_REGIME]]
    annual_ok: list[str] = []
    if len(data.annual) >= 2 * MIN_YEARS_PER_REGIME:
        idx = data.annual.index
        annual_ok = [f"{p.year}Q4" for p in idx[MIN_YEARS_PER_REGIME - 1 : len(idx) - MIN_YEARS_PER_REGIME]]
    return {"quarterly": quarterly_ok, "annual": annual_ok}


def check_break_quarter(break_quarter, data: RegimeData) -> str:
    """Return ``break_quarter`` if the data can test it; ``ValueError`` listing what is allowed."""
    allowed = allowed_break_quarters(data)
    options = []
    if allowed["quarterly"]:
        options.append(f"{allowed['quarterly'][0]} to {allowed['quarterly'][-1]} (quarterly data, "
                       f"{MIN_QUARTERS_PER_REGIME}+ quarters each side)")
    if allowed["annual"]:
        options.append(f"one of {', '.join(allowed['annual'])} (annual data, a year end with "
                       f"{MIN_YEARS_PER_REGIME}+ years each side)")
    allowed_text = " or ".join(options) if options else "nothing: too few quarters and years for these companies"
    if not (isinstance(break_quarter, str) and re.fullmatch(r"\d{4}Q[1-4]", break_quarter.upper())):
        raise ValueError(f"break_quarter must be a quarter 'YYYYQn' in {allowed_text}; got {break_quarter!r}")
    text = break_quarter.upper()
    if text in allowed["quarterly"] or text in allowed["annual"]:
        return text
    raise ValueError(f"break_quarter must be in {allowed_text}; got {break_quarter!r} (outside the data that can test it)")


def fit_growth_regimes(data: RegimeData, break_quarter: str, alpha: float = 0.05) -> RegimeFit:
    """Did the growth rate change after ``break_quarter``? Log-linear fit with HAC errors.

    Model (on log capex, OLS, t in periods since the break, D = 1 after it):
    ``log y = a + b·t + c·D + d·D·t`` — growth b before, b + d after; Newey-West standard
    errors (Stock-Watson lag rule, small-sample correction), t-distribution tests.

    Uses the quarterly total (:func:`analysis.trends.growth_break`) when it has
    ``MIN_QUARTERS_PER_REGIME`` quarters on each side of the break; otherwise, for a
    fourth-quarter break, the calendar-year total (same model, one observation per year,
    ``MIN_YEARS_PER_REGIME`` years per side). Growth is reported in % per year either way.
    Few observations: read p-values near 0.05 as inconclusive.
    """
    brk = check_break_quarter(break_quarter, data)
    check_range("alpha", alpha, 0.0, 1.0, low_inclusive=False, high_inclusive=False)
    if brk in allowed_break_quarters(data)["quarterly"]:
        res = growth_break(data.quarterly, brk, alpha=alpha)
        return RegimeFit(
            frequency="quarter", break_label=brk, companies=data.companies, excluded={},
            n_obs=res.n_obs, hac_lags=res.hac_lags, alpha=res.alpha,
            annual_growth_before_pct=res.annual_growth_before_pct,
            annual_growth_after_pct=res.annual_growth_after_pct,
            annual_growth_before_ci_pct=res.annual_growth_before_ci_pct,
            annual_growth_after_ci_pct=res.annual_growth_after_ci_pct,
            p_value_slope_change=res.p_value_slope_change, p_value_joint=res.p_value_joint,
            observed=data.quarterly.copy(), fitted=res.fitted, log_residuals=res.log_residuals,
            results=res.results, basis=data.basis,
            level_shift_pct=_classical_and_shift(res.results)[1],
            p_value_slope_change_classical=_classical_and_shift(res.results)[0],
        )
    return _annual_fit(data, int(brk[:4]), alpha)


def _classical_and_shift(results) -> tuple[float, float]:
    """(classical OLS p-value of trend_change, level shift in %) for a fitted break regression."""
    names = list(results.model.exog_names)
    classical = sm.OLS(results.model.endog, results.model.exog).fit()
    p = float(classical.pvalues[names.index("trend_change")])
    shift = float(np.expm1(results.params.iloc[names.index("level_shift")]) * 100)
    return p, shift


def _annual_fit(data: RegimeData, break_year: int, alpha: float) -> RegimeFit:
    annual = data.annual
    values = annual.to_numpy(dtype=float)
    if np.any(~(values > 0)):
        raise ValueError("annual capex must be positive to take logs")
    log_y = pd.Series(np.log(values), index=annual.index)
    n = len(log_y)
    t = np.arange(n, dtype=float) - annual.index.get_loc(pd.Period(year=break_year, freq="Y"))
    after = (t > 0).astype(float)
    exog = pd.DataFrame(np.column_stack([np.ones(n), t, after, after * t]), index=annual.index,
                        columns=["level", "trend", "level_shift", "trend_change"])
    hac_lags = int(np.floor(0.75 * n ** (1 / 3)))
    results = sm.OLS(log_y, exog).fit(
        cov_type="HAC", cov_kwds={"maxlags": hac_lags, "use_correction": True}, use_t=True
    )
    before = results.t_test("trend = 0")
    after_t = results.t_test("trend + trend_change = 0")
    ci_b = tuple(float(np.expm1(v) * 100) for v in before.conf_int(alpha=alpha)[0])
    ci_a = tuple(float(np.expm1(v) * 100) for v in after_t.conf_int(alpha=alpha)[0])
    return RegimeFit(
        frequency="year", break_label=str(break_year),
        companies=data.annual_companies, excluded=dict(data.annual_excluded),
        n_obs=n, hac_lags=hac_lags, alpha=float(alpha),
        annual_growth_before_pct=float(np.expm1(before.effect[0]) * 100),
        annual_growth_after_pct=float(np.expm1(after_t.effect[0]) * 100),
        annual_growth_before_ci_pct=ci_b, annual_growth_after_ci_pct=ci_a,
        p_value_slope_change=float(results.pvalues["trend_change"]),
        p_value_joint=float(results.f_test("level_shift = 0, trend_change = 0").pvalue),
        observed=annual.copy(), fitted=np.exp(results.fittedvalues).rename("fitted"),
        log_residuals=results.resid.rename("log_residual"), results=results, basis=data.basis,
        level_shift_pct=_classical_and_shift(results)[1],
        p_value_slope_change_classical=_classical_and_shift(results)[0],
    )


def regime_lines(fit: RegimeFit) -> pd.DataFrame:
    """The fit as a plotting frame: period (timestamp at the start of the period), label,
    observed, fitted (USD bn), log_residual, regime ("before" up to and including the break,
    "after")."""
    index = fit.observed.index
    brk = pd.Period(fit.break_label, freq=index.freq)
    return pd.DataFrame(
        {
            "period": index.to_timestamp(how="start"),
            "label": index.astype(str),
            "observed": fit.observed.to_numpy(dtype=float),
            "fitted": fit.fitted.reindex(index).to_numpy(dtype=float),
            "log_residual": fit.log_residuals.reindex(index).to_numpy(dtype=float),
            "regime": np.where(index <= brk, "before", "after"),
        }
    )


def residual_diagnostics(fit: RegimeFit) -> pd.DataFrame:
    """Checks of the fit's log residuals: Durbin-Watson, Ljung-Box, Jarque-Bera.

    Columns: test, statistic, p_value (NaN where none), reading. With ten or so points these
    tests have little power: a pass is weak evidence that the residuals are well behaved.
    """
    resid = fit.log_residuals.to_numpy(dtype=float)
    n = resid.size
    dw = float(durbin_watson(resid))
    lags = max(1, min(4, n // 4))
    lb = acorr_ljungbox(resid, lags=[lags], return_df=True)
    jb_stat, jb_p, _, _ = jarque_bera(resid)
    return pd.DataFrame(
        [
            {"test": "Durbin-Watson (autocorrelation at lag 1)", "statistic": dw, "p_value": np.nan,
             "reading": "about 2 = none; well below 2 = positive autocorrelation (HAC errors allow for it)"},
            {"test": f"Ljung-Box (autocorrelation up to lag {lags})", "statistic": float(lb["lb_stat"].iloc[0]),
             "p_value": float(lb["lb_pvalue"].iloc[0]), "reading": "p < 0.05: residuals are autocorrelated"},
            {"test": "Jarque-Bera (normality)", "statistic": float(jb_stat), "p_value": float(jb_p),
             "reading": f"p < 0.05: residuals not normal (weak test with n = {n})"},
        ]
    )


def describe_break(fit: RegimeFit) -> str:
    """One sentence on the break test, worded by the conservative p-value.

    The p-value read is :attr:`RegimeFit.p_value_conservative` (the larger of HAC and
    classical OLS). With a dozen observations HAC tests over-reject (about 13 % instead of
    5 % at n = 32, worse with fewer), so only p < 0.01 is read as clear evidence and
    0.01 <= p < 0.10 as inconclusive.
    """
    p = fit.p_value_conservative
    direction = "faster" if fit.annual_growth_after_pct > fit.annual_growth_before_pct else "slower"
    label = fit.break_label
    if p < 0.01:
        verdict = f"Growth was clearly {direction} after {label}"
    elif p < 0.10:
        verdict = (f"Growth looks {direction} after {label}, but with so few observations the test is "
                   f"inconclusive")
    else:
        verdict = f"There is no evidence that growth changed after {label}"
    lo_b, hi_b = fit.annual_growth_before_ci_pct
    lo_a, hi_a = fit.annual_growth_after_ci_pct
    level = round(100 * (1 - fit.alpha))
    unit = "quarters" if fit.frequency == "quarter" else "calendar years"
    return (
        f"{verdict}: {fit.annual_growth_before_pct:.0f} % a year before ({level} % HAC CI {lo_b:.0f} to {hi_b:.0f} %), "
        f"{fit.annual_growth_after_pct:.0f} % a year after ({lo_a:.0f} to {hi_a:.0f} %); "
        f"p-value for no change in growth {fit.p_value_slope_change:.2g} with HAC errors and "
        f"{fit.p_value_slope_change_classical:.2g} with classical errors (the larger is read), from {fit.n_obs} {unit}"
    )


# --- forecasts and the path to 2030 --------------------------------------------------------


def calendar_year_forecast(actual: pd.Series, forecast: pd.DataFrame) -> pd.DataFrame:
    """Calendar-year totals from actual quarters plus forecast quarters (USD bn).

    ``actual``: quarterly Series (PeriodIndex); ``forecast``: :func:`analysis.trends.forecast`
    output. Only years with four quarters (actual or forecast) are returned. Interval columns
    add the quarterly bounds, i.e. assume a path stays at the same quantile all year (errors
    of a trend model are strongly correlated across quarters); this slightly overstates the
    width. Columns: calendar_year, actual_quarters, forecast_quarters, median, mean,
    lower_80, upper_80, lower_95, upper_95.
    """
    cols = ["median", "mean", "lower_80", "upper_80", "lower_95", "upper_95"]
    fc = forecast.set_index(pd.PeriodIndex(forecast["period"], freq="Q"))[cols]
    overlap = fc.index.intersection(actual.index)
    if len(overlap):
        raise ValueError(f"forecast overlaps the actual quarters: {', '.join(map(str, overlap))}")
    act = pd.DataFrame({c: actual.to_numpy(dtype=float) for c in cols}, index=actual.index)
    both = pd.concat([act.assign(source="actual"), fc.assign(source="forecast")]).sort_index()
    both["calendar_year"] = both.index.year
    grouped = both.groupby("calendar_year")
    out = grouped[cols].sum()
    out["actual_quarters"] = grouped["source"].apply(lambda s: int((s == "actual").sum()))
    out["forecast_quarters"] = grouped["source"].apply(lambda s: int((s == "forecast").sum()))
    out = out[(out["actual_quarters"] + out["forecast_quarters"]) == 4]
    out = out[out["forecast_quarters"] > 0].reset_index()
    return out[["calendar_year", "actual_quarters", "forecast_quarters", *cols]]


def quarters_until(last_quarter: pd.Period, end_year: int) -> int:
    """Number of quarters after ``last_quarter`` up to and including Q4 of ``end_year``."""
    end = pd.Period(f"{int(end_year)}Q4", freq="Q")
    n = (end - last_quarter).n
    if n < 1:
        raise ValueError(f"end_year must be after the last quarter {last_quarter}; got {end_year}")
    return int(n)


_BANDS = ["lower_80", "upper_80", "lower_95", "upper_95"]


def scenario_paths(
    actual_years: pd.Series,
    guidance_year: int,
    guidance_mid: float,
    forecasts: Mapping[str, pd.DataFrame],
    start_year: int,
    end_year: int = 2030,
) -> pd.DataFrame:
    """Annual and cumulative capex from ``start_year`` to ``end_year`` under three kinds of path.

    ``actual_years``: calendar-year totals (index = year, USD bn or EUR bn) for complete
    years; ``guidance_mid``: the summed guidance midpoint for ``guidance_year``;
    ``forecasts``: {scenario name: :func:`calendar_year_forecast` output}. Scenarios:

    - "Guidance, then flat": actual years, then the guidance midpoint for ``guidance_year``
      and every later year (no growth after the guided year).
    - one scenario per forecast: actual years, then the forecast years (median, with
      80 %/95 % bands).

    Cumulative bands add the annual bounds (same-quantile path). Columns: scenario,
    calendar_year, kind (actual/guidance/held flat/forecast), annual, cumulative, and for
    each band ``annual_<band>`` and ``cumulative_<band>``.
    """
    years = list(range(int(start_year), int(end_year) + 1))
    actual = actual_years[(actual_years.index >= start_year) & (actual_years.index <= end_year)].dropna()
    last_actual = int(actual.index.max()) if len(actual) else start_year - 1
    if len(actual) and sorted(actual.index) != list(range(start_year, last_actual + 1)):
        raise ValueError(f"actual_years must cover every year from {start_year} to {last_actual}")
    frames = []
    flat = []
    for year in years:
        if year <= last_actual:
            flat.append((year, "actual", float(actual[year])))
        elif year < guidance_year:
            raise ValueError(f"no actual or guidance for {year}: guidance_year {guidance_year} is not the next year")
        else:
            flat.append((year, "guidance" if year == guidance_year else "held flat", float(guidance_mid)))
    frame = pd.DataFrame(flat, columns=["calendar_year", "kind", "annual"])
    for band in _BANDS:
        frame[f"annual_{band}"] = frame["annual"]
    frames.append(frame.assign(scenario="Guidance, then flat"))
    for name, fc in forecasts.items():
        by_year = fc.set_index("calendar_year")
        rows = []
        for year in years:
            if year <= last_actual:
                value = float(actual[year])
                rows.append({"calendar_year": year, "kind": "actual", "annual": value,
                             **{f"annual_{b}": value for b in _BANDS}})
            elif year in by_year.index:
                row = by_year.loc[year]
                rows.append({"calendar_year": year, "kind": "forecast", "annual": float(row["median"]),
                             **{f"annual_{b}": float(row[b]) for b in _BANDS}})
            else:
                raise ValueError(f"forecast {name!r} does not cover calendar year {year}")
        frames.append(pd.DataFrame(rows).assign(scenario=name))
    out = pd.concat(frames, ignore_index=True)
    out["cumulative"] = out.groupby("scenario")["annual"].cumsum()
    for band in _BANDS:
        out[f"cumulative_{band}"] = out.groupby("scenario")[f"annual_{band}"].cumsum()
    first = ["scenario", "calendar_year", "kind", "annual", "cumulative"]
    return out[first + [c for c in out.columns if c not in first]]


def compare_with_estimate(paths: pd.DataFrame, estimate: float) -> pd.DataFrame:
    """Each scenario's cumulative total at its last year against a published cumulative
    ``estimate`` (same unit as ``paths``). Columns: scenario, end_year, cumulative,
    cumulative_lower_80, cumulative_upper_80, share_of_estimate_pct, year_reached (first
    year the cumulative median reaches the estimate; NaN if it does not)."""
    rows = []
    for name, part in paths.groupby("scenario", sort=False):
        part = part.sort_values("calendar_year")
        last = part.iloc[-1]
        reached = part.loc[part["cumulative"] >= estimate, "calendar_year"]
        rows.append(
            {
                "scenario": name, "end_year": int(last["calendar_year"]), "cumulative": float(last["cumulative"]),
                "cumulative_lower_80": float(last["cumulative_lower_80"]),
                "cumulative_upper_80": float(last["cumulative_upper_80"]),
                "share_of_estimate_pct": 100 * float(last["cumulative"]) / estimate,
                "year_reached": float(reached.iloc[0]) if len(reached) else np.nan,
            }
        )
    return pd.DataFrame(rows)


def published_estimate(estimates: pd.DataFrame, publisher: str, metric: str) -> dict:
    """One row of ``published_estimates`` as a dict with ``value_usd_bn`` (usd_tn x 1000) and
    ``year`` (publication year, for currency conversion)."""
    hit = estimates[(estimates["publisher"] == publisher) & (estimates["metric"] == metric)]
    if len(hit) != 1:
        raise ValueError(f"expected one published estimate {publisher!r} / {metric!r}; found {len(hit)}")
    row = hit.iloc[0].to_dict()
    scale = {"usd_tn": 1000.0, "usd_bn": 1.0, "usd_bn_per_year": 1.0}
    if row["unit"] not in scale:
        raise ValueError(f"{metric}: unit {row['unit']!r} is not an amount in USD")
    row["value_usd_bn"] = float(row["value"]) * scale[row["unit"]]
    row["year"] = int(str(row["date"])[:4])
    return row


# --- Europe and a training run -------------------------------------------------------------

_COMMITMENT_TAGS = {
    "multi_year_commitment": "multi-year total",
    "mobilisation_target": "mobilisation target",
    "fund_target": "fund target",
    "call_budget": "one call",
    "annual_budget": "per year",
}
_COMMITMENT_CAVEATS = {
    "multi_year_commitment": "multi-year commitment, not annual spending",
    "mobilisation_target": "public + private mobilisation target, not budget money; span not stated",
    "fund_target": "fund target, part of InvestAI; multi-year, span not stated",
    "call_budget": "budget of one call",
    "annual_budget": "annual budget",
}


def eu_programme_amounts(programmes: pd.DataFrame, currency: str, usd_per_eur: pd.Series) -> pd.DataFrame:
    """EU-level AI/compute programme amounts in ``currency`` bn, with what kind of money they are.

    ``programmes``: ``eu_ai_programmes``; keeps EU rows with a EUR amount (EUR_bn, EUR_m,
    EUR_bn_per_year). Multi-year amounts stay totals; where the span is stated ("2021-2027")
    ``per_year`` spreads the total evenly over it (an average, not a budget profile). EUR is
    converted to USD at the ECB average of the year of the announcement or status date
    (``fx_year``; the latest published year for later dates). Columns: programme, item,
    amount, per_year, span_years, commitment_type, label (programme and kind of money),
    caveat, period, fx_year, currency, source_title, source_url.
    """
    check_choice("currency", currency, fx.CURRENCIES)
    rows = programmes[(programmes["geo"] == "EU") & programmes["unit"].isin(["EUR_bn", "EUR_m", "EUR_bn_per_year"])]
    scale = rows["unit"].map({"EUR_bn": 1.0, "EUR_m": 0.001, "EUR_bn_per_year": 1.0}).to_numpy(dtype=float)
    eur_bn = rows["value"].to_numpy(dtype=float) * scale
    spans = rows["period"].str.extract(r"^(\d{4})-(\d{4})$").astype(float)
    span_years = (spans[1] - spans[0] + 1).to_numpy()
    per_year = np.where(rows["unit"] == "EUR_bn_per_year", eur_bn, eur_bn / span_years)
    dated = np.where(np.isnan(span_years), rows["period"].str[:4], rows["source_date"].str[:4]).astype(int)
    fx_year = np.minimum(dated, fx.latest_rate_year(usd_per_eur))
    amount = fx.from_eur(eur_bn, fx_year, currency, usd_per_eur)
    per_year_ccy = fx.from_eur(per_year, fx_year, currency, usd_per_eur)
    return pd.DataFrame(
        {
            "programme": rows["programme"].to_numpy(), "item": rows["item"].to_numpy(),
            "amount": amount, "per_year": per_year_ccy, "span_years": span_years,
            "commitment_type": rows["commitment_type"].to_numpy(),
            "label": (rows["programme"] + " (" + rows["commitment_type"].map(_COMMITMENT_TAGS).fillna("other") + ")").to_numpy(),
            "caveat": rows["commitment_type"].map(_COMMITMENT_CAVEATS).fillna("").to_numpy(),
            "period": rows["period"].to_numpy(), "fx_year": fx_year, "currency": currency,
            "source_title": rows["source_title"].to_numpy(), "source_url": rows["source_url"].to_numpy(),
        }
    )


def training_run_cost(efficiency: pd.DataFrame, subject_contains: str = "DeepSeek-V3") -> dict:
    """The published cost of one final training run (``ai_efficiency_estimates``), USD bn and m."""
    hit = efficiency[
        (efficiency["metric"] == "training_cost_at_assumed_rental_price")
        & efficiency["subject"].str.contains(subject_contains, regex=False)
    ]
    if len(hit) != 1:
        raise ValueError(f"expected one training-cost row for {subject_contains!r}; found {len(hit)}")
    row = hit.iloc[0].to_dict()
    if row["unit"] != "USD million":
        raise ValueError(f"training cost unit {row['unit']!r}; expected 'USD million'")
    row["usd_m"] = float(row["value"])
    row["usd_bn"] = float(row["value"]) / 1000
    return row


def capex_multiple(capex_usd_bn: float, cost_usd_bn: float) -> float:
    """How many times ``cost_usd_bn`` fits into ``capex_usd_bn`` (both USD bn)."""
    check_range("cost_usd_bn", cost_usd_bn, 0.0, None, low_inclusive=False)
    return float(capex_usd_bn) / float(cost_usd_bn)


# --- the article's claims ------------------------------------------------------------------


def largest_twelve_month_capex(capex: pd.DataFrame, before_year: int | None = None) -> dict:
    """The largest capex any company in the data spent in one year (USD bn, any definition).

    Looks at every reported fiscal year and every trailing-twelve-month sum of four
    consecutive quarters (per company and metric), ending before ``before_year`` if given.
    Returns entity, metric, period (label), kind ("fiscal year" or "four quarters to ..."),
    value.
    """
    best = {"value": -np.inf}
    annual = capex[capex["period_type"] == "annual"]
    for row in annual.itertuples():
        year = int(row.period)
        if before_year is not None and year >= before_year:
            continue
        if row.value > best["value"]:
            best = {"entity": row.entity, "metric": row.metric, "period": row.period, "kind": "fiscal year",
                    "value": float(row.value)}
    quarters = capex[capex["period_type"] == "quarter"]
    for (entity, metric), part in quarters.groupby(["entity", "metric"]):
        q = trailing_twelve_months(part.assign(entity=entity), "entity")
        for row in q.dropna(subset=["ttm"]).itertuples():
            if before_year is not None and int(row.calendar_year) >= before_year:
                continue
            if row.ttm > best["value"]:
                best = {"entity": entity, "metric": metric, "period": row.calendar_quarter,
                        "kind": f"four calendar quarters to {row.calendar_quarter}", "value": float(row.ttm)}
    return best


def article_claims(
    latest: pd.DataFrame,
    capex: pd.DataFrame,
    year: int = 2026,
    total_threshold: float = 600.0,
    single_company: str = "amazon",
    single_level: float = 200.0,
    about_tolerance: float = 0.10,
) -> pd.DataFrame:
    """Test three statements of the source article against the data (USD bn).

    1. "The four plan more than USD ``total_threshold``bn of capex in ``year``": the sum of the
       latest guidance (low and high ends) of the four companies.
    2. "``single_company`` alone about ``single_level``bn": its latest guidance midpoint within
       ``about_tolerance`` (fraction) of the level.
    3. "Never before has one company invested more than ``single_level``bn in one year": the
       largest fiscal-year or four-quarter capex of any company in the data to date.
    Columns: claim, evidence, value, threshold, verdict, caveat.
    """
    check_range("about_tolerance", about_tolerance, 0.0, 1.0)
    total = guidance_total(latest, list(BIG_FOUR), year)
    one = latest[(latest["entity"] == single_company) & (latest["year"] == year)]
    record = largest_twelve_month_capex(capex)
    rows = []
    if total.complete:
        verdict = (
            "supported (even the low ends add up to more)" if total.low > total_threshold
            else "supported only at the high end" if total.high > total_threshold
            else "not supported"
        )
        evidence = f"sum of the latest {year} guidance: {total.low:.0f}-{total.high:.0f}"
        value = total.low
    else:
        verdict, evidence, value = "cannot be tested", f"no {year} guidance for {', '.join(total.missing)}", np.nan
    rows.append({"claim": f"Amazon, Alphabet, Microsoft and Meta plan more than USD {total_threshold:.0f}bn of capex in {year}",
                 "evidence": evidence, "value": value, "threshold": total_threshold, "verdict": verdict,
                 "caveat": "guidance, not spending; bases differ (Amazon net cash capex; Meta and Microsoft incl. "
                           "finance leases); total capex, not only AI"})
    if len(one):
        mid = float(one["mid"].iloc[0])
        ok = abs(mid - single_level) <= about_tolerance * single_level
        rows.append({"claim": f"{_name(single_company)} alone about USD {single_level:.0f}bn",
                     "evidence": f"latest {year} guidance midpoint {mid:.0f} (announced {one['announced'].iloc[0]})",
                     "value": mid, "threshold": single_level,
                     "verdict": "supported" if ok else "not supported",
                     "caveat": f"'about' read as within {about_tolerance:.0%}; guidance, not spending"})
    else:
        rows.append({"claim": f"{_name(single_company)} alone about USD {single_level:.0f}bn",
                     "evidence": f"no {year} guidance", "value": np.nan, "threshold": single_level,
                     "verdict": "cannot be tested", "caveat": ""})
    never = record["value"] < single_level
    rows.append({"claim": f"Never before has one company invested more than USD {single_level:.0f}bn in one year",
                 "evidence": f"largest in the data to date: {record['value']:.1f} "
                             f"({_name(record['entity'])}, {record['kind']}, {record['metric']})",
                 "value": record["value"], "threshold": single_level,
                 "verdict": "consistent with the data" if never else "contradicted by the data",
                 "caveat": "the data cover Amazon, Alphabet, Microsoft, Meta and Oracle since 2015 only; "
                           "other companies and earlier decades are not in the data"})
    return pd.DataFrame(rows)


# --- helpers -------------------------------------------------------------------------------


def _single_basis(frame: pd.DataFrame) -> str:
    if "basis" in frame:
        bases = set(frame["basis"].dropna().astype(str))
        if len(bases) == 1:
            return bases.pop()
        if bases:
            return MIXED_GUIDANCE_BASIS
    return frame.attrs.get("basis", "capex_cash") if hasattr(frame, "attrs") else "capex_cash"
