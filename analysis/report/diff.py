"""Compare the key figures of two runs: what changed, appeared or disappeared."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths


def read_key_figures(run_dir: Path) -> pd.DataFrame:
    """All key figures of a run: report, name, value, unit, description."""
    rows = [
        {"report": f.parent.name, **k}
        for f in sorted(run_dir.glob("*/key_figures.json"))
        for k in json.loads(f.read_text(encoding="utf-8"))
    ]
    return pd.DataFrame(rows, columns=["report", "name", "value", "unit", "description"])


def diff_runs(old: Path, new: Path, rel_tol: float = 1e-9) -> pd.DataFrame:
    """Key figures whose value changed (or that exist in one run only), with the change."""
    merged = read_key_figures(old).merge(read_key_figures(new), on=["report", "name"], how="outer",
                                         suffixes=("_old", "_new"), indicator=True)
    both = merged["_merge"] == "both"
    same = both & np.isclose(merged["value_old"].astype(float), merged["value_new"].astype(float), rtol=rel_tol, atol=0.0)
    changed = merged[~same].copy()
    changed["status"] = changed["_merge"].astype(str).map({"both": "changed", "left_only": "removed", "right_only": "added"})
    changed["change"] = changed["value_new"] - changed["value_old"]
    changed["unit"] = changed["unit_new"].fillna(changed["unit_old"])
    return changed[["report", "name", "status", "value_old", "value_new", "change", "unit"]].reset_index(drop=True)


def resolve_run(ref: str | None, default: Path) -> Path:
    """A run directory from an id (``reports/runs/<id>``), a path, or the default."""
    if ref is None:
        return default
    candidate = paths.REPORTS / "runs" / ref
    path = candidate if candidate.is_dir() else Path(ref)
    if not path.is_dir():
        raise FileNotFoundError(f"no run {ref!r}: expected a run id under {paths.REPORTS / 'runs'} or a directory")
    return path


def main(old: str | None, new: str | None) -> int:
    runs = sorted(p for p in (paths.REPORTS / "runs").glob("*") if p.is_dir() and not p.name.endswith(".partial"))
    new_dir = resolve_run(new, (paths.REPORTS / "latest").resolve())
    earlier = [r for r in runs if r.resolve() != new_dir.resolve() and r.name < new_dir.name]
    if old is None and not earlier:
        print("only one run exists: nothing to compare", file=sys.stderr)
        return 2
    old_dir = resolve_run(old, earlier[-1] if earlier else new_dir)
    changes = diff_runs(old_dir, new_dir)
    print(f"{old_dir.name} -> {new_dir.name}: {len(changes)} key figure(s) changed")
    if len(changes):
        print(changes.to_string(index=False))
    return 0
