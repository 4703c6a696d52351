"""load_outputs: typed tables, joins, filters, and clear errors on folders it cannot read."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import Outputs, load_outputs
from pipeline.errors import OutputError
from pipeline.outputs import country_code, entity_name
from pipeline.schema import SCHEMA_VERSION, TABLES, check_frame, pandas_dtypes, to_arrow
from tests.small_outputs import TEXT_A, TEXT_B, corpus_output, hand_output, hand_records, write_output


@pytest.fixture(scope="session")
def hand_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hand_output(tmp_path_factory.getbasetemp())


@pytest.fixture()
def out(hand_folder: Path) -> Outputs:
    return load_outputs(hand_folder)


def _copy(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(folder, target)
    return target


# --- types -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_has_the_dictionary_dtypes(out: Outputs, name: str) -> None:
    frame = getattr(out, name)
    assert check_frame(name, frame) == []
    assert dict(frame.dtypes) == pandas_dtypes(name)


def test_dtypes_an_analyst_relies_on(out: Outputs) -> None:
    assert isinstance(out.entities["label"].dtype, pd.CategoricalDtype)
    assert list(out.quotes["kind"].cat.categories) == ["direct", "indirect", "turn"]
    assert out.documents["date"].dtype == "datetime64[s]"
    assert out.quotes["is_stoltenberg"].dtype == "boolean"
    assert out.quotes["speaker_start"].dtype == "Int64"
    # the failed document has no date and no encoding: nulls, not NaN strings or 1970
    failed = out.documents.set_index("doc_id").loc["c.txt"]
    assert failed["date"] is pd.NaT and failed["encoding"] is pd.NA


def test_repr_is_one_line(out: Outputs) -> None:
    assert repr(out).endswith("3 documents, 4 sentences, 7 entities, 3 quotes, 1 issues; run hand-built)")


def test_provenance_manifest_and_check(out: Outputs) -> None:
    assert out.provenance["run_id"] == "hand-built"
    assert out.manifest["rows"]["quotes"] == 3
    assert out.target_speakers == ["Jens Stoltenberg"]
    assert out.check() == []


def test_offsets_slice_the_document_text(out: Outputs) -> None:
    texts = {"a.txt": TEXT_A, "b.txt": TEXT_B}
    for name in ("sentences", "entities", "quotes"):
        for row in getattr(out, name).itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.text, (name, row)


# --- joins and questions -----------------------------------------------------------------------------


def test_quotes_with_documents_adds_metadata_and_keeps_rows(out: Outputs) -> None:
    quotes = out.quotes_with_documents()
    assert len(quotes) == len(out.quotes)
    assert {"title", "date", "publisher", "doc_kind", "source"} <= set(quotes.columns)
    assert quotes.loc[quotes["doc_id"] == "a.txt", "date"].iloc[0] == pd.Timestamp("2019-03-10")


def test_entities_with_documents(out: Outputs) -> None:
    entities = out.entities_with_documents()
    assert len(entities) == len(out.entities) and entities["publisher"].notna().all()


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        pytest.param("Ukraine", ["L'Ukraine a le droit"], id="french-name"),  # the one-liner of the issue
        pytest.param("UKR", ["L'Ukraine a le droit"], id="alpha-3"),  # the entity_id itself
        pytest.param("ua", ["L'Ukraine a le droit"], id="alpha-2-lower"),  # codes in any case
        pytest.param("Russie", [], id="not-stoltenberg"),  # Russia is in Macron's quote only
        pytest.param("France", [], id="outside-the-quote"),  # France is in the next sentence, not the quote
    ],
)
def test_stoltenberg_quotes_about_a_country(out: Outputs, country: str, expected: list[str]) -> None:
    found = out.stoltenberg_quotes(country)
    assert [t[:20] for t in found["text"]] == expected


def test_find_quotes_filters_combine(out: Outputs) -> None:
    assert len(out.find_quotes(speaker="stoltenberg")) == 2  # case-insensitive part of the speaker
    assert list(out.find_quotes(country="Russia")["speaker"]) == ["Emmanuel Macron"]  # English name
    assert len(out.find_quotes(since="2020")) == 2 and len(out.find_quotes(until="2019")) == 1  # whole years
    assert len(out.find_quotes(since="2022-02-24", until="2022-02-24")) == 2
    assert list(out.find_quotes(kind="indirect")["quote_id"]) == [0]
    assert len(out.find_quotes(stoltenberg=False)) == 1
    assert len(out.find_quotes(text="UNIS")) == 1
    assert len(out.find_quotes(entity="Jens Stoltenberg")) == 0  # the speaker is outside the content…
    assert len(out.find_quotes(entity="Jens Stoltenberg", scope="sentences")) == 2  # …but in its sentences


def test_unknown_country_is_a_clear_error(out: Outputs) -> None:
    with pytest.raises(ValueError, match="unknown country 'Atlantide'"):
        out.find_quotes(country="Atlantide")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        pytest.param("Ukraine", "UKR", id="french"),
        pytest.param("États-Unis", "USA", id="french-accent"),
        pytest.param("united states", "USA", id="english-lower"),
        pytest.param("DE", "DEU", id="alpha-2"),
        pytest.param("Allemagne", "DEU", id="cldr"),
        # The country table is the entity stage's: its aliases and Kosovo are known to analysts too.
        pytest.param("Grande-Bretagne", "GBR", id="alias"),
        pytest.param("Türkiye", "TUR", id="alias-official"),
        pytest.param("Kosovo", "XKX", id="kosovo"),
        pytest.param("XKX", "XKX", id="kosovo-code"),
    ],
)
def test_country_code(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize(
    ("code", "name"),
    [pytest.param("DEU", "Allemagne", id="state"), pytest.param("XKX", "Kosovo", id="kosovo")],
)
def test_entity_name_of_a_country(code: str, name: str) -> None:
    assert entity_name(code, "COUNTRY") == name


def test_quote_contexts_locate_quote_cue_and_speaker(out: Outputs) -> None:
    contexts = out.quote_contexts().merge(out.quotes, on=["doc_id", "quote_id"])
    assert len(contexts) == 3
    for row in contexts.itertuples():
        assert row.context[row.quote_start : row.quote_end] == row.text
        assert row.context[row.cue_start_x : row.cue_end_x] == row.cue
        assert row.context[row.speaker_start_x : row.speaker_end_x] == row.speaker_text


def test_quote_contexts_widen_with_extra_sentences(out: Outputs) -> None:
    narrow = out.quote_contexts().set_index(["doc_id", "quote_id"]).loc[("a.txt", 0), "context"]
    wide = out.quote_contexts(extra_sentences=1).set_index(["doc_id", "quote_id"]).loc[("a.txt", 0), "context"]
    assert "France" not in narrow and "France" in wide


def test_entity_counts_and_cooccurrences(out: Outputs) -> None:
    countries = out.entity_counts("COUNTRY")
    assert set(countries["name"]) == {"Ukraine", "France", "Russie"}  # French names, not codes
    people = out.entity_counts("PERSON")
    assert people.iloc[0].to_dict() | {"label": "PERSON"} == {
        "entity_id": "Jens Stoltenberg",
        "label": "PERSON",
        "name": "Jens Stoltenberg",
        "mentions": 2,
        "documents": 2,
    }
    pairs = out.cooccurrences()
    assert {"source": "FRA", "target": "OTAN", "count": 1} in pairs.to_dict("records")
    assert (pairs["source"] < pairs["target"]).all()
    assert out.cooccurrences(unit="document")["count"].max() == 2 or len(pairs)


def test_summary(out: Outputs) -> None:
    summary = out.summary()
    assert summary["documents"] == 3 and summary["status"] == {"ok": 2, "failed": 1}
    assert summary["target_quotes"] == 2 and summary["undated_documents"] == 1
    assert str(summary["first_date"]) == "2019-03-10"


# --- folders it cannot read --------------------------------------------------------------------------


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is not a folder"):
        load_outputs(tmp_path / "nowhere")


def test_folder_that_is_not_an_output(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(OutputError, match="is not a pipeline output"):
        load_outputs(tmp_path)


def test_missing_table(hand_folder: Path, tmp_path: Path) -> None:
    folder = _copy(hand_folder, tmp_path)
    (folder / "quotes.parquet").unlink()
    with pytest.raises(OutputError, match=r"lacks quotes\.parquet"):
        load_outputs(folder)


def _rewrite(path: Path, metadata_update: dict[bytes, bytes]) -> None:
    table = pq.read_table(path)
    pq.write_table(table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata_update}), path)


@pytest.mark.parametrize(
    ("version", "shown"),
    [pytest.param(b"0", "schema version 0", id="older"), pytest.param(b"", "schema version unknown", id="none")],
)
def test_incompatible_schema_version(hand_folder: Path, tmp_path: Path, version: bytes, shown: str) -> None:
    folder = _copy(hand_folder, tmp_path)
    _rewrite(folder / "entities.parquet", {b"pipeline.schema_version": version})
    with pytest.raises(OutputError, match=f"{shown}, this pipeline reads version {SCHEMA_VERSION}"):
        load_outputs(folder)


def test_tables_from_different_runs(hand_folder: Path, tmp_path: Path) -> None:
    folder = _copy(hand_folder, tmp_path)
    provenance = json.dumps({"run_id": "another-run"}).encode()
    _rewrite(folder / "issues.parquet", {b"pipeline.provenance": provenance})
    with pytest.raises(OutputError, match="different runs"):
        load_outputs(folder)


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")
def test_values_outside_the_categories_are_reported_not_nulled(hand_folder: Path, tmp_path: Path) -> None:
    # A file written by other code (or an older pipeline) with a label this schema does not declare.
    folder = _copy(hand_folder, tmp_path)
    table = pq.read_table(folder / "entities.parquet")
    labels = [str(v) for v in table.column("label").to_pylist()]
    labels[-1] = "EVENT"
    column = pa.array(labels).dictionary_encode()
    pq.write_table(
        table.set_column(table.schema.get_field_index("label"), "label", column), folder / "entities.parquet"
    )
    with pytest.raises(OutputError, match=r"entities.label: values \['EVENT'\] are not among"):
        load_outputs(folder)
    assert load_outputs(folder, check=False).entities["label"].isna().sum() == 1  # what check=False would hide


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    records = hand_records()
    records["quotes"] = [*records["quotes"], records["quotes"][0]]
    with pytest.raises(OutputError, match=r"1 duplicate key\(s\) on \['doc_id', 'quote_id'\]"):
        load_outputs(write_output(tmp_path / "dup", records))


def test_rows_of_unknown_documents_are_reported(tmp_path: Path) -> None:
    records = hand_records()
    records["documents"] = records["documents"][1:]
    with pytest.raises(OutputError, match=r"doc_id not in documents: \['a.txt'\]"):
        load_outputs(write_output(tmp_path / "orphans", records))


@pytest.mark.model
def test_a_real_run_passes_the_schema_check(tmp_path_factory: pytest.TempPathFactory) -> None:
    out = load_outputs(corpus_output(tmp_path_factory.getbasetemp()))
    assert out.check() == []
    assert len(out.documents) == 3 and out.documents["date"].notna().all()
    assert len(out.quote_contexts()) == len(out.quotes)


def test_records_outside_the_categories_cannot_be_written(tmp_path: Path) -> None:
    records = hand_records()
    bad = dataclasses.replace(records["quotes"][0], kind="paraphrase")  # type: ignore[type-var]
    with pytest.raises(ValueError, match=r"quotes.kind: \['paraphrase'\] not among the declared categories"):
        to_arrow("quotes", [bad])
