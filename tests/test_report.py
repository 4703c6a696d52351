"""The HTML report: complete, self-contained, escaped, and robust to a run with nothing in it."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from matplotlib.figure import Figure
from typer.testing import CliRunner

from pipeline import Outputs, load_outputs, report
from pipeline.cli import EXIT_SETUP, app
from pipeline.report import (
    documents_figure,
    explorer_data,
    highlight,
    network_figure,
    render_report,
    speakers_figure,
    target_quotes_figure,
    top_entities_figure,
)
from pipeline.schema import Document
from tests.small_outputs import TEXT_A, TEXT_B, corpus_output, hand_output, hand_records, write_output

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
        "Quote explorer",
        "Issues",
    ):
        assert f"<h2>{heading}</h2>" in page


def _embedded(page: str) -> dict[str, Any]:
    payload = page.split('<script type="application/json" id="explorer-data">', 1)[1].split("</script>", 1)[0]
    return dict(json.loads(payload))


def test_explorer_data_is_embedded_with_every_quote(page: str, out: Outputs) -> None:
    data = _embedded(page)
    assert data == json.loads(json.dumps(explorer_data(out)))  # the page holds what explorer_data gives
    assert [(q["doc"], q["id"], q["speaker"], q["target"]) for q in data["quotes"]] == [
        ("a.txt", 0, "Jens Stoltenberg", True),
        ("b.txt", 0, "Emmanuel Macron", False),
        ("b.txt", 1, "Jens Stoltenberg", True),
    ]  # by date, every speaker (the explorer filters; the table used to hold the target's only)
    assert data["countries"] == {"RUS": "Russie", "UKR": "Ukraine"}
    assert data["organisations"] == {}  # «OTAN» is outside every quote's content
    assert data["targets"] == ["Jens Stoltenberg"]


def test_explorer_parts_are_the_quote_cue_and_speaker(out: Outputs) -> None:
    # No corpus file behind the hand-built output: each quote is shown in its sentences.
    [first, _, last] = explorer_data(out)["quotes"]
    shown = {part: first["context"][start:end] for start, end, part in first["parts"]}
    assert shown == {
        "speaker": "Jens Stoltenberg",
        "cue": "a déclaré",
        "quote": "L'Ukraine a le droit de se défendre ; nous la soutiendrons.",
    }
    assert first["countries"] == ["UKR"] and not first["paragraph"]
    assert {last["context"][s:e] for s, e, _ in last["parts"]} >= {"Nous sommes unis <et> déterminés"}


def test_explorer_shows_a_quote_in_its_paragraph_when_the_file_is_there(out: Outputs) -> None:
    texts = {"a.txt": TEXT_A, "b.txt": TEXT_B}
    [first, second, _] = explorer_data(out, texts=texts)["quotes"]
    assert first["paragraph"] and first["context"] == TEXT_A.split("\n")[0]  # its line, not the next one
    assert second["context"] == TEXT_B  # one paragraph holding both of b.txt's sentences


def test_explorer_text_cannot_close_its_script(tmp_path: Path) -> None:
    records = hand_records()
    quote = records["quotes"][2]
    records["quotes"][2] = dataclasses.replace(quote, text="</script><b>x</b>")  # type: ignore[type-var]
    page = render_report(load_outputs(write_output(tmp_path / "evil", records)), texts={})
    payload = page.split('id="explorer-data">', 1)[1]
    assert payload.index("</script>") > payload.index("<\\/script><b>x<\\/b>")


def test_explorer_uses_is_target_when_the_schema_has_it(out: Outputs) -> None:
    flagged = out.quotes.assign(is_target=out.quotes["speaker"] == "Emmanuel Macron")
    data = explorer_data(dataclasses.replace(out, quotes=flagged), texts={})
    assert [q["speaker"] for q in data["quotes"] if q["target"]] == ["Emmanuel Macron"]


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
    data = _embedded(render_report(undated))
    assert [q["date"] for q in data["quotes"]] == ["2019-03-10", None, None]  # undated last, still listed
    assert "NaT" not in json.dumps(data)


def test_empty_run_still_renders(empty: Outputs) -> None:
    page = render_report(empty)
    assert "No quotes in this run." in page
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
    result = CliRunner().invoke(app, ["report", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(folder / "report.html")
    assert (folder / "report.html").read_text(encoding="utf-8") == render_report(load_outputs(folder))


def test_report_command_still_reads_a_positional_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = hand_output(tmp_path_factory.getbasetemp())
    result = CliRunner().invoke(app, ["report", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(folder / "report.html")
    assert "deprecated" in result.stderr and "--out" in result.stderr


def test_report_command_on_a_folder_that_is_not_an_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--out", str(tmp_path)])
    assert result.exit_code == EXIT_SETUP
    assert "is not a pipeline output" in result.output


@pytest.mark.model
def test_report_on_a_real_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = corpus_output(tmp_path_factory.getbasetemp())
    result = CliRunner().invoke(app, ["report", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert page.count("data:image/png") == N_FIGURES and "Stoltenberg" in page
    quotes = _embedded(page)["quotes"]
    assert quotes and all(q["paragraph"] for q in quotes)  # the corpus files are there: real paragraphs
    for quote in quotes:
        shown = {part: quote["context"][start:end] for start, end, part in quote["parts"]}
        assert shown.get("quote", quote["text"]) == quote["text"]  # offsets mapped into the paragraph


def test_explorer_keeps_the_target_speakers_quotes_first_when_capped(
    out: Outputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A big corpus: the page holds at most MAX_EXPLORER_QUOTES quotes, and never drops the target's.
    monkeypatch.setattr(report, "MAX_EXPLORER_QUOTES", 2)
    data = explorer_data(out, texts={})
    assert [(q["doc"], q["id"]) for q in data["quotes"]] == [("a.txt", 0), ("b.txt", 1)]
    assert data["total"] == 3
    assert "the first 2 of 3" in render_report(out, texts={})
