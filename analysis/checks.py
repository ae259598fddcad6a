"""Argument checks shared by the calculation modules.

Every check raises :class:`ValueError` whose message names the argument, the offending
value and what is allowed, so that a bad parameter never turns into a wrong number.
Checks accept scalars and numpy arrays (every element is checked).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def _describe(values: np.ndarray) -> str:
    bad = np.unique(values.ravel())
    shown = ", ".join(f"{v:g}" for v in bad[:5])
    return shown + (f" (and {bad.size - 5} more)" if bad.size > 5 else "")


def check_range(
    name: str,
    value,
    low: float | None = None,
    high: float | None = None,
    *,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    unit: str = "",
) -> np.ndarray:
    """Return ``value`` as a float array after checking ``low <= value <= high``.

    ``low_inclusive``/``high_inclusive`` switch each bound to a strict inequality.
    NaN is always rejected. Raises ``ValueError`` naming ``name`` and the allowed range.
    """
    arr = np.asarray(value, dtype=float)
    bad = np.isnan(arr)
    if low is not None:
        bad |= arr < low if low_inclusive else arr <= low
    if high is not None:
        bad |= arr > high if high_inclusive else arr >= high
    if bad.any():
        left = "[" if low_inclusive and low is not None else "("
        right = "]" if high_inclusive and high is not None else ")"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        suffix = f" {unit}" if unit else ""
        raise ValueError(
            f"{name} must be in {left}{lo}, {hi}{right}{suffix}; got {_describe(arr[bad])}"
        )
    return arr


def check_positive(name: str, value, *, unit: str = "") -> np.ndarray:
    """Return ``value`` as a float array after checking it is strictly positive."""
    return check_range(name, value, 0.0, None, low_inclusive=False, unit=unit)


def check_non_negative(name: str, value, *, unit: str = "") -> np.ndarray:
    """Return ``value`` as a float array after checking it is zero or positive."""
    return check_range(name, value, 0.0, None, unit=unit)


def check_fraction(name: str, value, *, allow_zero: bool = True) -> np.ndarray:
    """Return ``value`` after checking it is a share in [0, 1] (or (0, 1])."""
    return check_range(name, value, 0.0, 1.0, low_inclusive=allow_zero)


def check_choice(name: str, value: str, allowed: Iterable[str]) -> str:
    """Return ``value`` after checking it is one of ``allowed`` (listed in the error)."""
    options = sorted(allowed)
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(str, options))}; got {value!r}")
    return value
