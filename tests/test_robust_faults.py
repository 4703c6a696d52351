"""Faults: a worker killed mid-batch, a full disk, a read-only output folder, files that change or vanish
during the run, links leaving the corpus, file names that are not UTF-8.

Each test asserts the documented exit code, that the message says what to do, and that the previous
outputs are intact or the new ones complete.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import api, load_outputs
from pipeline.analysis import Analysis, analyse_batch_for
from pipeline.cli import EXIT_DOCUMENTS_FAILED, EXIT_OK, EXIT_SETUP, app
from pipeline.config import Settings
from pipeline.engines.local import WORKER_DIED
from pipeline.ingest import Metadata, list_corpus, read_document
from pipeline.schema import Document

REPO = Path(__file__).resolve().parent.parent
REAL = sorted((REPO / "corpus").glob("*.txt"))
#: Short documents with quotes, entities and a speaker (the fault tests time model loads, not parses).
SHORT = (
    "Jens Stoltenberg a déclaré : « L'OTAN soutient l'Ukraine. » La France approuve.\n",
    "Le ministre des Armées a affirmé que la Pologne recevrait des chars.\n",
    "« Nous restons unis », a dit le secrétaire général de l'OTAN à Bruxelles.\n",
)
#: A document that kills the worker analysing it, every time (as the out-of-memory killer would).
POISON = "« Ce document tue son worker. »"
#: A document that kills its worker the first time only: the text names a marker file that the kill removes.
ONCE = "« Ce document tue son worker une fois : {marker} »"


def killing_analyse(
    items: list[tuple[Document, str]], settings: Settings, *, keep_parses: bool = False
) -> list[Analysis]:
    """The engines' function, except that a worker given a poisoned document dies of SIGKILL."""
    for _, text in items:
        once = re.search(r"une fois : (\S+) »", text)
        if POISON in text or (once and _consume(Path(once.group(1)))):
            os.kill(os.getpid(), signal.SIGKILL)
    return analyse_batch_for(items, settings, keep_parses=keep_parses)


def _consume(marker: Path) -> bool:
    try:
        marker.unlink()
    except FileNotFoundError:
        return False
    return True


