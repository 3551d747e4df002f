"""The release's ``index.html``: one self-contained page (no server, no network) with the
summary, charts (plain SVG made at build time by ``charts``) and a searchable table per
table, each row with its quote and a link to its source article.

The rows are embedded as JSON; a small inline script (no library) renders and filters the
tables. A Content-Security-Policy forbids the page any network access."""

from __future__ import annotations

import json
from html import escape

from diplodata.publish import charts
from diplodata.publish.citation import citation_text
from diplodata.publish.overview import Overview
from diplodata.publish.package import LICENSES, PackageMeta
from diplodata.schemas import TABLES, table_schema
from diplodata.version import EXTRACTOR_VERSION

PAGE_ROWS = 100  # rows a table shows before "more"
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 1em;color:#222}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;margin-top:2em}
.meta{color:#555}.cite{background:#f4f4f4;padding:.6em;border-left:3px solid #888}
svg{width:100%;height:auto;font-size:11px}svg rect{fill:#4a7ab5}svg .axis{fill:#777}
svg.network line{stroke:#9ab;stroke-opacity:.7}svg.network circle{fill:#c0504d}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 6px;
vertical-align:top;text-align:left}.grid td,.grid th{white-space:nowrap}.matrix td.on{color:#4a7ab5;
text-align:center}.counts td.count{text-align:right}.scroll{overflow-x:auto;max-height:32em;
overflow-y:auto}td.quote{min-width:24em;font-style:italic}input[type=search]{width:20em;
margin:.4em 0;padding:.3em}.empty,.note{color:#777}nav a{margin-right:.8em}
"""

SCRIPT = """
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("release-data").textContent);
  const text = (v) => (v === null || v === undefined) ? "" :
    Array.isArray(v) ? v.join("; ") : String(v);
  function sourceCell(row) {
    const td = document.createElement("td");
    const link = data.articles[row.article_id || data.meetingArticles[row.meeting_id]];
    if (!link) return td;
    if (link[1]) {
      const a = document.createElement("a");
      a.href = link[1];
      a.rel = "noopener noreferrer";
      a.textContent = link[0];
      td.appendChild(a);
    } else {
      td.textContent = link[0];
    }
    return td;
  }
  function render(section) {
    const name = section.dataset.table;
    const rows = data.rows[name];
    const columns = data.columns[name];
    const query = section.querySelector("input").value.trim().toLowerCase();
    const hits = query ? rows.filter((r) =>
      columns.some((c) => text(r[c]).toLowerCase().includes(query))) : rows;
    const limit = Number(section.dataset.limit);
    const body = section.querySelector("tbody");
    body.replaceChildren();
    for (const row of hits.slice(0, limit)) {
      const tr = document.createElement("tr");
      for (const c of columns) {
        const td = document.createElement("td");
        td.textContent = text(row[c]);
        if (c === "quote") td.className = "quote";
        tr.appendChild(td);
      }
      if (data.sourced.includes(name)) tr.appendChild(sourceCell(row));
      body.appendChild(tr);
    }
    const shown = section.querySelector(".shown");
    shown.dataset.total = String(hits.length);
    shown.textContent = Math.min(limit, hits.length) + " of " + hits.length + " rows" +
      (query ? " matching \\u201c" + query + "\\u201d" : "");
    section.querySelector("button").hidden = hits.length <= limit;
  }
  for (const section of document.querySelectorAll("section.rows")) {
    section.querySelector("input").addEventListener("input", () => {
      section.dataset.limit = String(data.page);
      render(section);
    });
    section.querySelector("button").addEventListener("click", () => {
      section.dataset.limit = String(Number(section.dataset.limit) + data.page);
      render(section);
    });
    render(section);
  }
})();
"""


def _json_for_script(value: object) -> str:
    """JSON that cannot end its <script> element early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _summary(meta: PackageMeta, overview: Overview) -> str:
    c = overview.coverage
    span = f"{c.first_date} to {c.last_date}" if c.first_date else "no dateline dates"
    publishers = ", ".join(f"{escape(p)} ({n})" for p, n in c.publishers[:10])
    counts = "".join(
        f'<tr><td><a href="#table-{t}">{t}</a></td><td class="count" data-table="{t}">{n}</td>'
        f"<td>{escape(str(table_schema(t).get('description', '')))}</td></tr>"
        for t, n in overview.counts.items()
    )
    return (
        f"<p>{escape(meta.description)}</p>"
        f"<p>{c.articles} articles, datelines {escape(span)}; sources: {publishers}.</p>"
        f'<table class="counts"><tr><th>table</th><th>rows</th><th>what it holds</th></tr>'
        f"{counts}</table>"
    )


