"""A run's tables → one self-contained HTML report (figures embedded as PNG, no network needed).

Pure: ``render_report(outputs)`` returns the HTML text; the caller writes it. The figure functions
return matplotlib ``Figure`` objects (built without pyplot, so no global state), and the notebooks
use them too.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

import matplotlib as mpl
import networkx as nx
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .outputs import Outputs, entity_name, quote_parts

#: One colour per entity label, shared by every figure.
LABEL_COLOURS = {"PERSON": "#4C72B0", "COUNTRY": "#55A868", "ORG": "#DD8452", "NATIONALITY": "#8172B3"}
LABEL_NAMES = {"PERSON": "People", "COUNTRY": "Countries", "ORG": "Organisations", "NATIONALITY": "Nationalities"}
KIND_COLOURS = {"direct": "#4C72B0", "indirect": "#DD8452", "turn": "#55A868"}
TARGET_COLOUR = "#C44E52"
OTHER_COLOUR = "#8C8C8C"
#: The network draws only its largest group of linked entities when that group has this many or more.
MIN_MAIN_GROUP = 8
#: Stoltenberg quotes shown in the report's table at most (the table stays usable in a browser).
MAX_TABLE_ROWS = 2000

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


def _quotes_table(out: Outputs) -> str:
    quotes = out.find_quotes(target=True)
    who = " / ".join(out.target_speakers)
    if quotes.empty:
        return f'<p class="empty">No quotes of {_e(who)} in this run.</p>'
    quotes = quotes.sort_values(["date", "doc_id", "quote_id"], na_position="last").head(MAX_TABLE_ROWS)
    contexts = {(str(c["doc_id"]), int(c["quote_id"])): c for c in out.quote_contexts().to_dict("records")}
    mentions = out.quote_entities(scope="content")
    mentioned: dict[tuple[str, int], list[str]] = {}
    for mention in mentions.drop_duplicates(["doc_id", "quote_id", "entity_id"]).to_dict("records"):
        mentioned.setdefault((str(mention["doc_id"]), int(mention["quote_id"])), []).append(
            entity_name(str(mention["entity_id"]), str(mention["label"]))
        )
    rows = []
    for quote in quotes.to_dict("records"):
        key = (str(quote["doc_id"]), int(quote["quote_id"]))
        context = contexts[key]
        title = quote["title"] if isinstance(quote["title"], str) else key[0]
        source = quote["source"] if isinstance(quote["source"], str) and quote["source"].startswith("http") else None
        document = f'<a href="{_e(source)}">{_e(_short(title, 90))}</a>' if source else _e(_short(title, 90))
        rows.append(
            f'<tr><td class="date">{_e(quote["date"]) or "—"}</td>'
            f'<td class="doc">{document}<div class="id">{_e(key[0])} #{key[1]}</div></td>'
            f'<td>{_e(quote["speaker"])}<div class="id">{_e(quote["kind"])}</div></td>'
            f'<td class="context">{highlight(context)}</td>'
            f"<td>{_e(', '.join(mentioned.get(key, [])))}</td></tr>"
        )
    shown = f"{len(rows)} quotes" + (f" (first {MAX_TABLE_ROWS})" if len(rows) == MAX_TABLE_ROWS else "")
    return (
        '<div class="search"><input id="q" type="search" placeholder="Filter: a word, a country, a date, a document…"'
        f' oninput="filterRows()"> <span id="shown">{shown}</span></div>'
        '<p class="legend"><mark class="quote">quoted content</mark> <mark class="cue">cue</mark> '
        '<mark class="speaker">speaker</mark></p>'
        '<table id="quotes"><thead><tr><th>Date</th><th>Document</th><th>Speaker</th><th>Quote in context</th>'
        "<th>Mentions</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


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
"""

_JS = """
function filterRows(){
  const words=document.getElementById('q').value.toLowerCase().split(/\\s+/).filter(Boolean);
  let shown=0;
  for(const row of document.querySelectorAll('#quotes tbody tr')){
    const text=row.textContent.toLowerCase();
    const keep=words.every(w=>text.includes(w));
    row.style.display=keep?'':'none'; if(keep) shown++;
  }
  document.getElementById('shown').textContent=shown+' quotes';
}
"""


def render_report(out: Outputs, *, title: str = "Who said what: corpus report") -> str:
    """The whole report as one HTML page, figures embedded."""
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
<h2>Quotes of {_e(who)}</h2>
{_quotes_table(out)}
<h2>Issues</h2>
{issues_html}
<p class="meta">Written by <code>python -m pipeline report</code>. Every column is described in
docs/DATA_DICTIONARY.md.</p>
<script>{_JS}</script>
</body></html>
"""
