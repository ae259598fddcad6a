"""Does the AI capex pay off? Revenue requirement, depreciation wall, cohort NPV and Monte Carlo.

Money is in USD bn unless a docstring says otherwise; shares, margins, growth, tax and
discount rates are fractions (0.25 = 25 %); time is in years. Every function accepts
scalars and numpy arrays and broadcasts them.

Four views of the same question:

1. The published arithmetic: Sequoia's "AI's $200B / $600B Question" (David Cahn, 2023
   and 2024) and Bain's "capex is ~25 % of sustainable revenue" (Technology Report 2025).
2. Depreciation by vintage: the "depreciation wall" that today's capex puts on future
   income statements, and how the useful-life choice moves the operating margin.
3. Cohort economics: the cash flows, NPV, IRR and discounted payback of one year's capex.
4. Monte Carlo over the cohort inputs, vectorised over all draws at once.

Conventions (a reviewer should know these):

* Depreciation by vintage (:func:`straight_line_depreciation`) places capex in service
  either mid-year (``convention="mid_year"``, the default: annual capex is spent through
  the year, so its first calendar year carries half a year of depreciation) or at the
  start of the year (``"start_of_year"``: a full year in the vintage year).
* Cohort cash flows (:func:`cohort_cash_flows`) are booked at year ends. Year 0 is the
  capex; years 1..ceil(life) carry the after-tax operating cash flow plus the tax shield of
  straight-line depreciation (capex / life per year, down to a book value of zero):
  ``cf_t = s_t * ((R_1 (1 + g)^(t-1) * gross_margin - opex_share * capex) (1 - tax)
  + tax * capex / life)``, with ``s_t`` the share of year t in service. A
  fractional final year is pro-rated: revenue, operating cost and depreciation of year
  ceil(life) are multiplied by ``life - floor(life)`` (the asset runs part of that year),
  and the whole year's cash is still booked at its end. The residual value is received at
  the end of the last year and, the book value being zero, taxed as a gain. Taxable losses
  are assumed to offset the owner's other profits in the same year (negative tax), which
  fits a profitable hyperscaler.
* Discounted payback interpolates linearly within the year in which the cumulative
  discounted cash flow first turns non-negative; it is ``inf`` when that never happens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace

import numpy as np
import numpy_financial as npf
import pandas as pd
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from analysis.checks import (
    check_choice,
    check_fraction,
    check_non_negative,
    check_positive,
    check_range,
)

# ---------------------------------------------------------------------------------------
# 1. Revenue requirement as published
# ---------------------------------------------------------------------------------------


def revenue_requirement(
    gpu_spend: ArrayLike,
    gpu_share_of_dc_cost: ArrayLike = 0.5,
    end_user_gross_margin: ArrayLike = 0.5,
) -> np.ndarray:
    """Lifetime revenue needed per year of GPU capex, USD bn (Sequoia / David Cahn).

    ``gpu_spend`` (USD bn, one year of GPU data-centre spend, e.g. Nvidia's data-centre
    run-rate) is grossed up to total data-centre cost by ``gpu_share_of_dc_cost`` (fraction
    in (0, 1]; Sequoia: 0.5) and to end-user revenue by ``end_user_gross_margin`` (fraction
    in [0, 1); Sequoia: 0.5): ``gpu_spend / share / (1 - margin)``. 50 -> 200 (2023),
    150 -> 600 (2024), 210 -> 840 (2025). The result is lifetime revenue, not an annual target.
    """
    spend = check_non_negative("gpu_spend", gpu_spend, unit="USD bn")
    share = check_range(
        "gpu_share_of_dc_cost", gpu_share_of_dc_cost, 0.0, 1.0, low_inclusive=False
    )
    margin = check_range(
        "end_user_gross_margin", end_user_gross_margin, 0.0, 1.0, high_inclusive=False
    )
    return spend / share / (1.0 - margin)


def revenue_gap(requirement: ArrayLike, ai_revenue: ArrayLike) -> np.ndarray:
    """Revenue still missing, USD bn: ``requirement - ai_revenue`` (both USD bn, >= 0).

    Negative when AI revenue exceeds the requirement. Sequoia: 200 - 75 = 125 (2023),
    600 - 100 = 500 (2024).
    """
    req = check_non_negative("requirement", requirement, unit="USD bn")
    revenue = check_non_negative("ai_revenue", ai_revenue, unit="USD bn")
    return req - revenue


def revenue_needed(capex: ArrayLike, capex_to_revenue: ArrayLike) -> np.ndarray:
    """Annual revenue (USD bn per year) that sustains ``capex`` (USD bn per year).

    ``capex_to_revenue`` is the sustainable capex-to-revenue ratio, a fraction in (0, 1]
    (Bain 2025: 0.25, so 500 of capex needs 2,000 of revenue).
    """
    spend = check_non_negative("capex", capex, unit="USD bn per year")
    ratio = check_range("capex_to_revenue", capex_to_revenue, 0.0, 1.0, low_inclusive=False)
    return spend / ratio


# ---------------------------------------------------------------------------------------
# 2. Depreciation by vintage
# ---------------------------------------------------------------------------------------

#: Offset (years) from 1 January of the vintage year to the date capex is placed in service.
SERVICE_START_OFFSET: dict[str, float] = {"start_of_year": 0.0, "mid_year": 0.5}


def _service_start(vintage: ArrayLike, convention: str) -> np.ndarray:
    check_choice("convention", convention, SERVICE_START_OFFSET)
    return np.asarray(vintage, dtype=float) + SERVICE_START_OFFSET[convention]


def straight_line_depreciation(
    capex: ArrayLike,
    vintage: ArrayLike,
    year: ArrayLike,
    useful_life_years: ArrayLike,
    convention: str = "mid_year",
) -> np.ndarray:
    """Depreciation (USD bn) in calendar ``year`` of ``capex`` (USD bn) spent in ``vintage``.

    Straight line over ``useful_life_years`` (years, > 0, fractional allowed): the annual
    charge ``capex / life`` times the part of ``year`` that falls inside the service period
    ``[vintage + offset, vintage + offset + life)``, offset 0 (``"start_of_year"``) or 0.5
    (``"mid_year"``). 100 over 2.5 years from the start of the year: 40, 40, 20.
    """
    amount = check_non_negative("capex", capex, unit="USD bn")
    life = check_positive("useful_life_years", useful_life_years, unit="years")
    start = _service_start(vintage, convention)
    year = np.asarray(year, dtype=float)
    in_service = np.minimum(year + 1.0, start + life) - np.maximum(year, start)
    return amount / life * np.clip(in_service, 0.0, 1.0)


def net_book_value(
    capex: ArrayLike,
    vintage: ArrayLike,
    year: ArrayLike,
    useful_life_years: ArrayLike,
    convention: str = "mid_year",
) -> np.ndarray:
    """Net book value (USD bn) at the end of calendar ``year`` of ``capex`` from ``vintage``.

    Same arguments and units as :func:`straight_line_depreciation`; 0 before the vintage
    year and after the asset is fully depreciated.
    """
    amount = check_non_negative("capex", capex, unit="USD bn")
    life = check_positive("useful_life_years", useful_life_years, unit="years")
    start = _service_start(vintage, convention)
    year = np.asarray(year, dtype=float)
    used = np.clip((year + 1.0 - start) / life, 0.0, 1.0)
    return np.where(year >= np.floor(start), amount * (1.0 - used), 0.0)


def _vintage_table(capex_by_vintage, vintages) -> tuple[np.ndarray, np.ndarray]:
    """Return (vintage years as int, capex USD bn) from a Series or two arrays."""
    if vintages is None:
        if not isinstance(capex_by_vintage, pd.Series):
            raise ValueError(
                "capex_by_vintage must be a pandas Series indexed by vintage year, "
                "or pass the years as vintages="
            )
        vintages = capex_by_vintage.index.to_numpy()
    years = check_range("vintages", np.asarray(vintages, dtype=float), unit="year")
    amounts = check_non_negative(
        "capex_by_vintage", np.asarray(capex_by_vintage, dtype=float), unit="USD bn"
    )
    if years.ndim != 1 or years.shape != amounts.shape:
        raise ValueError(
            f"vintages and capex_by_vintage must be 1-D of equal length; got shapes "
            f"{years.shape} and {amounts.shape}"
        )
    if years.size == 0:
        raise ValueError("capex_by_vintage must hold at least one vintage; got none")
    if np.any(years != np.round(years)):
        raise ValueError(
            f"vintages must be whole calendar years; got {years[years != np.round(years)]}"
        )
    if np.unique(years).size != years.size:
        raise ValueError(f"vintages must be unique; got {np.sort(years)}")
    return years.astype(int), amounts


def depreciation_wall(
    capex_by_vintage: pd.Series | ArrayLike,
    useful_life_years: ArrayLike,
    horizon: int = 2030,
    *,
    vintages: ArrayLike | None = None,
    convention: str = "mid_year",
) -> pd.DataFrame:
    """Depreciation and net book value per calendar year and vintage, up to ``horizon``.

    ``capex_by_vintage``: capex in USD bn, a Series indexed by vintage year or an array with
    the years in ``vintages``. ``useful_life_years``: years (> 0), one value or one per
    vintage. ``horizon``: last calendar year (int). Returns a tidy frame with columns
    ``year``, ``vintage``, ``depreciation`` (USD bn in that year) and ``net_book_value``
    (USD bn at the year's end), one row per vintage and year from the vintage to the horizon.
    Only the vintages passed are counted: include every vintage still being depreciated.
    Totals per year: ``wall.groupby("year")[["depreciation", "net_book_value"]].sum()``.
    """
    years, amounts = _vintage_table(capex_by_vintage, vintages)
    life = check_positive("useful_life_years", useful_life_years, unit="years")
    if life.ndim and life.shape != years.shape:
        raise ValueError(
            f"useful_life_years must be one value or one per vintage ({years.size}); "
            f"got shape {life.shape}"
        )
    first = int(years.min())
    check_range("horizon", horizon, first, None, unit=f"(not before the first vintage, {first})")
    calendar = np.arange(first, int(horizon) + 1)[:, None]  # (n_years, 1) against (n_vintages,)
    shape = (calendar.size, years.size)
    grid = pd.DataFrame(
        {
            "year": np.broadcast_to(calendar, shape).ravel(),
            "vintage": np.broadcast_to(years, shape).ravel(),
            "depreciation": straight_line_depreciation(
                amounts, years, calendar, life, convention
            ).ravel(),
            "net_book_value": net_book_value(amounts, years, calendar, life, convention).ravel(),
        }
    )
    kept = grid[grid["year"] >= grid["vintage"]]
    return kept.sort_values(["year", "vintage"], ignore_index=True)


def operating_margin(
    revenue: ArrayLike, other_operating_costs: ArrayLike, depreciation: ArrayLike
) -> np.ndarray:
    """Operating margin (fraction): ``(revenue - other costs - depreciation) / revenue``.

    ``revenue`` USD bn (> 0); ``other_operating_costs`` and ``depreciation`` USD bn (>= 0).
    """
    rev = check_positive("revenue", revenue, unit="USD bn")
    other = check_non_negative("other_operating_costs", other_operating_costs, unit="USD bn")
    dep = check_non_negative("depreciation", depreciation, unit="USD bn")
    return (rev - other - dep) / rev


def useful_life_sensitivity(
    capex_by_vintage: pd.Series | ArrayLike,
    years: ArrayLike,
    revenue: ArrayLike,
    other_operating_costs: ArrayLike,
    useful_lives: ArrayLike = (3.0, 4.0, 5.0, 6.0),
    *,
    vintages: ArrayLike | None = None,
    convention: str = "mid_year",
) -> pd.DataFrame:
    """Annual depreciation and the implied operating margin for each useful life.

    ``capex_by_vintage`` as in :func:`depreciation_wall` (USD bn); ``years``: calendar
    year(s) to report; ``revenue`` and ``other_operating_costs``: USD bn per year, one value
    or one per year; ``useful_lives``: years. Returns a tidy frame with ``year``,
    ``useful_life_years``, ``depreciation`` (USD bn) and ``operating_margin`` (fraction).
    """
    vint, amounts = _vintage_table(capex_by_vintage, vintages)
    lives = check_positive("useful_lives", np.atleast_1d(useful_lives), unit="years")
    calendar = np.atleast_1d(np.asarray(years, dtype=float))
    # axes: (useful life, calendar year, vintage) -> summed over vintages
    dep = straight_line_depreciation(
        amounts, vint, calendar[None, :, None], lives[:, None, None], convention
    ).sum(axis=-1)
    margin = operating_margin(
        np.broadcast_to(revenue, calendar.shape),
        np.broadcast_to(other_operating_costs, calendar.shape),
        dep,
    )
    return pd.DataFrame(
        {
            "year": np.broadcast_to(calendar, dep.shape).ravel().astype(int),
            "useful_life_years": np.broadcast_to(lives[:, None], dep.shape).ravel(),
            "depreciation": dep.ravel(),
            "operating_margin": margin.ravel(),
        }
    ).sort_values(["year", "useful_life_years"], ignore_index=True)


# ---------------------------------------------------------------------------------------
# 3. Cohort economics
# ---------------------------------------------------------------------------------------


def _checked_cohort_fields(values: Mapping[str, ArrayLike]) -> dict[str, np.ndarray]:
    """Validate every cohort input (scalars or arrays); return them as float arrays."""
    names = [f.name for f in fields(CohortInputs)]
    missing = [n for n in names if n not in values]
    unknown = [n for n in values if n not in names]
    if missing or unknown:
        raise ValueError(
            f"cohort inputs must be exactly {', '.join(names)}; "
            f"missing: {missing or 'none'}; unknown: {unknown or 'none'}"
        )
    v, per_year = values, "(fraction per year)"
    return {
        "capex": check_positive("capex", v["capex"], unit="USD bn"),
        "initial_revenue": check_non_negative(
            "initial_revenue", v["initial_revenue"], unit="USD bn"
        ),
        "revenue_growth": check_range(
            "revenue_growth", v["revenue_growth"], -1.0, 5.0, low_inclusive=False, unit=per_year
        ),
        "gross_margin": check_fraction("gross_margin", v["gross_margin"]),
        "opex_share_of_capex": check_fraction("opex_share_of_capex", v["opex_share_of_capex"]),
        "useful_life_years": check_range(
            "useful_life_years", v["useful_life_years"], 0.0, 40.0, low_inclusive=False,
            unit="years",
        ),
        "residual_value_share": check_fraction(
            "residual_value_share", v["residual_value_share"]
        ),
        "tax_rate": check_range("tax_rate", v["tax_rate"], 0.0, 1.0, high_inclusive=False),
        "wacc": check_range("wacc", v["wacc"], 0.0, 1.0, high_inclusive=False, unit=per_year),
    }


@dataclass(frozen=True)
class CohortInputs:
    """One year's capex cohort (scalars).

    capex: USD bn spent in year 0. initial_revenue: AI revenue attributable to the cohort
    in year 1, USD bn. revenue_growth: fraction per year (> -1, <= 5). gross_margin:
    fraction of revenue left after cost of revenue other than this cohort's depreciation
    and operating cost. opex_share_of_capex: annual operating cost incl. energy, fraction of
    capex per year. useful_life_years: years (0 < life <= 40, fractional allowed).
    residual_value_share: value at the end of the life, fraction of capex. tax_rate:
    fraction (< 1). wacc: discount rate, fraction per year (< 1).
    """

    capex: float
    initial_revenue: float
    revenue_growth: float
    gross_margin: float
    opex_share_of_capex: float
    useful_life_years: float
    residual_value_share: float
    tax_rate: float
    wacc: float

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if np.ndim(value) != 0:
                raise ValueError(
                    f"CohortInputs.{name} must be a scalar; got shape {np.shape(value)} "
                    "(use cohort_npv_payback or simulate for arrays)"
                )
        _checked_cohort_fields(asdict(self))


def _discount_in_place(cash_flows: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """Multiply year-t column (t = 0, 1, ...) by (1 + rate) ** -t, in place."""
    t = np.arange(cash_flows.shape[-1], dtype=float)
    cash_flows *= np.power(1.0 + rate[..., None], -t)
    return cash_flows


def _cohort_cash_flow_matrix(f: Mapping[str, np.ndarray]) -> np.ndarray:
    """Cash flows (USD bn) of validated cohort inputs, shape (*inputs, ceil(max life) + 1).

    Cohorts with a shorter life get zeros after their last year (the in-service mask).
    """
    shape = np.broadcast_shapes(*(value.shape for value in f.values()))
    life = f["useful_life_years"][..., None]
    capex, tax = f["capex"][..., None], f["tax_rate"][..., None]
    n_years = int(np.ceil(np.max(f["useful_life_years"])))
    t = np.arange(1, n_years + 1, dtype=float)

    cash = np.empty(shape + (n_years + 1,))
    cash[..., 0] = -f["capex"]
    flows = cash[..., 1:]
    np.power(1.0 + f["revenue_growth"][..., None], t - 1.0, out=flows)  # revenue index
    flows *= f["initial_revenue"][..., None] * f["gross_margin"][..., None] * (1.0 - tax)
    flows -= f["opex_share_of_capex"][..., None] * capex * (1.0 - tax)
    flows += tax * capex / life  # tax shield of straight-line depreciation
    flows *= np.clip(life - (t - 1.0), 0.0, 1.0)  # in-service share of each year, 0 after life

    final_year = t == np.ceil(life)  # residual value (after tax; book value is zero) arrives here
    flows += f["residual_value_share"][..., None] * capex * (1.0 - tax) * final_year
    return cash


def _payback_from_cumulative(cumulative: np.ndarray) -> np.ndarray:
    """Years until the cumulative (discounted) cash flow, last axis = year, turns >= 0."""
    reached = cumulative >= 0.0
    first = reached.argmax(axis=-1)[..., None]  # 0 when never reached
    ever = np.take_along_axis(reached, first, -1)[..., 0]
    before = np.take_along_axis(cumulative, np.maximum(first - 1, 0), -1)[..., 0]
    at = np.take_along_axis(cumulative, first, -1)[..., 0]
    first = first[..., 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        payback = np.where(first == 0, 0.0, first - 1.0 + -before / (at - before))
    return np.where(ever, payback, np.inf)


def cohort_cash_flows(inputs: CohortInputs) -> np.ndarray:
    """Yearly cash flows of one cohort, USD bn: index 0 = -capex, then years 1..ceil(life).

    Operating cash flow after tax plus the depreciation tax shield; the residual value
    (after tax) in the last year; a fractional last year pro-rated (see module docstring).
    """
    return _cohort_cash_flow_matrix(_checked_cohort_fields(asdict(inputs)))


def npv(cash_flows: ArrayLike, rate: ArrayLike) -> np.ndarray:
    """Net present value (USD bn, or the unit of the cash flows) at ``rate`` (fraction per year).

    ``cash_flows``: last axis = year 0, 1, 2, ... (year-end flows, year 0 undiscounted);
    ``rate`` (> -1) broadcasts against the leading axes.
    """
    discount = check_range("rate", rate, -1.0, None, low_inclusive=False, unit="per year")
    flows = np.array(cash_flows, dtype=float, ndmin=1)
    return _discount_in_place(flows, discount).sum(axis=-1)


def irr(cash_flows: ArrayLike) -> float:
    """Internal rate of return (fraction per year) of one 1-D cash-flow stream (year 0 first).

    numpy-financial's ``irr``; NaN when the stream has no real IRR.
    """
    flows = np.asarray(cash_flows, dtype=float)
    if flows.ndim != 1 or flows.size < 2:
        raise ValueError(f"cash_flows must be 1-D with at least 2 years; got shape {flows.shape}")
    return float(npf.irr(flows))


def discounted_payback_years(cash_flows: ArrayLike, rate: ArrayLike) -> np.ndarray:
    """Discounted payback in years (linear within the year); ``inf`` when never reached.

    ``cash_flows``: last axis = year 0, 1, 2, ... (USD bn); ``rate``: fraction per year
    (> -1, 0 for undiscounted payback), broadcast against the leading axes.
    """
    discount = check_range("rate", rate, -1.0, None, low_inclusive=False, unit="per year")
    flows = np.array(cash_flows, dtype=float, ndmin=1)
    return _payback_from_cumulative(np.cumsum(_discount_in_place(flows, discount), axis=-1))


def cohort_npv_payback(values: Mapping[str, ArrayLike]) -> tuple[np.ndarray, np.ndarray]:
    """NPV (USD bn, at ``wacc``) and discounted payback (years) for many cohorts at once.

    ``values`` maps every :class:`CohortInputs` field to a scalar or an array (units as in
    :class:`CohortInputs`); the arrays broadcast, and both results have the broadcast shape.
    Lives may differ between cohorts: the cash-flow matrix runs to the longest life.
    """
    checked = _checked_cohort_fields(values)
    cumulative = _discount_in_place(_cohort_cash_flow_matrix(checked), checked["wacc"])
    np.cumsum(cumulative, axis=-1, out=cumulative)
    return cumulative[..., -1].copy(), _payback_from_cumulative(cumulative)


def cohort_npv(inputs: CohortInputs) -> float:
    """NPV of one cohort, USD bn, discounted at its ``wacc``."""
    return float(npv(cohort_cash_flows(inputs), inputs.wacc))


def breakeven_growth(inputs: CohortInputs, bracket: tuple[float, float] = (-0.99, 5.0)) -> float:
    """Revenue growth (fraction per year) that makes the cohort's NPV zero.

    Solved with scipy's ``brentq`` inside ``bracket`` (fractions per year, within
    (-1, 5]). Raises ``ValueError`` when NPV has the same sign at both ends of the bracket.
    """
    low, high = check_range("bracket", bracket, -1.0, 5.0, low_inclusive=False)
    if not low < high:
        raise ValueError(f"bracket must be (low, high) with low < high; got {bracket}")

    def npv_at(growth: float) -> float:
        return cohort_npv(replace(inputs, revenue_growth=growth))

    npv_low, npv_high = npv_at(low), npv_at(high)
    if np.sign(npv_low) == np.sign(npv_high):
        raise ValueError(
            f"NPV does not change sign for revenue_growth in [{low:g}, {high:g}] "
            f"(NPV {npv_low:.4g} and {npv_high:.4g} USD bn): no break-even growth in the bracket"
        )
    return float(brentq(npv_at, low, high, xtol=1e-12))


# ---------------------------------------------------------------------------------------
# 4. Monte Carlo
# ---------------------------------------------------------------------------------------

#: Parameters each distribution kind takes.
DISTRIBUTION_PARAMETERS: dict[str, tuple[str, ...]] = {
    "fixed": ("value",),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("median", "sigma"),
}


@dataclass(frozen=True)
class Distribution:
    """A distribution for one Monte Carlo input, in the unit of that input.

    kind ``fixed`` (value), ``uniform`` (low < high), ``triangular`` (low <= mode <= high,
    low < high), ``normal`` (mean, sd > 0) or ``lognormal`` (median > 0 and sigma > 0, the
    standard deviation of the log). Give exactly the parameters of the kind, e.g.
    ``Distribution("triangular", low=3, mode=5, high=6)``. Unbounded kinds can draw values
    outside an input's allowed range; :func:`simulate` then raises rather than clip.
    """

    kind: str
    value: float | None = None
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = None
    median: float | None = None
    sigma: float | None = None

    def __post_init__(self) -> None:
        check_choice("kind", self.kind, DISTRIBUTION_PARAMETERS)
        needed = DISTRIBUTION_PARAMETERS[self.kind]
        given = {k: v for k, v in asdict(self).items() if k != "kind" and v is not None}
        if set(given) != set(needed):
            raise ValueError(
                f"a {self.kind} Distribution takes exactly {', '.join(needed)}; "
                f"got {', '.join(given) or 'none'}"
            )
        for name, value in given.items():
            check_range(name, value)  # finite number, not NaN
        if self.kind == "uniform" and not self.low < self.high:
            raise ValueError(
                f"uniform Distribution needs low < high; got low={self.low}, high={self.high}"
            )
        triangle_ok = self.kind != "triangular" or (
            self.low <= self.mode <= self.high and self.low < self.high
        )
        if not triangle_ok:
            raise ValueError(
                f"triangular Distribution needs low <= mode <= high and low < high; "
                f"got low={self.low}, mode={self.mode}, high={self.high}"
            )
        if self.kind == "normal":
            check_positive("sd", self.sd)
        if self.kind == "lognormal":
            check_positive("median", self.median)
            check_positive("sigma", self.sigma)

    def scaled(self, factor: float) -> Distribution:
        """The same distribution for ``factor`` times the quantity (factor > 0, unitless)."""
        k = float(check_positive("factor", factor))
        location = ("value", "low", "mode", "high", "mean", "sd", "median")
        given = {p: getattr(self, p) for p in location if getattr(self, p) is not None}
        return replace(self, **{p: value * k for p, value in given.items()})

    def _sample(self, rng: np.random.Generator, n_draws: int) -> np.ndarray:
        if self.kind == "fixed":
            return np.broadcast_to(float(self.value), (n_draws,))  # no memory per draw
        if self.kind == "uniform":
            return rng.uniform(self.low, self.high, n_draws)
        if self.kind == "triangular":
            return rng.triangular(self.low, self.mode, self.high, n_draws)
        if self.kind == "normal":
            return rng.normal(self.mean, self.sd, n_draws)
        return rng.lognormal(np.log(self.median), self.sigma, n_draws)


def draw(
    distributions: Mapping[str, Distribution], n_draws: int, seed: int
) -> dict[str, np.ndarray]:
    """Draw ``n_draws`` values of each input; arrays of shape (n_draws,), same units as given.

    One ``numpy.random.default_rng(seed)`` stream, used in sorted name order so that the
    draws depend on the names and the seed, not on the dict's order. ``fixed`` inputs are
    read-only broadcast views.
    """
    for name, value, low in (("n_draws", n_draws, 1), ("seed", seed, 0)):
        if not isinstance(value, (int, np.integer)) or value < low:
            raise ValueError(f"{name} must be a whole number >= {low}; got {value!r}")
    rng = np.random.default_rng(seed)
    return {name: distributions[name]._sample(rng, n_draws) for name in sorted(distributions)}


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Summary of a Monte Carlo run of the cohort model.

    p_npv_positive: fraction of draws with NPV > 0. p_payback_within_life: fraction whose
    discounted payback (years) is <= their useful life (with a fractional life, a payback
    in the final, part-year counts only if the interpolation lands by the end of the life,
    the year's cash being booked at the end of that year). npv_percentiles (USD bn) and
    payback_percentiles (years; ``inf`` = never paid back) are Series indexed by percentile
    (5, 25, 50, 75, 95), taken as actual draws (method ``inverted_cdf``). npv (USD bn) and
    payback_years (years) hold every draw, shape (n_draws,).
    """

    n_draws: int
    seed: int
    p_npv_positive: float
    p_payback_within_life: float
    npv_percentiles: pd.Series
    payback_percentiles: pd.Series
    npv: np.ndarray
    payback_years: np.ndarray


