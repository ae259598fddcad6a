"""Total cost of ownership of GPU compute for a European SME: buy, rent or call an API.

Four options, all in EUR per year and EUR per *useful* GPU-hour:

(a) buy and run on premises (:class:`OnPremInputs`, :func:`onprem_cost_per_year`);
(b) rent from a hyperscaler, on demand or reserved (:func:`rental_cost_per_year`);
(c) rent from a European neocloud (same function, its own price);
(d) an LLM API priced per million tokens (:func:`api_cost_per_year`).

Utilisation is the share (0..1] of the 8,760 hours of a year in which the GPUs do useful
work; useful GPU-hours per year = GPU count x utilisation x 8,760. Every on-premises cost
is affine in utilisation (a fixed part plus a part proportional to the hours used), which
gives closed forms for the break-even views (:func:`onprem_fixed_and_variable`).

All functions accept scalars or numpy arrays and broadcast.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy_financial as npf
import pandas as pd

from analysis.checks import (
    check_choice,
    check_fraction,
    check_non_negative,
    check_positive,
    check_range,
)
from analysis.energy import HOURS_PER_YEAR
TOKENS_PER_MILLION = 1e6
MONTHS_PER_YEAR = 12.0

ArrayLike = float | np.ndarray


def capital_recovery_factor(rate: ArrayLike, years: ArrayLike) -> np.ndarray:
    """Annual payment per EUR borrowed: r(1+r)^n / ((1+r)^n - 1), and 1/n when r = 0.

    rate: interest rate, fraction per year (>= 0); years: repayment period, years (> 0).
    Result: fraction of the principal paid per year.
    """
    rate = check_non_negative("rate", rate)
    years = check_positive("years", years, unit="years")
    return -npf.pmt(rate, years, 1.0)


@dataclass(frozen=True)
class OnPremInputs:
    """Parameters of a GPU server bought and run by the SME (fields may be arrays).

    gpu_count: GPUs in the server (count, > 0).
    hardware_price_eur: purchase price of the whole server incl. GPUs (EUR, > 0).
    useful_life_years: economic life of the server (years, > 0).
    interest_rate: SME financing rate (fraction per year, >= 0).
    residual_value_share: resale value at end of life (fraction of price, 0..1).
    watts_per_gpu: average electrical draw of one GPU doing useful work (W, > 0).
    server_overhead_factor: server power / GPU power, for CPU, memory, fans, network (>= 1).
    pue: power usage effectiveness of the room (facility power / IT power, >= 1).
    electricity_price_eur_per_kwh: price paid for electricity (EUR/kWh, >= 0).
    colocation_eur_per_kw_month: space and cooling (own room or colocation) per kW of IT
        power per month (EUR per kW per month, >= 0); electricity is billed separately.
    staff_cost_eur_per_year: cost of one full-time employee (EUR per year, >= 0).
    staff_fte_share: share of one employee's time spent on the server (FTE, >= 0).
    maintenance_share_per_year: support and repairs (fraction of price per year, 0..1).
    availability: share of used hours in which the server actually works (fraction (0, 1]).
    outage_cost_eur_per_hour: cost to the SME of one hour of outage (EUR per hour, >= 0).
    idle_power_share: draw in hours without useful work, as a fraction of full draw
        (0..1). Default 0: idle power is not counted (servers powered down when idle).
    """

    gpu_count: ArrayLike
    hardware_price_eur: ArrayLike
    useful_life_years: ArrayLike
    interest_rate: ArrayLike
    residual_value_share: ArrayLike
    watts_per_gpu: ArrayLike
    server_overhead_factor: ArrayLike
    pue: ArrayLike
    electricity_price_eur_per_kwh: ArrayLike
    colocation_eur_per_kw_month: ArrayLike
    staff_cost_eur_per_year: ArrayLike
    staff_fte_share: ArrayLike
    maintenance_share_per_year: ArrayLike
    availability: ArrayLike
    outage_cost_eur_per_hour: ArrayLike
    idle_power_share: ArrayLike = 0.0

    def __post_init__(self) -> None:
        check_positive("gpu_count", self.gpu_count)
        check_positive("hardware_price_eur", self.hardware_price_eur, unit="EUR")
        check_positive("useful_life_years", self.useful_life_years, unit="years")
        check_non_negative("interest_rate", self.interest_rate)
        check_fraction("residual_value_share", self.residual_value_share)
        check_positive("watts_per_gpu", self.watts_per_gpu, unit="W")
        check_range("server_overhead_factor", self.server_overhead_factor, 1.0)
        check_range("pue", self.pue, 1.0)
        check_non_negative(
            "electricity_price_eur_per_kwh", self.electricity_price_eur_per_kwh, unit="EUR/kWh"
        )
        check_non_negative(
            "colocation_eur_per_kw_month", self.colocation_eur_per_kw_month, unit="EUR/kW/month"
        )
        check_non_negative("staff_cost_eur_per_year", self.staff_cost_eur_per_year, unit="EUR")
        check_non_negative("staff_fte_share", self.staff_fte_share, unit="FTE")
        check_fraction("maintenance_share_per_year", self.maintenance_share_per_year)
        check_fraction("availability", self.availability, allow_zero=False)
        check_non_negative("outage_cost_eur_per_hour", self.outage_cost_eur_per_hour, unit="EUR")
        check_fraction("idle_power_share", self.idle_power_share)

    @property
    def it_power_kw(self) -> np.ndarray:
        """IT power of the server at full load (kW)."""
        return np.asarray(self.gpu_count * self.watts_per_gpu * self.server_overhead_factor) / 1e3


def _check_utilisation(utilisation: ArrayLike) -> np.ndarray:
    return check_fraction("utilisation", utilisation, allow_zero=False)


def hours_used_per_year(utilisation: ArrayLike) -> np.ndarray:
    """Hours a year one GPU does useful work at ``utilisation`` (fraction [0, 1])."""
    return check_fraction("utilisation", utilisation) * HOURS_PER_YEAR


def outage_hours_per_year(availability: ArrayLike, utilisation: ArrayLike) -> np.ndarray:
    """Hours a year the server is down while work is due: (1 - availability) x hours used."""
    return (1.0 - check_fraction("availability", availability, allow_zero=False)) * hours_used_per_year(utilisation)


def monthly_token_capacity(gpu_count: ArrayLike, tokens_per_gpu_hour: ArrayLike) -> np.ndarray:
    """Most tokens a month ``gpu_count`` GPUs can serve running all year (tokens per month)."""
    gpus = check_positive("gpu_count", gpu_count)
    return gpus * HOURS_PER_YEAR * check_positive("tokens_per_gpu_hour", tokens_per_gpu_hour) / MONTHS_PER_YEAR


def _onprem_components(p: OnPremInputs, utilisation: np.ndarray) -> dict[str, np.ndarray]:
    hours_used = hours_used_per_year(utilisation)
    hours_idle = HOURS_PER_YEAR - hours_used
    price = np.asarray(p.hardware_price_eur, dtype=float)
    residual_pv = p.residual_value_share * price / (1.0 + p.interest_rate) ** p.useful_life_years
    kwh = p.it_power_kw * p.pue * (hours_used + p.idle_power_share * hours_idle)
    return {
        "capital": (price - residual_pv)
        * capital_recovery_factor(p.interest_rate, p.useful_life_years),
        "electricity": kwh * p.electricity_price_eur_per_kwh,
        "space_cooling": p.it_power_kw * p.colocation_eur_per_kw_month * MONTHS_PER_YEAR,
        "staff": p.staff_cost_eur_per_year * np.asarray(p.staff_fte_share),
        "maintenance": p.maintenance_share_per_year * price,
        "downtime": outage_hours_per_year(p.availability, utilisation) * p.outage_cost_eur_per_hour,
    }


def onprem_cost_components(inputs: OnPremInputs, utilisation: ArrayLike) -> dict[str, np.ndarray]:
    """On-premises cost per year by component (EUR per year each).

    utilisation: fraction (0, 1]. Components: capital (price less the discounted residual
    value, annualised with the capital-recovery factor), electricity (IT power x PUE x
    price for the hours used, plus idle_power_share of it for the other hours),
    space_cooling, staff, maintenance, downtime ((1 - availability) x hours used x outage
    cost per hour; hours are clock hours of the server, not GPU-hours).
    """
    return _onprem_components(inputs, _check_utilisation(utilisation))


def onprem_cost_per_year(inputs: OnPremInputs, utilisation: ArrayLike) -> np.ndarray:
    """Total on-premises cost (EUR per year) at ``utilisation`` (fraction (0, 1])."""
    return sum(onprem_cost_components(inputs, utilisation).values())


def onprem_fixed_and_variable(inputs: OnPremInputs) -> tuple[np.ndarray, np.ndarray]:
    """Split the on-premises cost into a fixed part and a marginal part.

    Returns (EUR per year independent of use, EUR per useful GPU-hour). The total cost is
    fixed + marginal x gpu_count x utilisation x 8,760 exactly, since every component is
    affine in utilisation.
    """
    at_zero = sum(_onprem_components(inputs, np.asarray(0.0)).values())
    at_full = sum(_onprem_components(inputs, np.asarray(1.0)).values())
    return at_zero, (at_full - at_zero) / (np.asarray(inputs.gpu_count) * HOURS_PER_YEAR)


def useful_gpu_hours(gpu_count: ArrayLike, utilisation: ArrayLike) -> np.ndarray:
    """Useful GPU-hours per year: gpu_count (count, > 0) x utilisation (0, 1] x 8,760."""
    return check_positive("gpu_count", gpu_count) * hours_used_per_year(_check_utilisation(utilisation))


def cost_per_useful_gpu_hour(
    eur_per_year: ArrayLike, gpu_count: ArrayLike, utilisation: ArrayLike
) -> np.ndarray:
    """EUR per useful GPU-hour from a cost in EUR per year, GPU count and utilisation (0, 1]."""
    return check_non_negative("eur_per_year", eur_per_year, unit="EUR") / useful_gpu_hours(
        gpu_count, utilisation
    )


def rental_cost_per_year(
    price_eur_per_gpu_hour: ArrayLike,
    gpu_count: ArrayLike,
    utilisation: ArrayLike,
    *,
    reserved: bool = False,
) -> np.ndarray:
    """Cost of renting GPUs (EUR per year), hyperscaler or neocloud.

    price_eur_per_gpu_hour: EUR per GPU-hour (>= 0); gpu_count: count (> 0);
    utilisation: fraction (0, 1]. On demand, only the hours used are paid. Reserved
    (a one-year-or-longer commitment) is paid for all 8,760 hours of the year whatever the
    utilisation, so its cost per useful GPU-hour is price / utilisation.
    """
    price = check_non_negative("price_eur_per_gpu_hour", price_eur_per_gpu_hour, unit="EUR")
    hours_used = useful_gpu_hours(gpu_count, utilisation)
    hours_paid = np.where(reserved, np.asarray(gpu_count) * HOURS_PER_YEAR, hours_used)
    return price * hours_paid


def api_eur_per_million_tokens(
    input_price_per_million: ArrayLike,
    output_price_per_million: ArrayLike,
    input_token_share: ArrayLike,
    *,
    currency: str = "EUR",
    usd_per_eur: ArrayLike | None = None,
) -> np.ndarray:
    """Blended API price (EUR per million tokens) for a workload's input/output split.

    Prices per million input and output tokens in ``currency`` ("EUR" or "USD", >= 0);
    input_token_share: fraction 0..1 of tokens that are input; usd_per_eur: exchange rate
    (USD per EUR, e.g. the ECB reference rate), required if and only if currency is "USD".
    """
    check_choice("currency", currency, ["EUR", "USD"])
    share = check_fraction("input_token_share", input_token_share)
    blended = share * check_non_negative(
        "input_price_per_million", input_price_per_million
    ) + (1.0 - share) * check_non_negative("output_price_per_million", output_price_per_million)
    if currency == "EUR":
        if usd_per_eur is not None:
            raise ValueError("usd_per_eur must be None when currency is 'EUR'")
        return blended
    if usd_per_eur is None:
        raise ValueError("usd_per_eur (USD per EUR) is required when currency is 'USD'")
    return blended / check_positive("usd_per_eur", usd_per_eur)


def api_cost_per_year(tokens_per_month: ArrayLike, eur_per_million_tokens: ArrayLike) -> np.ndarray:
    """Cost of an LLM API (EUR per year) for tokens_per_month (tokens, >= 0) at a blended
    price (EUR per million tokens, >= 0; see :func:`api_eur_per_million_tokens`)."""
    tokens = check_non_negative("tokens_per_month", tokens_per_month, unit="tokens")
    price = check_non_negative("eur_per_million_tokens", eur_per_million_tokens, unit="EUR")
    return tokens * MONTHS_PER_YEAR / TOKENS_PER_MILLION * price


def compare_options(
    onprem: OnPremInputs,
    utilisation: ArrayLike,
    *,
    hyperscaler_on_demand_eur_per_gpu_hour: float,
    hyperscaler_reserved_eur_per_gpu_hour: float,
    neocloud_eur_per_gpu_hour: float,
    api_eur_per_million_tokens: float,
    tokens_per_gpu_hour: float,
) -> pd.DataFrame:
    """The same workload under each option, as a tidy frame.

    ``onprem`` with scalar fields. The workload is onprem.gpu_count GPUs at ``utilisation``
    (fraction (0, 1], scalar or 1-D); for the API it is the tokens those useful GPU-hours
    would produce at tokens_per_gpu_hour (tokens per GPU-hour, > 0). Rental prices in EUR
    per GPU-hour (neocloud on demand), API price in EUR per million tokens (blended).
    Columns: option, utilisation, eur_per_year, eur_per_gpu_hour (EUR per useful GPU-hour).
    """
    u = np.atleast_1d(_check_utilisation(utilisation))
    hours = useful_gpu_hours(onprem.gpu_count, u)
    throughput = check_positive("tokens_per_gpu_hour", tokens_per_gpu_hour)
    tokens_per_month = hours * throughput / MONTHS_PER_YEAR
    per_year = {
        "on_premises": onprem_cost_per_year(onprem, u),
        "hyperscaler_on_demand": rental_cost_per_year(
            hyperscaler_on_demand_eur_per_gpu_hour, onprem.gpu_count, u
        ),
        "hyperscaler_reserved": rental_cost_per_year(
            hyperscaler_reserved_eur_per_gpu_hour, onprem.gpu_count, u, reserved=True
        ),
        "neocloud_on_demand": rental_cost_per_year(
            neocloud_eur_per_gpu_hour, onprem.gpu_count, u
        ),
        "llm_api": api_cost_per_year(tokens_per_month, api_eur_per_million_tokens),
    }
    return pd.DataFrame(
        {
            "option": np.repeat(list(per_year), u.size),
            "utilisation": np.tile(u, len(per_year)),
            "eur_per_year": np.concatenate(list(per_year.values())),
            "eur_per_gpu_hour": np.concatenate([c / hours for c in per_year.values()]),
        }
    )


def breakeven_utilisation(
    onprem_inputs: OnPremInputs, rental_price_per_gpu_hour: ArrayLike
) -> np.ndarray:
    """Utilisation (fraction) at which buying costs the same as renting on demand.

    rental_price_per_gpu_hour: EUR per GPU-hour (> 0). Closed form: fixed / ((price -
    marginal) x gpu_count x 8,760) with :func:`onprem_fixed_and_variable`. Above it buying
    is cheaper. NaN where renting is cheaper at every utilisation in (0, 1] (the rent does
    not exceed the marginal on-premises cost, or the break-even lies above 1).
    """
    price = check_positive("rental_price_per_gpu_hour", rental_price_per_gpu_hour, unit="EUR")
    fixed, marginal = onprem_fixed_and_variable(onprem_inputs)
    margin = (price - marginal) * np.asarray(onprem_inputs.gpu_count) * HOURS_PER_YEAR
    with np.errstate(divide="ignore", invalid="ignore"):
        u = fixed / margin
    return np.where((margin > 0) & (u <= 1.0), u, np.nan)


def sensitivity_grid(
    onprem: OnPremInputs,
    utilisation: ArrayLike,
    electricity_price_eur_per_kwh: ArrayLike,
    rental_price_eur_per_gpu_hour: ArrayLike,
) -> pd.DataFrame:
    """Buy vs rent on demand over utilisation x electricity price x rental price.

    1-D grids: utilisation (fraction (0, 1]), electricity price (EUR/kWh, replaces the one
    in ``onprem``), rental price (EUR per GPU-hour). One row per grid point with columns
    utilisation, electricity_price_eur_per_kwh, rental_price_eur_per_gpu_hour,
    onprem_eur_per_gpu_hour and buy_minus_rent_eur_per_gpu_hour (> 0: renting is cheaper),
    all in EUR per useful GPU-hour. Filter one axis to get either two-way view.
    """
    u = _check_utilisation(np.ravel(utilisation))[:, None, None]
    price_kwh = np.ravel(electricity_price_eur_per_kwh)[None, :, None]
    rent = check_non_negative(
        "rental_price_eur_per_gpu_hour", np.ravel(rental_price_eur_per_gpu_hour), unit="EUR"
    )[None, None, :]
    grid = replace(onprem, electricity_price_eur_per_kwh=price_kwh)
    onprem_hourly = cost_per_useful_gpu_hour(
        onprem_cost_per_year(grid, u), onprem.gpu_count, u
    )
    columns = np.broadcast_arrays(u, price_kwh, rent, onprem_hourly, onprem_hourly - rent)
    names = [
        "utilisation",
        "electricity_price_eur_per_kwh",
        "rental_price_eur_per_gpu_hour",
        "onprem_eur_per_gpu_hour",
        "buy_minus_rent_eur_per_gpu_hour",
    ]
    return pd.DataFrame({name: col.ravel() for name, col in zip(names, columns)})


def rental_price_path(
    price_now: ArrayLike, annual_price_decline: ArrayLike, years: int
) -> np.ndarray:
    """Rental price in each of the next ``years`` years (EUR per GPU-hour).

    price_now: EUR per GPU-hour in year 1 (>= 0); annual_price_decline: fraction per year
    (0..1) by which rents fall as hardware price-performance improves. Result has shape
    broadcast(price_now, annual_price_decline) + (years,): price_now x (1 - decline)^(t-1).
    """
    price = check_non_negative("price_now", price_now, unit="EUR")
    decline = check_fraction("annual_price_decline", annual_price_decline)
    check_positive("years", years, unit="years")
    if int(years) != years:
        raise ValueError(f"years must be a whole number of years; got {years}")
    return price[..., None] * (1.0 - decline[..., None]) ** np.arange(int(years))


def obsolescence_comparison(
    onprem: OnPremInputs,
    utilisation: float,
    rental_price_now: float,
    annual_price_decline: float,
) -> pd.DataFrame:
    """Cumulative cost of a bought server vs renting on demand at falling prices.

    Over the server's useful life (whole years, scalar inputs): the bought server costs
    the same every year (annuity plus running costs: its price is sunk), while rents follow
    :func:`rental_price_path`. Undiscounted cash view: on-premises capital is the annual
    loan payment. utilisation: fraction (0, 1]; rental_price_now: EUR per GPU-hour;
    annual_price_decline: fraction per year. Columns: year, option (on_premises,
    rental_on_demand), eur_per_year, cumulative_eur (EUR).
    """
    years = np.asarray(onprem.useful_life_years, dtype=float)
    if years.ndim or int(years) != years:
        raise ValueError(f"useful_life_years must be one whole number of years; got {years}")
    rents = rental_price_path(rental_price_now, annual_price_decline, int(years))
    rental = rental_cost_per_year(rents, onprem.gpu_count, utilisation)
    bought = np.full(int(years), onprem_cost_per_year(onprem, utilisation))
    year = np.arange(1, int(years) + 1)
    return pd.DataFrame(
        {
            "year": np.tile(year, 2),
            "option": np.repeat(["on_premises", "rental_on_demand"], year.size),
            "eur_per_year": np.concatenate([bought, rental]),
            "cumulative_eur": np.concatenate([bought.cumsum(), rental.cumsum()]),
        }
    )


def api_vs_gpu(
    api_eur_per_million_tokens: ArrayLike,
    tokens_per_gpu_hour: ArrayLike,
    gpu_count: ArrayLike,
    *,
    fixed_eur_per_year: ArrayLike,
    eur_per_useful_gpu_hour: ArrayLike,
) -> np.ndarray:
    """Tokens per month at which the API costs the same as running the work on GPUs.

    api_eur_per_million_tokens: blended API price (EUR per million tokens, >= 0);
    tokens_per_gpu_hour: GPU throughput (tokens per GPU-hour, > 0); gpu_count: count (> 0).
    The GPU option costs fixed_eur_per_year (EUR per year) plus eur_per_useful_gpu_hour
    (EUR) per GPU-hour used: bought = :func:`onprem_fixed_and_variable`; reserved rental =
    (price x gpu_count x 8,760, 0); on-demand rental = (0, price). Above the result the
    GPUs are cheaper. 0: GPUs cheaper at any volume. NaN: the API is cheaper at every
    volume the GPUs can serve (up to :func:`monthly_token_capacity`).
    """
    api_per_token = check_non_negative("api_eur_per_million_tokens", api_eur_per_million_tokens)
    api_per_token = api_per_token / TOKENS_PER_MILLION
    throughput = check_positive("tokens_per_gpu_hour", tokens_per_gpu_hour)
    fixed = check_non_negative("fixed_eur_per_year", fixed_eur_per_year, unit="EUR")
    gpu_hourly = check_non_negative("eur_per_useful_gpu_hour", eur_per_useful_gpu_hour)
    gpu_per_token = gpu_hourly / throughput
    capacity = monthly_token_capacity(gpu_count, throughput)
    margin = (api_per_token - gpu_per_token) * MONTHS_PER_YEAR
    with np.errstate(divide="ignore", invalid="ignore"):
        tokens = fixed / margin
    return np.where((margin > 0) & (tokens <= capacity), tokens, np.nan)


# --- Inputs from the data: electricity, rental and hardware prices ------------------------
# Pure selections with a stated rule, so that every notebook picks the same number.

#: Rental rows that count for a GPU model besides its own name (a listing that does not say
#: SXM or PCIe is taken as the same GPU).
RENTAL_ALIASES: dict[str, tuple[str, ...]] = {"H100 SXM5": ("H100 SXM5", "H100 (unspecified)")}

#: Purchase-price bases that price one new GPU, in order of preference.
NEW_GPU_PRICE_BASES = ("list_msrp_per_gpu", "vendor_guidance_per_gpu", "street_price_range_per_gpu")
#: Fallback basis when no new-GPU price exists (e.g. a discontinued model).
USED_GPU_PRICE_BASIS = "used_street_price_per_gpu"


def latest_complete_period(prices: pd.DataFrame, band: str, tax_level: str, countries) -> str:
    """Latest semester ("YYYY-Sn") in which every one of ``countries`` has a price.

    prices: the ``eurostat_electricity_prices`` frame (geo, period, band, tax_level, value).
    Raises ValueError if no semester is complete for the band and tax level.
    """
    rows = prices[(prices["band"] == band) & (prices["tax_level"] == tax_level)]
    wanted = set(countries)
    complete = [p for p, g in rows.groupby("period")["geo"] if wanted <= set(g)]
    if not complete:
        usable = sorted(
            f"{b}/{t}" for (b, t), grp in prices.groupby(["band", "tax_level"])
            if any(wanted <= set(g) for _, g in grp.groupby("period")["geo"])
        )
        raise ValueError(
            f"no semester has electricity prices for all countries in band {band}, tax level {tax_level}; "
            f"band/tax_level with complete semesters: {', '.join(usable) or 'none'}"
        )
    return max(complete)


def electricity_price(
    prices: pd.DataFrame, country: str, band: str, tax_level: str, period: str
) -> float:
    """Electricity price (EUR/kWh) of one country, band, tax level and semester.

    Raises ValueError naming what is available for the country when the combination is
    missing (e.g. band IC with all taxes is published for few countries).
    """
    rows = prices[(prices["geo"] == country)]
    hit = rows[(rows["band"] == band) & (rows["tax_level"] == tax_level) & (rows["period"] == period)]
    if hit.empty:
        have = rows[rows["period"] == period][["band", "tax_level"]].drop_duplicates()
        options = ", ".join(f"{b}/{t}" for b, t in sorted(map(tuple, have.to_numpy()))) or "none"
        raise ValueError(
            f"no electricity price for {country}, band {band}, tax level {tax_level}, {period}; "
            f"band/tax_level available for {country} in {period}: {options}"
        )
    return float(hit["value"].iloc[0])


@dataclass(frozen=True)
class RentalQuote:
    """Summary of the rental prices that match one GPU model and provider type.

    Prices in the currency of the rows (USD in ``gpu_rental_prices``) per GPU-hour.
    """

    gpu_model: str
    provider_type: str
    pricing_tier: str
    median: float
    low: float
    high: float
    n: int
    first_date: str
    last_date: str
    currency: str
    providers: tuple[str, ...]


def rental_quote(
    rentals: pd.DataFrame,
    gpu_model: str,
    provider_type: str,
    pricing_tier: str = "on-demand",
    window_months: int = 12,
) -> RentalQuote:
    """Median rental price of ``gpu_model`` from one provider type and pricing tier.

    rentals: the ``gpu_rental_prices`` frame. Rows of the model (and its
    :data:`RENTAL_ALIASES`) dated within ``window_months`` of the latest matching row
    count; the median, min and max of their price_per_gpu_hour are returned. Raises
    ValueError if no row matches (the message lists the provider types that do).
    """
    models = RENTAL_ALIASES.get(gpu_model, (gpu_model,))
    of_model = rentals[rentals["gpu_model"].isin(models)]
    rows = of_model[(of_model["provider_type"] == provider_type) & (of_model["pricing_tier"] == pricing_tier)]
    if rows.empty:
        have = sorted(set(zip(of_model["provider_type"], of_model["pricing_tier"])))
        listed = ", ".join(f"{t} ({p})" for t, p in have) or "none"
        raise ValueError(f"no {pricing_tier} {provider_type} rental price for {gpu_model}; available: {listed}")
    dates = pd.to_datetime(rows["date"].astype(str), format="mixed")
    recent = rows[dates >= dates.max() - pd.DateOffset(months=window_months)]
    currencies = recent["currency"].unique()
    if len(currencies) != 1:
        raise ValueError(f"rental rows for {gpu_model} mix currencies: {', '.join(map(str, currencies))}")
    price = recent["price_per_gpu_hour"].astype(float)
    return RentalQuote(
        gpu_model, provider_type, pricing_tier, float(price.median()), float(price.min()), float(price.max()),
        len(recent), str(recent["date"].min()), str(recent["date"].max()), str(currencies[0]),
        tuple(sorted(recent["provider"].astype(str).unique())),
    )


def reserved_discount_ratio(rentals: pd.DataFrame, reserved_tier: str = "1-yr reserved") -> float:
    """Reserved price / on-demand price, from rows that quote both for the same product.

    A pair = same gpu_model, provider, region and date, one ``on-demand`` and one
    ``reserved_tier`` row (hyperscaler rows only). Returns the median ratio over pairs
    (fraction; 0.59 = reserved costs 59% of on demand). Raises ValueError if no pair exists.
    """
    keys = ["gpu_model", "provider", "region", "date"]
    hyper = rentals[rentals["provider_type"].isin(["hyperscaler_on_demand", "hyperscaler_reserved"])]
    on_demand = hyper[hyper["pricing_tier"] == "on-demand"][keys + ["price_per_gpu_hour"]]
    reserved = hyper[hyper["pricing_tier"] == reserved_tier][keys + ["price_per_gpu_hour"]]
    pairs = on_demand.merge(reserved, on=keys, suffixes=("_od", "_res"))
    if pairs.empty:
        raise ValueError(f"no product with both an on-demand and a {reserved_tier} price")
    return float((pairs["price_per_gpu_hour_res"] / pairs["price_per_gpu_hour_od"]).median())


def gpu_unit_price_usd(gpu_prices: pd.DataFrame, model: str) -> tuple[float, str, str]:
    """Purchase price of one GPU (USD) and the basis and date it rests on.

    Prefers new-GPU bases in :data:`NEW_GPU_PRICE_BASES` order (a point price, or the
    midpoint of a low-high range), the latest date within a basis; falls back to used
    street prices. Returns (price USD per GPU, price_basis, date). Raises ValueError listing
    the priced models when ``model`` has no per-GPU price.
    """
    rows = gpu_prices[gpu_prices["model"] == model]
    for basis in (*NEW_GPU_PRICE_BASES, USED_GPU_PRICE_BASIS):
        hit = rows[rows["price_basis"] == basis]
        if hit.empty:
            continue
        row = hit.sort_values("date").iloc[-1]
        point = row.get("price_usd")
        price = float(point) if pd.notna(point) else (float(row["price_low_usd"]) + float(row["price_high_usd"])) / 2
        return price, basis, str(row["date"])
    bases = (*NEW_GPU_PRICE_BASES, USED_GPU_PRICE_BASIS)
    priced = sorted(gpu_prices.loc[gpu_prices["price_basis"].isin(bases), "model"].unique())
    raise ValueError(f"no per-GPU purchase price for {model!r}; priced models: {', '.join(priced)}")


def server_markup_from_quote(gpu_prices: pd.DataFrame, model: str = "H100 SXM5") -> float:
    """Whole-server price per GPU / price of one GPU, from an 8-GPU server quote (ratio).

    Uses the ``server_quote_per_8gpu_system`` row of ``model`` and that model's per-GPU price
    (:func:`gpu_unit_price_usd`). The result (> 1) covers CPUs, memory, networking and
    chassis around the GPUs. Raises ValueError when ``model`` has no server quote.
    """
    quote = gpu_prices[(gpu_prices["model"] == model) & (gpu_prices["price_basis"] == "server_quote_per_8gpu_system")]
    if quote.empty:
        raise ValueError(f"no 8-GPU server quote for {model!r}")
    per_gpu, _, _ = gpu_unit_price_usd(gpu_prices, model)
    return float(quote.sort_values("date")["price_usd"].iloc[-1]) / 8.0 / per_gpu


def server_price(gpu_unit_price: ArrayLike, gpu_count: ArrayLike, markup: ArrayLike) -> np.ndarray:
    """Price of a GPU server (currency of ``gpu_unit_price``): unit price x count x markup.

    gpu_unit_price: price of one GPU (> 0); gpu_count: GPUs in the server (> 0); markup:
    whole-server price per GPU / GPU price (>= 1, see :func:`server_markup_from_quote`).
    """
    return (
        check_positive("gpu_unit_price", gpu_unit_price)
        * check_positive("gpu_count", gpu_count)
        * check_range("markup", markup, 1.0)
    )


def scale_throughput(
    tokens_per_gpu_hour_reference: ArrayLike, bandwidth_reference: ArrayLike, bandwidth: ArrayLike
) -> np.ndarray:
    """Tokens per GPU-hour of another GPU, scaled by memory bandwidth (tokens per GPU-hour).

    LLM token generation is bound by memory bandwidth, so throughput is taken as
    proportional to it: reference x bandwidth / bandwidth_reference (bandwidths in TB/s,
    > 0). A first-order approximation: batching, precision and software change it.
    """
    return (
        check_positive("tokens_per_gpu_hour_reference", tokens_per_gpu_hour_reference)
        * check_positive("bandwidth", bandwidth, unit="TB/s")
        / check_positive("bandwidth_reference", bandwidth_reference, unit="TB/s")
    )


def tco_ready_models(specs: pd.DataFrame, gpu_prices: pd.DataFrame, rentals: pd.DataFrame) -> list[str]:
    """GPU models the rent-vs-build comparison can be run for, from the data.

    A model qualifies when ``gpu_specs`` gives its TDP and memory bandwidth,
    ``gpu_prices`` a per-GPU purchase price (:func:`gpu_unit_price_usd`), and
    ``gpu_rental_prices`` an on-demand hyperscaler price and an on-demand (European or
    other) neocloud price (aliases in :data:`RENTAL_ALIASES` count). Sorted by name.
    """
    ready = []
    for model in specs.dropna(subset=["tdp_w", "mem_bandwidth_tbs"])["model"].astype(str).unique():
        try:
            gpu_unit_price_usd(gpu_prices, model)
            rental_quote(rentals, model, "hyperscaler_on_demand")
        except ValueError:
            continue
        neo = 0
        for provider_type in ("european_neocloud", "neocloud"):
            try:
                rental_quote(rentals, model, provider_type)
                neo += 1
            except ValueError:
                pass
        if neo:
            ready.append(model)
    return sorted(ready)


def rate_year_for(date: str, available_years) -> int:
    """Calendar year whose exchange rate converts a price dated ``date`` ("YYYY[-MM[-DD]]").

    The year of the date if a rate exists for it; the latest available year for a later
    date (an annual average is published only after the year ends); ValueError for a date
    before the first available year.
    """
    years = sorted(int(y) for y in available_years)
    year = int(str(date)[:4])
    if year in years:
        return year
    if year > years[-1]:
        return years[-1]
    raise ValueError(f"no exchange rate for {year} or earlier years; available years: {', '.join(map(str, years))}")


def gpu_cost_for_tokens(
    tokens_per_month: ArrayLike,
    tokens_per_gpu_hour: ArrayLike,
    gpu_count: ArrayLike,
    *,
    fixed_eur_per_year: ArrayLike,
    eur_per_useful_gpu_hour: ArrayLike,
) -> np.ndarray:
    """Cost (EUR per year) of producing ``tokens_per_month`` on a GPU option.

    The option costs fixed_eur_per_year plus eur_per_useful_gpu_hour per GPU-hour used (as
    in :func:`api_vs_gpu`); the hours needed are tokens x 12 / tokens_per_gpu_hour. NaN
    where the volume exceeds what gpu_count GPUs can produce in 8,760 hours.
    """
    tokens = check_non_negative("tokens_per_month", tokens_per_month, unit="tokens")
    throughput = check_positive("tokens_per_gpu_hour", tokens_per_gpu_hour)
    gpus = check_positive("gpu_count", gpu_count)
    fixed = check_non_negative("fixed_eur_per_year", fixed_eur_per_year, unit="EUR")
    hourly = check_non_negative("eur_per_useful_gpu_hour", eur_per_useful_gpu_hour)
    hours = tokens * MONTHS_PER_YEAR / throughput
    cost = fixed + hourly * hours
    return np.where(hours <= gpus * HOURS_PER_YEAR, cost, np.nan)
