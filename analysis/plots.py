"""One chart style for every report: seaborn theme, titles with units, a source line.

Never selects a matplotlib backend: notebooks keep their inline backend (under papermill an
``Agg`` backend would make figures vanish from the executed notebook).

The title and the source line are laid out by matplotlib's constrained layout (as the
figure's suptitle and supxlabel), so everything sits inside the figure. The inline backend
is therefore told not to crop figures to a "tight" box, which would draw every figure twice.
"""

from __future__ import annotations

import sys

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.text import Text

PALETTE = "colorblind"
COMPANY_COLOURS = dict(zip(["amazon", "alphabet", "microsoft", "meta", "oracle", "nvidia"], sns.color_palette(PALETTE, 6)))
SOURCE_STYLE = {"fontsize": 8, "color": "#555"}


def set_theme() -> None:
    """Apply the project's seaborn theme (call once at the top of a notebook)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE)
    plt.rcParams.update({"figure.figsize": (10, 5.5), "figure.dpi": 100, "axes.titleweight": "bold",
                         "axes.titlelocation": "left", "figure.constrained_layout.use": True})
    _inline_figures_uncropped()


def _inline_figures_uncropped() -> None:
    """In IPython, show figures at their own size instead of re-drawing them to crop white space."""
    ipython = sys.modules.get("IPython")
    if ipython is None or ipython.get_ipython() is None:
        return
    from matplotlib_inline.config import InlineBackend

    backend = InlineBackend.instance()
    backend.print_figure_kwargs = {**backend.print_figure_kwargs, "bbox_inches": None}


def finish(fig: plt.Figure, title: str, source: str, note: str | None = None) -> plt.Figure:
    """Give ``fig`` a title and a source line (and an optional note) at the bottom left.

    The title, the source line and every axes' title and axis labels are wrapped to the
    figure's width, so the constrained layout keeps them all inside the figure.
    """
    for ax in fig.axes:
        titles_and_texts = [child for child in ax.get_children() if type(child) is Text]  # not annotations
        for text in [*titles_and_texts, ax.xaxis.label, ax.yaxis.label]:
            text.set_wrap(True)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", wrap=True)
    text = f"Source: {source}" + (f"\nNote: {note}" if note else "")
    fig.supxlabel(text, x=0.01, ha="left", wrap=True, **SOURCE_STYLE)
    return fig