PERCENTILES = (5, 25, 50, 75, 95)


def simulate(
    distributions: Mapping[str, Distribution], n_draws: int, seed: int
) -> SimulationResult:
    """Monte Carlo of the cohort model: one :class:`Distribution` per :class:`CohortInputs` field.

    All draws are evaluated at once (cash-flow matrix of shape (n_draws, ceil(max life) + 1)).
    Units as in :class:`CohortInputs`; see :class:`SimulationResult` for the result.
    """
    draws = draw(distributions, n_draws, seed)
    value, payback = cohort_npv_payback(draws)
    within = payback <= np.broadcast_to(draws["useful_life_years"], payback.shape)
    index = pd.Index(PERCENTILES, name="percentile")
    return SimulationResult(
        n_draws=int(n_draws),
        seed=seed,
        p_npv_positive=float(np.mean(value > 0.0)),
        p_payback_within_life=float(np.mean(within)),
        npv_percentiles=pd.Series(
            np.percentile(value, PERCENTILES, method="inverted_cdf"), index, name="npv"
        ),
        payback_percentiles=pd.Series(
            np.percentile(payback, PERCENTILES, method="inverted_cdf"), index, name="payback_years"
        ),
        npv=value,
        payback_years=payback,
    )


def tornado(base: CohortInputs, ranges: Mapping[str, tuple[float, float]]) -> pd.DataFrame:
    """One-at-a-time NPV sensitivity around ``base``.

    ``ranges`` maps a :class:`CohortInputs` field to its (low, high) values in that field's
    unit. Returns columns ``input``, ``low``, ``high``, ``npv_low``, ``npv_high`` (USD bn)
    and ``swing`` (|npv_high - npv_low|, USD bn), largest swing first.
    """
    names = list(ranges)
    if not names or any(np.shape(ranges[n]) != (2,) for n in names):
        raise ValueError(
            f"ranges must map at least one input to a (low, high) pair; got {dict(ranges)}"
        )
    field_names = [f.name for f in fields(CohortInputs)]
    unknown = [n for n in names if n not in field_names]
    if unknown:
        raise ValueError(
            f"ranges names unknown inputs {unknown}; allowed: {', '.join(field_names)}"
        )
    bounds = np.array([ranges[n] for n in names], dtype=float)  # (input, low/high)
    varied = np.array(names)[:, None]
    values = {f: np.where(varied == f, bounds, getattr(base, f)) for f in field_names}
    value, _ = cohort_npv_payback(values)
    table = pd.DataFrame(
        {
            "input": names,
            "low": bounds[:, 0],
            "high": bounds[:, 1],
            "npv_low": value[:, 0],
            "npv_high": value[:, 1],
            "swing": np.abs(value[:, 1] - value[:, 0]),
        }
    )
    return table.sort_values("swing", ascending=False, ignore_index=True)


