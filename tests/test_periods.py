"""Fiscal → calendar mapping, checked against the companies' published fiscal calendars."""

import pandas as pd
import pytest

from analysis.data.periods import (
    add_calendar_periods,
    fiscal_quarter_months,
    fiscal_to_calendar_quarter,
    fiscal_to_calendar_year,
)


@pytest.mark.parametrize(
    ("entity", "fiscal", "calendar"),
    [
        # Microsoft FY ends 30 June: FY2026 Q1 = Jul-Sep 2025, Q2 = Oct-Dec 2025, Q4 = Apr-Jun 2026
        ("microsoft", "2026Q1", "2025Q3"),
        ("microsoft", "2026Q2", "2025Q4"),
        ("microsoft", "2026Q4", "2026Q2"),
        # Oracle FY ends 31 May: FY2026 Q1 = Jun-Aug 2025 (middle month July -> Q3)
        ("oracle", "2026Q1", "2025Q3"),
        # Nvidia FY ends late January: FY2026 Q3 = Aug-Oct 2025 (middle month September -> Q3)
        ("nvidia", "2026Q3", "2025Q3"),
        ("nvidia", "2026Q4", "2025Q4"),  # Nov 2025 - Jan 2026
        # calendar-year companies map to themselves
        ("amazon", "2025Q3", "2025Q3"),
        ("meta", "2023Q1", "2023Q1"),
    ],
)
def test_fiscal_quarter_to_calendar_quarter(entity, fiscal, calendar):
    assert fiscal_to_calendar_quarter(entity, fiscal) == calendar


def test_fiscal_quarter_months_microsoft():
    months = fiscal_quarter_months("microsoft", "2026Q1")
    assert [str(m) for m in months] == ["2025-07", "2025-08", "2025-09"]


@pytest.mark.parametrize(
    ("entity", "fiscal", "calendar"),
    [("amazon", "2024", 2024), ("nvidia", "2026", 2025), ("microsoft", "2025", None), ("oracle", "2025", None)],
)
def test_fiscal_year_to_calendar_year(entity, fiscal, calendar):
    # Nvidia FY2026 = Feb 2025 - Jan 2026: 11 months in 2025. Microsoft FY2025 = Jul 2024 - Jun 2025: 6/6.
    assert fiscal_to_calendar_year(entity, fiscal) == calendar


def test_bad_period_label_is_rejected():
    with pytest.raises(ValueError, match="'2025-Q3' is not a fiscal period label"):
        fiscal_to_calendar_quarter("amazon", "2025-Q3")


def test_add_calendar_periods_columns():
    frame = pd.DataFrame({"entity": ["microsoft", "microsoft", "amazon"], "period": ["2026Q1", "2025", "2025"]})
    out = add_calendar_periods(frame)
    assert out["calendar_quarter"].tolist()[0] == "2025Q3"
    assert out["period_type"].tolist() == ["quarter", "annual", "annual"]
    assert out["calendar_year"].isna().tolist() == [False, True, False]
