"""Charts of a release as plain SVG and HTML, generated here at build time: the page needs
no charting library, no script and no network to show them."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from html import escape

from diplodata.publish.overview import Overview

WIDTH = 760


def _empty(what: str) -> str:
    return f'<p class="empty">No {escape(what)} in this release.</p>'


def bar_chart(bars: Sequence[tuple[str, int]], label: str, height: int = 180) -> str:
    """Vertical bars, one per (label, count), in order; every bar has a tooltip."""
    if not bars:
        return _empty(label)
    top = max(n for _, n in bars) or 1
    step = WIDTH / len(bars)
    parts = [
        f'<svg class="chart" viewBox="-30 0 {WIDTH + 60} {height + 40}" role="img" '
        f'aria-label="{escape(label)}">'
    ]
    every = max(1, math.ceil(len(bars) / 12))  # at most ~12 axis labels
    for i, (name, n) in enumerate(bars):
        h = (height - 10) * n / top
        x = i * step
        parts.append(
            f'<rect x="{x + step * 0.1:.1f}" y="{height - h:.1f}" width="{step * 0.8:.1f}" '
            f'height="{h:.1f}"><title>{escape(name)}: {n}</title></rect>'
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height + 16}" text-anchor="middle">'
                f"{escape(name)}</text>"
            )
    parts.append(f'<text x="0" y="12" class="axis">max {top}</text></svg>')
    return "".join(parts)


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def meetings_timeline(overview: Overview) -> str:
    """Meetings per month; per year when they span more than ten years or some are dated
    only by their year."""
    dated = overview.meeting_dates  # (date, meetings), in date order
    if not dated:
        return _empty("dated meetings")
    monthly = [(d[:7], n) for d, n in dated if len(d) >= 7]
    months = _months(monthly[0][0], monthly[-1][0]) if monthly else []
    if len(monthly) < len(dated) or len(months) > 120:
        per_year: Counter[str] = Counter()
        for d, n in dated:
            per_year[d[:4]] += n
        years = range(int(dated[0][0][:4]), int(dated[-1][0][:4]) + 1)
        return bar_chart([(str(y), per_year[str(y)]) for y in years], "meetings per year")
    per_month: Counter[str] = Counter()
    for m, n in monthly:
        per_month[m] += n
    return bar_chart([(m, per_month[m]) for m in months], "meetings per month")


def network(overview: Overview, limit: int = 30) -> str:
    """Who met whom: the actors with most meetings on a circle, a line for every pair of
    them that met (thicker: more often)."""
    if not overview.degree:
        return _empty("meetings between two known participants")
    degree = overview.degree  # the actors with most meetings, most first
    nodes = list(degree)[:limit]
    names = overview.names
    size, radius = 560, 190
    centre = size / 2
    where = {
        a: (
            centre + radius * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
            centre + radius * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2),
        )
        for i, a in enumerate(nodes)
    }
    parts = [
        f'<svg class="network" viewBox="-120 0 {size + 240} {size}" role="img" '
        'aria-label="who met whom">'
    ]
    for a, b, n in overview.pairs:
        if a in where and b in where:
            (x1, y1), (x2, y2) = where[a], where[b]
            parts.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                f'stroke-width="{min(1 + n, 8)}"><title>{escape(names.get(a, a))} - '
                f"{escape(names.get(b, b))}: {n} meetings</title></line>"
            )
    for a in nodes:
        x, y = where[a]
        anchor = "start" if x >= centre else "end"
        dx = 10 if x >= centre else -10
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4 + min(degree[a], 12) / 2:.1f}">'
            f"<title>{escape(names.get(a, a))}: {degree[a]}</title></circle>"
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
            f"{escape(names.get(a, a))}</text>"
        )
    parts.append("</svg>")
    if overview.connected > len(nodes):
        parts.append(
            f'<p class="note">The {len(nodes)} actors with most meetings are shown '
            f"(of {overview.connected}).</p>"
        )
    return "".join(parts)


def amount(value: object, unit: object) -> str:
    """``40.1 bn USD``, ``49%``: a figure as a reader says it."""
    if not isinstance(value, int | float):
        return f"{value} {unit or ''}".strip()
    if unit == "percent":
        return f"{value:g}%"
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= size:
            return f"{value / size:.3g} {word} {unit or ''}".strip()
    return f"{value:,.0f} {unit or ''}".strip()


def trade_grid(overview: Overview) -> str:
    """Trade figures by pair (reporter, partner) and year; one line per figure in a cell."""
    figures = overview.trade
    if not figures:
        return _empty("trade figures")
    cells: dict[tuple[str, str], list[str]] = {}
    years: set[str] = set()
    for f in figures:
        pair = f"{f['reporter']} – {f['partner']}"
        year = str(f["year"]) if f.get("year") else "no year"
        years.add(year)
        qualifier = "" if f.get("qualifier") in (None, "exact") else f" ({f['qualifier']})"
        cells.setdefault((pair, year), []).append(
            f"{f['flow']} {amount(f['value'], f.get('unit'))}{qualifier}"
        )
    columns = sorted(years, key=lambda y: (y == "no year", y))
    pairs = sorted({p for p, _ in cells})
    head = "".join(f"<th>{escape(y)}</th>" for y in columns)
    body = "".join(
        f"<tr><th>{escape(p)}</th>"
        + "".join(
            "<td>" + "<br>".join(escape(v) for v in cells.get((p, y), [])) + "</td>"
            for y in columns
        )
        + "</tr>"
        for p in pairs
    )
    note = (
        f'<p class="note">The {len(pairs)} pairs with most figures are shown (of '
        f"{overview.trade_pairs}); every figure is in the trade_figures table.</p>"
        if overview.trade_pairs > len(pairs)
        else ""
    )
    return f'<table class="grid"><tr><th>reporter – partner</th>{head}</tr>{body}</table>{note}'


def membership_matrix(overview: Overview) -> str:
    """States (rows) by organizations (columns): how many articles state each membership."""
    if not overview.memberships:
        return _empty("memberships")
    seen: Counter[tuple[str, str]] = Counter()
    for member, organization, n in overview.memberships:
        seen[(member, organization)] += n
    org_names = overview.org_names
    states = sorted({s for s, _ in seen})
    orgs = sorted(org_names)
    head = "".join(f'<th title="{escape(org_names[o])}">{escape(o)}</th>' for o in orgs)
    body = "".join(
        f"<tr><th>{escape(s)}</th>"
        + "".join(
            f'<td class="on" title="{escape(s)} in {escape(org_names[o])}: '
            f'{seen[(s, o)]} statements">●</td>'
            if seen[(s, o)]
            else "<td></td>"
            for o in orgs
        )
        + "</tr>"
        for s in states
    )
    return f'<table class="grid matrix"><tr><th>state</th>{head}</tr>{body}</table>'


def top_actors(overview: Overview, limit: int = 15) -> str:
    """Horizontal bars: the actors named in most articles."""
    actors = overview.top_actors[:limit]
    if not actors:
        return _empty("actors")
    top = max(int(a.get("n_articles") or 0) for a in actors) or 1
    row, label = 22, 260
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {row * len(actors) + 10}" role="img" '
        'aria-label="top actors">'
    ]
    for i, a in enumerate(actors):
        n = int(a.get("n_articles") or 0)
        w = (WIDTH - label - 60) * n / top
        y = i * row + 5
        parts.append(
            f'<text x="{label - 8}" y="{y + 14}" text-anchor="end">{escape(str(a["name"]))}'
            f'</text><rect x="{label}" y="{y}" width="{w:.1f}" height="{row - 6}">'
            f"<title>{escape(str(a['name']))} ({escape(str(a['kind']))}): {n} articles</title>"
            f'</rect><text x="{label + w + 6:.1f}" y="{y + 14}">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
