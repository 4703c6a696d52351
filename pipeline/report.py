"""A run's tables → one self-contained HTML report (figures embedded as PNG, no network needed).

Pure: ``render_report(outputs)`` returns the HTML text; the caller writes it. The figure functions
return matplotlib ``Figure`` objects (built without pyplot, so no global state), and the notebooks
use them too.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import matplotlib as mpl
import networkx as nx
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .outputs import COUNTRY_LABELS, Outputs, entity_name, quote_parts

#: One colour per entity label, shared by every figure.
LABEL_COLOURS = {"PERSON": "#4C72B0", "COUNTRY": "#55A868", "ORG": "#DD8452", "NATIONALITY": "#8172B3"}
LABEL_NAMES = {"PERSON": "People", "COUNTRY": "Countries", "ORG": "Organisations", "NATIONALITY": "Nationalities"}
KIND_COLOURS = {"direct": "#4C72B0", "indirect": "#DD8452", "turn": "#55A868"}
TARGET_COLOUR = "#C44E52"
OTHER_COLOUR = "#8C8C8C"
#: The network draws only its largest group of linked entities when that group has this many or more.
MIN_MAIN_GROUP = 8
#: Quotes in the explorer at most (the target speakers' first): the page stays light in a browser.
MAX_EXPLORER_QUOTES = 5000
#: A cue or speaker this close to its quote (in characters) is shown in the quote's paragraph.
NEAR_CHARS = 400
#: A paragraph longer than this (a page without line breaks) is cut around its quote.
MAX_PARAGRAPH_CHARS = 1600

_STYLE = {
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
}


@contextmanager
def _style() -> Iterator[None]:
    with mpl.rc_context(cast(Any, _STYLE)):
        yield


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _message(ax: Axes, text: str) -> None:
    """Say why there is nothing to draw, in a figure shrunk to a band."""
    figure = ax.get_figure()
    if isinstance(figure, Figure):
        figure.set_size_inches(figure.get_figwidth(), 1.6)
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, color="#555555", transform=ax.transAxes)
    ax.set_axis_off()


def _barh(ax: Axes, labels: list[str], values: list[int], colours: list[str] | str) -> None:
    """Horizontal bars, largest at the top, each with its value written at its end."""
    positions = list(range(len(labels)))[::-1]
    bars = ax.barh(positions, values, color=colours)
    ax.set_yticks(positions, labels)
    ax.bar_label(bars, padding=3, fontsize=9)
    ax.margins(x=0.12)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


# --- figures ---------------------------------------------------------------------------------------


def documents_figure(out: Outputs) -> Figure:
    """Documents per publication year, stacked by document kind."""
    with _style():
        fig = Figure(figsize=(9, 4), layout="constrained")
        ax = fig.add_subplot()
        documents = out.documents
        dated = documents.dropna(subset=["date"])
        undated = len(documents) - len(dated)
        title = "Documents per year"
        if undated:
            title += f" ({undated} undated not shown)"
        ax.set_title(title)
        if dated.empty:
            _message(ax, "No dated documents")
            return fig
        kinds = dated["doc_kind"].astype("string").fillna("unknown")
        table = pd.crosstab(dated["date"].dt.year, kinds)
        years = list(range(int(table.index.min()), int(table.index.max()) + 1))
        table = table.reindex(years, fill_value=0)
        bottom = [0] * len(years)
        palette = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C"]
        for i, kind in enumerate(table.columns):
            counts = [int(v) for v in table[kind]]
            ax.bar(years, counts, bottom=bottom, label=str(kind).replace("_", " "), color=palette[i % len(palette)])
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
        ax.set_xlabel("Publication year (document date)")
        ax.set_ylabel("Documents")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(title="Kind", frameon=False, loc="upper left")
    return fig


def top_entities_figure(out: Outputs, label: str, n: int = 15) -> Figure:
    """The ``n`` most mentioned entities of one label (PERSON, COUNTRY, ORG), by mentions."""
    counts = out.entity_counts(label).head(n)
    with _style():
        fig = Figure(figsize=(5.4, 0.9 + 0.3 * max(len(counts), 4)), layout="constrained")
        ax = fig.add_subplot()
        ax.set_title(f"Top {LABEL_NAMES.get(label, label).lower()}")
        if counts.empty:
            _message(ax, f"No {LABEL_NAMES.get(label, label).lower()} found")
            return fig
        labels = [_short(str(name)) for name in counts["name"]]
        _barh(ax, labels, [int(v) for v in counts["mentions"]], LABEL_COLOURS.get(label, OTHER_COLOUR))
        ax.set_xlabel("Mentions")
    return fig


def speakers_figure(out: Outputs, n: int = 15) -> Figure:
    """Quotes per speaker (the ``n`` most quoted), stacked by quote kind; target speakers in red."""
    quotes = out.quotes
    with _style():
        fig = Figure(figsize=(9, 1.2 + 0.34 * max(min(quotes["speaker"].nunique(), n), 4)), layout="constrained")
        ax = fig.add_subplot()
        ax.set_title("Quotes per speaker")
        if quotes.empty:
            _message(ax, "No quotes found")
            return fig
        table = pd.crosstab(quotes["speaker"].astype("string"), quotes["kind"].astype("string"))
        table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index[:n]]
        targets = set(quotes.loc[quotes["is_target"].fillna(False).astype(bool), "speaker"])
        positions = list(range(len(table)))[::-1]
        left = [0] * len(table)
        for kind in [k for k in KIND_COLOURS if k in table.columns]:
            counts = [int(v) for v in table[kind]]
            ax.barh(positions, counts, left=left, color=KIND_COLOURS[kind], label=kind)
            left = [a + b for a, b in zip(left, counts, strict=True)]
        for position, total in zip(positions, left, strict=True):
            ax.text(total, position, f" {total}", va="center", fontsize=9)
        ax.set_yticks(positions, [_short(str(s)) for s in table.index])
        for tick, speaker in zip(ax.get_yticklabels(), table.index, strict=True):
            if speaker in targets:
                tick.set_color(TARGET_COLOUR)
                tick.set_fontweight("bold")
        ax.margins(x=0.1)
        ax.set_xlabel("Quotes" + (" (target speakers in red)" if targets else ""))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(title="Kind", frameon=False, loc="lower right")
    return fig


def target_quotes_figure(out: Outputs) -> Figure:
    """Quotes of the target speakers per document year (per month when they span three years or less)."""
    quotes = out.find_quotes(target=True)
    who = " / ".join(out.target_speakers)
    with _style():
        fig = Figure(figsize=(9, 3.8), layout="constrained")
        ax = fig.add_subplot()
        dated = quotes.dropna(subset=["date"])
        title = f"Quotes of {who} over time"
        if len(quotes) > len(dated):
            title += f" ({len(quotes) - len(dated)} undated not shown)"
        ax.set_title(title)
        if dated.empty:
            _message(ax, f"No dated quotes of {who}")
            return fig
        first, last = dated["date"].min(), dated["date"].max()
        monthly = (last - first) <= pd.Timedelta(days=3 * 366)
        freq = "M" if monthly else "Y"
        periods = dated["date"].dt.to_period(freq)
        counts = periods.value_counts().reindex(pd.period_range(periods.min(), periods.max(), freq=freq), fill_value=0)
        x = list(range(len(counts)))
        bars = ax.bar(x, [int(v) for v in counts], color=TARGET_COLOUR, width=0.8)
        ax.bar_label(bars, labels=[str(int(v)) if v else "" for v in counts], padding=2, fontsize=9)
        step = max(1, math.ceil(len(x) / 16))
        names = [p.strftime("%Y-%m") if monthly else str(p.year) for p in counts.index]
        ax.set_xticks(x[::step], names[::step], rotation=45 if monthly else 0, ha="right" if monthly else "center")
        ax.set_xlabel("Document date (" + ("month" if monthly else "year") + ")")
        ax.set_ylabel("Quotes")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.margins(y=0.15)
    return fig


def network_figure(out: Outputs, *, n: int = 30, min_count: int = 2) -> Figure:
    """The ``n`` most mentioned entities, linked when mentioned in ``min_count`` or more sentences together."""
    counts = out.entity_counts().head(n)
    pairs = out.cooccurrences(unit="sentence")
    keep = set(counts["entity_id"])
    pairs = pairs[pairs["source"].isin(keep) & pairs["target"].isin(keep)]
    if not (pairs["count"] >= min_count).any():
        min_count = 1  # a small corpus: every pair counts
    pairs = pairs[pairs["count"] >= min_count]
    with _style():
        fig = Figure(figsize=(10, 7.5), layout="constrained")
        ax = fig.add_subplot()
        linked = "in the same sentence" if min_count == 1 else f"together in {min_count}+ sentences"
        ax.set_title(f"Entities mentioned together (top {n}; linked if {linked})")
        if pairs.empty:
            _message(ax, "Too few co-occurrences to draw a network")
            return fig
        graph = nx.Graph()
        labels = {str(e): str(lab) for e, lab in zip(counts["entity_id"], counts["label"], strict=True)}
        mentions_of = {str(e): int(m) for e, m in zip(counts["entity_id"], counts["mentions"], strict=True)}
        for source, target, weight in zip(pairs["source"], pairs["target"], pairs["count"], strict=True):
            graph.add_edge(str(source), str(target), weight=int(weight))
        # Small groups apart from a big one would be flung to the edges by the layout and squeeze it.
        main = max(nx.connected_components(graph), key=len)
        left_out = 0
        if len(main) >= MIN_MAIN_GROUP:
            left_out = graph.number_of_nodes() - len(main)
            graph = graph.subgraph(main).copy()
            k = 2.2 / math.sqrt(graph.number_of_nodes())
            layout = nx.spring_layout(graph, seed=7, weight=None, k=k, iterations=200)
        else:
            # Only small groups: on a circle, each group's members side by side, none flung away.
            order = [
                v for group in sorted(nx.connected_components(graph), key=len, reverse=True) for v in sorted(group)
            ]
            layout = nx.circular_layout(order)
        top_weight = max(graph.edges[e]["weight"] for e in graph.edges)
        widths = [0.6 + 3.0 * math.sqrt(graph.edges[e]["weight"] / top_weight) for e in graph.edges]
        nx.draw_networkx_edges(graph, layout, ax=ax, width=widths, edge_color="#BBBBBB", alpha=0.8)
        nodes = list(graph.nodes)
        mentions = [mentions_of[v] for v in nodes]
        top = max(mentions)
        colours = [LABEL_COLOURS.get(labels[v], OTHER_COLOUR) for v in nodes]
        sizes = [80 + 1100 * math.sqrt(m / top) for m in mentions]
        nx.draw_networkx_nodes(
            graph,
            layout,
            ax=ax,
            nodelist=nodes,
            node_size=sizes,
            node_color=colours,
            edgecolors="white",
            linewidths=1.0,
        )
        for node, size in zip(nodes, sizes, strict=True):
            x, y = layout[node]
            # Below the node, clear of it: the offset grows with the node's radius (in points).
            ax.annotate(
                _short(entity_name(node, labels[node]), 24),
                (x, y),
                xytext=(0, -math.sqrt(size) / 2 - 2),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=9,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.75},
            )
        present = sorted({labels[v] for v in nodes})
        note = "node size: mentions; line width: sentences together"
        if left_out:
            note += f"; {left_out} entities outside the main group not shown"
        fig.legend(
            handles=[
                Patch(color=LABEL_COLOURS.get(lab, OTHER_COLOUR), label=LABEL_NAMES.get(lab, lab)) for lab in present
            ],
            frameon=False,
            loc="outside lower center",
            ncols=len(present),
            title=note,
            title_fontsize=9,
        )
        ax.set_axis_off()
        ax.margins(0.08)
    return fig


# --- HTML ------------------------------------------------------------------------------------------


def figure_png(fig: Figure, *, dpi: int = 144) -> bytes:
    """The figure as PNG bytes (no timestamp or software metadata, so the same figure gives the same bytes)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None}, facecolor="white")
    return buffer.getvalue()


