"""Energy arithmetic of AI compute: power, energy, electricity cost and capacity from capex.

Pure functions. Numeric arguments accept scalars or numpy arrays and broadcast against each
other; units are stated in every docstring. Money is in the currency of the price or cost
passed in (EUR when the price is EUR/kWh); the functions never convert currencies.

Power per GPU comes in two flavours, and ``server_overhead`` says which one is passed:

* the GPU's own TDP (e.g. H100 SXM 700 W) with ``server_overhead`` > 1 for CPUs, memory,
  network and fans of the server around it, or
* the whole server's draw divided by its GPUs (e.g. DGX H100: 10.2 kW / 8 GPUs = 1,275 W)
  with ``server_overhead=1.0``.

PUE (power usage effectiveness) then scales IT power to facility power (cooling, losses).
"""

from __future__ import annotations

from collections.abc import Sequence

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

#: Hours in a (non-leap) year.
HOURS_PER_YEAR = 8760.0

_KWH_PER_TWH = 1e9
_GWH_PER_TWH = 1e3
_W_PER_KW = 1e3


def _check_pue(pue) -> np.ndarray:
    return check_range("pue", pue, 1.0, None)


def _check_server_overhead(server_overhead) -> np.ndarray:
    return check_range("server_overhead", server_overhead, 1.0, None)


def _check_load_factor(load_factor) -> np.ndarray:
    return check_fraction("load_factor", load_factor, allow_zero=False)


# --- Conversions -----------------------------------------------------------------------


def facility_power_kw(n_gpus, watts_per_gpu, pue, server_overhead=1.0):
    """Facility power draw in kW of ``n_gpus`` GPUs running at full power.

    n_gpus: number of GPUs (>= 0). watts_per_gpu: W per GPU, either the GPU TDP (then set
    ``server_overhead`` > 1) or the server's draw per GPU (then ``server_overhead=1.0``).
    pue: power usage effectiveness (>= 1). server_overhead: factor >= 1 for the rest of the
    server. Result: kW = n_gpus x watts_per_gpu x server_overhead x pue / 1000.
    """
    n = check_non_negative("n_gpus", n_gpus, unit="GPUs")
    watts = check_non_negative("watts_per_gpu", watts_per_gpu, unit="W")
    return n * watts * _check_server_overhead(server_overhead) * _check_pue(pue) / _W_PER_KW


def energy_kwh(power_kw, hours, load_factor=1.0):
    """Energy in kWh drawn by ``power_kw`` kW over ``hours`` h at ``load_factor`` (0, 1]."""
    power = check_non_negative("power_kw", power_kw, unit="kW")
    duration = check_non_negative("hours", hours, unit="h")
    return power * duration * _check_load_factor(load_factor)


def kwh_to_twh(kwh):
    """Convert kWh to TWh (1 TWh = 1e9 kWh)."""
    return np.asarray(kwh, dtype=float) / _KWH_PER_TWH


def gw_to_twh_per_year(gw, load_factor, hours=HOURS_PER_YEAR):
    """Energy in TWh of ``gw`` GW of capacity at ``load_factor`` (0, 1] over ``hours`` h.

    With the default ``hours`` = 8,760 the result is TWh per year; 1 GW x 8,760 h = 8.76 TWh.
    """
    capacity = check_non_negative("gw", gw, unit="GW")
    duration = check_non_negative("hours", hours, unit="h")
    return capacity * _check_load_factor(load_factor) * duration / _GWH_PER_TWH


#: Same function under the name used in the capex -> capacity -> energy chain.
twh_from_gw = gw_to_twh_per_year


def energy_cost(energy_kwh, price_per_kwh):
    """Cost of ``energy_kwh`` kWh at ``price_per_kwh`` (currency/kWh); result in that currency."""
    energy = check_non_negative("energy_kwh", energy_kwh, unit="kWh")
    return energy * check_non_negative("price_per_kwh", price_per_kwh, unit="per kWh")