def _corpus(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _real(i: int) -> str:
    return REAL[i].read_text(encoding="utf-8")


def _csvs(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.csv").read_bytes() for name in ("sentences", "entities", "quotes", "issues")}


def _published(out: Path) -> dict[str, bytes]:
    """Every published file through its documented path."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def _no_leftovers(out: Path) -> None:
    assert not list(out.glob(".*.tmp")) and not list((out / ".work").glob(".*.tmp"))
    assert not list((out / "runs").glob(".staging-*"))


# --- a worker killed mid-batch -------------------------------------------------------------------------


@pytest.mark.model
def test_worker_killed_mid_batch_retried_alone_then_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "kill-once"
    marker.touch()
    texts = {
        "a.txt": SHORT[0],
        "b-poison.txt": f"Le ministre a dit : {POISON}\n",  # its worker dies, and again when retried
        "c.txt": SHORT[1],
        "d-once.txt": f"Le ministre a dit : {ONCE.format(marker=marker)}\n",  # its worker dies once only
        "e.txt": SHORT[2],
    }
    corpus = _corpus(tmp_path / "corpus", texts)
    clean = api.run(corpus, tmp_path / "clean", Settings(workers=1, cache=False))
    assert clean.n_failed == 0
    monkeypatch.setattr("pipeline.engines.local.analyse_batch_for", killing_analyse)
    result = CliRunner().invoke(
        app, ["--quiet", "run", str(corpus), "--out", str(tmp_path / "out"), "--workers", "2", "--no-cache"],
        env={"PIPELINE_BATCH_SIZE": "2"},
    )  # fmt: skip
    assert result.exit_code == EXIT_DOCUMENTS_FAILED, result.output
    assert "1 document(s) failed" in result.output
    assert not marker.exists()  # the once-killer did kill its worker
    documents = load_outputs(tmp_path / "out").documents.set_index("doc_id")
    assert documents.loc["b-poison.txt", "status"] == "failed"
    assert documents.loc["b-poison.txt", "error"] == WORKER_DIED
    assert (documents.drop(index="b-poison.txt")["status"] == "ok").all()  # the run went on
    # Every other document's records are those of a clean run (the batch-mates of both killers included).
    for name, frame in _csvs(tmp_path / "out").items():
        clean_rows = [line for line in _csvs(tmp_path / "clean")[name].splitlines() if b"b-poison.txt" not in line]
        assert frame.splitlines() == clean_rows, name


# --- disk full, read-only output folder --------------------------------------------------------------


@contextlib.contextmanager
def _mounted(*args: str) -> Iterator[None]:
    subprocess.run(["mount", *args], check=True, capture_output=True)
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", args[-1]], check=False, capture_output=True)


def _can_mount(tmp_path: Path) -> bool:
    """Whether this process may mount (root, as in CI): a real small disk and a real read-only folder."""
    if os.geteuid() != 0:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    try:
        with _mounted("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)):
            return True
    except (subprocess.CalledProcessError, FileNotFoundError):
        return False
    finally:
        probe.rmdir()


def _fill(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` until only about ``leave`` bytes are free."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for chunk in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * chunk)
    finally:
        os.close(fd)
    if leave:
        os.truncate(folder / "filler", max(0, (folder / "filler").stat().st_size - leave))


def _run_full_disk(corpus: Path, out: Path, disk: Path, leave: int, *, mounted: bool) -> tuple[int, str]:
    """A run on a full disk: exit code and message."""
    if mounted:
        _fill(disk, leave)
        result = CliRunner().invoke(app, ["--quiet", "run", str(corpus), "--out", str(out), "--workers", "1"])
        return result.exit_code, result.output

    def limit() -> None:  # no tmpfs (not root): any file growing past a limit fails as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max(leave // 20, 1), resource.RLIM_INFINITY))

    command = [sys.executable, "-m", "pipeline", "--quiet", "run", str(corpus), "--out", str(out), "--workers", "1"]
    process = subprocess.run(command, capture_output=True, text=True, timeout=300, preexec_fn=limit)
    return process.returncode, process.stderr


@pytest.mark.model
@pytest.mark.parametrize(
    "leave",
    [
        pytest.param(0, id="full-from-the-start"),  # the first write fails (the lock, a cache entry)
        pytest.param(60_000, id="full-mid-run"),  # some entries and tables are written before the disk is full
    ],
)
def test_disk_full_exits_3_and_keeps_previous_outputs(tmp_path: Path, leave: int) -> None:
    corpus = _corpus(tmp_path / "corpus", {"a.txt": _real(0)})
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "out"
    mounted = _can_mount(tmp_path)
    with _mounted("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)) if mounted else contextlib.nullcontext():
        assert api.run(corpus, out, Settings(workers=1)).n_failed == 0
        before = _published(out)
        for i in range(1, 5):  # more documents: more to cache and to publish than the space left
            (corpus / f"{i}.txt").write_text(_real(i) * 2, encoding="utf-8")
        code, message = _run_full_disk(corpus, out, disk, leave, mounted=mounted)
        assert code == EXIT_SETUP, message
        assert re.search(r"No space left on device|File too large", message), message
        assert ("Nothing was published" in message and "To fix: free some space" in message) or not mounted
        assert _published(out) == before
        _no_leftovers(out)
        (disk / "filler").unlink(missing_ok=True)
        assert api.run(corpus, out, Settings(workers=1)).n_failed == 0  # space again: the next run completes
        assert len(load_outputs(out).documents) == 5


@pytest.mark.model
def test_read_only_output_folder_exits_3(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {"a.txt": _real(0)})
    out = tmp_path / "out"
    assert api.run(corpus, out, Settings(workers=1)).n_failed == 0
    before = _published(out)
    (corpus / "b.txt").write_text(_real(1), encoding="utf-8")  # something to write (else nothing is written)
    with contextlib.ExitStack() as stack:
        if _can_mount(tmp_path):  # root writes through permissions: make the folder a read-only mount
            stack.enter_context(_mounted("--bind", str(out), str(out)))
            subprocess.run(["mount", "-o", "remount,ro,bind", str(out)], check=True)
        else:
            out.chmod(0o555)
            stack.callback(out.chmod, 0o755)
        result = CliRunner().invoke(app, ["--quiet", "run", str(corpus), "--out", str(out), "--workers", "1"])
        assert result.exit_code == EXIT_SETUP, result.output
        assert re.search(r"Read-only file system|Permission denied", result.output), result.output
        assert re.search(r"choose a writable --out|make the folder writable", result.output)
        assert _published(out) == before


# --- corpus files that change or disappear during the run ----------------------------------------------


@pytest.mark.model
def test_files_changed_or_deleted_during_the_run_say_so(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {"a.txt": _real(0), "b.txt": _real(1), "c.txt": _real(2)})
    out = tmp_path / "out"
    done: list[int] = []

    def progress(n: int) -> None:  # called after each document row; b and c are read already (one batch)
        done.append(n)
        if len(done) == 1:
            (corpus / "b.txt").write_text(_real(1) + "\nUne ligne ajoutée.\n", encoding="utf-8")
            (corpus / "c.txt").unlink()

    summary = api.run(corpus, out, Settings(workers=1, batch_size=8), progress=progress)
    assert summary.n_failed == 2
    documents = load_outputs(out).documents.set_index("doc_id")
    assert documents.loc["a.txt", "status"] == "ok"
    assert documents.loc["b.txt", "status"] == "failed"
    assert "changed during the run" in documents.loc["b.txt", "error"]
    assert "deleted during the run" in documents.loc["c.txt", "error"]
    outputs = load_outputs(out)
    assert set(outputs.sentences["doc_id"]) == {"a.txt"}  # no records of content no longer on disk
    again = api.run(corpus, out, Settings(workers=1))
    assert again.n_failed == 0 and again.n_documents == 2  # the next run reads the new content


def test_file_changed_while_being_read_is_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Un texte.\n", encoding="utf-8")
    read_bytes = Path.read_bytes

    def growing(self: Path) -> bytes:
        data = read_bytes(self)
        with self.open("a", encoding="utf-8") as handle:  # a writer appends while we read
            handle.write("Encore.\n")
        return data

    monkeypatch.setattr(Path, "read_bytes", growing)
    source = read_document(path, tmp_path, Metadata(), max_file_bytes=10_000)
    assert source.document.status == "failed" and "changed while it was being read" in str(source.document.error)


# --- symbolic links, file names that are not UTF-8 -------------------------------------------------------


def _linked_corpus(tmp_path: Path) -> Path:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    _corpus(corpus, {"dedans.txt": "Le ministre a parlé.\n"})
    _corpus(outside, {"secret.txt": "Un texte hors du corpus.\n"})
    (corpus / "lien-dedans.txt").symlink_to(corpus / "dedans.txt")  # stays inside: read
    (corpus / "lien-dehors.txt").symlink_to(outside / "secret.txt")  # leaves the corpus
    (corpus / "dossier-dehors").symlink_to(outside, target_is_directory=True)
    (corpus / "boucle").symlink_to(corpus, target_is_directory=True)  # a cycle
    return corpus


def test_links_leaving_the_corpus_are_not_followed(tmp_path: Path) -> None:
    corpus = _linked_corpus(tmp_path)
    entries = {e.doc_id: e for e in list_corpus(corpus, metadata_file="metadata.tsv")}
    assert sorted(entries) == ["dedans.txt", "lien-dedans.txt", "lien-dehors.txt"]  # folder links not walked
    assert entries["lien-dedans.txt"].skipped is None
    assert "outside the corpus folder: not followed" in str(entries["lien-dehors.txt"].skipped)
    assert "--follow-links" in str(entries["lien-dehors.txt"].skipped)


def test_follow_links_reads_them_once_without_cycles(tmp_path: Path) -> None:
    corpus = _linked_corpus(tmp_path)
    entries = {e.doc_id: e for e in list_corpus(corpus, metadata_file="metadata.tsv", follow_links=True)}
    assert sorted(entries) == ["dedans.txt", "dossier-dehors/secret.txt", "lien-dedans.txt", "lien-dehors.txt"]
    assert all(e.skipped is None for e in entries.values())


def test_ingest_gives_links_leaving_the_corpus_a_skipped_row(tmp_path: Path) -> None:
    corpus = _linked_corpus(tmp_path)
    result = CliRunner().invoke(app, ["--quiet", "ingest", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_OK, result.output  # skipped is not a failure
    documents = pd.read_parquet(tmp_path / "out" / ".work" / "documents.parquet").set_index("doc_id")
    assert documents.loc["lien-dehors.txt", "status"] == "skipped"
    assert documents.loc["lien-dedans.txt", "status"] == "ok"
    result = CliRunner().invoke(
        app, ["--quiet", "ingest", str(corpus), "--out", str(tmp_path / "out2"), "--follow-links"]
    )
    documents = pd.read_parquet(tmp_path / "out2" / ".work" / "documents.parquet").set_index("doc_id")
    assert documents.loc["lien-dehors.txt", "status"] == "ok"
    assert documents.loc["dossier-dehors/secret.txt", "status"] == "ok"


@pytest.mark.model
def test_file_name_not_utf8_gets_a_row_with_a_replacement_id(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {"a.txt": _real(0)})
    latin1_name = os.path.join(os.fsencode(corpus), "communiqué-défense.txt".encode("latin-1"))
    with open(latin1_name, "wb") as handle:  # a name written by an old Windows or FTP tool
        handle.write(f"Jens Stoltenberg a déclaré : {POISON}\n".encode())
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["--quiet", "run", str(corpus), "--out", str(out), "--workers", "1"])
    assert result.exit_code == EXIT_OK, result.output
    outputs = load_outputs(out)
    doc_id = "communiqu\\xe9-d\\xe9fense.txt"  # the undecodable bytes spelled as \xNN
    documents = outputs.documents.set_index("doc_id")
    assert documents.loc[doc_id, "status"] == "ok"
    assert documents.loc[doc_id, "path"].endswith(doc_id)
    assert doc_id in set(outputs.quotes["doc_id"])
    csv = pd.read_csv(out / "documents.csv", keep_default_na=False)
    assert doc_id in set(csv["doc_id"])