def verdict_grid(
    base: CohortInputs, growth_values: ArrayLike, life_values: ArrayLike
) -> pd.DataFrame:
    """NPV (USD bn) over revenue growth (rows, fraction per year) x useful life (columns, years).

    All other inputs from ``base``. Wide frame ready for a heatmap; ``.stack()`` makes it tidy.
    """
    growth = np.atleast_1d(np.asarray(growth_values, dtype=float))
    life = np.atleast_1d(np.asarray(life_values, dtype=float))
    values = {**asdict(base), "revenue_growth": growth[:, None], "useful_life_years": life[None, :]}
    value, _ = cohort_npv_payback(values)
    return pd.DataFrame(
        value,
        index=pd.Index(growth, name="revenue_growth"),
        columns=pd.Index(life, name="useful_life_years"),
    )


# ---------------------------------------------------------------------------------------
# 5. Inputs from the data and the assumptions register (used by notebooks/02_payoff)
# ---------------------------------------------------------------------------------------


def sequoia_requirement(
    gpu_runrate: ArrayLike, dc_cost_multiplier: ArrayLike, end_user_gross_margin_pct: ArrayLike
) -> np.ndarray:
    """Sequoia's lifetime revenue requirement (USD bn) from its inputs in their published units.

    ``gpu_runrate``: USD bn per year of GPU spend (Nvidia data-centre run-rate);
    ``dc_cost_multiplier``: total data-centre cost per USD of GPUs (ratio >= 1; Sequoia: 2);
    ``end_user_gross_margin_pct``: percent in [0, 100) (Sequoia: 50). Same arithmetic as
    :func:`revenue_requirement` with ``gpu_share_of_dc_cost = 1 / multiplier``:
    50, 2, 50 -> 200 (2023); 150 -> 600 (2024); 210 -> 840 (2025).
    """
    multiplier = check_range("dc_cost_multiplier", dc_cost_multiplier, 1.0, None, unit="(ratio)")
    margin_pct = check_range(
        "end_user_gross_margin_pct", end_user_gross_margin_pct, 0.0, 100.0,
        high_inclusive=False, unit="%",
    )
    return revenue_requirement(gpu_runrate, 1.0 / multiplier, margin_pct / 100.0)


