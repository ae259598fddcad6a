"""Key figures and data sources: shown on the page and collected by the suite runner.

A notebook ends with :func:`show_key_figures`. Its outputs carry the figures (and the
datasets the notebook read) as JSON under private MIME types beside the HTML tables, so the
runner reads them from the executed notebook without any file path inside the notebook.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import asdict, dataclass

MIME_TYPE = "application/vnd.ai-capex.key-figures+json"
SOURCES_MIME_TYPE = "application/vnd.ai-capex.sources+json"


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


def format_number(value: float) -> str:
    """Readable number: thousands separators, no exponent, about four significant digits."""
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:,.1f}"
    if magnitude >= 1 or magnitude == 0:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def key_figures_bundle(figures: list[KeyFigure]) -> dict[str, object]:
    """The display bundle: an HTML table for readers and the JSON for the runner."""
    rows = "".join(
        f"<tr><td>{html.escape(f.description)}</td><td style='text-align:right'>{format_number(f.value)}</td>"
        f"<td>{html.escape(f.unit)}</td></tr>"
        for f in figures
    )
    table = f"<table class='key-figures'><thead><tr><th>Key figure</th><th>Value</th><th>Unit</th></tr></thead><tbody>{rows}</tbody></table>"
    return {"text/html": table, MIME_TYPE: json.loads(json.dumps([asdict(f) for f in figures]))}


def sources_bundle(sources: list[dict]) -> dict[str, object]:
    """The datasets a notebook read (name, title, publisher, url, retrieved) as a table + JSON."""
    rows = "".join(
        f"<li>{html.escape(s['title'])} — {html.escape(s['publisher'])}, "
        f"<a href='{html.escape(s['url'], quote=True)}'>{html.escape(s['url'])}</a>, retrieved {html.escape(s['retrieved'])} "
        f"(<code>data/raw/{html.escape(s['name'])}.csv</code>)</li>"
        for s in sources
    )
    return {"text/html": f"<p><b>Data sources used in this report</b></p><ul>{rows}</ul>", SOURCES_MIME_TYPE: sources}


def show_key_figures(figures: list[KeyFigure]) -> None:
    """Display the key figures and the data sources this notebook read (recorded for the runner)."""
    from IPython.display import display

    from ..data import used_datasets

    display(key_figures_bundle(figures), raw=True)
    display(sources_bundle(used_datasets()), raw=True)


def _collect(notebook: dict, mime: str) -> list:
    found = []
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            found += output.get("data", {}).get(mime, [])
    return found


def extract_key_figures(notebook: dict) -> list[dict]:
    """Every key figure recorded in an executed notebook (nbformat dict)."""
    return _collect(notebook, MIME_TYPE)


def extract_sources(notebook: dict) -> list[dict]:
    """Every data source recorded in an executed notebook (nbformat dict)."""
    return _collect(notebook, SOURCES_MIME_TYPE)
