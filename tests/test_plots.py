"""The chart style: titles, source lines and labels stay inside the figure without a tight crop."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # this test process only; notebooks keep their inline backend

import matplotlib.pyplot as plt
import pytest

from analysis.plots import finish, set_theme

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
