"""AI and cloud adoption by enterprise size (Eurostat) and the price of LLM tokens over time.

Pure transforms of validated frames (``analysis.data.load``); nothing here reads a file.

* Eurostat frames (``eurostat_ai_use``, ``eurostat_cloud_use``): one row per geo, size class,
  year and indicator; ``value`` is a share of enterprises of the size class, in percent.
  Size classes count persons employed: 10-49 small, 50-249 medium, 250+ large, 10-249 SMEs,
  10+ all enterprises.
* Series breaks are read from the dataset's sidecar (``analysis.data.metadata``): a
  definition that starts with ``SERIES BREAK 2023->2024:`` is a break between those years.
* Token prices (``inference_prices``): list prices in USD per million tokens, blended with
  a stated input-token share (see :func:`blended_token_prices`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.checks import check_choice, check_fraction, check_positive
from analysis.data.vocabularies import EU27_AGGREGATE, EU27_COUNTRIES, SIZE_CLASSES

#: Eurostat indicator: enterprises using at least one AI technology (% of enterprises).
AI_USE = "E_AI_TANY"
#: Eurostat indicator: enterprises buying cloud computing services (% of enterprises).
CLOUD_USE = "E_CC"
#: The three size classes charted side by side, smallest first.
SIZE_ORDER = ("10-49", "50-249", "250+")
#: Short labels for charts (persons employed).
SIZE_LABELS = {
    "10-49": "small (10–49)",
    "50-249": "medium (50–249)",
    "250+": "large (250+)",
    "10-249": "SMEs (10–249)",
    "10+": "all (10+)",
}
_BREAK = re.compile(r"^\s*SERIES BREAK\s+(\d{4})\s*->\s*(\d{4})\s*:\s*(.*)$", re.IGNORECASE | re.DOTALL)


def check_country(country: str, valid=EU27_COUNTRIES) -> str:
    """Return ``country`` after checking it is an EU27 member-state code (Eurostat, EL = Greece).

    Raises ValueError naming the parameter, the value and every valid code.
    """
    if not isinstance(country, str):
        raise ValueError(f"country must be one of {', '.join(sorted(valid))}; got {country!r}")
    return check_choice("country", country, valid)


def country_name(code: str) -> str:
    """English name of an EU27 code, or 'EU27' for the aggregate."""
    return "EU27" if code == EU27_AGGREGATE else EU27_COUNTRIES.get(code, code)


# --- series breaks -----------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesBreak:
    """A break in a time series between ``year_before`` and ``year_after`` (survey years)."""

    year_before: int
    year_after: int
    text: str

    @property
    def position(self) -> float:
        """Where to draw the break on a year axis: halfway between the two years."""
        return (self.year_before + self.year_after) / 2


def series_breaks(metadata: dict) -> list[SeriesBreak]:
    """The series breaks a sidecar declares (definitions starting ``SERIES BREAK yyyy->yyyy:``)."""
    found = []
    for text in metadata.get("definitions", []):
        match = _BREAK.match(str(text))
        if match:
            found.append(SeriesBreak(int(match[1]), int(match[2]), match[3].strip()))
    return sorted(found, key=lambda b: b.year_after)


def breaks_within(breaks: list[SeriesBreak], years) -> list[SeriesBreak]:
    """The breaks that a chart spanning ``years`` crosses (both sides of the break inside)."""
    years = list(years)
    if not years:
        return []
    low, high = min(years), max(years)
    return [b for b in breaks if low <= b.year_before and b.year_after <= high]


# --- shares by size class ------------------------------------------------------------------


def _check_geos(frame: pd.DataFrame, geos) -> None:
    valid = sorted(frame["geo"].unique())
    for geo in geos:
        if geo not in valid:
            raise ValueError(f"geo must be one of {', '.join(valid)}; got {geo!r}")


def by_size_class(
    frame: pd.DataFrame,
    geos,
    indicator: str,
    size_classes=SIZE_ORDER,
) -> pd.DataFrame:
    """Share of enterprises (%) by size class and year for ``geos``.

    frame: a Eurostat frame (columns geo, size_class, year, indicator, value in % of
    enterprises). geos: codes (e.g. ["DE", "EU27_2020"]), each must occur in ``frame``.
    Result columns: geo, size_class, size_label, year, value (%), sorted by geo, size class
    (in the order given) and year. Missing combinations are simply absent (not filled).
    """
    geos = [geos] if isinstance(geos, str) else list(geos)
    _check_geos(frame, geos)
    for size in size_classes:
        check_choice("size_class", size, SIZE_CLASSES)
    rows = frame[
        frame["geo"].isin(geos) & frame["size_class"].isin(size_classes) & (frame["indicator"] == indicator)
    ]
    out = rows[["geo", "size_class", "year", "value"]].copy()
    out["geo"] = pd.Categorical(out["geo"].astype(str), categories=geos, ordered=True)
    out["size_class"] = pd.Categorical(out["size_class"].astype(str), categories=list(size_classes), ordered=True)
    out = out.sort_values(["geo", "size_class", "year"]).reset_index(drop=True)
    out["size_label"] = out["size_class"].map(SIZE_LABELS).astype(str)
    out["geo"] = out["geo"].astype(str)
    out["size_class"] = out["size_class"].astype(str)
    out["year"] = out["year"].astype(int)
    out["value"] = out["value"].astype(float)
    return out[["geo", "size_class", "size_label", "year", "value"]]


def size_gap(
    frame: pd.DataFrame,
    geo: str,
    indicator: str = AI_USE,
    sme_class: str = "10-249",
    large_class: str = "250+",
) -> pd.DataFrame:
    """Gap between SMEs and large firms in each year, for one geo.

    Shares in % of enterprises. Result columns: year, sme_pct, large_pct, gap_pp
    (large - SME, percentage points; positive = SMEs lag), ratio (large / SME, times; NaN
    when the SME share is 0). Only years with both classes are returned.
    """
    _check_geos(frame, [geo])
    check_choice("sme_class", sme_class, SIZE_CLASSES)
    check_choice("large_class", large_class, SIZE_CLASSES)
    rows = frame[(frame["geo"] == geo) & (frame["indicator"] == indicator)]
    wide = rows.pivot_table(index="year", columns="size_class", values="value", aggfunc="first")
    missing = [c for c in (sme_class, large_class) if c not in wide.columns]
    if missing:
        raise ValueError(f"no {indicator} values for size class(es) {', '.join(missing)} in {geo}")
    wide = wide[[sme_class, large_class]].dropna().astype(float)
    sme = wide[sme_class].to_numpy()
    large = wide[large_class].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(sme > 0, large / np.where(sme > 0, sme, 1.0), np.nan)
    return pd.DataFrame(
        {"year": wide.index.astype(int), "sme_pct": sme, "large_pct": large, "gap_pp": large - sme, "ratio": ratio}
    ).reset_index(drop=True)


def eu_ranking(
    frame: pd.DataFrame,
    year: int,
    size_class: str,
    indicator: str = AI_USE,
    countries=tuple(EU27_COUNTRIES),
) -> pd.DataFrame:
    """Member states ranked by share (%) in one year and size class; 1 = highest share.

    Ties share the best rank (competition ranking "1, 2, 2, 4"); ``tied`` marks them.
    The EU aggregate is not ranked. Result columns: geo, value (%), rank, tied,
    n_ranked (countries with a value), sorted by rank then geo. Raises ValueError if no
    member state has a value for that year and size class.
    """
    check_choice("size_class", size_class, SIZE_CLASSES)
    rows = frame[
        frame["geo"].isin(countries)
        & (frame["year"] == year)
        & (frame["size_class"] == size_class)
        & (frame["indicator"] == indicator)
    ]
    if rows.empty:
        years = sorted(frame.loc[frame["indicator"] == indicator, "year"].unique())
        raise ValueError(
            f"no {indicator} values for size class {size_class} in {year}; years available: "
            + ", ".join(map(str, years))
        )
    out = rows[["geo", "value"]].astype({"geo": str, "value": float}).reset_index(drop=True)
    out["rank"] = out["value"].rank(method="min", ascending=False).astype(int)
    out["tied"] = out["rank"].duplicated(keep=False)
    out["n_ranked"] = len(out)
    return out.sort_values(["rank", "geo"]).reset_index(drop=True)


@dataclass(frozen=True)
class CountryRank:
    """Where one country stands in a :func:`eu_ranking`."""

    geo: str
    value: float  # % of enterprises
    rank: int  # 1 = highest share
    n_ranked: int
    tied_with: tuple[str, ...]  # other countries with the same share

    def describe(self) -> str:
        """E.g. 'rank 5 of 27' or 'rank 5 of 27 (tied with AT, BE)'."""
        tie = f" (tied with {', '.join(self.tied_with)})" if self.tied_with else ""
        return f"rank {self.rank} of {self.n_ranked}{tie}"


def country_rank(ranking: pd.DataFrame, country: str) -> CountryRank:
    """The rank of ``country`` in a frame from :func:`eu_ranking`."""
    check_choice("country", country, ranking["geo"].tolist())
    row = ranking.loc[ranking["geo"] == country].iloc[0]
    tied = ranking.loc[(ranking["rank"] == row["rank"]) & (ranking["geo"] != country), "geo"]
    return CountryRank(country, float(row["value"]), int(row["rank"]), int(row["n_ranked"]), tuple(tied))


def barriers(
    frame: pd.DataFrame,
    reasons,
    geo: str = EU27_AGGREGATE,
    base: str = "pct_of_ai_considerers",
    size_classes=SIZE_ORDER,
) -> pd.DataFrame:
    """Reasons for not using AI by size class (``eurostat_ai_barriers`` frame).

    Keeps one geo and one base (what the percentage is of; values on different bases are
    not comparable). Result columns: publisher, geo, size_class, size_label, year, reason,
    value (% of the base), sorted by reason, size class, year. May be empty.
    """
    check_choice("base", base, ["pct_of_ai_considerers", "pct_of_all_enterprises"])
    reasons = [reasons] if isinstance(reasons, str) else list(reasons)
    rows = frame[
        (frame["geo"] == geo)
        & (frame["base"] == base)
        & frame["reason"].isin(reasons)
        & frame["size_class"].isin(size_classes)
    ]
    out = rows[["publisher", "geo", "size_class", "year", "reason", "value"]].astype(
        {"publisher": str, "geo": str, "size_class": str, "reason": str, "value": float}
    )
    order = {s: i for i, s in enumerate(size_classes)}
    out = out.assign(_o=out["size_class"].map(order)).sort_values(["reason", "_o", "year"]).drop(columns="_o")
    out.insert(3, "size_label", out["size_class"].map(SIZE_LABELS))
    return out.reset_index(drop=True)


# --- token prices --------------------------------------------------------------------------


def blended_token_prices(prices: pd.DataFrame, input_token_share: float) -> pd.DataFrame:
    """Blended list price of each model and date, USD per million tokens.

    prices: the ``inference_prices`` frame (input_usd_per_mtok, output_usd_per_mtok in USD
    per million tokens; date "YYYY-MM" or "YYYY-MM-DD"). input_token_share: share (0..1) of
    the tokens that are input; blended = share x input + (1 - share) x output (Artificial
    Analysis and Epoch AI blend 3:1, i.e. 0.75). A month-only date is read as the 1st.
    Result columns: date (Timestamp), provider, model, input_usd_per_mtok,
    output_usd_per_mtok, blended_usd_per_mtok, sorted by date then provider and model.
    """
    share = float(check_fraction("input_token_share", input_token_share))
    out = prices[["date", "provider", "model", "input_usd_per_mtok", "output_usd_per_mtok"]].copy()
    out["date"] = pd.to_datetime(out["date"].astype(str), format="mixed")
    out = out.astype({"provider": str, "model": str, "input_usd_per_mtok": float, "output_usd_per_mtok": float})
    out["blended_usd_per_mtok"] = share * out["input_usd_per_mtok"] + (1 - share) * out["output_usd_per_mtok"]
    return out.sort_values(["date", "provider", "model"]).reset_index(drop=True)


def cheapest_to_date(blended: pd.DataFrame) -> pd.DataFrame:
    """The cheapest listed model at each date: running minimum of the blended price.

    Definition: at each date in ``blended`` (from :func:`blended_token_prices`), the lowest
    blended price among all rows dated on or before it, i.e. the entry price of an LLM API
    from the providers in the data, whatever the model's capability (a model is assumed to
    stay available after its listed date). Result columns: date, blended_usd_per_mtok
    (USD per million tokens), model and provider of the cheapest row; one row per date.
    """
    if blended.empty:
        raise ValueError("blended must have at least one price")
    per_date = (
        blended.sort_values(["date", "blended_usd_per_mtok", "provider", "model"])
        .groupby("date", as_index=False)
        .first()
    )
    price = per_date["blended_usd_per_mtok"].to_numpy(dtype=float)
    floor = np.minimum.accumulate(price)
    new_low = price <= floor  # this date's cheapest row sets (or equals) the running minimum
    holder = pd.Series(np.where(new_low, np.arange(len(price)), -1)).replace(-1, np.nan).ffill().astype(int)
    return pd.DataFrame(
        {
            "date": per_date["date"].to_numpy(),
            "blended_usd_per_mtok": floor,
            "model": per_date["model"].to_numpy()[holder],
            "provider": per_date["provider"].to_numpy()[holder],
        }
    )


def annual_decline_factor(price_start: float, price_end: float, years: float) -> float:
    """Average factor by which a price fell per year: (start / end) ** (1 / years).

    Prices in the same unit (> 0), years > 0. 10 means "10x cheaper each year"; a value
    below 1 means the price rose.
    """
    start = float(check_positive("price_start", price_start))
    end = float(check_positive("price_end", price_end))
    span = float(check_positive("years", years, unit="years"))
    return (start / end) ** (1.0 / span)


def years_between(start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Years between two dates (days / 365.25)."""
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / 365.25


def split_aftermath(text) -> dict[str, str]:
    """Split an ``infrastructure_booms`` aftermath text into its 'Investors:' and 'Users:' parts.

    Returns {"investors": ..., "users": ...}; a part that is not stated is "" and a text
    without either label goes to "other" (e.g. "Not yet known. ...").
    """
    text = "" if text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA else str(text)
    parts = {"investors": "", "users": "", "other": ""}
    pattern = re.compile(r"(Investors|Users):\s*")
    pieces = pattern.split(text)
    parts["other"] = pieces[0].strip()
    for label, body in zip(pieces[1::2], pieces[2::2]):
        parts[label.lower()] = body.strip()
    return parts
