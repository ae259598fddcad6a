"""The chart style: titles, source lines and labels stay inside the figure without a tight crop."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # this test process only; notebooks keep their inline backend

import base64
import io

import matplotlib.pyplot as plt
import numpy as np
import pytest
from IPython.core.pylabtools import print_figure

from analysis.plots import SUP_X, finish, png_drawn_once, set_theme, wrap_text

LONG = ("a deliberately long sentence that is far wider than the figure it belongs to, "
        "so that it would run off the right edge unless it is wrapped onto further lines")


def _overflow_px(fig: plt.Figure) -> float:
    """How far (pixels) anything drawn reaches beyond the figure's edges; 0 when all is inside."""
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer()).transformed(fig.dpi_scale_trans)
    width, height = fig.bbox.width, fig.bbox.height
    return max(0.0, -box.x0, -box.y0, box.x1 - width, box.y1 - height)


@pytest.fixture(autouse=True)
def _theme():
    set_theme()
    yield
    plt.close("all")


def test_long_title_source_note_and_labels_stay_inside_the_figure():
    fig, axes = plt.subplots(1, 2)
    for ax in axes:
        ax.plot([0, 1], [0, 1])
        ax.set_title(LONG)
        ax.set_xlabel(LONG)
        ax.set_ylabel("a long y label, long enough to need two lines " * 2)
    finish(fig, "Title: " + LONG, "Source: " + LONG, note="Note: " + LONG)
    assert _overflow_px(fig) <= 1.0


@pytest.mark.filterwarnings("ignore:constrained_layout not applied")
def test_the_same_figure_without_finish_would_overflow():
    """Guards the test above: the long texts really do run off an unwrapped figure."""
    fig, axes = plt.subplots(1, 2)
    for ax in axes:
        ax.plot([0, 1], [0, 1])
        ax.set_title(LONG)
    fig.suptitle("Title: " + LONG, x=0.01, ha="left")
    assert _overflow_px(fig) > 50


def test_title_and_source_text_are_on_the_figure():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    finish(fig, "Capex (USD bn)", "company filings", note="calendar years")
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert "Capex (USD bn)" in texts
    assert "Source: company filings\nNote: calendar years" in texts


def test_annotations_are_not_rewrapped():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    note = ax.annotate("a label next to a point", (0.5, 0.5))
    finish(fig, "t", "s")
    assert not note.get_wrap()
    assert ax.xaxis.label.get_wrap()


def ten_px_per_char(line: str) -> float:
    return 10.0 * len(line)


def test_wrap_text_fills_each_line_greedily():
    # "aa bb" is 5 characters = 50 px and fits in 50 px; "aa bb cc" is 80 px and does not.
    assert wrap_text("aa bb cc dd", 50, ten_px_per_char) == "aa bb\ncc dd"
    assert wrap_text("aa bb cc dd", 110, ten_px_per_char) == "aa bb cc dd"
    assert wrap_text("aa bb cc dd", 49, ten_px_per_char) == "aa\nbb\ncc\ndd"


def test_wrap_text_keeps_line_breaks_and_gives_a_too_long_word_its_own_line():
    assert wrap_text("aa\nbb cc", 1000, ten_px_per_char) == "aa\nbb cc"
    assert wrap_text("a verylongword b", 50, ten_px_per_char) == "a\nverylongword\nb"


@pytest.mark.parametrize("width", [0, -5.0])
def test_wrap_text_rejects_an_impossible_width(width):
    with pytest.raises(ValueError, match=r"max_width must be positive; got"):
        wrap_text("aa bb", width, ten_px_per_char)


def test_finish_wraps_the_source_line_to_the_figure_width_and_no_narrower():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    finish(fig, "t", " ".join([LONG] * 3))
    source = fig._supxlabel
    renderer = fig.canvas.get_renderer()
    width = lambda line: renderer.get_text_width_height_descent(line, source.get_fontproperties(), ismath=False)[0]
    lines = source.get_text().split("\n")
    available = fig.bbox.width * (1 - SUP_X)
    assert len(lines) >= 3
    assert all(width(line) <= available for line in lines)
    # greedy: the first word of each next line would not have fitted on the line before
    assert all(width(line + " " + nxt.split(" ")[0]) > available for line, nxt in zip(lines, lines[1:]))
    assert " ".join(lines) == "Source: " + " ".join([LONG] * 3)


def _pixels(png_base64: str) -> np.ndarray:
    return plt.imread(io.BytesIO(base64.b64decode(png_base64)), format="png")


def _chart() -> plt.Figure:
    fig, axes = plt.subplots(1, 2)
    for ax in axes:
        ax.plot([0, 1, 2], [2, 0, 1], marker="o", label="a line")
        ax.legend()
        ax.set_xlabel("x (unit)")
    return finish(fig, "Title (unit)", "a source line")


def test_png_drawn_once_is_the_picture_ipython_would_show():
    ours = _pixels(png_drawn_once(_chart()))
    ipython = _pixels(print_figure(_chart(), "png", base64=True, bbox_inches=None))
    assert ours.shape == (550, 1000, 4)
    assert np.array_equal(ours, ipython)


def test_png_drawn_once_shows_nothing_for_an_empty_figure():
    assert png_drawn_once(plt.figure()) is None
