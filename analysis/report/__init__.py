"""Report layer: the suite runner, HTML publishing, key figures, the plotting theme."""

from .keyfigures import KeyFigure, show_key_figures

__all__ = ["KeyFigure", "show_key_figures"]
