"""One chart style for every report: seaborn theme, titles with units, a source line.

Never selects a matplotlib backend: notebooks keep their inline backend (under papermill an
``Agg`` backend would make figures vanish from the executed notebook).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns

PALETTE = "colorblind"
COMPANY_COLOURS = dict(zip(["amazon", "alphabet", "microsoft", "meta", "oracle", "nvidia"], sns.color_palette(PALETTE, 6)))


def set_theme() -> None:
    """Apply the project's seaborn theme (call once at the top of a notebook)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE)
    plt.rcParams.update({"figure.figsize": (10, 5.5), "figure.dpi": 100, "axes.titleweight": "bold",
                         "axes.titlelocation": "left", "figure.constrained_layout.use": True})


def finish(fig: plt.Figure, title: str, source: str, note: str | None = None) -> plt.Figure:
    """Give ``fig`` a title and a source line (and an optional note) at the bottom left."""
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    text = f"Source: {source}" + (f"\nNote: {note}" if note else "")
    fig.text(0.01, -0.01, text, ha="left", va="top", fontsize=8, color="#555", wrap=True)
    return fig
