"""Key figures: a notebook's headline numbers, shown on the page and collected by the runner.

A notebook calls :func:`show_key_figures`; the output carries the figures as JSON under a
private MIME type beside the HTML table, so the runner reads them from the executed
notebook without any file path inside the notebook.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import asdict, dataclass

MIME_TYPE = "application/vnd.ai-capex.key-figures+json"


@dataclass(frozen=True)
class KeyFigure:
    """One headline number: ``value`` in ``unit``, described in one line."""

    name: str
    value: float
    unit: str
    description: str

    def __post_init__(self):
        if not isinstance(self.value, (int, float)) or isinstance(self.value, bool) or not math.isfinite(self.value):
            raise ValueError(f"key figure {self.name!r}: value must be a finite number, got {self.value!r}")


def key_figures_bundle(figures: list[KeyFigure]) -> dict[str, object]:
    """The display bundle: an HTML table for readers and the JSON for the runner."""
    rows = "".join(
        f"<tr><td>{html.escape(f.description)}</td><td style='text-align:right'>{f.value:,.4g}</td>"
        f"<td>{html.escape(f.unit)}</td></tr>"
        for f in figures
    )
    table = f"<table class='key-figures'><thead><tr><th>Key figure</th><th>Value</th><th>Unit</th></tr></thead><tbody>{rows}</tbody></table>"
    return {"text/html": table, MIME_TYPE: json.loads(json.dumps([asdict(f) for f in figures]))}


def show_key_figures(figures: list[KeyFigure]) -> None:
    """Display the key figures in the notebook (and record them for the runner)."""
    from IPython.display import display

    display(key_figures_bundle(figures), raw=True)


def extract_key_figures(notebook: dict) -> list[dict]:
    """Every key figure recorded in an executed notebook (nbformat dict)."""
    found = []
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            found += output.get("data", {}).get(MIME_TYPE, [])
    return found
