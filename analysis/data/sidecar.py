"""Read and check a dataset's metadata sidecar (``<name>.meta.yaml``).

The sidecar documents the dataset (title, publisher, URL, retrieval date, licence,
definitions, gaps) and declares the rules its CSV must meet (``columns``, ``primary_key``).
See ``data/raw/README.md`` for the format.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import DataValidationError, Failure
from .yamlio import load_yaml
from .vocabularies import VOCABULARIES

REQUIRED_KEYS = (
    "title", "publisher", "url", "retrieved", "licence", "description",
    "definitions", "gaps", "primary_key", "columns",
)
COLUMN_TYPES = ("str", "int", "float")
COLUMN_RULES = {"description", "type", "required", "min", "max", "allowed", "vocabulary", "pattern", "unit"}
PROVENANCE_COLUMNS = ("source_title", "source_url", "source_date", "row_class", "note")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
PLACEHOLDER_MARKERS = ("uncitable", "example.com", "example.org", "localhost", "todo", "tbd", "xxx")


def sidecar_path(csv_path: Path) -> Path:
    """Return the sidecar path of a dataset CSV (``x.csv`` → ``x.meta.yaml``)."""
    return csv_path.with_suffix(".meta.yaml")


def is_placeholder_url(url: str) -> bool:
    """True when ``url`` is not a real citable address (malformed or a placeholder)."""
    return not URL.match(url) or any(m in url.lower() for m in PLACEHOLDER_MARKERS)


def read_sidecar(path: Path) -> dict[str, Any]:
    """Return the checked sidecar at ``path``; raise DataValidationError listing every problem."""
    if not path.exists():
        raise DataValidationError(path, [Failure("metadata sidecar is missing", detail=f"expected {path.name} beside the CSV")])
    try:
        meta = load_yaml(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataValidationError(path, [Failure("sidecar is not valid UTF-8 YAML", detail=str(exc))]) from None
    if not isinstance(meta, dict):
        raise DataValidationError(path, [Failure("sidecar must be a YAML mapping")])
    failures = _check_sidecar(meta)
    if failures:
        raise DataValidationError(path, failures)
    return meta


def _check_sidecar(meta: dict[str, Any]) -> list[Failure]:
    failures = [Failure(f"required key '{k}' is missing") for k in REQUIRED_KEYS if k not in meta]
    for key in ("title", "publisher", "url", "licence", "description"):
        if key in meta and not str(meta[key] or "").strip():
            failures.append(Failure(f"key '{key}' is empty"))
    if "url" in meta and str(meta["url"] or "").strip() and is_placeholder_url(str(meta["url"])):
        failures.append(Failure("key 'url' is not a citable URL", detail=repr(meta["url"])))
    if "retrieved" in meta and not ISO_DATE.match(str(meta["retrieved"])):
        failures.append(Failure("key 'retrieved' must be an ISO date YYYY-MM-DD", detail=repr(meta["retrieved"])))
    for key in ("definitions", "gaps"):
        if key in meta and not isinstance(meta[key], list):
            failures.append(Failure(f"key '{key}' must be a list"))
    columns = meta.get("columns")
    if "columns" in meta and (not isinstance(columns, dict) or not columns):
        failures.append(Failure("key 'columns' must map each column name to its rules"))
        columns = {}
    for name, rules in (columns or {}).items():
        failures += _check_column(name, rules)
    missing_prov = [c for c in PROVENANCE_COLUMNS if columns and c not in columns]
    if missing_prov:
        failures.append(Failure("provenance columns missing from 'columns'", detail=", ".join(missing_prov)))
    key = meta.get("primary_key")
    if "primary_key" in meta:
        if not isinstance(key, list) or not key:
            failures.append(Failure("key 'primary_key' must be a non-empty list of column names"))
        else:
            unknown = [k for k in key if k not in (columns or {})]
            if unknown:
                failures.append(Failure("primary_key names unknown columns", detail=", ".join(map(str, unknown))))
    return failures


def _check_column(name: str, rules: Any) -> list[Failure]:
    if not isinstance(rules, dict):
        return [Failure("column rules must be a mapping", column=name)]
    failures = []
    unknown = set(rules) - COLUMN_RULES
    if unknown:
        failures.append(Failure("unknown column rule(s)", column=name, detail=", ".join(sorted(unknown))))
    if rules.get("type") not in COLUMN_TYPES:
        failures.append(Failure(f"'type' must be one of {', '.join(COLUMN_TYPES)}", column=name, detail=repr(rules.get("type"))))
    if not str(rules.get("description") or "").strip():
        failures.append(Failure("'description' is missing", column=name))
    if "vocabulary" in rules and rules["vocabulary"] not in VOCABULARIES:
        failures.append(Failure(f"unknown vocabulary; known: {', '.join(sorted(VOCABULARIES))}", column=name, detail=repr(rules["vocabulary"])))
    if "allowed" in rules and not isinstance(rules["allowed"], list):
        failures.append(Failure("'allowed' must be a list", column=name))
    for bound in ("min", "max"):
        if bound in rules and not isinstance(rules[bound], (int, float)):
            failures.append(Failure(f"'{bound}' must be a number", column=name))
    if "pattern" in rules:
        try:
            re.compile(str(rules["pattern"]))
        except re.error as exc:
            failures.append(Failure("'pattern' is not a valid regular expression", column=name, detail=str(exc)))
    return failures
