"""Read a dataset CSV strictly and validate it against its sidecar with pandera.

Every failure is collected (pandera's lazy mode) and reported in one
:class:`DataValidationError` naming the file, the column, the file line(s) and the rule.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from .errors import DataValidationError, Failure
from .sidecar import PROVENANCE_COLUMNS, is_placeholder_url
from .vocabularies import VOCABULARIES

ROW_CLASSES = ("reported", "secondary", "derived", "estimate")
EMPTY = "empty cell in a required column"
SOURCE_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"


def read_records(path: Path) -> tuple[list[str], list[list[str]], list[int]]:
    """Return (header, data rows, file line of each row); raise on bytes, emptiness or ragged rows.

    A row's line is the file line on which the record ends (a quoted field may span lines).
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataValidationError(path, [Failure("file is not valid UTF-8", lines=(line,), detail=f"byte 0x{raw[exc.start]:02x} at offset {exc.start}")]) from None
    if not text.strip():
        raise DataValidationError(path, [Failure("file is empty", detail="expected a header row and at least one data row")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, line_numbers = [], []
    try:
        for record in reader:
            if record:  # a blank line is not a record
                records.append(record)
                line_numbers.append(reader.line_num)
    except csv.Error as exc:
        raise DataValidationError(path, [Failure("malformed CSV", lines=(reader.line_num,), detail=str(exc))]) from None
    width = len(records[0])
    ragged = [n for n, r in zip(line_numbers, records) if len(r) != width]
    if ragged:
        raise DataValidationError(path, [Failure(f"wrong number of fields (header has {width})", lines=tuple(ragged))])
    if len(records) == 1:
        raise DataValidationError(path, [Failure("file has a header but no data rows")])
    return records[0], records[1:], line_numbers[1:]


def validate(path: Path, meta: dict[str, Any]) -> pd.DataFrame:
    """Return the typed, validated frame of the CSV at ``path`` described by ``meta``."""
    header, rows, lines = read_records(path)
    columns: dict[str, dict] = meta["columns"]
    failures = _check_header(header, list(columns))
    if failures:
        raise DataValidationError(path, failures)
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame.index = pd.Index(lines, name="line")  # failures report file lines
    frame = frame.map(lambda v: v.strip() or None if isinstance(v, str) else v)
    frame, failures = _coerce_types(frame, columns)
    untyped = {(f.column, line) for f in failures for line in f.lines}
    for failure in _run_schema(frame, columns, meta["primary_key"]):
        if failure.rule == EMPTY:  # a cell that failed to parse is reported once, as a type error
            lines = tuple(n for n in failure.lines if (failure.column, n) not in untyped)
            failure = Failure(failure.rule, failure.column, lines) if lines else None
        if failure:
            failures.append(failure)
    failures += _check_provenance(frame)
    if failures:
        raise DataValidationError(path, sorted(failures, key=lambda f: (f.lines[:1] or (0,), f.column or "")))
    return _plain_dtypes(frame.reset_index(drop=True))


def _plain_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """float columns → float64 (NaN for empty optional cells); int columns → int64 when complete."""
    out = frame.copy()
    for name, dtype in frame.dtypes.items():
        if isinstance(dtype, pd.Float64Dtype):
            out[name] = frame[name].astype("float64")
        elif isinstance(dtype, pd.Int64Dtype) and not frame[name].isna().any():
            out[name] = frame[name].astype("int64")
    return out


def _check_header(header: list[str], expected: list[str]) -> list[Failure]:
    failures = []
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        failures.append(Failure("duplicated column name(s) in header", lines=(1,), detail=", ".join(dupes)))
    for col in expected:
        if col not in header:
            failures.append(Failure("column is missing from the header", column=col, lines=(1,), detail="declared in the sidecar"))
    for col in header:
        if col not in expected:
            failures.append(Failure("unexpected column (not declared in the sidecar)", column=col, lines=(1,)))
    if not failures and header != expected:
        failures.append(Failure("columns are not in the sidecar's order", lines=(1,), detail=f"expected {', '.join(expected)}"))
    return failures


def _coerce_types(frame: pd.DataFrame, columns: dict[str, dict]) -> tuple[pd.DataFrame, list[Failure]]:
    failures = []
    out = {}
    for name, rules in columns.items():
        col = frame[name]
        kind = rules["type"]
        if kind == "str":
            out[name] = col.astype("string")
            continue
        numbers = pd.to_numeric(col, errors="coerce")
        bad = col.notna() & numbers.isna()
        if kind == "int":
            bad |= numbers.notna() & (numbers % 1 != 0)
        if bad.any():
            shown = ", ".join(repr(v) for v in col[bad].unique()[:5])
            failures.append(Failure(f"expected a {'number' if kind == 'float' else 'whole number'}", column=name, lines=tuple(col.index[bad]), detail=f"got {shown}"))
            numbers = numbers.where(~bad)
        out[name] = numbers.astype("Int64" if kind == "int" else "Float64")
    return pd.DataFrame(out, index=frame.index), failures


def _fullmatch(pattern: str, error: str) -> pa.Check:
    return pa.Check(lambda s: s.str.fullmatch(pattern).astype(bool), error=error)


def _checks_for(name: str, rules: dict) -> list[pa.Check]:
    checks = []
    if "min" in rules:
        checks.append(pa.Check.ge(rules["min"], error=f"value must be >= {rules['min']}"))
    if "max" in rules:
        checks.append(pa.Check.le(rules["max"], error=f"value must be <= {rules['max']}"))
    allowed = list(rules.get("allowed", []))
    if name == "row_class":
        allowed = list(ROW_CLASSES)
    if allowed:
        checks.append(pa.Check.isin(allowed, error=f"value must be one of: {', '.join(map(str, allowed))}"))
    if "vocabulary" in rules:
        vocab = sorted(VOCABULARIES[rules["vocabulary"]])
        checks.append(pa.Check.isin(vocab, error=f"unknown code; '{rules['vocabulary']}' allows: {', '.join(vocab)}"))
    if "pattern" in rules:
        checks.append(_fullmatch(rules["pattern"], f"value must match {rules['pattern']}"))
    if name == "source_date":
        checks.append(_fullmatch(SOURCE_DATE, "value must be a date YYYY, YYYY-MM or YYYY-MM-DD"))
    return checks


def _run_schema(frame: pd.DataFrame, columns: dict[str, dict], key: list[str]) -> list[Failure]:
    dtypes = {"str": pd.StringDtype(), "int": pd.Int64Dtype(), "float": pd.Float64Dtype()}
    schema = pa.DataFrameSchema(
        {
            name: pa.Column(
                dtypes[rules["type"]],
                checks=_checks_for(name, rules),
                nullable=not _required(name, rules),
            )
            for name, rules in columns.items()
        },
        unique=key,
        report_duplicates="all",
    )
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        return _failures_from(exc.failure_cases, key)
    return []


def _required(name: str, rules: dict) -> bool:
    if name in PROVENANCE_COLUMNS:
        return name != "note"
    return bool(rules.get("required", True))


def _failures_from(cases: pd.DataFrame, key: list[str]) -> list[Failure]:
    failures = []
    is_unique_check = cases["check"].astype(str).str.contains("uniqueness")
    if is_unique_check.any():
        lines = tuple(sorted({int(i) for i in cases.loc[is_unique_check, "index"].dropna()}))
        failures.append(Failure(f"duplicated primary key ({', '.join(key)})", column=", ".join(key), lines=lines))
    for (column, check), group in cases[~is_unique_check].groupby(["column", "check"], dropna=False, sort=False):
        lines = tuple(sorted({int(i) for i in group["index"].dropna()}))
        if check == "not_nullable":
            failures.append(Failure(EMPTY, column=column, lines=lines))
        else:
            values = ", ".join(repr(v) for v in pd.unique(group["failure_case"].astype(str))[:5])
            failures.append(Failure(str(check), column=column, lines=lines, detail=f"got {values}"))
    return failures


def _check_provenance(frame: pd.DataFrame) -> list[Failure]:
    urls = frame["source_url"].dropna()
    bad = urls[[is_placeholder_url(u) for u in urls]]
    if bad.empty:
        return []
    shown = ", ".join(repr(u) for u in bad.unique()[:3])
    return [Failure("source_url is not a citable URL (placeholder or malformed)", column="source_url", lines=tuple(bad.index), detail=f"got {shown}")]
