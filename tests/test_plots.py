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

import pandas as pd

from matplotlib.font_manager import FontProperties

from analysis.plots import (SUP_X, finish, heatmap, plain_log_scale, plain_number, png_drawn_once, set_theme, text_width_px,
                            wrap_text)

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
    note = ax.annotate("a label next to a point that is longer than the axes are wide, by quite a lot", (0.5, 0.5))
    finish(fig, "t", "s")
    assert not note.get_wrap()
    assert "\n" not in note.get_text()


def test_a_long_y_label_stays_beside_its_axes_and_below_the_title():
    """A y label wrapped to the figure's height used to run up into the title."""
    fig, ax = plt.subplots(figsize=(10, 6))
    ax.plot([0, 1], [0, 1])
    ax.set_ylabel("blended list price (USD per million tokens, log scale; 75% input) " * 2)
    finish(fig, "LLM API list prices, USD per million tokens (blended), 2023-2026", "price pages")
    fig.canvas.draw()
    label, title, axes = (a.get_window_extent() for a in (ax.yaxis.label, fig._suptitle, ax))
    assert ax.yaxis.label.get_text().count("\n") >= 2
    assert label.y1 <= title.y0
    assert label.height <= axes.height


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


@pytest.mark.parametrize("size, weight", [(8, "normal"), (12, "normal"), (14, "bold")])
def test_a_line_is_as_wide_as_its_words_and_spaces(size, weight):
    """wrap_text's assumption, checked for the theme's font: no kerning across spaces."""
    font = FontProperties(size=size, weight=weight)
    width = lambda text: text_width_px(text, font, 100)
    line = "Capex of Amazon, Alphabet, Microsoft, Meta (data/raw/hyperscaler_capex.csv), 30 June; the others' in December."
    words = line.split(" ")
    assert width(line) == pytest.approx(sum(map(width, words)) + width(" ") * (len(words) - 1), abs=0.01)


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


def test_heatmap_labels_each_cell_in_table_order_with_contrasting_text():
    fig, ax = plt.subplots()
    fig.canvas.draw = lambda: pytest.fail("heatmap() must not draw the figure")
    frame = pd.DataFrame([[1.0, 2.0], [np.nan, 4.0]], index=["r1", "r2"], columns=["a", "b"])
    heatmap(ax, frame, ".0f", "Greys", "value (unit)")
    cells = {t.get_text(): (t.get_position(), t.get_color(), t.get_in_layout()) for t in ax.texts}
    # row 0 at the top: cell (i, j) is centred on (j + 0.5, i + 0.5), the y axis runs downwards
    assert cells == {"1": ((0.5, 0.5), "black", False),   # lowest value: white cell, black text
                     "2": ((1.5, 0.5), "black", False),
                     "4": ((1.5, 1.5), "white", False)}   # highest value: black cell, white text
    assert ax.get_ylim() == (2.0, 0.0)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["r1", "r2"]
    assert fig.axes[1].get_ylabel() == "value (unit)"  # the colour bar


def test_heatmap_refuses_a_frame_without_values():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"no finite value to draw \(shape \(1, 2\)\)"):
        heatmap(ax, pd.DataFrame([[np.nan, np.nan]]), ".1f", "Greys", "x")


def test_plain_number_writes_tick_values_without_powers_of_ten():
    values = [0.05, 2.5, 10, 1000, 250_000, 1e6, 2.5e6, 1e9, 1e12, -3e6]
    assert [plain_number(v) for v in values] == ["0.05", "2.5", "10", "1,000", "250,000", "1M", "2.5M", "1bn", "1,000bn", "-3M"]


@pytest.mark.parametrize("limits, minor_labelled", [((1, 1000), False), ((2, 8), True)])
def test_plain_log_scale_labels_minor_ticks_only_on_an_axis_shorter_than_a_decade(limits, minor_labelled):
    fig, ax = plt.subplots()
    ax.plot([1, 2], limits)
    plain_log_scale(ax, "y")
    ax.set_ylim(*limits)
    fig.canvas.draw()
    major = [t.get_text() for t in ax.get_yticklabels() if limits[0] <= t.get_position()[1] <= limits[1]]
    minor = [t.get_text() for t in ax.yaxis.get_minorticklabels() if limits[0] <= t.get_position()[1] <= limits[1]]
    assert ax.get_yscale() == "log"
    assert not any("$" in label for label in major + minor)  # no mathtext powers of ten
    if minor_labelled:
        assert {"3", "5"} <= set(minor)
    else:
        assert major == ["1", "10", "100", "1,000"] and set(minor) == {""}


def test_plain_log_scale_names_the_axis_it_expected():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"which must be one of x, y; got 'z'"):
        plain_log_scale(ax, "z")