def annual_equivalent(lifetime_revenue: ArrayLike, useful_life_years: ArrayLike) -> np.ndarray:
    """Lifetime revenue (USD bn) spread evenly over the life: USD bn per year (undiscounted).

    ``useful_life_years`` in years (> 0). 1,420 over 5.5 years -> 258.2 per year. A
    lifetime requirement (Sequoia) is comparable with an annual revenue only in this form.
    """
    revenue = check_non_negative("lifetime_revenue", lifetime_revenue, unit="USD bn")
    life = check_positive("useful_life_years", useful_life_years, unit="years")
    return revenue / life


def capex_path(actual: pd.Series, guidance: pd.DataFrame) -> pd.DataFrame:
    """Capex by vintage year (USD bn): reported years first, then guided years.

    ``actual``: Series of capex (USD bn) indexed by year. ``guidance``: frame indexed by
    year with columns ``low`` and ``high`` (USD bn, low <= high; a point guidance has
    low = high). A year in both keeps the actual. Returns a frame indexed by ``year`` with
    ``low``, ``mid`` (guidance midpoint ``(low + high) / 2``), ``high`` (USD bn; equal for
    actual years) and ``basis`` (``"actual"`` or ``"guidance"``), sorted by year.
    """
    act = check_non_negative("actual", np.asarray(actual, dtype=float), unit="USD bn")
    missing = {"low", "high"} - set(guidance.columns)
    if missing:
        raise ValueError(f"guidance needs columns low and high; missing: {', '.join(sorted(missing))}")
    low = check_non_negative("guidance low", guidance["low"].to_numpy(float), unit="USD bn")
    high = check_non_negative("guidance high", guidance["high"].to_numpy(float), unit="USD bn")
    if np.any(low > high):
        bad = list(guidance.index[low > high])
        raise ValueError(f"guidance low must be <= high; not so for year(s) {bad}")
    reported = pd.DataFrame(
        {"low": act, "mid": act, "high": act, "basis": "actual"}, index=np.asarray(actual.index, int)
    )
    guided = pd.DataFrame(
        {"low": low, "mid": (low + high) / 2.0, "high": high, "basis": "guidance"},
        index=np.asarray(guidance.index, int),
    )
    guided = guided[~guided.index.isin(reported.index)]
    path = pd.concat([reported, guided]).sort_index()
    if path.index.has_duplicates:
        raise ValueError(f"years must be unique; got {list(path.index[path.index.duplicated()])}")
    path.index.name = "year"
    return path


