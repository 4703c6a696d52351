# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Quote explorer
#
# Find quotes by speaker, country and date, then read each one in its context with the speaker, the
# cue and the quoted content highlighted.
#
# Change the filters in the next cell and re-run the notebook. The output folder is the one named by
# the `PIPELINE_OUT` environment variable (`outputs/` at the top of the repository by default).

# %% tags=["parameters"]
SPEAKER = "Stoltenberg"  # part of the speaker's name, any case; None for every speaker
COUNTRY = None  # a country mentioned in the quote: "Ukraine", "RUS", "Russia"…; None for any
SINCE = None  # first document date, inclusive: "2014", "2022-02", "2022-02-24"; None for no limit
UNTIL = None  # last document date, inclusive (a year or month covers all of it); None for no limit
SCOPE = "content"  # where COUNTRY must be mentioned: "content" (the quote) or "sentences" (its sentences)
MAX_SHOWN = 20  # quotes shown in context below

# %%
# %matplotlib inline
import os
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display
from spacy import displacy

from pipeline import load_outputs
from pipeline.outputs import entity_name, quote_parts

OUT = Path(os.environ.get("PIPELINE_OUT", "../outputs"))
out = load_outputs(OUT)
quotes = out.find_quotes(speaker=SPEAKER, country=COUNTRY, since=SINCE, until=UNTIL, scope=SCOPE)
print(f"{len(quotes)} of {len(out.quotes)} quotes match")
quotes[["date", "speaker", "kind", "cue", "text", "title"]]

# %% [markdown]
# ## When and who
#
# Matching quotes per year of the document's date, and per speaker.

# %%
if quotes["date"].isna().all():
    print("No dated quote matches the filters.")
else:
    years = quotes["date"].dt.year.dropna().astype(int)
    by_year = years.value_counts().reindex(range(years.min(), years.max() + 1), fill_value=0)
    ax = by_year.plot.bar(figsize=(8, 3), color="#C44E52", rot=0)
    ax.set_title("Matching quotes per year (document date)")
    ax.set_xlabel("Year")
    ax.set_ylabel("Quotes")

# %%
quotes.groupby("speaker").size().sort_values(ascending=False).rename("quotes").to_frame()

# %% [markdown]
# ## Which countries they mention

# %%
mentions = out.quote_entities(scope=SCOPE).merge(quotes[["doc_id", "quote_id"]], on=["doc_id", "quote_id"])
countries = mentions[mentions["label"].isin(["COUNTRY", "NATIONALITY"])]
country_counts = (
    countries.drop_duplicates(["doc_id", "quote_id", "entity_id"])
    .assign(country=lambda f: [entity_name(e, "COUNTRY") for e in f["entity_id"]])
    .groupby("country")
    .size()
    .sort_values()
)
if country_counts.empty:
    print("No country mentioned in the matching quotes.")
else:
    ax = country_counts.tail(15).plot.barh(figsize=(7, 0.6 + 0.3 * min(len(country_counts), 15)), color="#55A868")
    ax.set_title("Countries mentioned in the matching quotes")
    ax.set_xlabel("Quotes")
    ax.set_ylabel("")

# %% [markdown]
# ## The quotes in context
#
# Each quote with the sentences it touches (and those of its speaker and cue when they are near).
# <span style="background:#ffc9c9">speaker</span>, <span style="background:#b9e3ff">cue</span>,
# <span style="background:#fff3b0">quoted content</span>.

# %%
COLOURS = {"SPEAKER": "#ffc9c9", "CUE": "#b9e3ff", "QUOTE": "#fff3b0"}
contexts = out.quote_contexts().merge(
    quotes[["doc_id", "quote_id", "date", "speaker", "title"]], on=["doc_id", "quote_id"]
)
contexts = contexts.sort_values(["date", "doc_id", "quote_id"], na_position="last").head(MAX_SHOWN)

for row in contexts.to_dict("records"):
    date = "undated" if pd.isna(row["date"]) else f"{row['date']:%Y-%m-%d}"
    spans = [{"start": s, "end": e, "label": part.upper()} for s, e, part in quote_parts(row)]
    display(HTML(f"<h4>{date} · {row['speaker']} · {row['title'] or row['doc_id']}</h4>"))
    displacy.render(
        {"text": row["context"], "ents": spans},
        style="ent",
        manual=True,
        jupyter=True,
        options={"colors": COLOURS},
    )
if contexts.empty:
    print("No quote matches the filters.")
