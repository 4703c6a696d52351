"""The per-document cache: a rerun parses nothing, one changed file is parsed alone, settings invalidate."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import api
from pipeline.config import Settings

pytestmark = pytest.mark.model

REAL = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))[:3]


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for path in REAL:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _tables(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.csv").read_bytes() for name in ("sentences", "entities", "quotes", "issues")}


def test_rerun_edit_setting_and_no_cache(tmp_path: Path) -> None:
    corpus, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    settings = Settings(workers=1)

    first = api.run(corpus, out, settings)
    assert (first.parsed, first.cached) == (3, 0)
    tables = _tables(out)

    again = api.run(corpus, out, settings)
    assert (again.parsed, again.cached) == (0, 3)  # an unchanged corpus parses nothing
    assert _tables(out) == tables  # and gives the same tables, in the same order

    edited = corpus / REAL[1].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nLe ministre a visité Paris.\n", encoding="utf-8")
    after_edit = api.run(corpus, out, settings)
    assert (after_edit.parsed, after_edit.cached) == (1, 2)  # the changed file only

    other_speaker = api.run(corpus, out, Settings(workers=1, target_speakers=("Mark Rutte",)))
    assert other_speaker.parsed == 3  # a setting that changes records invalidates every entry

    entries = list((out / ".cache").glob("*/*.pickle"))
    assert len(entries) == 3  # stale entries pruned

    forced = api.run(corpus, out, Settings(workers=1, cache=False))
    assert (forced.parsed, forced.cached) == (3, 0)
    assert not (out / ".cache").exists()  # --no-cache leaves no cache behind


def test_cache_key_depends_on_content_id_and_date(tmp_path: Path) -> None:
    import datetime as dt
    from dataclasses import replace

    from pipeline.cache import ResultCache
    from pipeline.schema import Document

    cache = ResultCache(tmp_path, Settings())
    document = Document(doc_id="a.txt", path="a.txt", sha256="00", n_bytes=1, n_chars=1, encoding="utf-8",
                        status="ok", error=None)  # fmt: skip
    keys = {
        cache.key(document),
        cache.key(replace(document, sha256="01")),
        cache.key(replace(document, doc_id="b.txt")),
        cache.key(replace(document, date=dt.date(2020, 1, 1))),
    }
    assert len(keys) == 4
    assert cache.key(replace(document, path="/elsewhere/a.txt")) == cache.key(document)  # moving the corpus is free


def test_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    from pipeline.cache import ResultCache
    from pipeline.schema import Document

    cache = ResultCache(tmp_path, Settings())
    document = Document(doc_id="a.txt", path="a.txt", sha256="00", n_bytes=1, n_chars=1, encoding="utf-8",
                        status="ok", error=None)  # fmt: skip
    path = cache._path(cache.key(document))
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x80\x05truncated")
    assert cache.get(document) is None


def test_no_cache_removes_only_cache_entries(tmp_path: Path) -> None:
    from pipeline.cache import remove_cache

    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / "ab12.pickle").write_bytes(b"x")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me", encoding="utf-8")
    remove_cache(tmp_path)
    assert not (tmp_path / "ab").exists()
    assert (tmp_path / "notes" / "mine.txt").exists()  # a shared cache_dir never loses other files