def margin_effect_of_useful_life(
    capex_by_vintage: pd.Series | ArrayLike,
    year: int,
    revenue: float,
    useful_lives: ArrayLike,
    reference_life: float,
    *,
    vintages: ArrayLike | None = None,
    convention: str = "mid_year",
) -> pd.DataFrame:
    """Depreciation in ``year`` for each useful life and its effect on the operating margin.

    ``capex_by_vintage`` as in :func:`depreciation_wall` (USD bn); ``revenue``: USD bn in
    ``year`` (> 0); ``useful_lives`` and ``reference_life``: years (> 0). Everything but
    depreciation is held fixed, so the margin moves by ``(dep_reference - dep_life) /
    revenue``. Returns ``useful_life_years``, ``depreciation`` (USD bn),
    ``share_of_revenue`` (fraction) and ``margin_change`` (fraction of revenue against the
    reference life; negative = lower margin), one row per life.
    """
    vint, amounts = _vintage_table(capex_by_vintage, vintages)
    lives = check_positive("useful_lives", np.atleast_1d(np.asarray(useful_lives, float)), unit="years")
    reference = float(check_positive("reference_life", reference_life, unit="years"))
    rev = float(check_positive("revenue", revenue, unit="USD bn"))
    dep = straight_line_depreciation(amounts, vint, float(year), lives[:, None], convention).sum(axis=-1)
    dep_reference = straight_line_depreciation(amounts, vint, float(year), reference, convention).sum()
    return pd.DataFrame(
        {
            "useful_life_years": lives,
            "depreciation": dep,
            "share_of_revenue": dep / rev,
            "margin_change": (dep_reference - dep) / rev,
        }
    )


