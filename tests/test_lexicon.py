"""Every word list and table under pipeline/resources/ has one format and one loader, which names a bad line."""

from __future__ import annotations

import re
from importlib import resources as importlib_resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import analysis, lexicon
from pipeline.cli import EXIT_SETUP, app
from pipeline.entities import load_entity_resources
from pipeline.errors import ResourceError
from pipeline.lexicon import read_pairs, read_rows, read_words
from pipeline.quotes.resources import load_quote_resources

COLUMNS = ["title", "gender", "role"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # The header says what each column is; a file without it (the old entity lists) is refused.
        pytest.param("ministre\t-\t-\n", "x.tsv:1: the header must be", id="no-header"),
        pytest.param("title\tgender\n", "x.tsv:1: the header must be", id="short-header"),
        pytest.param("# comment\n\ntitle\tgender\trole\nministre\t-\n", "x.tsv:4: expected 3", id="missing-column"),
        pytest.param("title\tgender\trole\nministre\t-\t-\tx\n", "x.tsv:2: expected 3", id="extra-column"),
        pytest.param("title\tgender\trole\nministre\t-\t-\n\tm\tx\n", "x.tsv:3: no value for title", id="empty-key"),
        pytest.param("title\tgender\trole\nministre\t\t-\n", "x.tsv:2: no value for gender", id="empty-value"),
        pytest.param("title\tgender\trole\nroi\tm\t-\nroi\tm\t-\n", "x.tsv:3: 'roi' already on line 2", id="twice"),
        pytest.param("# only comments\n", "x.tsv: no header line", id="empty-file"),
    ],
)
def test_a_bad_file_is_refused_naming_its_line(content: str, message: str) -> None:
    with pytest.raises(ResourceError, match=re.escape("resources/x.tsv") + ".*" + re.escape(message.split(":", 1)[1])):
        read_rows("x.tsv", COLUMNS, content=content)


def test_trailing_optional_columns_may_be_left_out() -> None:
    content = "title\tgender\trole\nroi\tm\nreine\tf\t\n"
    assert read_rows("x.tsv", COLUMNS, optional=1, content=content) == [(2, ["roi", "m", ""]), (3, ["reine", "f", ""])]


def test_keys_may_repeat_where_the_table_says_so() -> None:
    content = "word\tclass\nalors\ttime_word\nalors\tframe_word\n"
    assert len(read_rows("x.tsv", ["word", "class"], unique=False, content=content)) == 2


def test_fold_makes_typography_plain_as_the_model_text_has_it() -> None:
    # «aujourd’hui» with a curly apostrophe and a non-breaking hyphen read as the model's text writes them.
    assert read_words("x.tsv", fold=True, content="word\naujourd’hui\nOTAN\u2011Ukraine\n") == [
        "aujourd'hui",
        "OTAN-Ukraine",
    ]
    assert read_pairs("x.tsv", "alias", "entity_id", content="alias\tentity_id\nl’OTAN\tOTAN\n") == [
        (2, "l’OTAN", "OTAN")
    ]


def test_every_resource_file_has_a_header_and_loads() -> None:
    # Every file of the folder is a table of the one format (no second format, no file left unread).
    folder = importlib_resources.files("pipeline").joinpath("resources")
    names = sorted(
        f"{sub.name}/{item.name}"
        for sub in folder.iterdir()
        if sub.is_dir()
        for item in sub.iterdir()
        if item.is_file()
    )
    assert names and all(name.endswith(".tsv") for name in names), names
    for name in names:
        first = next(
            line
            for line in folder.joinpath(name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        )
        header = first.split("\t")
        assert header == [c.strip() for c in header] and all(re.fullmatch(r"[a-z_]+", c) for c in header), name
    load_entity_resources()
    load_quote_resources()


@pytest.mark.model
def test_a_bad_data_file_stops_a_run_naming_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A broken word list is a setup error (exit code 3, file and line named), not a failed document.
    real = lexicon.resource_text

    def broken(name: str) -> str:
        text = real(name)
        return text + "rétorquer\tque,incise\n" if name == "quotes/speech_verbs.tsv" else text

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Jens Stoltenberg a déclaré : « Oui. »\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "resource_text", broken)
    monkeypatch.setattr(analysis, "_PROCESS_RESOURCES", {})  # no word lists loaded by an earlier run
    load_quote_resources.cache_clear()
    try:
        result = CliRunner().invoke(
            app, ["run", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--workers", "1", "--no-cache"]
        )
    finally:
        load_quote_resources.cache_clear()
    assert result.exit_code == EXIT_SETUP, result.output
    assert "resources/quotes/speech_verbs.tsv:" in result.output and "'rétorquer' already on line" in result.output
