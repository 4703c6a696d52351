// The quote explorer of report.html: filters, a monthly timeline of the target speakers' quotes,
// each quote in its paragraph. Data: the JSON in #explorer-data (pipeline.report.explorer_data).
// Texts are put in the page with textContent only, never as HTML.
(function () {
  "use strict";
  const source = document.getElementById("explorer-data");
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const PAGE = 50;
  const $ = (id) => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  // The search reads the quote, its speaker, cue and document title (not its paragraph, which other quotes share).
  for (const quote of data.quotes) {
    quote.search = fold([quote.text, quote.speaker, quote.cue || "", quote.title, quote.doc].join(" "));
  }
  let limit = PAGE;

  function fillSelect(select, entries) {
    for (const [value, label] of entries) {
      const option = el("option", "", label);
      option.value = value;
      select.appendChild(option);
    }
  }
  const bySpeaker = new Map();
  for (const quote of data.quotes) bySpeaker.set(quote.speaker, (bySpeaker.get(quote.speaker) || 0) + 1);
  const speakers = [...bySpeaker.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  fillSelect($("f-speaker"), speakers.map(([name, n]) => [name, name + " (" + n + ")"]));
  fillSelect($("f-country"), Object.entries(data.countries));
  fillSelect($("f-org"), Object.entries(data.organisations));

  function filters() {
    return {
      words: fold($("f-text").value).split(/\s+/).filter(Boolean),
      speaker: $("f-speaker").value,
      target: $("f-target").value,
      country: $("f-country").value,
      org: $("f-org").value,
      from: $("f-from").value,
      to: $("f-to").value,
      kinds: new Set([...document.querySelectorAll(".f-kind:checked")].map((box) => box.value)),
    };
  }

  // Every filter but the dates and the target (the timeline shows the target's quotes over all dates).
  function passesTopic(quote, f) {
    if (!f.kinds.has(quote.kind)) return false;
    if (f.speaker && quote.speaker !== f.speaker) return false;
    if (f.country && !quote.countries.includes(f.country)) return false;
    if (f.org && !quote.organisations.includes(f.org)) return false;
    return f.words.every((word) => quote.search.includes(word));
  }

  function passes(quote, f) {
    if (!passesTopic(quote, f)) return false;
    if (f.target === "target" && !quote.target) return false;
    if (f.target === "other" && quote.target) return false;
    if ((f.from || f.to) && !quote.date) return false;
    if (f.from && quote.date < f.from) return false;
    if (f.to && quote.date > f.to) return false;
    return true;
  }

  function paragraph(quote) {
    const node = el("div", "para");
    let position = 0;
    if (quote.cut) node.appendChild(document.createTextNode("… "));
    for (const [start, end, part] of quote.parts) {
      node.appendChild(document.createTextNode(quote.context.slice(position, start)));
      node.appendChild(el("mark", part, quote.context.slice(start, end)));
      position = end;
    }
    node.appendChild(document.createTextNode(quote.context.slice(position)));
    return node;
  }

  function card(quote) {
    const item = el("li", "quote-card");
    item.dataset.doc = quote.doc;
    item.dataset.id = String(quote.id);
    const head = el("div", "head");
    head.appendChild(el("span", "date", quote.date || "undated"));
    head.appendChild(el("span", "who" + (quote.target ? " target" : ""), quote.speaker));
    head.appendChild(el("span", "kind", quote.kind + (quote.cue ? " · " + quote.cue : "")));
    const title = quote.url ? el("a", "doc", quote.title) : el("span", "doc", quote.title);
    if (quote.url) title.href = quote.url;
    head.appendChild(title);
    head.appendChild(el("span", "id", quote.doc + " #" + quote.id));
    item.appendChild(head);
    item.appendChild(paragraph(quote));
    const chips = el("div", "mentions");
    for (const code of quote.countries) chips.appendChild(el("span", "chip country", data.countries[code] || code));
    for (const id of quote.organisations) chips.appendChild(el("span", "chip org", data.organisations[id] || id));
    if (chips.childNodes.length) item.appendChild(chips);
    return item;
  }

  function months(first, last) {
    const out = [];
    let [year, month] = first.split("-").map(Number);
    const [lastYear, lastMonth] = last.split("-").map(Number);
    while (year < lastYear || (year === lastYear && month <= lastMonth)) {
      out.push(year + "-" + String(month).padStart(2, "0"));
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
    return out;
  }

  function lastDay(month) {
    const [year, number] = month.split("-").map(Number);
    return month + "-" + String(new Date(year, number, 0).getDate()).padStart(2, "0");
  }

  function timeline(f) {
    const box = $("timeline");
    box.textContent = "";
    const counts = new Map();
    const countries = new Map();
    for (const quote of data.quotes) {
      if (!quote.target || !quote.date || !passesTopic(quote, f)) continue;
      const month = quote.date.slice(0, 7);
      counts.set(month, (counts.get(month) || 0) + 1);
      const named = countries.get(month) || new Map();
      for (const code of quote.countries) named.set(code, (named.get(code) || 0) + 1);
      countries.set(month, named);
    }
    if (!counts.size) {
      box.appendChild(el("p", "empty", "No dated quote of the target speakers passes these filters."));
      return;
    }
    const sorted = [...counts.keys()].sort();
    const top = Math.max(...counts.values());
    const all = months(sorted[0], sorted[sorted.length - 1]);
    for (let i = 0; i < all.length; i++) {
      const month = all[i];
      const n = counts.get(month) || 0;
      if (!n && i + 1 < all.length && !counts.get(all[i + 1])) {
        // Two or more months without a quote: one row, so that a long period stays readable.
        let j = i;
        while (j + 1 < all.length && !counts.get(all[j + 1])) j += 1;
        const gap = el("div", "month empty gap");
        gap.appendChild(el("span", "label", month));
        gap.appendChild(el("span", "cell", "→ " + all[j]));
        gap.appendChild(el("span", "countries", j - i + 1 + " months without a quote"));
        box.appendChild(gap);
        i = j;
        continue;
      }
      const row = el("div", "month" + (n ? "" : " empty"));
      row.dataset.month = month;
      row.dataset.count = String(n);
      row.title = "Show the quotes of " + month;
      row.appendChild(el("span", "label", month));
      const cell = el("span", "cell");
      const bar = el("span", "bar");
      bar.style.display = "inline-block";
      bar.style.width = (n ? Math.max(2, Math.round((100 * n) / top)) : 0) + "%";
      cell.appendChild(bar);
      cell.appendChild(el("span", "n", " " + n));
      row.appendChild(cell);
      const named = [...(countries.get(month) || new Map()).entries()].sort((a, b) => b[1] - a[1]);
      const text = named.map(([code, k]) => (data.countries[code] || code) + (k > 1 ? " " + k : "")).join(" · ");
      row.appendChild(el("span", "countries", n ? text || "no country" : ""));
      if (f.from === month + "-01" && f.to === lastDay(month)) row.classList.add("on");
      row.addEventListener("click", () => {
        $("f-from").value = month + "-01";
        $("f-to").value = lastDay(month);
        $("f-target").value = "target";
        update();
      });
      box.appendChild(row);
    }
  }

  function update(keepLimit) {
    if (!keepLimit) limit = PAGE;
    const f = filters();
    const matches = data.quotes.filter((quote) => passes(quote, f));
    const list = $("x-results");
    list.textContent = "";
    for (const quote of matches.slice(0, limit)) list.appendChild(card(quote));
    const shown = Math.min(limit, matches.length);
    $("x-count").textContent =
      matches.length + " of " + data.quotes.length + " quotes" + (shown < matches.length ? " (first " + shown + " shown)" : "");
    $("x-more").hidden = shown >= matches.length;
    timeline(f);
  }

  for (const id of ["f-text", "f-from", "f-to"]) $(id).addEventListener("input", () => update());
  for (const id of ["f-speaker", "f-target", "f-country", "f-org", "f-from", "f-to"]) {
    $(id).addEventListener("change", () => update());
  }
  for (const box of document.querySelectorAll(".f-kind")) box.addEventListener("change", () => update());
  $("f-reset").addEventListener("click", () => {
    $("filters").reset();
    update();
  });
  $("x-more").addEventListener("click", () => {
    limit += PAGE;
    update(true);
  });
  update();
})();