#: Scenarios of the cohort Monte Carlo. The distributions live in the assumptions register
#: (data/raw/assumptions.yaml): an entry ``<name>_<scenario>`` replaces entry ``<name>``.
SCENARIOS: tuple[str, ...] = ("bear", "base", "bull")

#: Register entry behind each cohort input (capex comes from the data, not the register).
#: ``initial_revenue`` is registered as a share of capex.
COHORT_ASSUMPTIONS: dict[str, str] = {
    "initial_revenue": "cohort_initial_revenue_share_of_capex",
    "revenue_growth": "cohort_revenue_growth",
    "gross_margin": "cohort_gross_margin",
    "opex_share_of_capex": "cohort_opex_share_of_capex",
    "useful_life_years": "cohort_economic_life_years",
    "residual_value_share": "residual_value_share",
    "tax_rate": "corporate_tax_rate",
    "wacc": "wacc",
}

#: Register distribution parameters -> Distribution parameters (lognormal: mu = mean of log).
_REGISTER_KINDS = {
    "fixed": lambda d: {"value": d["value"]},
    "uniform": lambda d: {"low": d["low"], "high": d["high"]},
    "triangular": lambda d: {"low": d["low"], "mode": d["mode"], "high": d["high"]},
    "normal": lambda d: {"mean": d["mean"], "sd": d["sd"]},
    "lognormal": lambda d: {"median": float(np.exp(d["mu"])), "sigma": d["sigma"]},
}


