"""Trade figures: numeric statements of trade between two states.

Only sentences holding a trade word ("trade", "turnover", "exports", "surplus", ...) and a
money amount are read. Each amount gets a small window of text around it: from the
previous amount (or the sentence start) to the next one, cut at the first clause
boundary (", and", "while", ";") between them. In that window:

* :func:`_flow` -- the trade word nearest the amount ("$16.4 billion in exports",
  "Japan's trade surplus ... reached 58.6 billion dlrs"); an amount with no trade word of
  its own continues the previous one ("exceeded $1 billion ... and approaches $2 billion",
  "rose to 7.4 billion dlrs from 4.3 billion");
* :func:`_states` -- the states named, with their role from the word before them
  ("exports *to* Russia", "imports *from* Russia *to* Belarus", "*Japan's* surplus");
  capitals and demonyms count, statistics sources ("according to Turkish data") and
  transit places ("via Hong Kong") do not;
* :func:`_fill` -- a state the statement leaves out is taken from the article context
  (the previous figure's pair, a recent sentence naming two states and trade, or the two
  states the article names most), but only when the statement is plainly bilateral
  ("our trade", "bilateral", "between the two countries") or names only the partner;
  one state's own exports or surplus ("South Korea's exports rose to ...") is its trade
  with the world and gives no row;
* :func:`~diplodata.extract.money.qualifier_of`, :class:`~diplodata.extract.money.Years`
  -- "nearly", "exceeded", "will reach", ranges; the year or period ("in 2021", "last
  year", "in March", "that year", "from Y" a year before).

Growth rates, increments ("grew by $1 billion"), investment, prices, current accounts and
currency conversions in brackets give no row. Shares ("Russia accounts for 18 percent
of Uzbekistan's trade") are read by :func:`diplodata.extract.money.share_facts`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from diplodata.extract import trade_patterns as P
from diplodata.extract.balance import signed_balance
from diplodata.extract.money import (
    COMPARISON,
    Amount,
    Years,
    currency_state,
    find_amounts,
    local_currency,
    local_dollars,
    names_one_state,
    qualifier_of,
    share_facts,
)
from diplodata.extract.text import Doc
from diplodata.models import CountryMention, Flow, Span, TradeFact


@dataclass(frozen=True, slots=True)
class _Mention:
    code: str
    start: int
    role: str  # dest | origin | agent | with | owner | subject


@dataclass(slots=True)
class _Context:
    """What the article said so far: pairs of earlier figures, trade sentences, years."""

    doc: Doc
    years: Years
    top_pair: tuple[str, str] | None
    dollar: str = "USD"  # the dollar a bare "dlrs" means: the last one the article named
    last_pair: tuple[str, str] | None = None
    trade_pairs: list[tuple[int, tuple[str, str]]] = field(default_factory=list)
    # the last figure read: its statement, reading and signed value
    last_reading: tuple[int, _Reading, float] | None = None
    first_reading: tuple[int, _Reading, float] | None = None  # the first figure of that statement


@dataclass(slots=True)
class _Reading:
    flow: Flow
    reporter: str | None
    partner: str | None
    unit: str
    emit: bool = True  # False for increments ("rose by $2 billion"): read, but no row


def extract_trade(doc: Doc) -> list[TradeFact]:
    """Every numeric statement of trade between two states in the article."""
    text = doc.text
    if not P.TRIGGER.search(text):
        return []
    ctx = _Context(doc, Years.of(doc.article), _top_pair(doc))
    facts: list[TradeFact] = []
    for index, span in enumerate(_statements(doc)):
        if not P.TRIGGER.search(text, span.start, span.end) and not _continues(ctx, index, span):
            continue
        amounts, ctx.dollar = local_dollars(find_amounts(text, span.start, span.end), ctx.dollar)
        states = _named_states(doc, span, amounts)
        found = _statement_facts(ctx, index, span, amounts) if amounts else []
        found += share_facts(doc, span, amounts)
        facts += found
        if len(states) >= 2:
            ctx.trade_pairs.append((index, (states[0], states[1])))
    return _without_headline_twins(_dedupe(facts), text.find("\n"))


def _continues(ctx: _Context, index: int, span: Span) -> bool:
    """Whether the statement goes on with the figure of the statement before it ("It
    widened to 3.61 billion in the first quarter")."""
    return _carried(ctx, index, span) is not None


def _carried(ctx: _Context, index: int, span: Span) -> tuple[int, _Reading, float] | None:
    """The figure of the statement before that this one goes on with: the last one for "It
    widened to 3.61 billion", the first (main) one for "to increase this figure to $1
    billion", "proposed to double it"."""
    last, text = ctx.last_reading, ctx.doc.text
    if last is None or last[0] != index - 1:
        return None
    if P.CONTINUED_FIGURE.match(text, span.start):
        return last
    if P.FIGURE_ANAPHOR.search(text, span.start, span.end):
        first = ctx.first_reading
        return first if first and first[0] == index - 1 else last
    return None


def _statements(doc: Doc) -> list[Span]:
    """Sentences, re-joined where the splitter cut after a dotted abbreviation ("H.K.")."""
    merged: list[Span] = []
    for s in _lines(doc):
        last = merged[-1] if merged else None
        if (
            last
            and re.search(r"\b(?:[A-Z]\.){2,}$", doc.text[last.start : last.end])
            and "\n" not in doc.text[last.end : s.start]
        ):
            merged[-1] = Span(merged[-1].start, s.end)
        else:
            merged.append(s)
    return merged


def _lines(doc: Doc) -> list[Span]:
    """Sentences cut at line breaks (a paragraph never continues a sentence)."""
    spans = []
    for s in doc.sentences:
        start = s.start
        for m in re.finditer(r"\s*\n\s*", doc.text[s.start : s.end]):
            spans.append(Span(start, s.start + m.start()))
            start = s.start + m.end()
        spans.append(Span(start, s.end))
    return spans


def _named_states(doc: Doc, span: Span, amounts: list[Amount]) -> list[str]:
    codes: list[str] = []
    for m in doc.countries_in(span.start, span.end):
        if not any(a.start <= m.start < a.end for a in amounts) and m.code not in codes:
            codes.append(m.code)
    return codes


def _statement_facts(
    ctx: _Context, index: int, span: Span, amounts: list[Amount]
) -> list[TradeFact]:
    """Read every money amount of one statement, in order."""
    text = ctx.doc.text
    money = [a for a in amounts if a.unit != "percent"]
    windows = _windows(text, span, money, [a for a in amounts if a.unit == "percent"])
    facts: list[TradeFact] = []
    carried = _carried(ctx, index, span)
    previous = carried[1] if carried else None
    # "It widened to ...", no flow word of its own: the figure before, same states and sign
    same = carried if carried and not P.KEYWORD.search(text, span.start, span.end) else None
    skipped_conversion = False
    for i, amount in enumerate(money):
        lo, hi = windows[i]
        pre, post = text[lo : amount.start], text[amount.end : hi]
        between = text[money[i - 1].end : amount.start] if i else ""
        if i and (P.CONVERSION.match(between) or (skipped_conversion and between.strip() in ";,/")):
            skipped_conversion = True
            continue
        skipped_conversion = False
        here = [(f.reporter, f.partner) for f in facts]
        reading = _read(ctx, index, span, amount, (lo, hi), previous, amounts, here)
        if reading is not None and P.INCREMENT.search(pre):
            reading = replace(reading, emit=False)
        previous = reading
        if reading is None or not reading.emit or reading.reporter is None or not reading.partner:
            continue
        qualifier = qualifier_of(amount, pre)
        main = (facts[-1].year, facts[-1].period) if facts else None
        year, period = ctx.years.figure(text, index, (span.start, span.end), pre, post, main)
        last = ctx.last_reading  # undated, the same pair's figure of the sentence before:
        if (  # of the same time ("Trade reached $4.9bn in 2022. Russian exports were $3.8bn")
            (year, period) == (None, None)
            and qualifier != "target"  # a goal is of no past time
            and last
            and last[0] == index - 1
            and not facts
            and {last[1].reporter, last[1].partner} == {reading.reporter, reading.partner}
        ):
            year, period = ctx.years.by_sentence.get(index - 1, (None, None))
        source = _source(ctx.doc, amount, lo, hi, (span.start, span.end))
        reporter, partner = reading.reporter, reading.partner
        if reading.flow in ("turnover", "balance") and source == partner:
            reporter, partner = partner, reporter
        value = amount.value
        if same and same[1].reporter and same[1].partner:
            reporter, partner = same[1].reporter, same[1].partner
            value = math.copysign(value, same[2])
        elif reading.flow == "balance":
            value = signed_balance(text, (amount.start, amount.end), (span.start, hi), reporter,
                                   ctx.doc.countries, value)  # fmt: skip
        unit = local_currency(amount, reading.unit, reporter)
        facts.append(
            TradeFact(reading.flow, reporter, partner, value, unit, qualifier,
                      span.start, max(span.end, amount.end), year, period, source)
        )  # fmt: skip
        ctx.last_pair = (reporter, partner)
        ctx.last_reading = (index, replace(reading, reporter=reporter, partner=partner), value)
        if len(facts) == 1:
            ctx.first_reading = ctx.last_reading
        ctx.years.record(index, year, period)
    return facts


def _windows(
    text: str, span: Span, money: list[Amount], shares: list[Amount]
) -> list[tuple[int, int]]:
    """For each amount, the text from the previous amount to the next one, cut at the
    first clause boundary between them."""
    cuts: list[tuple[int, int]] = []  # (end of amount i's post, start of amount i+1's pre)
    for a, b in itertools.pairwise(money):
        found = list(P.BOUNDARY.finditer(text, a.end, b.start))
        # a clause boundary ("; ", ", while") before a bare "and": "fell to $5bn, hit by
        # prices and by weak Brazilian demand, while imports from Brazil rose to $7bn"
        m = next((f for f in found if f.group().strip() != "and"), found[0] if found else None)
        cuts.append((m.start(), m.end()) if m else (b.start, a.end))
    windows = []
    for i, _ in enumerate(money):
        lo = cuts[i - 1][1] if i else span.start
        hi = cuts[i][0] if i < len(cuts) else _clause_end(text, money[i].end, span.end)
        windows.append((lo, max(_before_share(text, shares, money[i].end, hi), money[i].end)))
    return windows


def _clause_end(text: str, start: int, end: int) -> int:
    """Where the last amount's clause ends: "... 92.7 billion dlrs -- has poured into
    markets, and funded the huge U.S. budget deficit" (the U.S. is another clause's)."""
    m = P.BOUNDARY.search(text, start, end)
    return m.start() if m else end


def _before_share(text: str, shares: list[Amount], start: int, end: int) -> int:
    """Where a share of the amount begins ("..., 95 pct of it with the U.S."): the states
    after it are the share's, not the amount's."""
    for share in shares:
        if start <= share.start < end and P.SHARE_OF_IT.match(text, share.end):
            return share.start
    return end


def _read(ctx: _Context, index: int, span: Span, amount: Amount, window: tuple[int, int],
          previous: _Reading | None, amounts: list[Amount], here: list[tuple[str, str]],
          ) -> _Reading | None:  # fmt: skip
    """Flow, unit and the pair of states for one amount, or None if it is no trade figure."""
    text = ctx.doc.text
    lo, hi = window
    pre, post = text[lo : amount.start], text[amount.end : hi]
    unit = amount.unit or (previous.unit if previous else None)
    national = amount.unit if amount.unit and names_one_state(amount) else ""  # its state
    if unit is None:
        return None
    flow, negative = _flow(pre, post, far=previous is None)
    negative = negative or bool(P.NOT_TRADE_AFTER.match(post))
    continued = previous is not None and (
        flow is None or (COMPARISON.search(pre) is not None and flow == previous.flow)
    )  # "exports rose from X to Y, while imports rose from Z": Z has a flow of its own
    if previous is not None and continued:
        if unit == "USD" and previous.unit.endswith("D"):
            unit = previous.unit  # "7.45 billion H.K. dlrs ... from 8.59 billion dlrs"
        other = _another_partner(ctx.doc, previous, (lo, amount.start), amounts)
        if other:  # "exports to China rose to $X, while those to the U.S. climbed to $Y"
            return replace(previous, partner=other, unit=unit, emit=True)
        if previous.reporter and previous.partner:
            return replace(previous, unit=unit, emit=True)
        flow, negative = previous.flow, False  # same flow, the states may come later
    if negative or flow is None:
        return None
    mentions = _states(ctx.doc, lo, hi, amounts)
    if P.GAP.search(text, lo, hi):  # "the gap between US exports and imports"
        flow = "balance"
        mentions = [m for m in mentions if text.endswith("with", 0, m.start - 1)]
        if not mentions:
            return _Reading(flow, None, None, unit)
    world = _world(text, lo, hi) or P.GROUP.search(text, lo, hi) is not None
    if not mentions and not world and previous and previous.reporter and previous.partner:
        pair = (previous.reporter, previous.partner)  # "... and imported $X"
        issuer = currency_state(national)
        parts = flow in ("exports", "imports") and previous.flow in ("turnover", "balance")
        if parts and issuer in pair and issuer != pair[0]:  # "Trade with Japan was RM11
            pair = (pair[1], pair[0])  # billion, comprising exports of RM6 billion": Malaysia's
        return _Reading(flow, *pair, unit)
    reporter, partner = _pair(flow, mentions, amount.start)
    if (reporter is None or partner is None) and world:
        return _Reading(flow, None, None, unit)  # one state's (or a company's) trade
    if (reporter is None) != (partner is None) and _bloc_partner(ctx.doc, lo, hi):
        return _Reading(flow, None, None, unit)  # "Canada's trade with CARICOM as a whole"
    if (reporter is None) != (partner is None):
        reporter, partner = _part_of_turnover(ctx, index, flow, (reporter, partner), amount, unit)
    if reporter is None or partner is None:
        reporter, partner = _fill(
            ctx, index, flow, mentions, (reporter, partner), (lo, hi), here, national
        )
    if reporter is None or partner is None or reporter == partner:
        return _Reading(flow, None, None, unit)
    return _Reading(flow, reporter, partner, unit)


def _world(text: str, lo: int, hi: int) -> bool:
    """Whether a window speaks of a state's trade with the world ("foreign trade", "with
    the rest of the world"), not counting a share of it that follows a bilateral figure
    ("trade between the two countries totalled $4bn, about 31 pct of Morocco's foreign
    trade")."""
    shares = [m.span() for m in P.WORLD_SHARE.finditer(text, lo, hi)]
    return any(
        not any(a <= m.start() < b for a, b in shares) for m in P.WORLD.finditer(text, lo, hi)
    )


def _bloc_partner(doc: Doc, lo: int, hi: int) -> bool:
    """Whether a window names a bloc as the other side ("trade with CARICOM", "between China
    and Asean"): a state's trade with a group, not with one state of it."""
    states = doc.countries_in(lo, hi)
    for org in doc.international_in(lo, hi):
        if any(m.start < org.end and org.start < m.end for m in states):
            continue  # "the European Union": a party of its own
        before = P.ROLE_BEFORE.search(doc.text, max(0, org.start - 14), org.start)
        if before and before.group(1).lower() in ("with", "and", "to", "from", "between"):
            return True
    return False


def _part_of_turnover(
    ctx: _Context,
    index: int,
    flow: Flow,
    found: tuple[str | None, str | None],
    amount: Amount,
    unit: str,
) -> tuple[str | None, str | None]:
    """ "Trade between Russia and Iran reached $4.9 billion. Russian exports accounted for
    $3.8 billion": one side's exports or imports, no larger than the turnover of a pair
    with it just before (this statement or the one before), are its trade with the other."""
    last = ctx.last_reading
    known = found[0] or found[1]
    if last is None or flow not in ("exports", "imports") or not 0 <= index - last[0] <= 1:
        return found
    before, value = last[1], last[2]
    pair = (before.reporter, before.partner)
    if before.flow != "turnover" or known not in pair or before.unit != unit:
        return found
    if not 0 < amount.value <= abs(value):
        return found
    other = pair[1] if pair[0] == known else pair[0]
    return (known, other) if found[0] else (other, known)


def _another_partner(
    doc: Doc, previous: _Reading, window: tuple[int, int], amounts: list[Amount]
) -> str | None:
    """The new partner of "those to X" / "those from X" before an amount that continues the
    flow before it: one state named with "to" (exports) or "from" (imports), not its
    reporter."""
    if previous.flow not in ("exports", "imports") or not previous.reporter:
        return None
    text = doc.text[window[0] : window[1]]
    if not re.search(r"\b(?:those|that|ones?)\s+(?:to|from|with)\b", text, re.IGNORECASE):
        return None
    role = "dest" if previous.flow == "exports" else "origin"
    found = {m.code for m in _states(doc, *window, amounts) if m.role in (role, "with")}
    found.discard(previous.reporter)
    return found.pop() if len(found) == 1 else None


def _flow(pre: str, post: str, far: bool = False) -> tuple[Flow | None, bool]:
    """The trade word of an amount: right after it ("$16.4 billion in exports") or the
    nearest before it. Also says whether a non-trade money word (investment, price,
    current account) stands between the trade word and the amount."""
    m = P.POST_KEYWORD.match(post)
    after = _after(post, m.end()) if m else None
    if after:
        return _kind(after, ""), False
    before = [k for k in P.KEYWORD.finditer(pre) if not P.IN_NAME.match(pre, k.start())]
    if not before:
        negative = bool(P.NEGATIVE.search(pre[-40:]) or P.NEGATIVE.match(post.strip()))
        m = P.POST_FLOW.match(post) if far and not negative else None
        after = _after(post, m.end()) if m else None  # "a target of $15bn in annual trade"
        return (_kind(after, ""), False) if after else (None, negative)
    last = before[-1]
    lead = pre[max(0, last.start() - 40) : last.start()]
    negative = P.NEGATIVE.search(pre, last.end()) is not None or bool(
        re.search(
            r"\b(?:invest\w*|aid|loans?|credits?)\s+(?:and|&)\s+(?:[\w-]+\s+)?$",
            lead,
            re.IGNORECASE,
        )
    )  # "investment and trade reached $5bn"
    return _kind(last, lead), negative


def _after(post: str, at: int) -> re.Match[str] | None:
    """The trade word at ``at`` after an amount, not in a name and with no non-trade money
    word before it ("$2 billion in loans and trade")."""
    after = P.KEYWORD.match(post, at)
    if after is None or P.IN_NAME.match(post, after.start()):
        return None
    return None if P.NEGATIVE.search(post, 0, after.end()) else after


def _kind(m: re.Match[str], lead: str) -> Flow:
    kind = m.lastgroup
    if kind == "turnover" and P.BALANCE_ON.search(lead):
        return "balance"  # "the surplus on trade in services"
    if kind in ("exports", "imports"):
        other = r"\bimport" if kind == "exports" else r"\bexport"
        if re.search(other + r"\w*\s+(?:from\s+|to\s+)?and\s*$", lead, re.IGNORECASE):
            return "turnover"  # "imports from and exports to", "exports and imports"
        return "exports" if kind == "exports" else "imports"
    return "balance" if kind == "balance" else "turnover"


def _states(doc: Doc, lo: int, hi: int, amounts: list[Amount]) -> list[_Mention]:
    """States named in a window, with the role the word before each gives it; sources,
    transit places and currency symbols ("US$") are left out."""
    text = doc.text
    found = []
    for m in doc.countries_in(lo, hi):
        if any(a.start <= m.start < a.end for a in amounts) or _is_source(text, m):
            continue
        if P.NOT_STATE_BEFORE.search(text, max(0, m.start - 8), m.start):
            continue  # "non-EU shortfall", "Latin American exports"
        before = P.ROLE_BEFORE.search(text, max(0, m.start - 14), m.start)
        word = before.group(1).lower() if before else ""
        if word in ("via", "through"):
            continue
        role = {"to": "dest", "into": "dest", "from": "origin", "by": "agent"}.get(word, "with")
        if word in ("with", "and") and P.OWNER_AFTER.match(text, m.end):
            role = "owner"  # "..., with China's exports to the US at $X", "with Turkish exports"
        elif not word or (word == "and" and "between" not in text[max(lo, m.start - 60) : m.start]):
            role = "owner" if text[m.end : m.end + 2] in ("'s", "’s") else "subject"
        found.append(_Mention(m.code, m.start, role))
    return found


def _is_source(text: str, m: CountryMention) -> bool:
    return P.SOURCE_AFTER.match(text, m.end) is not None


def _source(doc: Doc, amount: Amount, lo: int, hi: int, span: tuple[int, int]) -> str | None:
    """The state whose statistics are quoted for an amount, nearest after it first."""
    mentions = [m for m in doc.countries_in(lo, hi) if _is_source(doc.text, m)]
    after = [m for m in mentions if m.start >= amount.end]
    chosen = after[0] if after else (mentions[-1] if mentions else None)
    if chosen is None:  # one source for the whole sentence
        sources = {m.code for m in doc.countries_in(*span) if _is_source(doc.text, m)}
        return sources.pop() if len(sources) == 1 else None
    return chosen.code


def _pair(flow: Flow, mentions: list[_Mention], at: int) -> tuple[str | None, str | None]:
    """Reporter and partner from the roles of the states named around an amount."""
    if flow in ("exports", "imports"):
        home = ("origin", "agent", "owner") if flow == "exports" else ("dest", "agent", "owner")
        away = ("dest", "with") if flow == "exports" else ("origin", "with")
        reporter = next((m.code for m in mentions if m.role in home), None)
        reporter = reporter or next(
            (m.code for m in mentions if m.role == "subject" and m.start < at), None
        )
        partner = next((m.code for m in mentions if m.role in away and m.code != reporter), None)
        if (
            reporter
            and not partner
            and any(m.code == reporter and m.role in away for m in mentions)
        ):
            return None, reporter  # "exports to X ..., against imports from X": X is the partner
        if reporter and not partner:
            partner = next((m.code for m in mentions if m.code != reporter), None)
        return reporter, partner
    if flow == "balance":  # "the EC's deficit with Japan": the owner first
        order = {"owner": 0, "subject": 1, "with": 2}
        mentions = sorted(mentions, key=lambda m: order.get(m.role, 3))
    codes = list(dict.fromkeys(m.code for m in mentions))
    return (codes[0] if codes else None), (codes[1] if len(codes) > 1 else None)


def _fill(ctx: _Context, index: int, flow: Flow, mentions: list[_Mention],
          found: tuple[str | None, str | None], window: tuple[int, int],
          here: list[tuple[str, str]], national: str) -> tuple[str | None, str | None]:  # fmt: skip
    """Complete a pair from the article context when the statement is plainly bilateral,
    or from an earlier figure of the same sentence ("..., while China's exports rose"), or
    from a national currency: "Exports to the United States recorded RM10.14 billion" are
    Malaysia's."""
    text = ctx.doc.text
    (reporter, partner), (lo, hi) = found, window
    known = reporter or partner
    same = next((p for p in here if known in p), None)
    if same:
        other = same[1] if same[0] == known else same[0]
        return (reporter, other) if reporter else (other, partner)
    sentence = ctx.doc.sentence_at(lo)
    bilateral = bool(
        P.BILATERAL.search(text, lo, hi) or P.NEIGHBOUR.search(text, sentence.start, sentence.end)
    )
    if known is None:
        recent = [p for i, p in ctx.trade_pairs if index - i <= 2]
        turnover = flow == "turnover" and (
            recent
            or re.search(r"turnover", text[lo:hi], re.IGNORECASE)
            or (  # "Trade reached $25.6 billion" in a talk of two states, no world trade
                ctx.top_pair is not None and not P.WORLD.search(text, sentence.start, sentence.end)
            )
        )
        if flow not in ("turnover", "balance") or not (bilateral or turnover):
            return reporter, partner
        pair = (
            ctx.last_pair or (recent[-1] if recent else None) or _recent(ctx, index) or ctx.top_pair
        )
        return pair if pair else (None, None)
    role = next(m.role for m in mentions if m.code == known)
    if not (bilateral or role in ("dest", "origin", "with")):
        return reporter, partner
    issuer = currency_state(national)
    if issuer and issuer != known:  # "Exports to the United States recorded RM10 billion"
        return (reporter, issuer) if reporter else (issuer, partner)
    pair = ctx.last_pair or _recent(ctx, index) or ctx.top_pair
    home = ctx.doc.dateline_state()
    if (pair is None or known not in pair) and home and home != known and role != "with":
        pair = (home, known)  # "TOKYO - Exports to the United States rose": Japan's
    if pair is None:
        return reporter, partner
    other = pair[1] if pair[0] == known else pair[0]
    return (reporter, other) if reporter else (other, partner)


def _recent(ctx: _Context, index: int) -> tuple[str, str] | None:
    recent = [p for i, p in ctx.trade_pairs if index - i <= 5]
    return recent[-1] if recent else None


def _top_pair(doc: Doc) -> tuple[str, str] | None:
    """The two states an article is about, if two stand out."""
    named = [m.code for m in doc.countries if not doc.text.startswith("$", m.end)]
    counts = Counter(named).most_common(3)
    if len(counts) < 2 or counts[1][1] < 2 or (len(counts) == 3 and counts[2][1] >= counts[1][1]):
        return None
    first, second = sorted((counts[0][0], counts[1][0]), key=named.index)
    return first, second


def _key(f: TradeFact) -> tuple[object, ...]:
    """Flow, states and unit of a figure; the states unordered for turnover and balance."""
    pair = frozenset((f.reporter, f.partner)) if f.flow in ("turnover", "balance") else None
    return f.flow, pair or (f.reporter, f.partner), f.unit


def _without_headline_twins(facts: list[TradeFact], title_end: int) -> list[TradeFact]:
    """A headline figure the body states again, rounded ("exports to China cross $2.7bn" over
    "$2.77 billion") or with its states made plain ("trade seen above 40 billion marks"
    over "German-Polish trade ... to exceed 40 billion marks"): the body's row only."""
    if title_end <= 0:
        return facts
    body = [f for f in facts if f.start > title_end]

    def restated(h: TradeFact) -> bool:
        return any(
            b.flow == h.flow
            and b.unit == h.unit
            and abs(b.value - h.value) <= 0.05 * abs(b.value)
            and (_key(b) == _key(h) or abs(b.value - h.value) <= 0.005 * abs(b.value))
            for b in body
        )

    return [f for f in facts if f.start > title_end or not restated(f)]


def _dedupe(facts: list[TradeFact]) -> list[TradeFact]:
    """One row per figure: a headline and the body often state it twice."""
    kept: list[TradeFact] = []
    for f in facts:
        twin = next(
            (k for k, g in enumerate(kept)
             if _key(g) == _key(f)
             and abs(g.value - f.value) <= 0.005 * abs(g.value) and g.year in (None, f.year)),
            None,
        )  # fmt: skip
        if twin is None:
            kept.append(f)
        elif kept[twin].year is None and f.year is not None:
            kept[twin] = replace(kept[twin], year=f.year)
    return kept
