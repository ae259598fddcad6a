"""The published site in a real browser (headless Chromium): pages render, images load,
links resolve, no JavaScript error. Runs the whole suite into a temporary reports dir."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
pytestmark = [
    pytest.mark.notebook,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: `apt-get install chromium` to run the browser test"),
]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from analysis.report.run import run_suite

    reports = tmp_path_factory.mktemp("reports")
    run_dir, results = run_suite(reports_dir=reports, out=io.StringIO())
    failed = {r.name: r.error for r in results if r.status != "ok"}
    assert not failed, failed
    return reports / "latest"


def check_page(page, url: str) -> dict:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.goto(url, wait_until="load")
    images = page.eval_on_selector_all("img", "els => els.map(e => [e.complete && e.naturalWidth > 0, (e.src || '').slice(0, 60)])")
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    text = page.inner_text("body")
    return {"errors": errors, "images": images, "links": links, "text": text}


def test_index_and_every_report_render_in_chromium(site):
    from playwright.sync_api import sync_playwright

    index = site / "index.html"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pages = [index] + sorted(site.glob("*/index.html"))
        assert len(pages) > 1
        for path in pages:
            result = check_page(browser.new_page(), path.resolve().as_uri())
            assert not result["errors"], (path, result["errors"])
            assert result["text"].strip(), f"{path} renders no text"
            broken_images = [src for ok, src in result["images"] if not ok]
            assert not broken_images, (path, broken_images)
            if path != index:
                assert result["images"], f"{path} shows no image"
            for href in result["links"]:
                parsed = urlparse(href)
                if parsed.scheme in ("http", "https"):
                    assert parsed.netloc, (path, href)  # external: well-formed (no network here)
                elif href.startswith("#"):
                    continue
                else:
                    target = (path.parent / unquote(parsed.path)).resolve()
                    assert target.exists(), (path, href)
        browser.close()
