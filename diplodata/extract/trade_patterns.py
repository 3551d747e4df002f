"""Compiled patterns of the trade-figures extractor (:mod:`diplodata.extract.trade`)."""

from __future__ import annotations

import re

_I = re.IGNORECASE
TRIGGER = re.compile(
    r"\b(?:trade|turnover|exports?|exported|imports?|imported|surplus|deficit|commerce)\b", _I
)
KEYWORD = re.compile(
    r"\b(?P<balance>(?:trade\s+)?(?:surplus|deficit|imbalance|shortfall)|trade\s+(?:balance|gap)|"
    r"balance\s+of\s+trade)\b|\b(?P<exports>export(?:s|ed|ing)?|shipments\s+to|sales\s+to)\b|"
    r"\b(?P<imports>import(?:s|ed|ing)?|purchases\s+from)\b|\b(?P<turnover>turnover|trade|commerce)\b",
    _I,
)
POST_KEYWORD = re.compile(r"\s*(?:worth\s+)?(?:of\s+|in\s+)?(?:[\w-]+\s+){0,2}?(?=\S)", _I)
# the flow word up to two words after the amount: "$15 billion in annual trade"
POST_FLOW = re.compile(
    r"\s*(?:worth\s+)?(?:of|in)\s+(?:(?!(?:to|and|or)\b)[\w-]+\s+){1,2}?"
    r"(?=(?:trade|turnover|commerce|exports|imports|surplus|deficit)\b)",
    _I,
)
NEGATIVE = re.compile(
    r"\b(?:invest\w*|loans?|credits?|aid|assistance|grants?|GDP|gross\s+domestic|budget\w*|debts?|"
    r"reserves|current\s+account|prices?|priced|tariffs?|sanctions?|revenues?|profits?|deals?|"
    r"contracts?|subsid\w+|spending|funds?|financing|capitalization|market\s+value)\b",
    _I,
)
BOUNDARY = re.compile(
    r"\s*;\s*|,?\s+(?:while|whereas|but|and)\s+|,\s+(?:which|with)\s+|"
    r",\s+(?=(?:export|import|sell|buy|ship|leav|giv)ing\b)",
    _I,
)
INCREMENT = re.compile(  # "grew by $1 billion", "up $2 billion" (not "made up $2 billion")
    r"(?:\b(?:by|(?<!\bmade\s)(?<!\bmake\s)(?<!\bmakes\s)up|down)|"
    r"\b(?:increase|rise|growth|decline|drop|fall|jump|gain)s?\s+of)\s+"
    r"(?:(?:about|almost|nearly|some|over|more\s+than|around)\s+)?$",
    _I,
)
# between a figure and its conversion: "$63.2 billion (about 87.5 trillion won)"
CONVERSION = re.compile(
    r"^\s*(?:[(;/]|or)\s*(?:(?:about|around|some|roughly|approximately|nearly|or)\s+)?$"
)
WORLD = re.compile(
    r"\b(?:foreign|external|overall|global|world|international)\s+trade\b|\bwith\s+(?:the\s+)?"
    r"(?:world|rest\s+of\s+the\s+world|all\s+(?:countries|nations))\b|(?:company|companies|firm|"
    r"firms|group|corporation|concern|producer|maker|manufacturer)(?:['’]s?)?\s+(?:[\w-]+\s+)?"
    r"(?:exports|imports|sales|trade)\b|\b(?:(?:Latin|North|South|Central)\s+American|"
    r"non-(?-i:[A-Z])[\w-]*|"  # "non-EU exports"; not "non-oil trade"
    r"regional)\s+(?:exports|imports|trade|sales|surplus|deficit|shortfall)\b",
    _I,
)
# "..., about 31 pct of Morocco's foreign trade": a share of one state's world trade
WORLD_SHARE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|pct|percent|per\s+cent)\s+of\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}?"
    r"(?:foreign|external|overall|global|world|international|total)\s+trade\b",
    _I,
)
# "trade between Russia and the BRICS countries": with a group of states, not one state.
GROUP = re.compile(
    r"\b[A-Z][A-Za-z]{1,10}\s+(?:member\s+)?(?:countries|states|nations|economies)\b"
)
BILATERAL = re.compile(
    r"\b(?:bilateral|mutual|two-way|reciprocal|our\s+(?:[\w-]+\s+){0,2}?(?:trade|turnover|"
    r"exports|imports|commerce)|between\s+(?:the\s+|our\s+)?(?:two|both)|between\s+our|"
    r"(?:two|both)\s+(?:countries|nations|states|sides))\b",
    _I,
)
# "the gap between US exports and imports", "the difference between what the UK exported and
# imported": one state's balance with the world unless "with <state>" follows.
GAP = re.compile(
    r"\b(?:gap|difference)\s+between\s+(?:what\s+)?(?:[\w'’.-]+\s+){0,3}?export\w*\s+and\s+"
    r"(?:[\w'’.-]+\s+)?import",
    _I,
)
BALANCE_ON = re.compile(
    r"\b(?:surplus|deficit|gap|shortfall|imbalance)\s+(?:on|in|of)\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    _I,
)
# A capitalized trade word inside a name: "the U.S. Trade and Development Agency", "Trade
# Representative", "World Trade Organization", "Africa Trade and Investment".
IN_NAME = re.compile(r"(?:Trade|Commerce|Export|Import)s?\s+(?:(?:and|&)\s+)?[A-Z][a-z]")
# "615 mln Ecus in grants", "$2 billion of loans": the amount is aid or credit, not trade.
NOT_TRADE_AFTER = re.compile(
    r"\s+(?:(?:in|of|worth\s+of)\s+(?:new\s+|fresh\s+|soft\s+|penalty\s+|punitive\s+)?"
    r"(?:grants?|aid|loans?|credits?|investments?|assistance|financing|debt|tariffs?|duties|"
    r"sanctions)|(?:in\s+)?(?:penalty|punitive|retaliatory)\s+(?:tariffs?|duties))\b",
    _I,
)
# "a surplus of $15.6 billion, 95 pct of it with the U.S.": what follows is the share's
SHARE_OF_IT = re.compile(
    r"\s+(?:pct|percent|per\s+cent|%)?\s*of\s+(?:it|which|that|this|them)\b", _I
)
# "It widened to 3.61 billion ...": the figure of the statement before, continued
CONTINUED_FIGURE = re.compile(
    r"(?:It|This|That|The\s+(?:deficit|surplus|gap|imbalance|figure|total))\s+(?:\w+\s+){0,2}?"
    r"(?:widened|narrowed|rose|fell|grew|increased|decreased|dropped|declined|climbed|jumped|"
    r"shrank|reached|totall?ed|stood|amounted|was|were)\b"
)
# "to increase this figure to $1 billion", "double it": the figure of the statement before
FIGURE_ANAPHOR = re.compile(
    r"\b(?:this|that|the)\s+figure\b|"
    r"\b(?:double|triple|raise|increase|bring|boost)\s+(?:it|this|that)\b",
    _I,
)
NEIGHBOUR = re.compile(r"\bwith\s+(?:its|their|her|his)\s+(?:[\w-]+\s+)?neighbou?r\b", _I)
NOT_STATE_BEFORE = re.compile(r"(?:\bnon-|\b(?:Latin|North|South|Central)\s+)$")
SOURCE_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:official\s+|trade\s+|customs\s+|foreign\s+trade\s+)?(?:statistics|"
    r"statistical|data|figures|customs|census)\b",
    _I,
)
# A state that owns the flow word right after it: "China's exports", "Turkish imports"
OWNER_AFTER = re.compile(r"(?:['’]s)?\s+(?:exports?|imports?|shipments|sales|purchases)\b", _I)
ROLE_BEFORE = re.compile(r"\b(to|into|from|by|with|between|and|via|through)\s+(?:the\s+)?$", _I)
# "investment and trade reached $5bn": the amount is not trade alone
INVESTMENT_AND = re.compile(
    r"\b(?:invest\w*|aid|loans?|credits?)\s+(?:and|&)\s+(?:[\w-]+\s+)?$", _I
)
