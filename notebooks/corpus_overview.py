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
# # Corpus overview
#
# What a pipeline run found in the corpus: documents, people, countries and organisations, who is
# quoted, and what is mentioned together. Every column is described in `docs/DATA_DICTIONARY.md`.
#
# The notebook reads the output folder named by the `PIPELINE_OUT` environment variable
# (`outputs/` at the top of the repository by default): run `make run` first.

# %%
# %matplotlib inline
import os
from pathlib import Path

import pandas as pd

from pipeline import load_outputs, report

OUT = Path(os.environ.get("PIPELINE_OUT", "../outputs"))
out = load_outputs(OUT)
pd.Series(out.summary(), name="value").to_frame()

# %% [markdown]
# ## Documents
#
# Publication years and kinds of document (press release, transcript, news article, speech…).

# %%
report.documents_figure(out)

# %%
(
    out.documents.groupby("doc_kind", observed=True)
    .agg(documents=("doc_id", "size"), sentences=("n_sentences", "sum"), quotes=("n_quotes", "sum"))
    .sort_values("documents", ascending=False)
)

# %% [markdown]
# Documents that failed or were skipped, and why:

# %%
out.documents.loc[out.documents["status"] != "ok", ["doc_id", "status", "error"]]

# %% [markdown]
# ## Who and what is mentioned
#
# Mentions per entity; countries are shown with their French name (their id is the ISO alpha-3 code).

# %%
report.top_entities_figure(out, "PERSON")

# %%
report.top_entities_figure(out, "COUNTRY")

# %%
report.top_entities_figure(out, "ORG")

# %%
out.entity_counts().head(20)

# %% [markdown]
# ## Who is quoted
#
# Quotes per speaker, by kind; the run's target speakers (`is_target`) are in red.

# %%
report.speakers_figure(out)

# %%
report.target_quotes_figure(out)

# %% [markdown]
# ## What is mentioned together
#
# Entities mentioned in the same sentence. The table gives the strongest pairs; the network draws the
# most mentioned entities.

# %%
out.cooccurrences().head(15)

# %%
report.network_figure(out)

# %% [markdown]
# ## Issues
#
# Odd text the run met without stopping (an unpaired quote mark, a speaker it could not resolve…).

# %%
out.issues.groupby(["stage", "code"], observed=True).size().rename("issues").to_frame()
