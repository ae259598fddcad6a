"""Read YAML safely, with libyaml's C parser when PyYAML was built with it (about 10x faster)."""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse ``text`` with a safe loader (plain data only: no Python objects)."""
    return yaml.load(text, Loader=SafeLoader)