def distribution_from_register(spec: Mapping | None, value: float) -> Distribution:
    """A :class:`Distribution` from a register entry's ``distribution`` mapping.

    ``spec``: ``{kind, <parameters>}`` as in data/raw/assumptions.yaml (``lognormal`` takes
    ``mu``, the mean of the log, and ``sigma``); ``None`` (no distribution) gives a
    ``fixed`` distribution at ``value``. Units are the entry's unit.
    """
    if spec is None:
        return Distribution("fixed", value=float(value))
    kind = check_choice("distribution kind", spec.get("kind"), _REGISTER_KINDS)
    try:
        params = _REGISTER_KINDS[kind](spec)
    except KeyError as exc:
        raise ValueError(f"a {kind} register distribution needs {exc.args[0]!r}; got {dict(spec)}") from None
    return Distribution(kind, **{k: float(v) for k, v in params.items()})


def scenario_assumptions(available: Mapping | set | list, scenario: str) -> dict[str, str]:
    """Register entry name for each cohort input in ``scenario`` (one of :data:`SCENARIOS`).

    ``available``: the register's entry names. For a scenario other than ``base`` the entry
    ``<name>_<scenario>`` is used where the register has it, else ``<name>``. Raises
    ``ValueError`` naming any base entry the register lacks.
    """
    check_choice("scenario", scenario, SCENARIOS)
    names = set(available)
    missing = [n for n in COHORT_ASSUMPTIONS.values() if n not in names]
    if missing:
        raise ValueError(f"the assumptions register lacks cohort entries: {', '.join(missing)}")
    chosen = {}
    for field_name, name in COHORT_ASSUMPTIONS.items():
        variant = f"{name}_{scenario}"
        chosen[field_name] = variant if scenario != "base" and variant in names else name
    return chosen


