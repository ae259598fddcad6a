"""One chart style for every report: seaborn theme, titles with units, a source line.

Never selects a matplotlib backend: notebooks keep their inline backend (under papermill an
``Agg`` backend would make figures vanish from the executed notebook).

The title and the source line are laid out by matplotlib's constrained layout (as the
figure's suptitle and supxlabel), so everything sits inside the figure. The inline backend
is therefore told not to crop figures to a "tight" box, which would draw every figure twice.
"""

from __future__ import annotations

import base64
import io
import math
import sys
from collections.abc import Callable

import matplotlib.image
import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

PALETTE = "colorblind"
COMPANY_COLOURS = dict(zip(["amazon", "alphabet", "microsoft", "meta", "oracle", "nvidia"], sns.color_palette(PALETTE, 6)))
SOURCE_STYLE = {"fontsize": 8, "color": "#555"}
SUP_X = 0.01  # left edge of the title and the source line, as a fraction of the figure width


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

    The title, the source line and every axes' title and axis labels are wrapped to the
    figure's width, so the constrained layout keeps them all inside the figure. Call it
    last, once the figure has its final size: the title and source line are wrapped here.
    """
    for ax in fig.axes:
        titles_and_texts = [child for child in ax.get_children() if type(child) is Text]  # not annotations
        for text in [*titles_and_texts, ax.xaxis.label, ax.yaxis.label]:
            text.set_wrap(True)
    text = f"Source: {source}" + (f"\nNote: {note}" if note else "")
    for label in (fig.suptitle(title, x=SUP_X, ha="left", fontweight="bold"),
                  fig.supxlabel(text, x=SUP_X, ha="left", **SOURCE_STYLE)):
        _wrap_to_figure(fig, label)
    return fig


def _wrap_to_figure(fig: plt.Figure, label: Text) -> None:
    """Break a left-aligned figure-level ``label`` into lines that fit the figure's width.

    Done once, here, rather than by matplotlib's ``wrap=True``, which re-measures every
    growing prefix of the text on each layout pass (most of a chart's drawing time when its
    source line is long). Where the canvas cannot measure text, matplotlib's wrap is used.
    """
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None:
        label.set_wrap(True)
        return
    renderer, font = get_renderer(), label.get_fontproperties()

    def width_px(line: str) -> float:
        return renderer.get_text_width_height_descent(line, font, ismath=False)[0]

    label.set_text(wrap_text(label.get_text(), fig.bbox.width * (1 - SUP_X), width_px))


def wrap_text(text: str, max_width: float, width_of: Callable[[str], float]) -> str:
    """Greedy word wrap: each line holds as many words as fit in ``max_width``.

    ``width_of`` measures a line (same unit as ``max_width``, e.g. pixels). A word wider
    than ``max_width`` gets a line of its own. Existing line breaks are kept. Each line is
    found by bisection, so a line of n words costs about log2(n) measurements.
    """
    if max_width <= 0:
        raise ValueError(f"max_width must be positive; got {max_width!r}")
    lines = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        while True:
            fits, too_many = 1, len(words) + 1  # invariant: words[:fits] fit (or fits == 1)
            while too_many - fits > 1:
                mid = (fits + too_many) // 2
                if math.ceil(width_of(" ".join(words[:mid]))) <= max_width:
                    fits = mid
                else:
                    too_many = mid
            lines.append(" ".join(words[:fits]))
            words = words[fits:]
            if not words:
                break
    return "\n".join(lines)
