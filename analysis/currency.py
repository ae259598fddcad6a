"""USD <-> EUR at ECB annual average reference rates, in one place.

Rates are quoted as **USD per 1 EUR** (the ECB convention; dataset ``eur_usd_rates``):
``EUR = USD / usd_per_eur`` and ``USD = EUR * usd_per_eur``. A rate exists only for the
calendar years the dataset holds; an amount dated in any other year raises ``ValueError``
listing the available years. There is no silent default and no extrapolation: a caller
that wants to convert a later year (e.g. 2026 guidance) at the latest published average
must say so by passing that year explicitly (see ``latest_rate_year``).

>>> rates = usd_per_eur_series(data.load("eur_usd_rates"))
>>> usd_to_eur(100.0, 2024, rates)          # 100 USD at 1.08238 USD/EUR
92.389...
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.checks import check_choice, check_positive

#: Currencies a report can be shown in.
CURRENCIES = ("USD", "EUR")


def usd_per_eur_series(rates: pd.DataFrame, year_col: str = "year", rate_col: str = "usd_per_eur") -> pd.Series:
    """The ``eur_usd_rates`` table as a Series: index = calendar year (int), values = USD per EUR."""
    series = pd.Series(
        rates[rate_col].to_numpy(dtype=float), index=rates[year_col].astype(int).to_numpy(), name="usd_per_eur"
    )
    series.index.name = "year"
    if series.index.has_duplicates:
        repeated = sorted(set(series.index[series.index.duplicated()]))
        raise ValueError(f"usd_per_eur must hold one rate per year; repeated: {repeated}")
    check_positive("usd_per_eur", series.to_numpy(), unit="USD per EUR")
    return series.sort_index()


def latest_rate_year(usd_per_eur: pd.Series) -> int:
    """The last calendar year with a published annual average rate."""
    _check_rates(usd_per_eur)
    return int(usd_per_eur.index.max())


def rate_for(year, usd_per_eur: pd.Series) -> np.ndarray | float:
    """USD per EUR for ``year`` (int or array of ints); ``ValueError`` for a year without a rate."""
    _check_rates(usd_per_eur)
    years = np.asarray(year)
    if years.size and not np.issubdtype(years.dtype, np.number):
        raise ValueError(f"year must be a calendar year (int); got {year!r}")
    if years.size and np.any(np.isnan(years.astype(float))):
        raise ValueError("year must be a calendar year (int); got a missing year (NaN)")
    years_int = years.astype(int)
    if np.any(years_int != years.astype(float)):
        raise ValueError(f"year must be a whole calendar year; got {year!r}")
    known = usd_per_eur.index.to_numpy(dtype=int)
    unknown = sorted(set(years_int.ravel().tolist()) - set(known.tolist()))
    if unknown:
        raise ValueError(
            f"no ECB annual average USD/EUR rate for year {', '.join(map(str, unknown))}; "
            f"available years: {', '.join(map(str, known))}"
        )
    rates = usd_per_eur.reindex(years_int.ravel()).to_numpy(dtype=float).reshape(years_int.shape)
    return float(rates) if rates.ndim == 0 else rates


def usd_to_eur(amount, year, usd_per_eur: pd.Series):
    """Convert ``amount`` in USD (any scale: USD bn in, EUR bn out) at ``year``'s ECB average.

    ``amount`` and ``year`` are scalars or arrays of the same shape (or broadcastable);
    ``usd_per_eur`` is indexed by calendar year (see :func:`usd_per_eur_series`).
    Returns ``amount / usd_per_eur[year]`` (a float for scalar input).
    """
    return _result(np.asarray(amount, dtype=float) / rate_for(year, usd_per_eur))


def eur_to_usd(amount, year, usd_per_eur: pd.Series):
    """Convert ``amount`` in EUR (any scale) to USD: ``amount * usd_per_eur[year]``."""
    return _result(np.asarray(amount, dtype=float) * rate_for(year, usd_per_eur))


def from_usd(amount, year, currency: str, usd_per_eur: pd.Series):
    """``amount`` in USD expressed in ``currency`` ("USD" unchanged, "EUR" converted)."""
    check_choice("currency", currency, CURRENCIES)
    if currency == "USD":
        return _result(np.asarray(amount, dtype=float))
    return usd_to_eur(amount, year, usd_per_eur)


def from_eur(amount, year, currency: str, usd_per_eur: pd.Series):
    """``amount`` in EUR expressed in ``currency`` ("EUR" unchanged, "USD" converted)."""
    check_choice("currency", currency, CURRENCIES)
    if currency == "EUR":
        return _result(np.asarray(amount, dtype=float))
    return eur_to_usd(amount, year, usd_per_eur)


def _check_rates(usd_per_eur: pd.Series) -> None:
    if not isinstance(usd_per_eur, pd.Series) or usd_per_eur.empty:
        raise ValueError("usd_per_eur must be a non-empty pd.Series of USD per EUR indexed by calendar year")


def _result(values: np.ndarray):
    return float(values) if np.ndim(values) == 0 else values
