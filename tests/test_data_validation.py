"""Every validation rule, proven on a deliberately broken copy of a real file.

Line numbers are file lines: line 1 is the header, line 2 the first data row.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
import yaml

from analysis.data import DataValidationError, load

CAPEX = "hyperscaler_capex"
AI_USE = "eurostat_ai_use"


def rewrite(path, edit):
    """Apply ``edit(header, rows)`` to a CSV in place (rows are lists of strings)."""
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header, rows = records[0], records[1:]
    header, rows = edit(header, rows)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(path, line, column, value):
    """Set the cell of ``column`` on file line ``line`` (>= 2)."""

    def edit(header, rows):
        rows[line - 2][header.index(column)] = value
        return header, rows

    rewrite(path, edit)


def broken(raw_dir, name) -> str:
    with pytest.raises(DataValidationError) as info:
        load(name, raw_dir)
    return str(info.value)


def assert_names(message, path, column=None, line=None):
    assert str(path) in message, message
    if column is not None:
        assert f"column '{column}'" in message, message
    if line is not None:
        assert re.search(rf"lines? ([\d, ]*\b)?{line}\b", message), message


def test_missing_column(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    rewrite(path, lambda h, rows: (h[:-2] + h[-1:], [r[:-2] + r[-1:] for r in rows]))  # drop row_class
    assert_names(broken(raw, CAPEX), path, "row_class", 1)


def test_extra_column(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    rewrite(path, lambda h, rows: (h + ["comment"], [r + ["x"] for r in rows]))
    message = broken(raw, CAPEX)
    assert_names(message, path, "comment", 1)
    assert "not declared in the sidecar" in message


def test_wrong_type(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    set_cell(path, 5, "value", "twelve")
    message = broken(raw, CAPEX)
    assert_names(message, path, "value", 5)
    assert "expected a number" in message and "'twelve'" in message


def test_negative_value(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    set_cell(path, 3, "value", "-12.5")
    message = broken(raw, CAPEX)
    assert_names(message, path, "value", 3)
    assert ">= 0" in message


def test_percentage_out_of_range(raw_copy):
    raw, path, _ = raw_copy(AI_USE)
    set_cell(path, 4, "value", "120")
    message = broken(raw, AI_USE)
    assert_names(message, path, "value", 4)
    assert "<= 100" in message


def test_duplicated_key(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    rewrite(path, lambda h, rows: (h, rows[:1] + rows[:1] + rows[1:]))  # line 2 repeated on line 3
    message = broken(raw, CAPEX)
    assert_names(message, path, line=2)
    assert "duplicated primary key" in message and "lines 2, 3" in message


def test_unknown_unit(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    set_cell(path, 6, "unit", "eur_bn")
    message = broken(raw, CAPEX)
    assert_names(message, path, "unit", 6)
    assert "'eur_bn'" in message


def test_unknown_geo_code(raw_copy):
    raw, path, _ = raw_copy(AI_USE)
    set_cell(path, 7, "geo", "GR")  # Eurostat codes Greece as EL
    message = broken(raw, AI_USE)
    assert_names(message, path, "geo", 7)
    assert "unknown code" in message and "EL" in message


def test_unknown_company(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    set_cell(path, 2, "entity", "apple")
    assert_names(broken(raw, CAPEX), path, "entity", 2)


def test_malformed_period(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    set_cell(path, 8, "period", "2025Q5")
    assert_names(broken(raw, CAPEX), path, "period", 8)


def test_empty_file(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    path.write_text("", encoding="utf-8")
    message = broken(raw, CAPEX)
    assert str(path) in message and "file is empty" in message


def test_header_only(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    message = broken(raw, CAPEX)
    assert str(path) in message and "no data rows" in message


def test_non_utf8_bytes(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b",", b",\xff", 1)  # line 4
    path.write_bytes(b"\n".join(lines))
    message = broken(raw, CAPEX)
    assert_names(message, path, line=4)
    assert "not valid UTF-8" in message and "0xff" in message


def test_ragged_row(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    with path.open("a", encoding="utf-8") as f:
        f.write("amazon,2031,1.0\n")
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    message = broken(raw, CAPEX)
    assert_names(message, path, line=n_lines)
    assert "wrong number of fields" in message


def test_missing_sidecar(raw_copy):
    raw, path, sidecar = raw_copy(CAPEX)
    sidecar.unlink()
    message = broken(raw, CAPEX)
    assert str(sidecar) in message and "sidecar is missing" in message


def test_sidecar_without_source_url(raw_copy):
    raw, _, sidecar = raw_copy(CAPEX)
    meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    del meta["url"]
    sidecar.write_text(yaml.safe_dump(meta), encoding="utf-8")
    message = broken(raw, CAPEX)
    assert str(sidecar) in message and "'url' is missing" in message


def test_placeholder_source_url(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    set_cell(path, 9, "source_url", "UNCITABLE-public-github-file-repository-not-identified")
    message = broken(raw, CAPEX)
    assert_names(message, path, "source_url", 9)
    assert "not a citable URL" in message


def test_empty_source_title(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    set_cell(path, 10, "source_title", "")
    message = broken(raw, CAPEX)
    assert_names(message, path, "source_title", 10)
    assert "empty cell" in message


def test_bad_source_date(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    set_cell(path, 11, "source_date", "n.d.")
    assert_names(broken(raw, CAPEX), path, "source_date", 11)


def test_unknown_row_class(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    set_cell(path, 12, "row_class", "guess")
    message = broken(raw, CAPEX)
    assert_names(message, path, "row_class", 12)
    assert "reported, secondary, derived, estimate" in message


def test_every_failure_is_listed_not_just_the_first(raw_copy):
    raw, path, _ = raw_copy(CAPEX)
    set_cell(path, 2, "value", "-1")
    set_cell(path, 3, "unit", "eur")
    set_cell(path, 4, "row_class", "guess")
    message = broken(raw, CAPEX)
    assert "3 problem(s)" in message
    for column, line in (("value", 2), ("unit", 3), ("row_class", 4)):
        assert_names(message, path, column, line)


def test_unknown_dataset_lists_the_known_ones():
    with pytest.raises(KeyError, match="known datasets: .*hyperscaler_capex"):
        load("hyperscaler_capx")
