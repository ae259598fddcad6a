"""One chart style for every report: seaborn theme, titles with units, a source line;
annotated heatmaps and log axes with plain numbers.

Never selects a matplotlib backend: notebooks keep their inline backend (under papermill an
``Agg`` backend would make figures vanish from the executed notebook).

The title and the source line are laid out by matplotlib's constrained layout (as the
figure's suptitle and supxlabel), so everything sits inside the figure. The inline backend
is therefore told not to crop figures to a "tight" box, and each figure is drawn once.
Drawing is most of a report's run time, so the helpers here avoid needless redraws and
text measurements (see ``finish`` and ``heatmap``).
"""

from __future__ import annotations

import base64
import functools
import io
import sys
from collections.abc import Callable

import matplotlib.image
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import QuadMesh
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.ticker import Formatter

from .checks import check_choice

PALETTE = "colorblind"
COMPANY_COLOURS = dict(zip(["amazon", "alphabet", "microsoft", "meta", "oracle", "nvidia"], sns.color_palette(PALETTE, 6)))
SOURCE_STYLE = {"fontsize": 8, "color": "#555"}
SUP_X = 0.01  # left edge of the title and the source line, as a fraction of the figure width
Y_LABEL_SHARE_OF_AXES = 0.8  # y labels are wrapped to this share of their axes' height before layout


def set_theme() -> None:
    """Apply the project's seaborn theme (call once at the top of a notebook)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE)
    plt.rcParams.update({"figure.figsize": (10, 5.5), "figure.dpi": 100, "axes.titleweight": "bold",
                         "axes.titlelocation": "left", "figure.constrained_layout.use": True})
    _inline_figures_uncropped()


def _inline_figures_uncropped() -> None:
    """In IPython, show figures at their own size, each drawn once.

    The inline backend's default crops every figure to a "tight" box, and matplotlib's
    ``print_figure`` draws a figure with a layout engine twice (a layout pass, then the
    picture). Figures are drawn once here instead; the PNG is the same, pixel for pixel.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return
    from matplotlib_inline.config import InlineBackend

    backend = InlineBackend.instance()
    backend.print_figure_kwargs = {**backend.print_figure_kwargs, "bbox_inches": None}  # re-registers formatters
    if set(backend.figure_formats) == {"png"}:
        shell.display_formatter.formatters["image/png"].for_type(Figure, png_drawn_once)


def png_drawn_once(fig: Figure) -> str | None:
    """``fig`` as a base64-encoded PNG at its own size and dpi, drawn once; ``None`` when empty.

    Same contract as IPython's inline PNG formatter (which draws twice): the layout engine
    runs inside the one draw, and the picture is taken from the Agg canvas's buffer.
    """
    if not fig.axes and not fig.lines:
        return None
    if not isinstance(fig.canvas, FigureCanvasAgg):
        from IPython.core.pylabtools import print_figure

        return print_figure(fig, "png", base64=True, bbox_inches=None)
    fig.canvas.draw()
    png = io.BytesIO()
    matplotlib.image.imsave(png, fig.canvas.buffer_rgba(), format="png", dpi=fig.dpi)
    return base64.b64encode(png.getvalue()).decode("ascii")


def finish(fig: plt.Figure, title: str, source: str, note: str | None = None) -> plt.Figure:
    """Give ``fig`` a title and a source line (and an optional note) at the bottom left.

    Texts are wrapped so that the constrained layout keeps them all inside the figure: the
    title and the source line to the figure's width, y labels to their axes' height (not
    the figure's, which would let them run into the title), axes titles, texts and x labels
    by matplotlib. Call it last, once the figure has its final size and labels: the title,
    source line and y labels are wrapped here, once.
    """
    for ax in fig.axes:
        for text in [*ax.get_children(), ax.xaxis.label]:
            if type(text) is Text and text is not ax.yaxis.label:  # not annotations
                text.set_wrap(True)
        # The layout will shrink the axes to make room for titles and labels; allow for it.
        _wrap_once(fig, ax.yaxis.label, Y_LABEL_SHARE_OF_AXES * ax.get_position().height * fig.bbox.height)
    text = f"Source: {source}" + (f"\nNote: {note}" if note else "")
    for label in (fig.suptitle(title, x=SUP_X, ha="left", fontweight="bold"),
                  fig.supxlabel(text, x=SUP_X, ha="left", **SOURCE_STYLE)):
        _wrap_once(fig, label, fig.bbox.width * (1 - SUP_X))
    return fig


def _wrap_once(fig: plt.Figure, label: Text, max_width_px: float) -> None:
    """Break ``label`` into lines no longer than ``max_width_px``, measured as Agg draws it.

    Done once, here, rather than by matplotlib's ``wrap=True``, which re-measures every
    growing prefix of the text on each layout pass (most of a chart's drawing time when the
    source line is long). Mathtext is left to matplotlib's wrap.
    """
    if "$" in label.get_text():
        label.set_wrap(True)
        return
    font, dpi = label.get_fontproperties().copy(), fig.dpi
    label.set_text(wrap_text(label.get_text(), max_width_px, lambda words: text_width_px(words, font, dpi)))


