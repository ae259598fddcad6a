"""Fiscal periods → calendar periods, in one place.

A company's period label is its own fiscal period: ``"2025"`` for fiscal year 2025,
``"2025Q3"`` for its third fiscal quarter. Fiscal year N ends in month
``FISCAL_YEAR_END_MONTH[entity]`` of calendar year N (December when not listed):

- Microsoft: FY ends 30 June (FY2026 = Jul 2025 – Jun 2026; FY2026 Q1 = Jul–Sep 2025).
- Oracle: FY ends 31 May (FY2026 Q1 = Jun–Aug 2025).
- Nvidia: FY ends on the last Sunday of January (FY2026 ≈ Feb 2025 – Jan 2026; its quarters
  are 13-week periods, approximated here by calendar months Feb–Apr, May–Jul, ...).

A fiscal quarter is assigned to the calendar quarter that holds its middle month
(Oracle's Jun–Aug quarter → calendar Q3). A fiscal year is assigned to a calendar year only
when at least 9 of its 12 months fall in that year (exact for December year-ends, Nvidia's
FY2026 → 2025); otherwise (Microsoft, Oracle) it has no calendar year and stays fiscal.
"""

from __future__ import annotations

import re

import pandas as pd

FISCAL_YEAR_END_MONTH: dict[str, int] = {"microsoft": 6, "oracle": 5, "nvidia": 1}
_PERIOD = re.compile(r"^(\d{4})(?:Q([1-4]))?$")


def fiscal_year_end_month(entity: str) -> int:
    """Month (1–12) in which ``entity``'s fiscal year ends (12 unless listed)."""
    return FISCAL_YEAR_END_MONTH.get(entity, 12)


def _parse(period: str) -> tuple[int, int | None]:
    match = _PERIOD.match(str(period))
    if not match:
        raise ValueError(f"period {period!r} is not a fiscal period label; expected 'YYYY' or 'YYYYQn' (n = 1..4)")
    year, quarter = match.groups()
    return int(year), int(quarter) if quarter else None


def fiscal_quarter_months(entity: str, period: str) -> pd.PeriodIndex:
    """The three calendar months of fiscal quarter ``period`` (e.g. ``"2026Q1"``) of ``entity``."""
    year, quarter = _parse(period)
    if quarter is None:
        raise ValueError(f"period {period!r} is a fiscal year; expected a quarter 'YYYYQn'")
    end = pd.Period(year=year, month=fiscal_year_end_month(entity), freq="M") - 3 * (4 - quarter)
    return pd.period_range(end=end, periods=3, freq="M")


def fiscal_to_calendar_quarter(entity: str, period: str) -> str:
    """Calendar quarter (``"2025Q3"``) of ``entity``'s fiscal quarter ``period``, by its middle month."""
    middle = fiscal_quarter_months(entity, period)[1]
    return str(middle.asfreq("Q"))


def fiscal_to_calendar_year(entity: str, period: str) -> int | None:
    """Calendar year holding at least 9 months of fiscal year ``period``, else None."""
    year, quarter = _parse(period)
    if quarter is not None:
        raise ValueError(f"period {period!r} is a quarter; expected a fiscal year 'YYYY'")
    months = pd.period_range(end=pd.Period(year=year, month=fiscal_year_end_month(entity), freq="M"), periods=12, freq="M")
    counts = pd.Series(months.year).value_counts()
    return int(counts.index[0]) if counts.iloc[0] >= 9 else None


def add_calendar_periods(frame: pd.DataFrame, entity_col: str = "entity", period_col: str = "period") -> pd.DataFrame:
    """Return ``frame`` with ``period_type`` (annual|quarter), ``calendar_year`` and ``calendar_quarter``.

    ``calendar_quarter`` is set for quarters; ``calendar_year`` for quarters (the quarter's
    year) and for fiscal years that map to one calendar year (see module docstring).
    """
    out = frame.copy()
    is_quarter = out[period_col].str.contains("Q", regex=False)
    out["period_type"] = is_quarter.map({True: "quarter", False: "annual"})
    quarters = [
        fiscal_to_calendar_quarter(e, p) if q else None
        for e, p, q in zip(out[entity_col], out[period_col], is_quarter)
    ]
    out["calendar_quarter"] = pd.array(quarters, dtype="string")
    years = [
        int(cq[:4]) if q else fiscal_to_calendar_year(e, p)
        for e, p, q, cq in zip(out[entity_col], out[period_col], is_quarter, quarters)
    ]
    out["calendar_year"] = pd.array(years, dtype="Int64")
    return out