def _img(fig: Figure, alt: str) -> str:
    data = base64.b64encode(figure_png(fig)).decode("ascii")
    # Shown at 100 px per figure inch whatever the PNG's resolution, so every figure's text has the same size.
    width = round(fig.get_figwidth() * 100)
    return f'<img src="data:image/png;base64,{data}" width="{width}" alt="{html.escape(alt)}">'


def _e(value: Any) -> str:
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return html.escape(str(value))


def highlight(context: Mapping[Any, Any]) -> str:
    """A ``quote_contexts`` row's context as HTML, its speaker, cue and quote each in a ``<mark class=part>``."""
    text = str(context["context"])
    pieces, position = [], 0
    for start, end, part in quote_parts(context):
        pieces += [html.escape(text[position:start]), f'<mark class="{part}">', html.escape(text[start:end]), "</mark>"]
        position = end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


def _summary_html(out: Outputs) -> str:
    summary = out.summary()
    status = ", ".join(f"{n} {s}" for s, n in summary["status"].items())
    period = f"{summary['first_date']} → {summary['last_date']}" if summary["first_date"] else "no dates"
    cards = [
        ("Documents", f"{summary['documents']}", status),
        ("Sentences", f"{summary['sentences']}", ""),
        ("Entity mentions", f"{summary['entities']}", f"{out.entities['entity_id'].nunique()} distinct"),
        ("Quotes", f"{summary['quotes']}", f"{summary['speakers']} speakers"),
        (f"Quotes of {' / '.join(out.target_speakers)}", f"{summary['target_quotes']}", ""),
        ("Issues", f"{summary['issues']}", ""),
        ("Period", period, f"{summary['undated_documents']} undated documents"),
    ]
    return (
        '<div class="cards">'
        + "".join(
            f'<div class="card"><div class="label">{_e(label)}</div><div class="value">{_e(value)}</div>'
            f'<div class="note">{_e(note)}</div></div>'
            for label, value, note in cards
        )
        + "</div>"
    )


