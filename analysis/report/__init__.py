"""Report layer: the suite runner, HTML publishing, key figures, safe display helpers."""

from .display import bullets, markdown, table
from .keyfigures import KeyFigure, show_key_figures

__all__ = ["KeyFigure", "bullets", "markdown", "show_key_figures", "table"]