def energy_cost_per_gpu_hour(watts_per_gpu, pue, price_per_kwh, server_overhead=1.0):
    """Electricity cost of running one GPU for one hour at full power.

    watts_per_gpu: W (see the module docstring for ``server_overhead``); pue: >= 1;
    price_per_kwh: currency/kWh. Result: currency per GPU-hour, e.g. 0.7 kW x 1.5 x
    EUR 0.20/kWh = EUR 0.21 per H100-hour.
    """
    kwh_per_gpu_hour = facility_power_kw(1.0, watts_per_gpu, pue, server_overhead)
    return energy_cost(kwh_per_gpu_hour, price_per_kwh)


# --- Capex -> capacity -----------------------------------------------------------------


def gw_from_capex(capex_usd_bn, cost_per_gw_usd_bn):
    """Capacity in GW that ``capex_usd_bn`` (USD bn) buys at ``cost_per_gw_usd_bn`` (USD bn/GW).

    The cost per GW must cover the same scope as the capex (all-in, incl. IT equipment, or
    buildings and power only).
    """
    capex = check_non_negative("capex_usd_bn", capex_usd_bn, unit="USD bn")
    return capex / check_positive("cost_per_gw_usd_bn", cost_per_gw_usd_bn, unit="USD bn/GW")


def cumulative_gw_from_capex(annual_capex_usd_bn, cost_per_gw_usd_bn):
    """Cumulative GW built by an annual capex path (USD bn per year, years on the last axis).

    ``cost_per_gw_usd_bn`` (USD bn/GW) may be a scalar or a path of the same length (falling
    unit costs). Capacity counts in the year its capex is spent; nothing is retired.
    """
    return np.cumsum(gw_from_capex(annual_capex_usd_bn, cost_per_gw_usd_bn), axis=-1)


# --- Location factor -------------------------------------------------------------------


