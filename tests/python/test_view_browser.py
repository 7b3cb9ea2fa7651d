"""The HTML view of data/samples in headless Chromium (Debian's chromium + chromium-driver,
driven by selenium): it loads without console errors, highlights exactly the quotes of the
JSON Lines, shows an article's `<script>` as text without running it, and stays usable in a
narrow window and from the keyboard.
"""

import shutil
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from conftest import count_quotes, read_jsonl

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

HOSTILE = (
    "<script>window.__quotesmith_pwned = 1;</script> "
    "\u201cWe will not print <b>that</b>,\u201d editor Lena Park said. "
    "<img src=x onerror=\"window.__quotesmith_pwned = 2\">\n"
)


@pytest.fixture(scope="module")
def page(quotesmith, samples, tmp_path_factory):
    work = tmp_path_factory.mktemp("view")
    articles = work / "samples"
    shutil.copytree(samples, articles)
    (articles / "articles" / "zz-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    jsonl, html = work / "samples.jsonl", work / "view.html"
    quotesmith("extract", articles, "--no-progress", "-o", jsonl)
    quotesmith("view", jsonl, "--input", articles, "-o", html)
    return {"records": read_jsonl(jsonl), "html": html}


@pytest.fixture(scope="module")
def browser():
    options = Options()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="quotesmith-chromium-")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def loaded(page, browser):
    browser.get(page["html"].as_uri())
    return browser


def test_no_console_errors(loaded):
    logs = loaded.get_log("browser")
    bad = [entry for entry in logs if entry["level"] in ("SEVERE", "WARNING")]
    assert bad == []


def test_every_quote_is_highlighted_once(page, loaded):
    ids = loaded.execute_script(
        "return Array.from(new Set(Array.from("
        "document.querySelectorAll('mark[data-quote-id]'), m => m.dataset.quoteId)));"
    )
    assert len(ids) == count_quotes(page["records"])
    want = {f"{r['id']}:{i}" for r in page["records"] for i in range(len(r.get("quotes", [])))}
    assert set(ids) == want
    # The first piece of each quote has the id a URL fragment points at.
    first = loaded.execute_script(
        "return document.querySelectorAll('mark[data-quote-id][tabindex]').length;"
    )
    assert first == len(want)


def test_article_script_does_not_run(loaded):
    assert loaded.execute_script("return window.__quotesmith_pwned === undefined;")
    article = loaded.find_element(By.ID, "doc-articles/zz-hostile.txt")
    assert "<script>window.__quotesmith_pwned = 1;</script>" in article.text
    assert "<b>that</b>" in article.text
    assert article.find_elements(By.TAG_NAME, "script") == []
    assert article.find_elements(By.TAG_NAME, "img") == []


def test_focus_shows_the_attribution(loaded):
    tip = loaded.find_element(By.ID, "tip")
    quote = loaded.find_element(By.CSS_SELECTOR, "mark[data-quote-id][tabindex]")
    loaded.execute_script("arguments[0].focus();", quote)
    assert tip.is_displayed()
    assert "confidence" in tip.text and "Speaker:" in tip.text
    # j moves to the next quote.
    quote.send_keys("j")
    active = loaded.execute_script("return document.activeElement.dataset.quoteId;")
    second = loaded.find_elements(By.CSS_SELECTOR, "mark[data-quote-id][tabindex]")[1]
    assert active == second.get_attribute("data-quote-id")


def test_side_table_counts_quotes(page, loaded):
    cells = loaded.execute_script(
        "return Array.from(document.querySelectorAll('#summary table')[0].tBodies[0].rows,"
        " r => Number(r.cells[2].textContent));"
    )
    assert sum(cells) == count_quotes(page["records"])


def test_narrow_window_has_no_sideways_scroll(loaded):
    loaded.set_window_size(390, 844)
    try:
        overflow = loaded.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
        )
        assert overflow <= 0
    finally:
        loaded.set_window_size(1280, 900)