def _counts_table(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> str:
    head = "".join(f"<th>{_e(title)}</th>" for _, title in columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(row[c])}</td>" for c, _ in columns) + "</tr>" for _, row in frame.iterrows()
    )
    return f'<table class="small"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def target_column(quotes: pd.DataFrame) -> str:
    """The column flagging quotes of the run's target speakers."""
    return "is_target"


def document_texts(out: Outputs, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
    """The texts of the run's documents, read again from their files where they still hold the same bytes.

    A file that moved, changed (its SHA-256 differs from ``documents.sha256``) or cannot be read is left
    out: the report then shows its quotes in their sentences rather than in their paragraph.
    """
    from .ingest import NotText, decode_file

    wanted = None if doc_ids is None else set(doc_ids)
    texts: dict[str, str] = {}
    documents = out.documents[out.documents["status"] == "ok"]
    for doc_id, path, sha256 in zip(documents["doc_id"], documents["path"], documents["sha256"], strict=True):
        if wanted is not None and doc_id not in wanted:
            continue
        try:
            raw = Path(str(path)).read_bytes()
            if hashlib.sha256(raw).hexdigest() == sha256:
                texts[str(doc_id)] = decode_file(Path(str(path)), raw).text
        except (OSError, NotText):
            continue
    return texts


_PART_COLUMNS = {
    "quote": ("start", "end"),
    "cue": ("cue_start", "cue_end"),
    "speaker": ("speaker_start", "speaker_end"),
}


def _paragraph(text: str, quote: Mapping[Any, Any]) -> dict[str, Any]:
    """The paragraph (lines) of ``text`` holding a quote, with its cue and speaker when they are near."""
    low, high = int(quote["start"]), int(quote["end"])
    for part in ("cue", "speaker"):
        start, end = quote[f"{part}_start"], quote[f"{part}_end"]
        if _present(start) and _present(end) and int(start) >= low - NEAR_CHARS and int(end) <= high + NEAR_CHARS:
            low, high = min(low, int(start)), max(high, int(end))
    first = text.rfind("\n", 0, low) + 1
    last = text.find("\n", high)
    last = len(text) if last < 0 else last
    # A paragraph of a whole page (a text without line breaks) is cut around the quote, at spaces.
    if low - first > MAX_PARAGRAPH_CHARS // 2:
        first = text.find(" ", low - MAX_PARAGRAPH_CHARS // 2, low) + 1 or low
    if last - high > MAX_PARAGRAPH_CHARS // 2:
        cut = text.rfind(" ", high, high + MAX_PARAGRAPH_CHARS // 2)
        last = cut if cut > high else high
    inside: dict[str, int | None] = {}
    for part, (start_column, end_column) in _PART_COLUMNS.items():
        start, end = quote[start_column], quote[end_column]
        kept = _present(start) and _present(end) and first <= int(start) and int(end) <= last
        inside[f"{part}_start"] = int(start) - first if kept else None
        inside[f"{part}_end"] = int(end) - first if kept else None
    return {"context": text[first:last], **inside, "cut_before": first > 0 and text[first - 1] != "\n"}


def _present(value: Any) -> bool:
    return value is not None and not (not isinstance(value, str) and bool(pd.isna(value)))


def explorer_data(out: Outputs, *, texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What the quote explorer shows, as plain JSON-ready data: quotes with their paragraph, filters' choices.

    Args:
        texts: document texts by ``doc_id`` (default: :func:`document_texts`); a quote of a document
            without text is shown in its sentences (``Outputs.quote_contexts``).

    Returns:
        ``quotes``: one dict per quote (at most ``MAX_EXPLORER_QUOTES``, the target speakers' first, then by
        date), with its paragraph ``context`` and the ``parts`` to highlight in it; ``countries`` and
        ``organisations``: id → display name; ``targets``: the run's target speakers; ``total``: all quotes.
    """
    quotes = out.quotes_with_documents()
    flag = target_column(quotes)
    quotes = quotes.assign(_target=quotes[flag].fillna(False).astype(bool))
    order = ["_target", "date", "doc_id", "quote_id"]
    kept = quotes.sort_values(order, ascending=[False, True, True, True], na_position="last").head(MAX_EXPLORER_QUOTES)
    quotes = kept.sort_values(order[1:], na_position="last", kind="stable")
    if texts is None:
        texts = document_texts(out, set(quotes["doc_id"].astype(str)))
    contexts: dict[tuple[str, int], Mapping[Any, Any]] = {}
    if not set(quotes["doc_id"].astype(str)) <= set(texts):
        for row in out.quote_contexts().to_dict("records"):
            contexts[(str(row["doc_id"]), int(row["quote_id"]))] = row
    mentions = out.quote_entities(scope="content").drop_duplicates(["doc_id", "quote_id", "entity_id"])
    mentioned: dict[tuple[str, int], dict[str, list[str]]] = {}
    names: dict[str, dict[str, str]] = {"COUNTRY": {}, "ORG": {}}
    for mention in mentions.to_dict("records"):
        label = "COUNTRY" if str(mention["label"]) in COUNTRY_LABELS else str(mention["label"])
        if label not in names:
            continue
        entity_id = str(mention["entity_id"])
        names[label][entity_id] = entity_name(entity_id, label)
        key = (str(mention["doc_id"]), int(mention["quote_id"]))
        found = mentioned.setdefault(key, {"COUNTRY": [], "ORG": []})[label]
        if entity_id not in found:
            found.append(entity_id)
    rows = []
    for quote in quotes.to_dict("records"):
        key = (str(quote["doc_id"]), int(quote["quote_id"]))
        text = texts.get(key[0])
        context = _paragraph(text, quote) if text is not None else {**contexts[key], "cut_before": False}
        source = quote["source"] if isinstance(quote["source"], str) and quote["source"].startswith("http") else None
        date = quote["date"]
        rows.append(
            {
                "doc": key[0],
                "id": key[1],
                "date": date.date().isoformat() if isinstance(date, pd.Timestamp) and not pd.isna(date) else None,
                "title": quote["title"] if isinstance(quote["title"], str) else key[0],
                "url": source,
                "speaker": str(quote["speaker"]),
                "target": bool(quote["_target"]),
                "kind": str(quote["kind"]),
                "cue": quote["cue"] if isinstance(quote["cue"], str) else None,
                "text": str(quote["text"]),
                "context": str(context["context"]),
                "parts": [list(part) for part in quote_parts(context)],
                "paragraph": text is not None,
                "cut": bool(context["cut_before"]),
                "countries": mentioned.get(key, {}).get("COUNTRY", []),
                "organisations": mentioned.get(key, {}).get("ORG", []),
            }
        )
    return {
        "quotes": rows,
        "total": len(out.quotes),
        "targets": out.target_speakers,
        "countries": dict(sorted(names["COUNTRY"].items(), key=lambda item: item[1])),
        "organisations": dict(sorted(names["ORG"].items(), key=lambda item: item[1].casefold())),
    }


def _explorer_html(out: Outputs, texts: Mapping[str, str] | None) -> str:
    """The quote explorer: filters, the target speakers' monthly timeline, quotes in their paragraph."""
    data = explorer_data(out, texts=texts)
    who = " / ".join(out.target_speakers)
    if not data["quotes"]:
        return '<p class="empty">No quotes in this run.</p>'
    shown = len(data["quotes"])
    note = (
        ""
        if shown == data["total"]
        else f" (the first {shown} of {data['total']}: every quote of {_e(who)}, then others)"
    )
    # JSON inside <script>: "</" written "<\/" so that no text can close the element.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"""<div id="explorer">
<p class="meta">Every quote of the run{note}. Filters combine; the timeline counts the quotes of {_e(who)}
that pass the other filters, by month of the document date (click a month to read its quotes).</p>
<form class="filters" id="filters" onsubmit="return false">
<label>Search <input id="f-text" type="search" placeholder="words of the quote, speaker or title"></label>
<label>Speaker <select id="f-speaker"><option value="">anyone</option></select></label>
<label>Target <select id="f-target"><option value="">all speakers</option>
<option value="target">{_e(who)}</option><option value="other">everyone else</option></select></label>
<label>Country mentioned <select id="f-country"><option value="">any</option></select></label>
<label>Organisation mentioned <select id="f-org"><option value="">any</option></select></label>
<label>From <input id="f-from" type="date"></label>
<label>To <input id="f-to" type="date"></label>
<span class="kinds">Kind <label><input type="checkbox" class="f-kind" value="direct" checked> direct</label>
<label><input type="checkbox" class="f-kind" value="indirect" checked> indirect</label>
<label><input type="checkbox" class="f-kind" value="turn" checked> turn</label></span>
<button type="button" id="f-reset">Reset</button>
</form>
<h3>Quotes of {_e(who)} per month, and the countries they mention</h3>
<div id="timeline"></div>
<p id="x-count" class="count"></p>
<p class="legend"><mark class="quote">quoted content</mark> <mark class="cue">cue</mark>
<mark class="speaker">speaker</mark></p>
<ol id="x-results"></ol>
<button type="button" id="x-more" hidden>Show more</button>
<script type="application/json" id="explorer-data">{payload}</script>
</div>"""


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;max-width:1150px;
padding:1.5rem;color:#222;line-height:1.45}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #eee;padding-bottom:.3rem}
.meta{color:#666;font-size:.9rem}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.card{border:1px solid #ddd;border-radius:8px;padding:.6rem .9rem;min-width:9rem}
.card .label{font-size:.8rem;color:#666}.card .value{font-size:1.5rem;font-weight:600}
.card .note{font-size:.8rem;color:#888}
img{max-width:100%;height:auto;display:block;margin:.5rem 0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(500px,1fr));gap:1rem;align-items:start}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid #e4e4e4;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f6f6;position:sticky;top:0}
table.small{width:auto;min-width:20rem}
td.date{white-space:nowrap}td.doc{max-width:16rem}td.context{max-width:34rem}
.id{color:#888;font-size:.78rem;word-break:break-all}
mark.quote{background:#fff3b0}mark.cue{background:#b9e3ff;font-weight:600}mark.speaker{background:#ffc9c9;font-weight:600}
.search{margin:.8rem 0}.search input{width:28rem;max-width:100%;padding:.4rem;font-size:1rem}
.legend{font-size:.85rem}.empty{color:#777;font-style:italic}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;background:#f6f6f6;padding:.7rem;border-radius:8px}
.filters label{display:flex;flex-direction:column;font-size:.8rem;color:#555}
.filters .kinds{display:flex;gap:.5rem;align-items:center;font-size:.8rem;color:#555}
.filters .kinds label{flex-direction:row;gap:.2rem;align-items:center;color:#222;font-size:.9rem}
.filters input,.filters select{font-size:.95rem;padding:.25rem;max-width:16rem}
#f-text{width:18rem}
.count{font-weight:600;margin:.8rem 0 .2rem}
#timeline{font-size:.85rem;max-height:22rem;overflow-y:auto;border:1px solid #eee;border-radius:6px;padding:.3rem}
.month{display:grid;grid-template-columns:5.5rem 12rem 1fr;gap:.5rem;align-items:center;cursor:pointer;
padding:.1rem .3rem}
.month:hover,.month.on{background:#fdecec}
.month .bar{background:#C44E52;height:.8rem;border-radius:2px;min-width:1px}
.month .n{color:#444}.month .countries{color:#333}
.month.empty .countries,.month.gap{color:#999;cursor:default}.month.gap:hover{background:none}
#x-results{list-style:none;padding:0}
.quote-card{border:1px solid #e4e4e4;border-radius:8px;padding:.6rem .8rem;margin:.6rem 0}
.quote-card .head{font-size:.85rem;color:#555;display:flex;flex-wrap:wrap;gap:.3rem .8rem}
.quote-card .who{font-weight:600;color:#222}.quote-card .target{color:#C44E52}
.quote-card .para{margin:.4rem 0;white-space:pre-wrap}
.chip{display:inline-block;background:#eef4ee;border-radius:10px;padding:0 .5rem;margin:0 .2rem .2rem 0;font-size:.8rem}
.chip.org{background:#fbefe4}
"""


def _explorer_js() -> str:
    """The quote explorer's script (``report_explorer.js`` beside this module), read when a report is written."""
    return Path(__file__).with_name("report_explorer.js").read_text(encoding="utf-8")


def render_report(
    out: Outputs, *, title: str = "Who said what: corpus report", texts: Mapping[str, str] | None = None
) -> str:
    """The whole report as one HTML page, figures and the quote explorer's data embedded.

    Args:
        texts: document texts by ``doc_id``, to show each quote in its paragraph; by default they are
            read again from the corpus files (:func:`document_texts`).
    """
    provenance = out.provenance
    who = " / ".join(out.target_speakers)
    meta = " · ".join(
        f"{k}: {_e(v)}"
        for k, v in (
            ("run", provenance.get("run_id")),
            ("created", provenance.get("created")),
            ("pipeline", provenance.get("pipeline_version")),
            ("model", f"{provenance.get('model')} {provenance.get('model_version') or ''}".strip()),
            ("folder", out.folder),
        )
        if v
    )
    figures: dict[str, Figure] = {
        "documents": documents_figure(out),
        **{label: top_entities_figure(out, label) for label in ("PERSON", "COUNTRY", "ORG")},
        "speakers": speakers_figure(out),
        "target": target_quotes_figure(out),
        "network": network_figure(out),
    }
    images = {name: _img(fig, fig.axes[0].get_title() if fig.axes else name) for name, fig in figures.items()}
    kinds = out.documents.assign(doc_kind=out.documents["doc_kind"].astype("string").fillna("unknown"))
    by_kind = kinds.groupby("doc_kind").size().reset_index(name="documents").sort_values("documents", ascending=False)
    issues = out.issues.groupby(["stage", "code"], observed=True).size().reset_index(name="issues")
    issues_html = (
        _counts_table(issues, [("stage", "Stage"), ("code", "Code"), ("issues", "Issues")])
        if len(issues)
        else '<p class="empty">No issues.</p>'
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title><style>{_CSS}</style></head>
<body>
<h1>{_e(title)}</h1>
<p class="meta">{meta}</p>
<h2>Corpus at a glance</h2>
{_summary_html(out)}
{images["documents"]}
{_counts_table(by_kind, [("doc_kind", "Kind of document"), ("documents", "Documents")])}
<h2>Who and what is mentioned</h2>
<div class="grid">{images["PERSON"]}{images["COUNTRY"]}{images["ORG"]}</div>
<h2>Who is quoted</h2>
{images["speakers"]}
<h2>Quotes of {_e(who)} over time</h2>
{images["target"]}
<h2>Co-occurrence network</h2>
{images["network"]}
<h2>Quote explorer</h2>
{_explorer_html(out, texts)}
<h2>Issues</h2>
{issues_html}
<p class="meta">Written by <code>python -m pipeline report</code>. Every column is described in
docs/DATA_DICTIONARY.md.</p>
<script>{_explorer_js()}</script>
</body></html>
"""
