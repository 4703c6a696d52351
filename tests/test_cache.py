"""The per-document cache: a rerun parses nothing, one changed file is parsed alone, settings invalidate;
entries are data (Arrow) with a checksum, bad ones are ignored and rewritten, corpora keep their own."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pytest

from pipeline import api
from pipeline.analysis import Analysis
from pipeline.cache import MAGIC, BadEntry, ResultCache, decode_entry, encode_entries, encode_entry, remove_cache
from pipeline.config import Settings
from pipeline.schema import Document, Entity, Issue, Quote, Sentence


def _quote(**values: object) -> Quote:
    """A Quote from the given fields; the others null or false (so that a new flag column needs no edit here)."""
    fields = {f.name: values.get(f.name, False if f.type == "bool" else None) for f in dataclasses.fields(Quote)}
    return Quote(**fields)  # type: ignore[arg-type]


REAL = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))[:3]
DOCUMENT = Document(doc_id="a.txt", path="a.txt", sha256="00", n_bytes=1, n_chars=1, encoding="utf-8",
                    status="ok", error=None)  # fmt: skip
ANALYSIS = Analysis(
    sentences=[Sentence("a.txt", 0, 0, 12, "« Oui », dit-il.")],
    entities=[Entity("a.txt", 0, 2, 6, "OTAN", "ORG", "OTAN")],
    quotes=[
        _quote(
            doc_id="a.txt",
            quote_id=0,
            start=0,
            end=7,
            text="« Oui »",
            kind="direct",
            speaker="UNKNOWN",
            cue="dit",
            cue_start=9,
            cue_end=12,
            sent_start=0,
            sent_end=0,
        )
    ],
    issues=[Issue("a.txt", "quotes", "unresolved_speaker", 0, "pas de locuteur")],
)


def _corpus(folder: Path, sources: list[Path] = REAL) -> Path:
    folder.mkdir()
    for path in sources:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _tables(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.csv").read_bytes() for name in ("sentences", "entities", "quotes", "issues")}


def _entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("corpora/*/*/*.arrows"))


# --- entries: format, checksum, tampering (no model) ------------------------------------------------


def test_entry_round_trips_every_record_type() -> None:
    data = encode_entry("k", ANALYSIS)
    assert data.startswith(MAGIC)
    assert decode_entry("k", data, doc_id="a.txt") == ANALYSIS


def test_entries_encoded_together_decode_to_each_analysis() -> None:
    empty = Analysis()
    fewer = replace(ANALYSIS, quotes=[], sentences=ANALYSIS.sentences[:1])
    items = [("k1", ANALYSIS), ("k2", empty), ("k3", fewer), ("k4", ANALYSIS)]
    for (key, analysis), data in zip(items, encode_entries(items), strict=True):
        assert decode_entry(key, data, doc_id="a.txt") == analysis
    with pytest.raises(BadEntry):  # each entry keeps its own key
        decode_entry("k1", encode_entries(items)[1], doc_id="a.txt")


def _flip(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        # a byte changed inside the records (text of a sentence): the checksum catches it
        pytest.param(lambda d: _flip(d, len(d) - 40), "checksum", id="flipped-byte"),
        pytest.param(lambda d: d[: len(d) // 2], "checksum", id="truncated"),  # a write cut short
        pytest.param(lambda d: d[:10], "format", id="header-only"),
        # an entry of the former pickle cache, or any other file put there: never unpickled
        pytest.param(lambda d: b"\x80\x05\x95" + d[3:], "format", id="pickle-bytes"),
        pytest.param(lambda d: d + b"\x00", "checksum", id="trailing-byte"),
    ],
)
def test_damaged_entries_are_refused(damage: object, reason: str) -> None:
    data = encode_entry("k", ANALYSIS)
    with pytest.raises(BadEntry, match=reason):
        decode_entry("k", damage(data), doc_id="a.txt")  # type: ignore[operator]


def test_entry_under_another_key_is_refused() -> None:
    # The key names the document (its id and content): an entry copied over another document's is refused.
    data = encode_entry("k", ANALYSIS)
    with pytest.raises(BadEntry, match="checksum"):
        decode_entry("other key", data, doc_id="a.txt")


def _edited(entry: bytes, old: bytes, new: bytes) -> bytes:
    """An entry whose records were edited (decompressed, changed, compressed again), its header kept."""
    codec = pa.Codec("zstd")
    header = len(MAGIC) + 32 + 8
    body = codec.decompress(entry[header:], decompressed_size=int.from_bytes(entry[header - 8 : header], "little"))
    edited = body.to_pybytes().replace(old, new)
    assert edited != body.to_pybytes()
    return entry[:header] + codec.compress(edited, asbytes=True)


def test_tampered_entry_is_ignored_counted_and_rewritten(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, Settings(), corpus=tmp_path / "corpus")
    cache.put(DOCUMENT, ANALYSIS)
    (path,) = _entries(tmp_path)
    good = path.read_bytes()
    path.write_bytes(_edited(good, b"OTAN", b"OTAM"))  # a record changed by hand, checksum left as it was
    assert cache.get(DOCUMENT) is None
    assert (cache.bad, cache.misses, cache.hits) == (1, 1, 0)
    cache.put(DOCUMENT, ANALYSIS)  # what the run does with the document it then parses
    assert path.read_bytes() == good
    assert cache.get(DOCUMENT) == ANALYSIS


def test_cache_key_depends_on_content_id_and_date(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, Settings(), corpus=tmp_path)
    keys = {
        cache.key(DOCUMENT),
        cache.key(replace(DOCUMENT, sha256="01")),
        cache.key(replace(DOCUMENT, doc_id="b.txt")),
        cache.key(replace(DOCUMENT, date=dt.date(2020, 1, 1))),
    }
    assert len(keys) == 4
    assert cache.key(replace(DOCUMENT, path="/elsewhere/a.txt")) == cache.key(DOCUMENT)


def test_no_cache_removes_only_this_corpus_entries(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    mine = ResultCache(cache_dir, Settings(), corpus=tmp_path / "mine")
    theirs = ResultCache(cache_dir, Settings(), corpus=tmp_path / "theirs")
    mine.put(DOCUMENT, ANALYSIS)
    theirs.put(DOCUMENT, ANALYSIS)
    (cache_dir / "ab").mkdir()
    (cache_dir / "ab" / "ab12.pickle").write_bytes(b"x")  # the former format: removed, never read
    (cache_dir / "notes").mkdir()
    (cache_dir / "notes" / "mine.txt").write_text("keep me", encoding="utf-8")
    remove_cache(cache_dir, tmp_path / "mine")
    assert len(_entries(cache_dir)) == 1 and theirs.get(DOCUMENT) == ANALYSIS
    assert not (cache_dir / "ab").exists()
    assert (cache_dir / "notes" / "mine.txt").exists()  # a shared cache_dir never loses other files


# --- runs (the model) ------------------------------------------------------------------------------


@pytest.mark.model
def test_rerun_edit_setting_and_no_cache(tmp_path: Path) -> None:
    corpus, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    settings = Settings(workers=1)

    first = api.run(corpus, out, settings)
    assert (first.parsed, first.cached) == (3, 0)
    tables = _tables(out)

    (out / "quotes.csv").unlink()  # the published run no longer intact: the next run writes it again
    again = api.run(corpus, out, settings)
    assert (again.parsed, again.cached) == (0, 3)  # an unchanged corpus parses nothing
    assert _tables(out) == tables  # and gives the same tables, in the same order

    edited = corpus / REAL[1].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nLe ministre a visité Paris.\n", encoding="utf-8")
    after_edit = api.run(corpus, out, settings)
    assert (after_edit.parsed, after_edit.cached) == (1, 2)  # the changed file only

    other_speaker = api.run(corpus, out, Settings(workers=1, target_speakers=("Mark Rutte",)))
    assert other_speaker.parsed == 3  # a setting that changes records invalidates every entry
    assert len(_entries(out / ".cache")) == 3  # stale entries pruned

    forced = api.run(corpus, out, Settings(workers=1, cache=False))
    assert (forced.parsed, forced.cached) == (3, 0)
    assert not (out / ".cache").exists()  # --no-cache leaves no cache behind


@pytest.mark.model
def test_tampered_entry_in_a_run_is_rewritten_and_tables_unchanged(tmp_path: Path) -> None:
    corpus, out = _corpus(tmp_path / "corpus", REAL[:2]), tmp_path / "out"
    settings = Settings(workers=1, cache_dir=str(tmp_path / "cache"))
    api.run(corpus, tmp_path / "first", settings)
    entries = _entries(tmp_path / "cache")
    tampered = entries[0]
    good = tampered.read_bytes()
    tampered.write_bytes(good[: len(good) - 100] + b"\x00" * 100)
    summary = api.run(corpus, out, settings)  # another output folder, the same cache
    assert (summary.parsed, summary.cached, summary.bad_cache) == (1, 1, 1)
    assert "1 bad cache entries ignored and rewritten" in summary.format()
    key = tampered.name.removesuffix(".arrows")
    assert decode_entry(key, tampered.read_bytes(), doc_id="d") == decode_entry(key, good, doc_id="d")  # rewritten
    assert _tables(out) == _tables(tmp_path / "first")
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert '"bad_cache_entries": 1' in manifest


@pytest.mark.model
def test_two_corpora_sharing_a_cache_dir_keep_their_entries(tmp_path: Path) -> None:
    cache_dir = tmp_path / "shared-cache"
    first = _corpus(tmp_path / "first", REAL[:2])
    second = _corpus(tmp_path / "second", REAL[2:3])
    settings = Settings(workers=1, cache_dir=str(cache_dir))
    assert api.run(first, tmp_path / "out1", settings).parsed == 2
    assert api.run(second, tmp_path / "out2", settings).parsed == 1
    for attempt in range(2):  # alternating runs: each finds all its entries, none is pruned by the other
        one = api.run(first, tmp_path / f"out1-{attempt}", settings)
        two = api.run(second, tmp_path / f"out2-{attempt}", settings)
        assert (one.parsed, one.cached, two.parsed, two.cached) == (0, 2, 0, 1)
    assert len(_entries(cache_dir)) == 3
    api.run(first, tmp_path / "out1", replace(settings, cache=False))  # --no-cache on one corpus
    assert api.run(second, tmp_path / "out3", settings).cached == 1  # the other keeps its entries


#: Modules that run code from the data they load.
CODE_LOADERS = {"pickle", "cPickle", "dill", "cloudpickle", "joblib", "marshal", "shelve"}


def test_the_package_imports_no_code_executing_loader() -> None:
    # Nothing read from disk may run code: no module of the package imports a pickle-like loader.
    import ast

    package = Path(__file__).resolve().parent.parent / "pipeline"
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path.name}: {name}" for name in names if name.split(".")[0] in CODE_LOADERS]
    assert found == []
