"""The processed build is deterministic, incremental, and refuses stale files."""

import hashlib
import shutil

import pytest

from analysis import paths
from analysis.data import StaleDataError, build, load_processed

NAME = "hyperscaler_capex"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_raw_gives_byte_identical_files(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build([NAME, "eur_usd_rates"], out_dir=a, log=lambda _: None)
    build([NAME, "eur_usd_rates"], out_dir=b, log=lambda _: None, force=True)
    for name in (NAME, "eur_usd_rates"):
        assert digest(a / f"{name}.parquet") == digest(b / f"{name}.parquet")


def test_only_changed_datasets_are_rebuilt(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in (NAME, "eur_usd_rates"):
        for suffix in (".csv", ".meta.yaml"):
            shutil.copy(paths.DATA_RAW / f"{name}{suffix}", raw / f"{name}{suffix}")
    out = tmp_path / "out"
    assert sorted(build(raw_dir=raw, out_dir=out, log=lambda _: None)) == ["eur_usd_rates", NAME]
    assert build(raw_dir=raw, out_dir=out, log=lambda _: None) == []
    with (raw / "eur_usd_rates.csv").open("a", encoding="utf-8") as f:
        f.write("\n")  # a change of bytes, not of content: still a change of input
    assert build(raw_dir=raw, out_dir=out, log=lambda _: None) == ["eur_usd_rates"]


def test_stale_or_missing_processed_file_is_refused(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for suffix in (".csv", ".meta.yaml"):
        shutil.copy(paths.DATA_RAW / f"{NAME}{suffix}", raw / f"{NAME}{suffix}")
    out = tmp_path / "out"
    with pytest.raises(StaleDataError, match="make data"):
        load_processed(NAME, raw, out)
    build([NAME], raw_dir=raw, out_dir=out, log=lambda _: None)
    assert len(load_processed(NAME, raw, out)) > 0
    with (raw / f"{NAME}.csv").open("a", encoding="utf-8") as f:
        f.write("\n")
    with pytest.raises(StaleDataError, match="out of date"):
        load_processed(NAME, raw, out)


def test_processed_capex_has_calendar_quarters(tmp_path):
    build([NAME], out_dir=tmp_path, log=lambda _: None)
    frame = load_processed(NAME, processed_dir=tmp_path)
    msft = frame[(frame.entity == "microsoft") & (frame.period == "2026Q1") & (frame.metric == "capex_cash")]
    assert msft["calendar_quarter"].tolist() == ["2025Q3"]
