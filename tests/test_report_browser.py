"""The quote explorer of report.html in a real headless browser (Debian's chromium and chromedriver).

The test opens the report file, filters as an analyst would (select, type, tick, click a month) and
checks what the page shows. CI installs chromium (``.ci/run``); elsewhere the tests are skipped when no
chromium is installed, and fail under ``CI`` so that a CI without it cannot pass unnoticed.

``python -m tests.test_report_browser OUTPUT_FOLDER docs/explorer.png`` writes the screenshot of docs/.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline import load_outputs
from pipeline.report import render_report
from tests.small_outputs import TEXT_A, TEXT_B, corpus_output, hand_output

#: The browser and its driver: on PATH, or named by CHROMIUM and CHROMEDRIVER (a Chrome on macOS or Windows).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
MISSING = (
    "no chromium and chromedriver installed (Debian: apt-get install chromium chromium-driver; "
    "elsewhere set CHROMIUM and CHROMEDRIVER to a Chrome and its driver)"
)

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
except ImportError:  # the dev install has selenium; a runtime-only install does not
    webdriver = None


def _browser() -> Any:
    """A headless chromium driven through Debian's chromedriver (nothing downloaded)."""
    assert webdriver is not None and CHROMIUM and CHROMEDRIVER
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1200,1600")
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if webdriver is None or not (CHROMIUM and CHROMEDRIVER):
        reason = MISSING if webdriver is not None else "selenium is not installed (make install)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test of the explorer: {reason}; see .ci/run")
        pytest.skip(reason)
    driver = _browser()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def hand_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the hand-built output, each quote in its paragraph (the texts are given)."""
    out = load_outputs(hand_output(tmp_path_factory.getbasetemp()))
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(render_report(out, texts={"a.txt": TEXT_A, "b.txt": TEXT_B}), encoding="utf-8")
    return page


def _open(browser: Any, page: Path) -> None:
    browser.get(page.as_uri())
    browser.find_element(By.ID, "f-reset").click()


def _cards(browser: Any) -> list[tuple[str, str]]:
    """(doc #id, speaker) of every quote shown."""
    cards = browser.find_elements(By.CSS_SELECTOR, "#x-results .quote-card")
    return [
        (f"{c.get_attribute('data-doc')} #{c.get_attribute('data-id')}", c.find_element(By.CLASS_NAME, "who").text)
        for c in cards
    ]


def _count(browser: Any) -> str:
    return str(browser.find_element(By.ID, "x-count").text)


def test_every_quote_is_shown_at_first(browser: Any, hand_page: Path) -> None:
    _open(browser, hand_page)
    assert _count(browser) == "3 of 3 quotes"
    assert _cards(browser) == [
        ("a.txt #0", "Jens Stoltenberg"),
        ("b.txt #0", "Emmanuel Macron"),
        ("b.txt #1", "Jens Stoltenberg"),
    ]


def test_filter_by_speaker_shows_the_quote_in_its_paragraph_highlighted(browser: Any, hand_page: Path) -> None:
    _open(browser, hand_page)
    Select(browser.find_element(By.ID, "f-speaker")).select_by_value("Emmanuel Macron")
    assert _cards(browser) == [("b.txt #0", "Emmanuel Macron")]
    card = browser.find_element(By.CSS_SELECTOR, "#x-results .quote-card")
    paragraph = card.find_element(By.CLASS_NAME, "para")
    assert paragraph.text == TEXT_B.strip()  # the whole paragraph, the next sentence included
    marks = {m.get_attribute("class"): m.text for m in paragraph.find_elements(By.TAG_NAME, "mark")}
    assert marks == {"speaker": "Emmanuel Macron", "cue": "a affirmé", "quote": "la Russie devait cesser la guerre"}
    assert [chip.text for chip in card.find_elements(By.CLASS_NAME, "chip")] == ["Russie"]


def test_filter_by_target_country_date_and_kind(browser: Any, hand_page: Path) -> None:
    _open(browser, hand_page)
    Select(browser.find_element(By.ID, "f-target")).select_by_value("target")
    assert [doc for doc, _ in _cards(browser)] == ["a.txt #0", "b.txt #1"]
    Select(browser.find_element(By.ID, "f-target")).select_by_value("other")
    assert [doc for doc, _ in _cards(browser)] == ["b.txt #0"]
    Select(browser.find_element(By.ID, "f-target")).select_by_value("")
    Select(browser.find_element(By.ID, "f-country")).select_by_visible_text("Ukraine")
    assert [doc for doc, _ in _cards(browser)] == ["a.txt #0"]
    Select(browser.find_element(By.ID, "f-country")).select_by_value("")
    # A date typed as a user would (the date input takes the keys of its locale; set its value instead).
    browser.execute_script(
        "const box = document.getElementById('f-from'); box.value = '2020-01-01';"
        "box.dispatchEvent(new Event('change'));"
    )
    assert [doc for doc, _ in _cards(browser)] == ["b.txt #0", "b.txt #1"]
    browser.find_element(By.CSS_SELECTOR, ".f-kind[value='direct']").click()
    assert [doc for doc, _ in _cards(browser)] == ["b.txt #0"]  # indirect only
    assert _count(browser) == "1 of 3 quotes"


def test_search_ignores_case_and_accents_and_shows_text_as_text(browser: Any, hand_page: Path) -> None:
    _open(browser, hand_page)
    browser.find_element(By.ID, "f-text").send_keys("SOMMES DETERMINES")
    assert _cards(browser) == [("b.txt #1", "Jens Stoltenberg")]
    quote = browser.find_element(By.CSS_SELECTOR, "#x-results mark.quote")
    assert quote.text == "Nous sommes unis <et> déterminés"  # the text's «<et>» is shown, not parsed
    assert not browser.find_elements(By.CSS_SELECTOR, "#x-results et")
    browser.find_element(By.ID, "f-reset").click()
    assert _count(browser) == "3 of 3 quotes"


def test_timeline_counts_the_targets_quotes_by_month_with_their_countries(browser: Any, hand_page: Path) -> None:
    _open(browser, hand_page)
    rows = browser.find_elements(By.CSS_SELECTOR, "#timeline .month")
    months = [
        (r.get_attribute("data-month"), r.get_attribute("data-count")) for r in rows if r.get_attribute("data-month")
    ]
    assert months == [("2019-03", "1"), ("2022-02", "1")]
    assert "Ukraine" in rows[0].text
    assert "34 months without a quote" in rows[1].text  # 2019-04 → 2022-01 in one row
    # Clicking a month shows that month's quotes of the target.
    rows[0].click()
    assert _cards(browser) == [("a.txt #0", "Jens Stoltenberg")]
    assert browser.find_element(By.ID, "f-from").get_attribute("value") == "2019-03-01"
    assert browser.find_element(By.ID, "f-to").get_attribute("value") == "2019-03-31"
    # The timeline follows the other filters: Macron's quote is not the target's, Russia's month empties.
    Select(browser.find_element(By.ID, "f-country")).select_by_visible_text("Russie")
    assert "No dated quote of the target speakers" in browser.find_element(By.ID, "timeline").text


@pytest.mark.model
def test_explorer_on_a_real_run(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = corpus_output(tmp_path_factory.getbasetemp())
    page = folder / "report.html"
    page.write_text(render_report(load_outputs(folder)), encoding="utf-8")
    _open(browser, page)
    Select(browser.find_element(By.ID, "f-target")).select_by_value("target")
    Select(browser.find_element(By.ID, "f-country")).select_by_visible_text("Géorgie")
    cards = _cards(browser)
    assert cards and {speaker for _, speaker in cards} == {"Jens Stoltenberg"}
    assert {doc.split(" #")[0] for doc, _ in cards} == {"021_newspress_otan_soutien_georgie_2018.txt"}
    first = browser.find_element(By.CSS_SELECTOR, "#x-results .quote-card .para")
    assert first.find_element(By.CSS_SELECTOR, "mark.quote").text in first.text


def screenshot(folder: Path, png: Path) -> None:
    """The explorer of ``folder``'s report, filtered to the target's quotes about Ukraine, as a PNG."""
    page = folder / "report.html"
    page.write_text(render_report(load_outputs(folder)), encoding="utf-8")
    driver = _browser()
    try:
        driver.get(page.as_uri())
        Select(driver.find_element(By.ID, "f-target")).select_by_value("target")
        Select(driver.find_element(By.ID, "f-country")).select_by_visible_text("Ukraine")
        explorer = driver.find_element(By.ID, "explorer")
        driver.execute_script("arguments[0].scrollIntoView()", explorer)
        explorer.screenshot(str(png))
    finally:
        driver.quit()


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
