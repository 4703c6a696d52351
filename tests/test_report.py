"""The HTML report: complete, self-contained, escaped, and robust to a run with nothing in it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from typer.testing import CliRunner

from pipeline import Outputs, load_outputs
from pipeline.cli import EXIT_SETUP, app
from pipeline.report import (
    documents_figure,
    highlight,
    network_figure,
    render_report,
    speakers_figure,
    target_quotes_figure,
    top_entities_figure,
)
from pipeline.schema import Document
from tests.small_outputs import corpus_output, hand_output, hand_records, write_output

N_FIGURES = 7


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    return load_outputs(hand_output(tmp_path_factory.getbasetemp()))


@pytest.fixture(scope="module")
def page(out: Outputs) -> str:
    return render_report(out)


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    """A run over one empty file: no sentences, entities or quotes at all."""
    document = Document("empty.txt", "/corpus/empty.txt", "0" * 64, 0, 0, "utf-8", "skipped", "empty")
    records: dict[str, list[object]] = {
        "documents": [document],
        "sentences": [],
        "entities": [],
        "quotes": [],
        "issues": [],
    }
    return load_outputs(write_output(tmp_path_factory.mktemp("empty") / "out", records))


def test_page_is_complete_and_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count('src="data:image/png;base64,') == N_FIGURES
    # Nothing fetched from elsewhere: no external scripts, styles, fonts or images (links to sources are fine).
    assert not re.search(r"""(src|href)=["'](?!data:|https?://www\.nato\.int/a)""", page)
    assert "<link" not in page and "@import" not in page


def test_page_has_every_section(page: str) -> None:
    for heading in (
        "Corpus at a glance",
        "Who and what is mentioned",
        "Who is quoted",
        "Quotes of Jens Stoltenberg over time",
        "Co-occurrence network",
        "Quotes of Jens Stoltenberg",
        "Issues",
    ):
        assert f"<h2>{heading}</h2>" in page


def test_quote_table_shows_target_quotes_in_context(page: str) -> None:
    table = page.split('<table id="quotes">', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == 3  # header + the two Stoltenberg quotes, not Macron's
    assert "Emmanuel Macron</td>" not in table
    assert '<mark class="quote">Nous sommes unis &lt;et&gt; déterminés</mark>' in table  # escaped, highlighted
    assert '<mark class="cue">a déclaré</mark>' in table and '<mark class="speaker">Jens Stoltenberg</mark>' in table
    assert "Ukraine" in table.split("</tr>")[1]  # the countries mentioned, by name
    assert 'id="q"' in page and "function filterRows" in page  # the search box


def test_summary_cards(page: str) -> None:
    cards = re.findall(r'<div class="label">(.*?)</div><div class="value">(.*?)</div>', page)
    assert ("Documents", "3") in cards and ("Quotes", "3") in cards and ("Quotes of Jens Stoltenberg", "2") in cards


def test_report_is_deterministic(out: Outputs, page: str) -> None:
    assert render_report(out) == page


def test_undated_quotes_are_listed_and_counted(tmp_path: Path) -> None:
    records = hand_records()
    records["documents"] = [
        dataclasses.replace(d, date=None) if d.doc_id == "b.txt" else d for d in records["documents"]
    ]  # type: ignore[type-var]
    undated = load_outputs(write_output(tmp_path / "undated", records))
    assert "(1 undated not shown)" in target_quotes_figure(undated).axes[0].get_title()
    table = render_report(undated).split('<table id="quotes">', 1)[1]
    assert '<td class="date">—</td>' in table and "NaT" not in table


def test_empty_run_still_renders(empty: Outputs) -> None:
    page = render_report(empty)
    assert "No quotes of Jens Stoltenberg in this run." in page
    assert page.count("data:image/png") == N_FIGURES


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(documents_figure, id="documents"),
        pytest.param(lambda o: top_entities_figure(o, "COUNTRY"), id="countries"),
        pytest.param(speakers_figure, id="speakers"),
        pytest.param(target_quotes_figure, id="target-quotes"),
        pytest.param(network_figure, id="network"),
    ],
)
@pytest.mark.parametrize("which", ["hand", "empty"])
def test_every_figure_has_a_title(out: Outputs, empty: Outputs, make: object, which: str) -> None:
    figure = make(out if which == "hand" else empty)  # type: ignore[operator]
    assert isinstance(figure, Figure)
    assert figure.axes[0].get_title()


def test_bar_figures_label_their_axes(out: Outputs) -> None:
    for figure in (
        documents_figure(out),
        top_entities_figure(out, "PERSON"),
        speakers_figure(out),
        target_quotes_figure(out),
    ):
        assert figure.axes[0].get_xlabel()


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # marks around escaped text
        pytest.param(
            {"quote": (4, 7), "cue": (0, 3)},
            '<mark class="cue">a&lt;b</mark> <mark class="quote">c&amp;d</mark>',
            id="escaped",
        ),
        pytest.param(
            {"quote": (0, 7), "cue": (2, 3)}, 'a&lt;<mark class="cue">b</mark> c&amp;d', id="overlap"
        ),  # cue wins
        pytest.param({"quote": (None, None)}, "a&lt;b c&amp;d", id="missing"),  # a part without offsets
    ],
)
def test_highlight(spans: dict[str, tuple[int | None, int | None]], expected: str) -> None:
    row = {"context": "a<b c&d"} | {
        f"{part}_{end}": value
        for part, pair in spans.items()
        for end, value in zip(("start", "end"), pair, strict=True)
    }
    assert highlight(row) == expected


def test_report_command(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = hand_output(tmp_path_factory.getbasetemp())
    result = CliRunner().invoke(app, ["report", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(folder / "report.html")
    assert (folder / "report.html").read_text(encoding="utf-8") == render_report(load_outputs(folder))


def test_report_command_on_a_folder_that_is_not_an_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == EXIT_SETUP
    assert "is not a pipeline output" in result.output


@pytest.mark.model
def test_report_on_a_real_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = corpus_output(tmp_path_factory.getbasetemp())
    result = CliRunner().invoke(app, ["report", str(folder)])
    assert result.exit_code == 0, result.output
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert page.count("data:image/png") == N_FIGURES and "Stoltenberg" in page
