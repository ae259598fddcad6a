"""Safe display helpers for notebooks: data strings are shown as text, never as HTML."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import Markdown


def table(frame: pd.DataFrame, precision: int = 2, formats: dict | None = None, na_rep: str = ""):
    """A Styler of ``frame`` without the index, every cell HTML-escaped, text left-aligned.

    ``formats`` maps column names to format strings (e.g. ``{"value": "{:,.0f}"}``).
    """
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    return (
        frame.style.hide(axis="index")
        .format(precision=precision, escape="html", na_rep=na_rep, thousands=",")
        .format(formats or {}, escape="html", na_rep=na_rep)
        .set_properties(subset=text, **{"text-align": "left"})
        .set_table_styles([{"selector": "th", "props": "text-align: left;"}])
    )


def markdown(text: str) -> Markdown:
    """Markdown built from data, shown as text: '<', '>' and '&' are escaped, never read as HTML.

    Markdown's own markup (``**bold**``, ``*italic*``, lists) still works. Use it for every
    Markdown a notebook builds with values from data (``markdown(f"... {model} ...")``).
    """
    return Markdown(html.escape(str(text), quote=False))


def bullets(items: list[str]) -> Markdown:
    """A Markdown bullet list whose items are escaped (a '<script>' in data stays text)."""
    return markdown("\n".join(f"- {item}" for item in items))
