"""Decoding and listing of corpus files: every messy case becomes a row with a status and a reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.ingest import Metadata, NotText, decode_text, html_to_text, iter_corpus, list_corpus, read_document

FRENCH = "Le secrétaire général a déclaré : « L’OTAN est prête. » Cœur, 5 €.\n"


@pytest.mark.parametrize(
    ("raw", "text", "encoding"),
    [
        pytest.param(FRENCH.encode("utf-8"), FRENCH, "utf-8", id="utf8"),
        # The BOM stays, as in open(path, encoding="utf-8").read() (the annotation spec's reference).
        pytest.param(b"\xef\xbb\xbf" + FRENCH.encode(), "\ufeff" + FRENCH, "utf-8", id="utf8-bom"),
        pytest.param(FRENCH.encode("utf-16"), FRENCH, "utf-16", id="utf16-bom"),
        pytest.param(b"\xfe\xff" + FRENCH.encode("utf-16-be"), FRENCH, "utf-16", id="utf16-be-bom"),
        pytest.param(FRENCH.encode("utf-16-le"), FRENCH, "utf-16-le", id="utf16-le-no-bom"),  # transcripts
        pytest.param(FRENCH.encode("utf-32"), FRENCH, "utf-32", id="utf32-bom"),
        pytest.param(FRENCH.encode("cp1252"), FRENCH, "cp1252", id="cp1252"),  # Word exports: ’ œ €
        pytest.param("Défense « x »\n".encode("latin-1"), "Défense « x »\n", "cp1252", id="latin1-as-cp1252"),
        pytest.param(b"un\r\ndeux\rtrois\n", "un\ndeux\ntrois\n", "utf-8", id="crlf-and-cr"),  # universal newlines
        pytest.param("a\u00a0b\u202fc\u200bd".encode(), "a\u00a0b\u202fc\u200bd", "utf-8", id="nbsp-kept"),
    ],
)
def test_decode_text(raw: bytes, text: str, encoding: str) -> None:
    assert decode_text(raw) == (text, encoding)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF", id="pdf-renamed-txt"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "ZIP", id="docx"),
        pytest.param(b"abc\x00\x01\x02\x03\xff\xfe\x00def", "NUL", id="binary-nul"),
        pytest.param(bytes(range(1, 32)) * 10, "control", id="control-characters"),
    ],
)
def test_decode_text_rejects_binary(raw: bytes, reason: str) -> None:
    with pytest.raises(NotText, match=reason):
        decode_text(raw)


def test_html_to_text_keeps_blocks_as_lines_and_drops_scripts() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Communiqué</title><script>var x = 1;</script></head>"
        "<body><h1>OTAN</h1><p>Le <b>secrétaire</b>   général a dit&nbsp;: « Oui ».</p><p>Fin</p></body></html>"
    )
    text = html_to_text(html)
    assert "var x" not in text
    assert text.splitlines() == ["Communiqué", "", "OTAN", "", "Le secrétaire général a dit\u00a0: « Oui ».", "", "Fin"]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_list_corpus_nested_hidden_symlinks(tmp_path: Path) -> None:
    _write(tmp_path, "b.txt", b"x")
    _write(tmp_path, "sous dossier/é à.txt", b"x")  # spaces and accents in names
    _write(tmp_path, ".hidden.txt", b"x")
    _write(tmp_path, "metadata.tsv", b"file\n")
    (tmp_path / "lien cassé.txt").symlink_to(tmp_path / "absent.txt")
    (tmp_path / "boucle").symlink_to(tmp_path)  # a link to a folder is not followed (no cycle)
    ids = [entry.doc_id for entry in list_corpus(tmp_path, metadata_file="metadata.tsv")]
    assert ids == ["b.txt", "lien cassé.txt", "sous dossier/é à.txt"]


@pytest.mark.parametrize(
    ("name", "data", "status", "error"),
    [
        pytest.param("empty.txt", b"", "skipped", "empty", id="empty"),
        pytest.param("blank.txt", " \n\t\u00a0\u200b\n".encode(), "skipped", "empty", id="white-space-only"),
        pytest.param("bom-only.txt", b"\xef\xbb\xbf\r\n", "skipped", "empty", id="bom-only"),
        pytest.param("big.txt", b"x" * 2000, "skipped", "larger than the limit", id="over-size-limit"),
        pytest.param("report.txt", b"%PDF-1.4 ...", "failed", "PDF", id="pdf"),
        pytest.param("page.html", b"<html><body><script>x</script></body></html>", "skipped", "HTML", id="html-empty"),
        pytest.param("ok.txt", FRENCH.encode("cp1252"), "ok", None, id="cp1252-ok"),
    ],
)
def test_read_document_statuses(tmp_path: Path, name: str, data: bytes, status: str, error: str | None) -> None:
    path = _write(tmp_path, name, data)
    source = read_document(path, tmp_path, Metadata(), max_file_bytes=1000)
    assert source.document.status == status
    assert (source.document.error is None) if error is None else (error in (source.document.error or ""))
    assert (source.text is not None) == (status == "ok")


def test_unreadable_file_fails_with_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "locked.txt", b"texte")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)  # root reads anything: simulate the denial
    document = read_document(path, tmp_path, Metadata(), max_file_bytes=1000).document
    assert (document.status, document.error) == ("failed", "cannot read file: Permission denied")


def test_broken_symlink_fails_with_reason(tmp_path: Path) -> None:
    (tmp_path / "lien.txt").symlink_to(tmp_path / "absent.txt")
    [source] = iter_corpus(tmp_path, metadata_file="metadata.tsv", max_file_bytes=1000)
    assert source.document.status == "failed"
    assert "broken symbolic link" in (source.document.error or "")


@pytest.mark.skipif(getattr(os, "geteuid", lambda: -1)() == 0, reason="root can list any folder")
def test_unlistable_folder_is_a_failed_row(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", b"x")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        entries = list_corpus(tmp_path, metadata_file="metadata.tsv")
    finally:
        locked.chmod(0o755)
    assert [e.error is not None for e in entries] == [False, True]


def test_html_offsets_refer_to_extracted_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "page.htm", b"<p>Jens   Stoltenberg</p>")
    source = read_document(path, tmp_path, Metadata(), max_file_bytes=1000)
    assert source.text == "Jens Stoltenberg\n"
    assert source.document.n_chars == len(source.text)