def cohort_distributions(
    register: Mapping,
    capex: float,
    scenario: str = "base",
    useful_life_years: float | None = None,
    wacc: float | None = None,
) -> dict[str, Distribution]:
    """Monte Carlo distributions of every :class:`CohortInputs` field for one cohort.

    ``register``: name -> entry with ``value`` and ``distribution`` (``analysis.data``'s
    ``Assumption``). ``capex``: the cohort's capex, USD bn (fixed). The registered share of
    capex becomes ``initial_revenue`` in USD bn (scaled by ``capex``). ``useful_life_years``
    (years > 0) and ``wacc`` (fraction per year > 0), when given, rescale the scenario's life
    and WACC distributions proportionally so that the base entry's central value moves to
    the given value (shape and relative spread kept); ``None`` keeps the register's.
    """
    amount = float(check_positive("capex", capex, unit="USD bn"))
    chosen = scenario_assumptions(register, scenario)
    dists = {"capex": Distribution("fixed", value=amount)}
    for field_name, name in chosen.items():
        entry = register[name]
        dists[field_name] = distribution_from_register(entry.distribution, entry.value)
    dists["initial_revenue"] = dists["initial_revenue"].scaled(amount)
    for field_name, target, unit in (
        ("useful_life_years", useful_life_years, "years"),
        ("wacc", wacc, "fraction per year"),
    ):
        if target is not None:
            factor = float(check_positive(field_name, target, unit=unit)) / register[
                COHORT_ASSUMPTIONS[field_name]
            ].value
            dists[field_name] = dists[field_name].scaled(factor)
    return dists


def _centre(dist: Distribution) -> float:
    return {
        "fixed": lambda d: d.value,
        "uniform": lambda d: (d.low + d.high) / 2.0,
        "triangular": lambda d: d.mode,
        "normal": lambda d: d.mean,
        "lognormal": lambda d: d.median,
    }[dist.kind](dist)


def central_inputs(distributions: Mapping[str, Distribution]) -> CohortInputs:
    """The cohort at the centre of each distribution (same units as the distributions).

    Centre: triangular mode, uniform midpoint, normal mean, lognormal median, fixed value.
    """
    return CohortInputs(**{f.name: float(_centre(distributions[f.name])) for f in fields(CohortInputs)})


def input_ranges(
    distributions: Mapping[str, Distribution], coverage: float = 0.9
) -> dict[str, tuple[float, float]]:
    """(low, high) of every non-fixed input, for :func:`tornado` (units of each input).

    Triangular and uniform: their bounds. Normal and lognormal: the central ``coverage``
    interval (fraction in (0, 1); 0.9 -> 5th and 95th percentiles). Fixed inputs are left out.
    """
    from scipy.stats import norm

    cover = float(check_range("coverage", coverage, 0.0, 1.0, low_inclusive=False, high_inclusive=False))
    z = float(norm.ppf(0.5 + cover / 2.0))
    ranges = {}
    for name, d in distributions.items():
        if d.kind in ("triangular", "uniform"):
            ranges[name] = (d.low, d.high)
        elif d.kind == "normal":
            ranges[name] = (d.mean - z * d.sd, d.mean + z * d.sd)
        elif d.kind == "lognormal":
            ranges[name] = (d.median * np.exp(-z * d.sigma), d.median * np.exp(z * d.sigma))
    return ranges
