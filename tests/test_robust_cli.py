"""End to end: a messy corpus through the CLI, a run killed mid-way, and two runs into one folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import EXIT_BUSY, EXIT_DOCUMENTS_FAILED
from pipeline.lock import run_lock

pytestmark = pytest.mark.model

REAL = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))
SENTENCE = "Le secrétaire général de l’OTAN, Jens Stoltenberg, a déclaré : « Nous soutenons l’Ukraine. »\n"

# name → (bytes, expected status, a word of the reason, expected encoding)
MESSY: dict[str, tuple[bytes, str, str | None, str | None]] = {
    "utf8.txt": (SENTENCE.encode(), "ok", None, "utf-8"),
    "utf8 bom.txt": (b"\xef\xbb\xbf" + SENTENCE.encode(), "ok", None, "utf-8"),
    "transcript-utf16.txt": (SENTENCE.encode("utf-16"), "ok", None, "utf-16"),
    "word-export-cp1252.txt": (SENTENCE.encode("cp1252"), "ok", None, "cp1252"),
    "crlf.txt": (SENTENCE.replace("\n", "\r\n").encode() * 2, "ok", None, "utf-8"),
    "espaces.txt": ("Le ministre\u00a0a dit\u202f: «\u00a0Oui\u200b\u00a0».\n".encode(), "ok", None, "utf-8"),
    "page.html": (f"<html><body><p>{SENTENCE}</p><script>x()</script></body></html>".encode(), "ok", None, "utf-8"),
    "vide.txt": (b"", "skipped", "empty", None),
    "blanc.txt": (b"  \n\t\n", "skipped", "empty", "utf-8"),
    "rapport.txt": (b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", "failed", "PDF", None),
    "binaire.txt": (bytes(range(256)) * 4, "failed", "not a text file", None),
    "énorme concaténation.txt": (SENTENCE.encode() * 200, "skipped", "larger than the limit", None),
    "dossier/sous dossier/imbriqué é.txt": (SENTENCE.encode(), "ok", None, "utf-8"),
}


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pipeline", "--quiet", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def _messy_corpus(folder: Path) -> None:
    for name, (data, *_) in MESSY.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (folder / "lien cassé.txt").symlink_to(folder / "disparu.txt")


def test_messy_corpus_every_file_accounted_for(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _messy_corpus(corpus)
    (tmp_path / "settings.toml").write_text("max_file_bytes = 10000\n", encoding="utf-8")
    result = _cli(
        "run", str(corpus), "--out", str(out), "--workers", "1", "--settings", str(tmp_path / "settings.toml")
    )
    assert result.returncode == EXIT_DOCUMENTS_FAILED, result.stderr
    assert "failed" in result.stderr
    documents = pd.read_csv(out / "documents.csv", keep_default_na=False).set_index("doc_id")
    assert sorted(documents.index) == sorted([*MESSY, "lien cassé.txt"])
    for name, (_, status, reason, encoding) in MESSY.items():
        row = documents.loc[name]
        assert row["status"] == status, name
        assert (reason or "") in row["error"], name
        if encoding is not None:
            assert row["encoding"] == encoding, name
    assert documents.loc["lien cassé.txt", "status"] == "failed"
    assert "broken symbolic link" in documents.loc["lien cassé.txt", "error"]
    # Offsets hold on every ok document, whatever its encoding and line ends.
    sentences = pd.read_parquet(out / "sentences.parquet")
    texts = {}
    for name in documents.index[documents["status"] == "ok"]:
        encoding = documents.loc[name, "encoding"]
        if name.endswith(".html"):
            continue  # offsets refer to the extracted text
        texts[name] = (corpus / name).read_text(encoding=encoding)
    for row in sentences.itertuples():
        if row.doc_id in texts:
            assert texts[row.doc_id][row.start : row.end] == row.text
    assert set(sentences["doc_id"]) >= set(texts)


def _copy_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        source = REAL[i % len(REAL)]
        (folder / f"{i:03d}_{source.name}").write_bytes(source.read_bytes())


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def _start_bigger_run(corpus: Path, out: Path, first: int, last: int) -> subprocess.Popen[str]:
    """Add corpus files ``first``…``last - 1`` and start a run over them in the background."""
    for i in range(first, last):
        source = REAL[i % len(REAL)]
        (corpus / f"{i:03d}_{source.name}").write_bytes(source.read_bytes())
    command = [sys.executable, "-m", "pipeline", "--quiet", "run", str(corpus), "--out", str(out), "--workers", "1"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _wait_for_cached(out: Path, count: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(list((out / ".cache").glob("corpora/*/*/*.arrows"))) < count:
        time.sleep(0.1)


def test_sigkill_mid_run_keeps_previous_outputs_and_resumes(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _copy_corpus(corpus, 4)
    assert _cli("run", str(corpus), "--out", str(out), "--workers", "1").returncode == 0
    before = _outputs(out)
    # A bigger corpus, killed once some documents are cached.
    process = _start_bigger_run(corpus, out, 4, 40)
    _wait_for_cached(out, 12)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    assert _outputs(out) == before  # the previous complete outputs, untouched
    result = _cli("run", str(corpus), "--out", str(out), "--workers", "1")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"]["documents"] == 40
    assert 0 < manifest["parsed"] <= 40 - 8  # resumed: what was cached before the kill is not parsed again
    for name in manifest["files"]:
        assert len(pd.read_parquet(out / f"{name}.parquet")) == manifest["rows"][name]
        assert len(pd.read_csv(out / f"{name}.csv")) == manifest["rows"][name]
    assert not list(out.glob(".*.tmp")) and not list((out / ".work").glob(".*.tmp"))


def test_second_run_into_same_folder_refuses(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _copy_corpus(corpus, 1)
    out.mkdir()
    with run_lock(out):
        result = _cli("run", str(corpus), "--out", str(out), "--workers", "1")
    assert result.returncode == EXIT_BUSY
    assert "another run is writing to" in result.stderr and f"pid {os.getpid()}" in result.stderr


@pytest.mark.parametrize("stage", ["ingest", "sentences", "entities", "quotes", "export"])
def test_a_stage_command_refuses_while_a_run_writes(tmp_path: Path, stage: str) -> None:
    # Stage commands write to the same folder as `run`: they take the same lock.
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _copy_corpus(corpus, 1)
    out.mkdir()
    args = [stage, str(corpus), "--out", str(out)] if stage == "ingest" else [stage, "--out", str(out)]
    with run_lock(out):
        result = _cli(*args)
    assert result.returncode == EXIT_BUSY, result.stderr
    assert "another run is writing to" in result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(["run"], 2, id="missing-corpus-argument"),
        pytest.param(["run", "corpus", "--workers", "x"], 2, id="bad-flag-value"),
        pytest.param(["run", "/nonexistent/corpus"], 3, id="corpus-not-found"),
        pytest.param(["run", "corpus", "--engine", "local", "--scheduler", "tcp://x:1"], 2, id="scheduler-needs-dask"),
    ],
)
def test_usage_and_setup_exit_codes(args: list[str], code: int, tmp_path: Path) -> None:
    result = _cli(*args, "--out", str(tmp_path / "out"))
    assert result.returncode == code, result.stderr


def test_sigint_mid_run_exits_130_and_keeps_previous_outputs(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _copy_corpus(corpus, 2)
    assert _cli("run", str(corpus), "--out", str(out), "--workers", "1").returncode == 0
    before = _outputs(out)
    process = _start_bigger_run(corpus, out, 2, 60)
    _wait_for_cached(out, 3)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert _outputs(out) == before
    assert not list(out.glob(".*.tmp")) and not list((out / ".work").glob(".*.tmp"))