def energy_cost_per_gpu_hour_by_country(
    prices: pd.DataFrame,
    watts_per_gpu: float,
    pue: float,
    server_overhead: float = 1.0,
    countries: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Electricity cost per GPU-hour in each country, cheapest first.

    prices: one row per country with columns ``geo`` (country code) and ``value`` (price,
    e.g. EUR/kWh; filter to one period, band and tax level before calling; an optional
    ``unit`` column must hold a single unit). watts_per_gpu: W; pue: >= 1; server_overhead:
    >= 1. countries: codes to keep (default all); each must be a ``geo`` of ``prices``.
    Result: the selected rows of ``prices`` plus ``energy_cost_per_gpu_hour`` (currency of
    ``value`` per GPU-hour), sorted by that cost, then by ``geo``.
    """
    missing = [c for c in ("geo", "value") if c not in prices.columns]
    if missing:
        raise ValueError(f"prices must have columns geo, value; missing: {', '.join(missing)}")
    duplicated = sorted(prices.loc[prices["geo"].duplicated(), "geo"].unique())
    if duplicated:
        raise ValueError(
            f"prices must have one row per geo; repeated: {', '.join(duplicated)} "
            "(filter to one period, band and tax level first)"
        )
    if "unit" in prices.columns and prices["unit"].nunique() > 1:
        units = ", ".join(sorted(prices["unit"].unique()))
        raise ValueError(f"prices['unit'] must hold a single unit; got {units}")

    selected = prices
    if isinstance(countries, str):
        raise ValueError(f"countries must be a list of codes, e.g. [{countries!r}]; got a string")
    if countries is not None:
        valid = prices["geo"].unique()
        for code in countries:
            check_choice("countries", code, valid)
        selected = prices[prices["geo"].isin(countries)]

    price = check_non_negative("prices['value']", selected["value"], unit="per kWh")
    cost = energy_cost_per_gpu_hour(watts_per_gpu, pue, price, server_overhead)
    return (
        selected.assign(energy_cost_per_gpu_hour=cost)
        .sort_values(["energy_cost_per_gpu_hour", "geo"], kind="stable")
        .reset_index(drop=True)
    )


def energy_share_of_rental(energy_cost_per_gpu_hour, rental_price_per_gpu_hour):
    """Electricity cost as a fraction of the rental price of a GPU-hour (same currency).

    Not capped at 1: a share above 1 means the electricity alone costs more than the rent.
    """
    energy = check_non_negative("energy_cost_per_gpu_hour", energy_cost_per_gpu_hour)
    return energy / check_positive("rental_price_per_gpu_hour", rental_price_per_gpu_hour)


# --- GPU lookup ------------------------------------------------------------------------


def gpu_power_w(model: str, specs: pd.DataFrame) -> float:
    """TDP in W of GPU ``model`` from ``specs`` (columns ``model``, ``tdp_w`` in W).

    Rows without a ``tdp_w`` (e.g. price records) are not candidates; a model listed twice
    with a TDP is an error rather than a silent choice.
    """
    missing = [c for c in ("model", "tdp_w") if c not in specs.columns]
    if missing:
        raise ValueError(f"specs must have columns model, tdp_w; missing: {', '.join(missing)}")
    known = specs.dropna(subset=["tdp_w"])
    check_choice("model", model, known["model"].unique())
    tdp = known.loc[known["model"] == model, "tdp_w"]
    if len(tdp) > 1:
        raise ValueError(f"specs lists model {model!r} {len(tdp)} times; keep one row")
    return float(check_positive(f"tdp_w of {model!r}", tdp.iloc[0], unit="W"))


# --- Gigafactory economics -------------------------------------------------------------


def unit_cost_per_gpu_hour(
    capex_per_gpu,
    life_years,
    utilisation,
    fixed_cost_per_year,
    watts_per_gpu,
    pue,
    price_per_kwh,
    server_overhead=1.0,
    interest_rate=0.0,
):
    """Full cost of one used GPU-hour: capital + fixed costs + electricity.

    capex_per_gpu: currency per GPU (all-in share of servers, network, building);
    life_years: years (> 0); utilisation: used share of the 8,760 h of a year, (0, 1];
    fixed_cost_per_year: currency per GPU per year (staff, maintenance, space);
    watts_per_gpu: W; pue: >= 1; price_per_kwh: currency/kWh; server_overhead: >= 1;
    interest_rate: fraction per year (>= 0).

    Result (currency per used GPU-hour) = (annualised capex + fixed_cost_per_year)
    / (8,760 x utilisation) + energy cost per GPU-hour. Capex is annualised with the
    capital-recovery factor r / (1 - (1 + r)^-n), i.e. capex / n when r = 0. Convention:
    electricity is paid only for the hours used (idle draw is ignored), so the energy term
    does not depend on utilisation while capital and fixed costs are spread over used hours.
    """
    capex = check_non_negative("capex_per_gpu", capex_per_gpu)
    life = check_positive("life_years", life_years, unit="years")
    used_hours = HOURS_PER_YEAR * check_fraction("utilisation", utilisation, allow_zero=False)
    fixed = check_non_negative("fixed_cost_per_year", fixed_cost_per_year)
    rate = check_non_negative("interest_rate", interest_rate, unit="per year")
    annualised_capex = -npf.pmt(rate, life, capex)
    energy = energy_cost_per_gpu_hour(watts_per_gpu, pue, price_per_kwh, server_overhead)
    return (annualised_capex + fixed) / used_hours + energy


# --- Data selection for the energy report -----------------------------------------------


def select_prices(
    prices: pd.DataFrame,
    band: str,
    tax_level: str,
    period: str = "latest",
    countries: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One electricity price per country for one consumption band, tax level and period.

    prices: rows like ``eurostat_electricity_prices`` (columns geo, period, band, tax_level,
    value in EUR/kWh). countries: geo codes (default: every geo of the band and tax level).
    period: a semester such as ``"2025-S2"``, or ``"latest"`` = the latest semester in which
    every selected country has a price (a newer, incomplete release is skipped). Result: the
    matching rows, one per country, in the order of ``countries``.
    """
    check_choice("band", band, prices["band"].unique())
    check_choice("tax_level", tax_level, prices["tax_level"].unique())
    rows = prices[(prices["band"] == band) & (prices["tax_level"] == tax_level)]
    if isinstance(countries, str):
        raise ValueError(f"countries must be a list of codes, e.g. [{countries!r}]; got a string")
    countries = list(rows["geo"].unique()) if countries is None else list(countries)
    for code in countries:
        check_choice("countries", code, rows["geo"].unique())
    rows = rows[rows["geo"].isin(countries)]
    covered = rows.groupby("period")["geo"].nunique()
    complete = sorted(covered[covered == len(set(countries))].index)
    if period == "latest":
        if not complete:
            raise ValueError(f"no period has a {band}/{tax_level} price for every one of {', '.join(countries)}")
        period = complete[-1]
    check_choice(f"period (with a {band}/{tax_level} price for every selected country)", period, complete)
    return rows[rows["period"] == period].set_index("geo").loc[countries].reset_index()


# --- Comparisons -----------------------------------------------------------------------


def average_annual_change(start_value, end_value, start_year, end_year):
    """Average change per year between two observations, in the unit of the values per year.

    (end_value - start_value) / (end_year - start_year); e.g. IEA world data-centre
    electricity 415 TWh (2024) -> 945 TWh (2030) = 530 / 6 = 88.3 TWh per year.
    """
    start_year = np.asarray(start_year, dtype=float)
    span = check_positive("end_year - start_year", np.asarray(end_year, dtype=float) - start_year, unit="years")
    return (np.asarray(end_value, dtype=float) - np.asarray(start_value, dtype=float)) / span


def relative_change(start, end):
    """Change from ``start`` to ``end`` as a fraction of ``start`` (e.g. -0.25 = 25 % lower).

    (end - start) / start; start must be > 0. Units cancel (both in the same unit).
    """
    start = check_positive("start", start)
    return (np.asarray(end, dtype=float) - start) / start


def price_per_kwh_from_cents(cents_per_kwh):
    """Convert a price in cents per kWh (e.g. US EIA's "cents per kilowatt-hour") to units per kWh.

    cents_per_kwh / 100; e.g. 8.62 US cents/kWh = USD 0.0862/kWh.
    """
    return check_non_negative("cents_per_kwh", cents_per_kwh, unit="cents/kWh") / 100.0


def utilisation_for_unit_cost(
    target_cost,
    capex_per_gpu,
    life_years,
    fixed_cost_per_year,
    watts_per_gpu,
    pue,
    price_per_kwh,
    server_overhead=1.0,
    interest_rate=0.0,
):
    """Utilisation at which :func:`unit_cost_per_gpu_hour` equals ``target_cost``.

    Arguments as in :func:`unit_cost_per_gpu_hour`; target_cost: currency per used GPU-hour.
    Result: share of the 8,760 h of a year = (annualised capex + fixed cost) / (8,760 x
    (target_cost - energy cost per GPU-hour)). Not capped: a result above 1 means that even
    round-the-clock use cannot reach the target; ``inf`` when the target does not exceed the
    energy cost alone.
    """
    target = check_non_negative("target_cost", target_cost)
    capex = check_non_negative("capex_per_gpu", capex_per_gpu)
    life = check_positive("life_years", life_years, unit="years")
    fixed = check_non_negative("fixed_cost_per_year", fixed_cost_per_year)
    rate = check_non_negative("interest_rate", interest_rate, unit="per year")
    per_year = -npf.pmt(rate, life, capex) + fixed
    margin = target - energy_cost_per_gpu_hour(watts_per_gpu, pue, price_per_kwh, server_overhead)
    with np.errstate(divide="ignore"):
        return np.where(margin > 0, per_year / (HOURS_PER_YEAR * np.where(margin > 0, margin, 1.0)), np.inf)


def unit_cost_bridge(start: dict, end: dict, levers: Sequence[str]) -> pd.DataFrame:
    """Walk :func:`unit_cost_per_gpu_hour` from the ``start`` inputs to the ``end`` inputs.

    start, end: keyword arguments of :func:`unit_cost_per_gpu_hour` (scalars, same keys).
    levers: the argument names to switch from start to end, one at a time, in this order;
    every argument that differs between start and end must be listed. Result: one row per
    step (``start``, each lever, in order) with columns step, unit_cost (currency per used
    GPU-hour after the step), change (versus the previous step; 0 for ``start``) and
    share_of_total_change (change / (end cost - start cost); NaN when the two costs are
    equal). The changes add up to end cost - start cost; they depend on the order of the levers.
    """
    if set(start) != set(end):
        raise ValueError(f"start and end must have the same arguments; differ in {sorted(set(start) ^ set(end))}")
    for lever in levers:
        check_choice("levers", lever, start.keys())
    unlisted = sorted(k for k in start if k not in levers and np.any(np.asarray(start[k]) != np.asarray(end[k])))
    if unlisted:
        raise ValueError(f"levers must list every argument that differs between start and end; missing {unlisted}")
    inputs = dict(start)
    steps = [("start", float(unit_cost_per_gpu_hour(**inputs)))]
    for lever in levers:
        inputs[lever] = end[lever]
        steps.append((lever, float(unit_cost_per_gpu_hour(**inputs))))
    bridge = pd.DataFrame(steps, columns=["step", "unit_cost"])
    bridge["change"] = bridge["unit_cost"].diff().fillna(0.0)
    total = bridge["unit_cost"].iloc[-1] - bridge["unit_cost"].iloc[0]
    bridge["share_of_total_change"] = bridge["change"] / total if total != 0 else np.nan
    return bridge


# --- Inputs of the unit-cost comparison --------------------------------------------------

#: Price bases of ``gpu_prices`` usable as the hardware price of one GPU, best first, with the
#: number of GPUs the quoted price covers.
HARDWARE_PRICE_BASES: dict[str, int] = {
    "server_quote_per_8gpu_system": 8,
    "list_msrp_per_gpu": 1,
    "vendor_guidance_per_gpu": 1,
}


def hardware_price_per_gpu(prices: pd.DataFrame, model: str) -> pd.Series:
    """Hardware price of one GPU of ``model`` (USD) from rows like ``gpu_prices``.

    prices: columns model, price_usd, price_low_usd, price_high_usd, price_basis, date. The
    first basis of :data:`HARDWARE_PRICE_BASES` found for the model is used: a whole-server
    quote divided by its GPUs (includes CPUs, memory, network cards), else a per-GPU list
    price, else the midpoint of a vendor's per-GPU range. Result: the chosen row with
    ``price_usd_per_gpu`` (USD per GPU) added. An unpriced model is an error listing the
    models that have a usable price.
    """
    usable = prices[prices["price_basis"].isin(list(HARDWARE_PRICE_BASES))]
    check_choice("model (with a hardware price)", model, usable["model"].unique())
    rows = usable[usable["model"] == model]
    rank = rows["price_basis"].map(list(HARDWARE_PRICE_BASES).index)
    row = rows.loc[rank.sort_values(kind="stable").index[0]].copy()
    point = row["price_usd"]
    if pd.isna(point):
        point = (row["price_low_usd"] + row["price_high_usd"]) / 2
    gpus = HARDWARE_PRICE_BASES[row["price_basis"]]
    row["price_usd_per_gpu"] = float(check_positive(f"price of {model!r}", point, unit="USD")) / gpus
    return row


def staff_fte_per_gpu_at_scale(staff_per_100_mw, watts_per_gpu, pue, server_overhead=1.0):
    """Operating staff (FTE) per GPU in a large site staffed at ``staff_per_100_mw`` FTE per 100 MW.

    staff_per_100_mw: full-time staff per 100 MW of facility power; watts_per_gpu: W;
    pue: >= 1; server_overhead: >= 1. Result: FTE per GPU = staff_per_100_mw x facility kW
    per GPU / 100,000 kW; e.g. 30 FTE x (0.7 kW x 1.82 x 1.1 = 1.4014 kW) / 100,000 = 0.00042.
    """
    staff = check_non_negative("staff_per_100_mw", staff_per_100_mw, unit="FTE per 100 MW")
    return staff * facility_power_kw(1.0, watts_per_gpu, pue, server_overhead) / 100_000.0


def fixed_cost_per_gpu_year(capex_per_gpu, maintenance_share, staff_fte_per_gpu, staff_cost_per_fte):
    """Fixed operating cost of one GPU per year (currency of the inputs per GPU per year).

    capex_per_gpu: hardware price per GPU; maintenance_share: support and repairs as a share
    of the hardware price per year, [0, 1]; staff_fte_per_gpu: FTE per GPU (>= 0);
    staff_cost_per_fte: employer cost per FTE per year. Result = capex x share + FTE x cost;
    e.g. 30,000 x 0.08 + 0.1 / 8 x 69,440 = 2,400 + 868 = 3,268.
    """
    capex = check_non_negative("capex_per_gpu", capex_per_gpu)
    share = check_fraction("maintenance_share", maintenance_share)
    fte = check_non_negative("staff_fte_per_gpu", staff_fte_per_gpu, unit="FTE")
    cost = check_non_negative("staff_cost_per_fte", staff_cost_per_fte)
    return capex * share + fte * cost