def _sourced(overview: Overview) -> list[str]:
    """Tables whose rows come from one article (directly, or through their meeting)."""
    return [
        t
        for t, rows in overview.rows.items()
        if t != "articles" and rows and ("article_id" in rows[0] or "meeting_id" in rows[0])
    ]


def _table_section(table: str, overview: Overview) -> str:
    rows = overview.rows[table]
    columns = list(rows[0]) if rows else [f["name"] for f in table_schema(table)["fields"]]
    total = overview.counts.get(table, len(rows))
    sample = (
        f'<p class="note">This page holds the first {len(rows)} of the {total} rows '
        f"(filtering searches those); every row is in <code>data/{table}/</code>.</p>"
        if overview.sampled(table)
        else ""
    )
    source = table in _sourced(overview)
    head = "".join(f"<th>{escape(c)}</th>" for c in columns) + ("<th>source</th>" if source else "")
    return (
        f'<section class="rows" id="table-{table}" data-table="{table}" '
        f'data-limit="{PAGE_ROWS}"><h3>{table}</h3>'
        f"<p>{escape(str(table_schema(table).get('description', '')))}</p>{sample}"
        f'<input type="search" placeholder="filter {table}" aria-label="filter {table}"> '
        f'<span class="shown"></span><div class="scroll"><table><thead><tr>{head}</tr>'
        f"</thead><tbody></tbody></table></div><button>show more</button></section>"
    )


def index_html(meta: PackageMeta, overview: Overview) -> str:
    """The whole page, for the release whose rows are in ``overview``."""
    url, title = LICENSES.get(meta.license, ("", meta.license))
    licence = f'<a href="{escape(url)}">{escape(title)}</a>' if url else escape(title)
    data = {
        "page": PAGE_ROWS,
        "sourced": _sourced(overview),
        "rows": overview.rows,
        "columns": {t: list(rows[0]) if rows else [] for t, rows in overview.rows.items()},
        "articles": overview.links,
        "meetingArticles": overview.meeting_articles,
    }
    files = " ".join(
        f'<a href="{f}">{f}</a>'
        for f in ("datapackage.json", "README.md", "CHANGELOG.md", "CITATION.cff")
    )
    sections = [
        ("summary", "Summary", _summary(meta, overview)),
        ("timeline", "Meetings over time", charts.meetings_timeline(overview)),
        ("network", "Who met whom", charts.network(overview)),
        ("trade", "Trade figures by pair and year", charts.trade_grid(overview)),
        ("memberships", "Memberships", charts.membership_matrix(overview)),
        ("actors", "Top actors (articles naming them)", charts.top_actors(overview)),
        ("tables", "Tables", "".join(_table_section(t, overview) for t in TABLES)),
    ]
    nav = "".join(f'<a href="#{key}">{escape(name)}</a>' for key, name, _ in sections)
    body = "".join(
        f'<h2 id="{key}">{escape(name)}</h2><div class="scroll-x">{html}</div>'
        for key, name, html in sections
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{escape(meta.title)} {escape(meta.version)}</title><style>{STYLE}</style>"
        f"</head><body><h1>{escape(meta.title)}</h1>"
        f'<p class="meta">Release {escape(meta.version)}, published {escape(meta.created)}; '
        f"extractor {escape(EXTRACTOR_VERSION)}; licence {licence}. Files: {files}</p>"
        f'<p class="cite">Cite as: {escape(citation_text(meta))}</p><nav>{nav}</nav>{body}'
        f'<script id="release-data" type="application/json">{_json_for_script(data)}</script>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )
