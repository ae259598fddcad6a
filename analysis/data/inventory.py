"""What the package holds: one row per dataset with coverage, vintage, row classes and gaps."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .catalog import dataset_names, load, metadata

# Columns that describe *when*, *where* and *who/what* a row is about, by dataset.
TIME_COLUMNS = ("period", "year", "date", "effective_date", "announced", "launch_year")
PLACE_COLUMNS = ("geo", "region", "country", "geography")
SUBJECT_COLUMNS = ("entity", "company", "model", "gpu_model", "publisher", "boom", "programme", "provider")


def _span(values: pd.Series) -> str:
    values = values.dropna().astype(str)
    return f"{values.min()} – {values.max()}" if len(values) else ""


def _first(frame: pd.DataFrame, candidates: tuple[str, ...]) -> str | None:
    return next((c for c in candidates if c in frame.columns), None)


def inventory(raw_dir: Path | None = None) -> pd.DataFrame:
    """One row per dataset: rows, time span, places, subjects, retrieval date, row classes, gaps."""
    rows = []
    for name in dataset_names(raw_dir):
        frame, meta = load(name, raw_dir), metadata(name, raw_dir)
        time_col, place_col, subject_col = (_first(frame, c) for c in (TIME_COLUMNS, PLACE_COLUMNS, SUBJECT_COLUMNS))
        classes = frame["row_class"].value_counts()
        rows.append({
            "dataset": name,
            "title": meta["title"],
            "rows": len(frame),
            "period": _span(frame[time_col]) if time_col else "",
            "places": frame[place_col].nunique() if place_col else 0,
            "subjects": ", ".join(sorted(frame[subject_col].dropna().astype(str).unique())[:8]) if subject_col else "",
            "retrieved": str(meta["retrieved"]),
            **{c: int(classes.get(c, 0)) for c in ("reported", "secondary", "derived", "estimate")},
            "known_gaps": len(meta["gaps"]),
        })
    return pd.DataFrame(rows)