@functools.lru_cache(maxsize=8192)
def text_width_px(text: str, font: FontProperties, dpi: float) -> float:
    """Width (pixels) of ``text`` on one line in ``font`` at ``dpi``, as the Agg renderer lays it out."""
    return RendererAgg(1, 1, dpi).get_text_width_height_descent(text, font, ismath=False)[0]


def wrap_text(text: str, max_width: float, width_of: Callable[[str], float]) -> str:
    """Greedy word wrap: each line holds as many words as fit in ``max_width``.

    ``width_of`` measures a piece of text (same unit as ``max_width``, e.g. pixels). A line
    is as wide as its words plus one space between each: measuring each word once is much
    cheaper than measuring every candidate line, and exact for the theme's font (tested).
    A word wider than ``max_width`` gets a line of its own. Existing line breaks are kept.
    """
    if max_width <= 0:
        raise ValueError(f"max_width must be positive; got {max_width!r}")
    space = width_of(" ")
    lines = []
    for paragraph in text.split("\n"):
        line, width = [], 0.0
        for word in paragraph.split(" "):
            added = width_of(word) + (space if line else 0.0)
            if line and width + added > max_width:
                lines.append(" ".join(line))
                line, width, added = [], 0.0, width_of(word)
            line.append(word)
            width += added
        lines.append(" ".join(line))
    return "\n".join(lines)


def heatmap(ax: plt.Axes, frame: pd.DataFrame, fmt: str, cmap: str, colorbar_label: str,
            norm: Normalize | None = None, fontsize: float | None = None) -> QuadMesh:
    """Draw ``frame`` as coloured cells, each labelled with its value formatted by ``fmt`` (e.g. ".1f").

    Rows run top to bottom as in a table: cell (i, j) spans x in [j, j+1] and y in [i, i+1]
    in data coordinates, so a patch can frame a row. Tick labels are the frame's columns and
    index; missing values are left blank. ``norm`` defaults to the frame's min-max range;
    ``fontsize`` (points) of the cell labels to the theme's text size.

    Unlike ``seaborn.heatmap``, it never draws the figure while building it (seaborn draws
    the whole figure to decide whether tick labels overlap), and the cell labels, which sit
    inside the axes by construction, are left out of the layout computation.
    """
    values = frame.to_numpy(dtype=float)
    if not np.isfinite(values).any():
        raise ValueError(f"heatmap: the frame has no finite value to draw (shape {values.shape})")
    n_rows, n_cols = values.shape
    mesh = ax.pcolormesh(np.ma.masked_invalid(values), cmap=cmap,
                         norm=norm or Normalize(np.nanmin(values), np.nanmax(values)))
    ax.set(xlim=(0, n_cols), ylim=(n_rows, 0))
    ax.set_xticks(np.arange(n_cols) + 0.5, [str(c) for c in frame.columns])
    ax.set_yticks(np.arange(n_rows) + 0.5, [str(i) for i in frame.index])
    ax.grid(False)
    for (i, j), value in np.ndenumerate(values):
        if np.isfinite(value):
            dark_cell = sns.utils.relative_luminance(mesh.cmap(mesh.norm(value))) <= 0.408  # seaborn's threshold
            ax.text(j + 0.5, i + 0.5, format(value, fmt), ha="center", va="center", fontsize=fontsize,
                    color="white" if dark_cell else "black", in_layout=False)
    colorbar = ax.figure.colorbar(mesh, ax=ax, label=colorbar_label)
    colorbar.outline.set_linewidth(0)
    return mesh


def plain_log_scale(ax: plt.Axes, which: str) -> None:
    """Put the ``which`` ("x" or "y") axis of ``ax`` on a log scale labelled 0.1, 1, 10, 1,000, 1M, 1bn.

    Plain numbers read more easily than matplotlib's powers of ten, and need no mathtext.
    Minor ticks are labelled only where the axis spans less than one decade.
    """
    check_choice("which", which, ("x", "y"))
    getattr(ax, f"set_{which}scale")("log")
    axis = getattr(ax, f"{which}axis")
    axis.set_major_formatter(PlainLogFormatter())
    axis.set_minor_formatter(PlainLogFormatter(minor=True))


def plain_number(value: float) -> str:
    """A tick value as a plain number: 0.05, 2.5, 10, 1,000, 250,000, 1M, 2.5M, 1bn, 1,000bn."""
    for threshold, suffix in ((1e9, "bn"), (1e6, "M")):
        if abs(value) >= threshold:
            return f"{value / threshold:,.10g}{suffix}"
    return f"{value:,.10g}"


class PlainLogFormatter(Formatter):
    """Tick labels for a log axis as plain numbers (see ``plain_number``).

    With ``minor=True`` a tick is labelled only when the axis spans less than one decade,
    so that a short axis still shows several values.
    """

    def __init__(self, minor: bool = False):
        self.minor = minor

    def __call__(self, value: float, pos: int | None = None) -> str:
        if self.minor:
            low, high = sorted(abs(v) for v in self.axis.get_view_interval())
            if low > 0 and high / low >= 10:
                return ""
        return plain_number(value)
