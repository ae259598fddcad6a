"""The assumptions register (``data/raw/assumptions.yaml``): inputs that are not data.

Each entry has a value, a unit, a plausible range, a description and either a published
source (title, url, date) or a stated rationale; optionally a Monte Carlo distribution.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .. import paths
from .errors import DataValidationError, Failure
from .yamlio import load_yaml
from .sidecar import is_placeholder_url

DISTRIBUTION_PARAMETERS = {
    "triangular": ("low", "mode", "high"),
    "uniform": ("low", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("mu", "sigma"),
    "fixed": ("value",),
}


@dataclass(frozen=True)
class Assumption:
    """One register entry. ``low``/``high`` bound the plausible range (same unit as ``value``)."""

    name: str
    value: float
    unit: str
    low: float
    high: float
    description: str
    source: dict[str, str] | None = None
    rationale: str | None = None
    distribution: dict[str, Any] | None = field(default=None)

    @property
    def basis(self) -> str:
        """Where the value comes from, for a report table."""
        if self.source:
            return f"{self.source['title']} ({self.source['date']}), {self.source['url']}"
        return f"Rationale: {self.rationale}"


def load_assumptions(path: Path | None = None) -> dict[str, Assumption]:
    """Read and check the register; raise DataValidationError naming every bad entry."""
    path = path or paths.ASSUMPTIONS
    if not path.exists():
        raise DataValidationError(path, [Failure("assumptions register is missing")])
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataValidationError(path, [Failure("not valid UTF-8 YAML", detail=str(exc))]) from None
    if not isinstance(raw, dict) or not raw:
        raise DataValidationError(path, [Failure("the register must be a non-empty mapping of name -> entry")])
    failures: list[Failure] = []
    register = {}
    for name, entry in raw.items():
        problems = _check_entry(entry)
        failures += [Failure(p, column=str(name)) for p in problems]
        if not problems:
            low, high = entry["range"]
            register[name] = Assumption(
                name=name, value=float(entry["value"]), unit=str(entry["unit"]), low=float(low), high=float(high),
                description=str(entry["description"]), source=entry.get("source"), rationale=entry.get("rationale"),
                distribution=entry.get("distribution"),
            )
    if failures:
        raise DataValidationError(path, failures)
    return register


def _number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _check_entry(entry: Any) -> list[str]:
    if not isinstance(entry, dict):
        return ["entry must be a mapping"]
    problems = [f"'{k}' is missing" for k in ("value", "unit", "range", "description") if k not in entry]
    if problems:
        return problems
    if not _number(entry["value"]):
        problems.append(f"'value' must be a number, got {entry['value']!r}")
    rng = entry["range"]
    if not (isinstance(rng, list) and len(rng) == 2 and all(map(_number, rng))):
        problems.append(f"'range' must be [low, high] numbers, got {rng!r}")
    elif _number(entry["value"]) and not rng[0] <= entry["value"] <= rng[1]:
        problems.append(f"'value' {entry['value']} lies outside 'range' {rng}")
    source, rationale = entry.get("source"), entry.get("rationale")
    if source is None and not str(rationale or "").strip():
        problems.append("needs a 'source' {title, url, date} or a 'rationale'")
    if source is not None:
        if not isinstance(source, dict) or any(not str(source.get(k) or "").strip() for k in ("title", "url", "date")):
            problems.append("'source' must have non-empty title, url and date")
        elif is_placeholder_url(str(source["url"])):
            problems.append(f"'source.url' is not a citable URL: {source['url']!r}")
    dist = entry.get("distribution")
    if dist is not None:
        kind = dist.get("kind") if isinstance(dist, dict) else None
        if kind not in DISTRIBUTION_PARAMETERS:
            problems.append(f"'distribution.kind' must be one of {', '.join(DISTRIBUTION_PARAMETERS)}, got {kind!r}")
        else:
            missing = [p for p in DISTRIBUTION_PARAMETERS[kind] if not _number(dist.get(p))]
            if missing:
                problems.append(f"'distribution' ({kind}) needs numbers for {', '.join(missing)}")
    return problems


def assumptions_table(register: dict[str, Assumption], names: list[str] | None = None) -> pd.DataFrame:
    """A printable table (name, value, unit, range, basis) of ``names`` (all when None)."""
    names = list(register) if names is None else names
    unknown = [n for n in names if n not in register]
    if unknown:
        raise KeyError(f"unknown assumption(s) {', '.join(unknown)}; known: {', '.join(sorted(register))}")
    return pd.DataFrame(
        [
            {"assumption": n, "value": register[n].value, "unit": register[n].unit,
             "range": f"{register[n].low:g} – {register[n].high:g}", "basis": register[n].basis}
            for n in names
        ]
    )
