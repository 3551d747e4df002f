"""Regexes of the memberships extractor, over sentences rewritten with placeholders.

:mod:`diplodata.extract.membership_placeholders` replaces each state named in a sentence by
``⟨C i⟩`` and each organization by ``⟨O j⟩``; these patterns read that text. Named groups: ``subj``
(states or an anaphor such as "both states"), ``orgs``/``orgs2``/``orgs3`` (organizations).
"""

from __future__ import annotations

import re

TRIGGER = re.compile(
    r"[Mm]ember|contracting\s+part|[Pp]artners?|counterparts|econom(?:y|ies)|producer|exporter|belong|[Aa]ll(?:y|ies)\b|join(?:ed|ing)?\b|"
    r"[Pp]articipating\s+[Ss]tates|[Aa]ccession|admitted|"
    r"\bpart of|made up|"
    r"makes? up|\bform(?:s|ed)?\b|constitut|compris|found|establish|creat|chair|presidency|"
    r"welcom|includ|ratified|shar(?:es|ed)\s+with|[A-Z]{2,}\s+States\b|unites|groups|together|alongside|consist|Customs\s+Union|"
    r"[Hh]eads\b|[Ll]eaders\b|[Ll]eaders['’]|[Ss]ummit|convened|[Ww]e,|within|two\s+(?:biggest|largest)|admission|"
    r"\s\((?=[A-Z])|\s-{1,2}\s|--|\s_\s|(?:countries|states|nations)(?:\s+such\s+as|\s+including|\s*[:(—–,])|\b(?:other|fellow)\s|[a-z][-–][A-Z][a-z]+[-–][A-Z]"
)

# -- building blocks over the placeholder text ------------------------------------------
_C = r"⟨C\d+⟩"
C = _C  # a state's placeholder, for the readers
_O = r"⟨O\d+⟩"
_POS = r"(?:['’]s?)"
_SEP = (
    r"(?:\s*,\s*and\s+|\s*,\s*as\s+well\s+as\s+|\s*,\s*|\s+and\s+|\s*&\s*|\s+as\s+well\s+as\s+)"
    r"(?:the\s+)?"
)
_CLIST = rf"{_C}(?:{_SEP}{_C})*"
_OLIST = rf"{_O}(?:{_SEP}{_O})*"
_ANAPH = (
    r"\b(?:[Bb]oth\s+(?:our\s+)?(?:states|countries|nations|sides|economies|neighbou?rs)|(?:[Tt]he|[Oo]ur)\s+two\s+"
    r"(?:states|countries|nations|sides|economies|neighbou?rs)|[Tt]hese\s+(?:two\s+)?(?:states|countries|nations)|[Bb]oth|[Tt]hey|"
    r"(?:[Aa]ll|[Tt]he|[Aa]ll\s+the)\s+(?:three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:[A-Z][a-z]+\s+)?(?:states|countries|nations)|"
    r"[Tt]he\s+country|it|[Tt]he\s+pair|"
    r"[Tt]he\s+(?:Kingdom|Islamic\s+Republic|Sultanate|Principality|Grand\s+Duchy|Confederation)|[Tt]he\s+two(?=\s+(?:are|were|have|had|remain)\b)|"
    r"[Ww]e(?=\s+are\b))\b"
)
_BESIDE = r"(?:along\s+with|together\s+with|like|as\s+well\s+as|alongside)"
# not a state set off before the subject by "Unlike": "Unlike A, B is a member of X"
_SUBJ = (
    rf"(?<!nlike\s)(?P<subj>{_CLIST}(?:\s*,\s*{_BESIDE}\s+(?:the\s+)?{_CLIST}\s*,(?=\s))?|{_ANAPH})"
)
# a clause set off between a subject and its verb, naming no state: "Turkey, which has the
# alliance's second-largest army, has been", "A, home to a Russian base, belongs", "A, like
# the rest of the region, is"
_ASIDE = (
    r"(?:\s*,\s*(?:which|home\s+to|like|an?|for\s+(?:its|their)\s+part|in\s+turn|too|however|"
    r"meanwhile|moreover|though|after\s+all)\b(?:(?!⟨C)[^,;.:()—–]){0,60},(?=\s))?"
)
_BE = (
    r"(?:is|are|was|were|ha(?:s|ve|d)\s+(?:all\s+|both\s+|also\s+)?been|remains?|remained|became|ha(?:s|ve|d)\s+become)"
    r"(?:n['’]t)?(?:\s+(?:also|now|both|all|already|currently|still|each|officially|formally|"
    r"together|not|never|no\s+longer|yet))*"
)
_MODS = (
    r"(?:(?!(?:of|to|for|with|in|on|by|from|and|or|than|at|as|but|after|before|whose|who|"
    r"which|that)\b)[\w-]+\s+){0,4}?"
)
_MEMBER_ONLY = (
    r"(?:[Mm]ember(?:s|[- ]states?|[- ]countries|[- ]nations|[- ]econom(?:y|ies))?|[Ff]ounders?|"
    r"[Ff]ounding\s+members?)"
)
_STATES = r"(?:countries|states|nations|economies)"  # "EU countries such as A and B"
_MEMBER = rf"(?:{_MEMBER_ONLY}|[Aa]ll(?:y|ies)|[Pp]articipating\s+[Ss]tates)"
_LEAD = r"(?:\s*,\s*(?:which|that)\s+|\s+-{1,2}\s+|\s*[—–]\s*|\s+)"  # "A, B and C - are"
_LIST_INTRO = (
    r"(?:\s*,?\s+such\s+as\s+|\s*,?\s+including\s+|\s+like\s+|\s+namely\s+|\s*:\s*|\s*[—–]\s*"
    r"|\s+-{1,2}\s+|\s*--\s*|\s+_\s+)(?:among\s+(?:them|others)\s*,?\s+)?"  # "_": AP's dash
)
# a word naming the kind of body after its name: "the OPEC+ alliance"
_KIND_WORD = r"(?:\s+(?:alliance|group|grouping|bloc|organi[sz]ation|forum|cartel|format))?"
_OLIST_K = rf"{_O}{_KIND_WORD}(?:{_SEP}{_O}{_KIND_WORD})*"  # "the D-8 group and the OIC"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:19|20)\d\d|\d)"
)

_ADV = (
    r"(?:(?:both|all|also|officially|formally|finally|then|later|eventually|subsequently|"
    r"thus|now|today|already)\s+)*"
)

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# a time phrase after a verb or its object: "on Jan. 1", "in 2020", "on 1 January", "last month"
_WHEN = (
    r"(?:\s+(?:on|in|since|from|last|this|earlier)(?:\s+[\w.]+){1,4}?"
    r"|\s+at\s+the\s+(?:beginning|start|end)\s+of(?:\s+[\w.]+){1,2}?)?"
)
_ALONG = r"\s*,?\s+(?:alongside|along\s+with|together\s+with)\s+(?:the\s+)?"
# a name the lexicon does not know (a variant, a misspelling) before the acronym it does: "the
# Organisation of Petroleum Exporting Countries (⟨O⟩)"
_NAMED_ACRONYM = r"(?:(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|on)\s+)*){1,8}\(\s*(?=⟨O))?"
# a modifier joined to the organization's name: "the Russia-led EAEU", "the 27-nation EU"
_JOINED_MOD = (
    rf"(?:(?:[\w]+|{_C})-(?:member|nation|country|state|economy|led|backed|dominated|based)\s+)?"
)
# "the Russia-Belarus-Kazakhstan Customs Union", "the Australia-United Kingdom-United States
# (AUKUS) partnership": three or more states hyphenated before it, or before its acronym.
HYPHEN_CHAIN = re.compile(rf"(?P<subj>{_C}(?:[-–]{_C}){{2,}})\s+(?:\(\s*)?(?P<orgs>{_O})")

COPULAR = re.compile(
    rf"{_SUBJ}{_ASIDE}{_LEAD}{_ADV}{_BE}\s+(?:(?:one\s+of|among)\s+)?{_MODS}(?:(?:{_MEMBER_ONLY}"
    rf"\s+(?:of|in|within)|(?:[Aa]ll(?:y|ies)|[Pp]artners?)\s+(?:in|within)|contracting\s+"
    rf"part(?:y|ies)\s+to)\s+(?:both\s+)?(?:the\s+)?"
    rf"{_JOINED_MOD}{_NAMED_ACRONYM}(?P<orgs>{_OLIST})(?!['’])|(?P<orgs2>{_OLIST}){_POS}?\s+{_MODS}{_MEMBER}\b(?!\s+of)"
    rf"|part\s+of\s+(?:the\s+)?(?P<orgs3>{_O})(?=\s*[,.;:)—–]|\s*$|\s+(?:and|since|as)\b))"
    rf"(?:{_WHEN}\s*,?\s+and\s+(?:(?:is|was|remains)\s+(?:also\s+)?)?(?:(?:one\s+of\s+)?(?:a|an|the|its|our|their)\s+)?"
    rf"{_MODS}(?:{_MEMBER_ONLY}\s+(?:of|in)|[Pp]artners?\s+in)\s+(?:the\s+)?(?P<orgs4>{_OLIST})"
    rf"|{_WHEN}\s*,?\s+and\s+of\s+(?:the\s+)?(?P<orgs5>{_OLIST}))?"
)
# "Finland, which became the 31st Ally in April 2023", "Sweden became its 32nd member": the
# organization is the one of the sentences before
_ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|[a-z]+teenth|[a-z]+tieth|(?:twenty|thirty|forty|fifty)-[a-z]+|newest|latest)"
)
ORDINAL_ALONE = re.compile(
    rf"{_SUBJ}{_ASIDE}{_LEAD}{_ADV}(?:became|becomes|is|was|has\s+become)\s+(?:the|its)\s+{_ORDINAL}"
    rf"\s+(?:full\s+)?(?:[Mm]ember(?:\s+[Ss]tate)?|[Aa]lly)\b(?!\s+(?:of|to)\b|\s+(?:in|within)\s+(?:the\s+)?⟨|\s*⟨|['’])"
)
# "Somalia deposited its instrument and formally became the eighth member of X": the subject of
# a verb coordinated before "became"
COORDINATED_BECAME = re.compile(
    rf"(?P<subj>{_C})\s+[a-z]+ed\b[^,;.⟨]{{0,80}}?\s+and\s+{_ADV}(?:became|has\s+become|was\s+admitted\s+as)\s+"
    rf"(?:(?:one\s+of|among)\s+)?{_MODS}{_MEMBER_ONLY}\s+of\s+(?:the\s+)?(?P<orgs>{_OLIST})"
)
# "grateful to Germany for being a strong NATO Ally", "thanked A for being a member of X"
FOR_BEING = re.compile(
    rf"(?P<subj>{_C})\s+for\s+being\s+(?:a|an|one\s+of\s+the)\s+{_MODS}(?:(?P<orgs>{_O})\s+"
    rf"{_MEMBER}\b|{_MEMBER_ONLY}\s+of\s+(?:the\s+)?(?P<orgs2>{_O}))"
)
# "the EAEU, of which Kazakhstan is a founding member"
OF_WHICH = re.compile(
    rf"(?P<orgs>{_O}){_KIND_WORD}\s*,\s*(?:of\s+which|in\s+which|where)\s+(?:the\s+)?(?P<subj>{_CLIST}|{_ANAPH})\s+{_BE}\s+"
    rf"(?:(?:a|an|one)\s+)?{_MODS}{_MEMBER_ONLY}\b(?:\s+and\s+(?:the\s+)?(?P<subj2>{_CLIST})\s+"
    rf"(?:a|an|one)\s+{_MODS}{_MEMBER_ONLY}\b|{_ALONG}(?P<subj3>{_CLIST}))?"
)
# "A's role as a member of X and Y", "B's position as 'an active member of X'": a state's part
# in a body it belongs to
POSSESSIVE_ROLE_AS = re.compile(
    rf"(?P<subj>{_C}){_POS}\s+(?:[a-z]+\s+){{0,2}}?(?:role|position|place|status|seat|"
    rf"responsibilit(?:y|ies))\s+as\s+[“\"]?(?:a|an|the|one\s+of\s+the)\s+{_MODS}{_MEMBER_ONLY}\s+"
    rf"(?:of|in)\s+(?:both\s+)?(?:the\s+)?(?P<orgs>{_OLIST})"
)
# "Bolivia took part for the first time as a full member of X"
AS_MEMBER_VERB = re.compile(
    rf"(?P<subj>{_C})\s+(?:took\s+part|participated|attended|sat|took\s+(?:up\s+)?(?:its|their)\s+seats?)\b"
    rf"[^,;.⟨]{{0,40}}?\s+as\s+(?:a|an|the)\s+{_MODS}{_MEMBER_ONLY}\s+of\s+(?:the\s+)?"
    rf"(?P<orgs>{_O})"
)
APPOSITIVE_OF = re.compile(
    rf"(?P<subj>{_CLIST}|{_ANAPH})\s*,\s*(?:both\s+|all\s+|also\s+|itself\s+)?(?:elected\s+)?(?:as\s+)?(?:one\s+of\s+)?"
    rf"{_MODS}(?:{_MEMBER}\s+(?:of|in)|contracting\s+part(?:y|ies)\s+to)\s+(?:both\s+)?(?:the\s+)?"
    rf"{_JOINED_MOD}(?P<orgs>{_OLIST_K})(?:{_WHEN}\s*,?\s+and\s+(?:of\s+)?{_MODS}{_MEMBER}\s+(?:of|in)\s+(?:the\s+)?"
    rf"(?P<orgs2>{_OLIST_K})|{_WHEN}\s*,?\s+and\s+of\s+(?:the\s+)?(?P<orgs3>{_OLIST_K}){_WHEN})?(?=\s*[,.;:)—–]|\s*$|\s+of\s+[\w\s-]{{1,40}}?,|\s+(?:and\s+(?:a|an)|since|for|together\s+with|"
    rf"alongside|along\s+with)\b)"
)
MAKE_UP = re.compile(
    rf"{_SUBJ}\s+(?:(?:make|makes|made)\s+up|form(?:s|ed)?|constitut(?:e|es|ed)|"
    rf"compris(?:e|es|ed)|(?:co-)?founded|established|created|"
    rf"(?:came|got)\s+together\s+to\s+(?:establish|found|create|form))\s+(?:the\s+)?"
    rf"(?:[a-z][\w-]*\s+)?(?P<orgs>{_O})(?=\s*[,.;:)—–]|\s*$|\s+(?:and|in|on|as|since|with|"
    r"after|back|itself)\b)"
)
FOUNDERS = re.compile(  # "the United States and 11 other nations came together to establish"
    rf"(?P<subj>{_C})\s+and\s+(?:\d+|[a-z]+)\s+other\s+(?:nations|states|countries)\s+"
    rf"(?:(?:came|got)\s+together\s+to\s+(?:establish|found|create|form)|founded|established|"
    rf"created)\s+(?:the\s+)?(?P<orgs>{_O})"
)
JOINED = re.compile(
    rf"{_SUBJ}(?:\s*,\s*(?:which|that)\b)?(?:\s+(?:ha(?:s|ve|d)|officially|formally|finally|also|then|later|eventually))*"
    rf"\s+(?:(?:re)?joined|acceded\s+to|(?:was|were){_WHEN}\s+admitted\s+(?:to|into))\s+(?:both\s+)?(?:the\s+)?"
    rf"(?P<orgs>{_OLIST})"
)
JOIN_END = re.compile(
    rf"^{_KIND_WORD}(?:\s*(?:[,.;:)—–\"”]|$)|\s+(?:(?:only|just|formally|officially)\s+)?(?:in|on)\s+"
    rf"(?:{_MONTH}|{_WEEKDAY}|(?:19|20)\d\d\b)|\s+at\s+the\s+(?:beginning|start|end)\s+of\b|\s+(?:as|and|since|after|last|this|"
    rf"when|along|together|back|alongside|today|yesterday|earlier|\d+)\b)"
)
# "A and B, which were admitted as members of X", "C and D were admitted as the 52nd and 53rd
# members of X", "E admitted as X's eighth member": admitted in the role of members
ADMITTED_AS = re.compile(
    rf"{_SUBJ}(?:\s*,\s*(?:which|that)\b)?(?:\s+(?:was|were|ha(?:s|ve|d)\s+been))?{_WHEN}\s+"
    rf"{_ADV}admitted(?:\s+(?:today|yesterday|formally|officially))?\s+as\s+(?:(?:a|an|the|its)\s+)?(?:[\w-]+\s+and\s+)?{_MODS}"
    rf"(?:{_MEMBER_ONLY}\s+of\s+(?:the\s+)?(?P<orgs>{_OLIST})|(?P<orgs2>{_O}){_POS}\s+(?:[\w-]+\s+and\s+)?"
    rf"{_MODS}{_MEMBER_ONLY}\b)"
)
# "APEC admitted A, B and C in 1991", "the Council of Europe, which admitted A in 1995": the
# body took them in
ORG_ADMITTED = re.compile(
    rf"(?P<orgs>{_O}){_KIND_WORD}(?:\s*,\s*which)?\s+(?:formally\s+|officially\s+|also\s+)?admitted\s+"
    rf"(?:the\s+)?(?P<subj>{_CLIST})"
)
# "Since joining the EU in 2004, Poland has ...", "After its accession to the WTO, China was":
# the subject of the main clause joined; its verb is part of the match, for the hedge check.
SINCE_JOINING = re.compile(
    rf"(?:^|(?<=\bthat\s)|(?<=[,;]\s))(?:[Ss]ince|[Aa]fter|[Ff]ollowing|[Uu]pon)\s+(?:(?:re)?joining|(?:its|their)\s+(?:accession\s+to|"
    rf"admission\s+to|entry\s+into))\s+(?:the\s+)?(?P<orgs>{_OLIST})[^,.;]{{0,30}},\s*(?:the\s+)?"
    rf"(?P<subj>{_CLIST})\s+(?:[a-z]+\s+)?[a-z]+\b"
)
# "joined the EU (on Monday) in condemning ...": joining an action, not the organization.
JOIN_ACTION_AFTER = re.compile(r"^[^.;]{0,30}?\b(?:in|by)\s+[a-z]+ing\b")
# "are", "include": a list of members as a predicate; a list of three set off by a comma
_ARE_LIST = r"\s+(?:also\s+)?(?:are|were|include[sd]?)\s+"
_THREE = rf"(?:the\s+)?{_C}(?:{_SEP}{_C}){{2,}}"
ORG_MEMBERS_LIST = re.compile(
    rf"(?P<orgs>{_O}){_POS}?\s+{_MODS}(?:(?:(?:partner|friend|neighbou?r)s?\s+and\s+)?{_MEMBER}"
    rf"(?:{_LIST_INTRO}|{_ARE_LIST}|\s*,\s*(?={_THREE})|\s+)|[Mm]embership{_ARE_LIST}|"
    rf"(?:{_STATES}|counterparts){_LIST_INTRO})(?:the\s+)?(?P<subj>{_CLIST})"
)
# "the CIS member countries (A, B and C)", "the GUAM (A, B, C and D)": a closed list of states.
ORG_PAREN_LIST = re.compile(
    rf"(?P<orgs>{_O}){_POS}?(?:\s+{_MODS}(?:{_MEMBER_ONLY}|{_STATES}))?\s*\(\s*(?:the\s+)?"
    rf"(?P<subj>{_C}(?:{_SEP}{_C})+)\s*\)"
)
# "the Group of Seven -- A, B, C ... and G --": a closed list of states set off by dashes.
_DASH = r"(?:\s*[—–]\s*|\s+-{1,2}\s+|\s*--\s*|\s+_\s+)"  # "_": the wires' dash of the 1980s
ORG_DASH_LIST = re.compile(
    rf"(?P<orgs>{_O}){_DASH}(?:the\s+)?(?P<subj>{_C}(?:{_SEP}{_C})+)(?={_DASH}|\s*[.;:)]|\s*$)"
)
# a list of states: "A, B, C and D", "the A, the B and the C"
STATE_LIST = re.compile(rf"{_C}(?:{_SEP}{_C})+")
MEMBERS_OF_LIST = re.compile(
    rf"{_MEMBER}\s+of\s+(?:the\s+)?(?P<orgs>{_O})(?:{_LIST_INTRO}|\s+(?:are|were|include|included)\s+)"
    rf"(?:the\s+)?(?P<subj>{_CLIST})"
)
# "the Group of Seven leading industrial countries, A, B, ... and G, agreed": a list of three
# or more states set off by commas after the organization's states
ORG_STATES_COMMA_LIST = re.compile(
    rf"(?P<orgs>{_O})\s+(?:(?:[a-z][\w-]*\s+){{1,3}}?{_STATES}|(?:[Mm]ember\s+)?[Ss]tates|members),\s+(?:the\s+)?"
    rf"(?P<subj>{_C}(?:{_SEP}{_C}){{2,}}),"
)
# "Kuwait and the other GCC states", "France and its fellow EU members"
AND_OTHER_MEMBERS = re.compile(
    rf"(?P<subj>{_CLIST})(?:\s+and|\s*,?\s+(?:which\s+)?(?:along|together)\s+with)\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+)?(?:other|fellow)\s+"
    rf"(?:[a-z]+\s+)?(?P<orgs>{_O})\s+(?:members|member\s+(?:states|countries|nations)|states|"
    rf"countries|nations|partners|allies|Allies)\b"
)
LIST_ORG_MEMBERS = re.compile(  # "Hungary and Yugoslavia, the two current GATT members."
    # also "Bulgaria, an EU and NATO member,", "A and B, both NATO allies and G20 members,"
    rf"(?P<subj>{_CLIST})\s*(?:,|[—–]|\s-)\s*(?:as\s+)?(?:one\s+of\s+)?{_MODS}(?P<orgs>{_OLIST})\s+"
    rf"{_MEMBER}(?:\s+and\s+{_MODS}(?P<orgs2>{_OLIST})\s+{_MEMBER}|\s+and\s+(?:a|an)\s+{_MODS}{_MEMBER}\s+"
    rf"(?:of|in)\s+(?:the\s+)?(?P<orgs3>{_OLIST}))?"
    rf"(?=\s*[,.;:)—–]|\s+-\s|\s*$|\s+(?:since|for|but|and|who|whose|which|that|with)\b)"
)
# "Hungary and Turkey, the last of the alliance's members to ratify", "Croatia, the last country
# to join the EU,": an apposition ranking the states among the members
_RANK_NOUN = r"(?:[Mm]ember(?:\s+[Ss]tate|\s+country)?|producer|exporter|economy)\b"
RANKED_MEMBER = re.compile(
    rf"(?P<subj>{_CLIST})\s*,\s*(?:the\s+)?(?:first|last|latest|newest|only|two|three|[a-z]+est)\s+"
    rf"(?:(?:of\s+(?:the\s+)?(?P<orgs>{_O}){_POS}\s+(?:\d+\s+)?{_MEMBER})|(?:[a-z]+\s+)?(?:countr(?:y|ies)|"
    rf"states?|nations?|members?)\s+to\s+(?:join|enter)\s+(?:the\s+)?(?P<orgs2>{_O})"
    rf"(?=\s*[,.;:)—–]|\s*$|\s+(?:in|on|since|after|as|and|when|last|this)\b))"
)
# "Iraq, OPEC's second-largest producer", "Haiti, the Community's most populous Member State",
# "A, as the second-largest producer in X": a rank among the members
ORG_RANK_APPOS = re.compile(
    rf"(?P<subj>{_CLIST})\s*,\s*(?:as\s+)?(?:the\s+)?(?:(?P<orgs>{_O}){_POS}\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_RANK_NOUN}|(?:[\w-]+\s+){{1,3}}?{_RANK_NOUN}\s+(?:in|of|within)\s+(?:the\s+)?(?P<orgs2>{_O}))"
)
# the partners named after them, set off by a comma or not: "... its GCC partners A and B are"
_THE_OTHERS = (
    rf"(?:(?:\s*,\s*|\s+)(?:the\s+)?(?P<subj2>{_CLIST})(?=\s*[,.;:)—–]|\s*$|\s+(?:are|were|have|"
    r"had|also|together|alongside)\b))?"
)
# "the United States and its G7 partners", "Germany and its fellow EU allies": the state is one
# of the organization's members too.
AND_ITS_PARTNERS = re.compile(
    rf"(?P<subj>{_C})\s+and\s+(?:its|their)\s+(?:fellow\s+)?(?:[a-z][\w-]*\s+){{0,2}}"
    rf"(?P<orgs>{_O})\s+(?:partners|allies|Allies|members|member\s+states|counterparts)\b{_THE_OTHERS}"
)
# "Russia and all allies in the CSTO", "Poland and its partners within NATO", "A works
# alongside its partners in X".
AND_ALLIES_IN = re.compile(
    rf"(?P<subj>{_C})(?:\s+and|\s*,?\s+(?:[a-z]+\s+)?(?:together\s+with|along\s+with|alongside))\s+"
    rf"(?:(?:all|its|their|our|other|the)\s+)*(?:[a-z][\w-]*\s+)?(?:partners|allies|Allies)\s+(?:in|within)\s+(?:the\s+)?(?P<orgs>{_O}){_KIND_WORD}{_THE_OTHERS}"
)
# "the Cairns Group ..., to which Australia and Thailand belong"; "Chile belongs to APEC".
_BELONG = r"(?:ha(?:s|ve)\s+)?(?:also\s+|long\s+)?belong(?:s|ed)?"
BELONG = re.compile(
    rf"(?P<orgs>{_O})(?:(?!⟨O)[^.;]){{0,60}}?,\s+to\s+which\s+(?:the\s+)?(?P<subj>{_CLIST})\s+"
    rf"{_BELONG}\b|(?P<subj2>{_CLIST})(?:{_ASIDE}|\s*,\s*(?:which|that)(?=\s+(?:also\s+|long\s+)?belong)|\s*,\s*which\s+(?:together\s+|along\s+)?with\s+"
    rf"(?:the\s+)?(?P<subj5>{_CLIST}))\s+{_BELONG}\s+to\s+(?:the\s+)?{_JOINED_MOD}(?P<orgs2>{_O})"
    rf"(?:{_WHEN}{_ALONG}(?P<subj3>{_CLIST}))?"
    rf"|(?P<subj4>{_CLIST})\s+(?:both\s+|all\s+)?{_BELONG}\s+to\s+(?:[\w-]+\s+){{0,6}}?(?:organi[sz]ations|"
    rf"bodies|groupings|blocs|institutions)\s*,?\s+(?:including|such\s+as|among\s+them)\s+(?:the\s+)?"
    rf"(?P<orgs3>{_O}(?:\s*,\s*(?:(?:and\s+)?(?:the\s+)?{_O}|(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)|"
    rf"\s+and\s+(?:the\s+)?{_O})*)"
)
# "the APEC meetings in Lima, which both countries belong to": the organization before
WHICH_BELONG_TO = re.compile(
    rf"(?P<orgs>{_O})(?:(?!⟨O)[^.;]){{0,60}}?,\s+which\s+{_SUBJ}\s+{_BELONG}\s+to\b"
)
# "the Quad partners of Australia, India, Japan and the United States".
ORG_PARTNERS_OF = re.compile(
    rf"(?P<orgs>{_O})\s+(?:partners|members|allies|Allies|member\s+states)\s+(?:of|from)\s+"
    rf"(?:the\s+)?(?P<subj>{_C}(?:{_SEP}{_C})+)"
)
# "Denmark's partners in the EU", "Poland's allies within NATO"; "Russia, Kazakhstan's
# strategic partner and ally in the CSTO", "A, one of B's partners in X": both.
POSSESSIVE_PARTNERS = re.compile(  # also "A is B's closest partner in X": both
    rf"(?:(?P<subj2>{_C})\s*,\s*(?:one\s+of\s+)?|(?P<subj3>{_C})\s+(?:is|was|remains|has\s+been)\s+)?"
    rf"(?P<subj>{_C}){_POS}\s+"
    rf"(?:(?:fellow|closest|close|main|key|strategic|oldest|trusted)\s+)*"
    rf"(?:(?:partner|ally|Ally)\s+and\s+)?(?:partners?|allies|ally|Allies|Ally)\s+"
    rf"(?:in|within)\s+(?:the\s+)?(?P<orgs>{_O})"
    rf"|(?P<subj4>{_C}){_POS}\s+fellow\s+(?:members|[Mm]ember\s+[Ss]tates)\s+(?:of|in)\s+(?:the\s+)?"
    rf"(?P<orgs2>{_OLIST})(?:\s*,?\s+and\s+of\s+(?:the\s+)?(?P<orgs3>{_OLIST}))?"
)
# "after Poland, like most of its partners in the EU, stopped", "the largest A runs with any
# of its partners in X": "its" is the state named last before it
ITS_PARTNERS_IN = re.compile(
    rf"\b[Ii]ts\s+(?:(?:fellow|closest|close|main|key|strategic|other)\s+)*(?:partners|allies|"
    rf"Allies)\s+(?:in|within)\s+(?:the\s+)?(?P<orgs>{_O})"
    # not when the partners are listed next (read by ALLIES_IN_LIST)
    rf"(?!{_KIND_WORD}\s*(?:,|[—–]|-{{1,2}}\s)\s*(?:(?:including|such\s+as|notably|among\s+them)"
    rf"\s+)?(?:the\s+)?⟨C)"
)
# "A and B, C's two main partners in X", "A and B have been among the strongest backers
# among C's partners in X": the states named as a state's partners in X (not C, which may be
# an outsider: "Morocco's two main partners in the EU")
_OWNERS_PARTNERS = (
    rf"(?:{_C}){_POS}\s+(?:[a-z]+\s+){{0,3}}?(?:partners|allies|Allies)\s+(?:in|within)\s+(?:the\s+)?"
    rf"(?P<orgs>{_O})"
)
LIST_OWNERS_PARTNERS = re.compile(
    rf"(?P<subj>{_CLIST})(?:\s*,\s*(?:(?:one|two|three|all|some)\s+of\s+)?|\s+{_BE}\s+"
    rf"(?:(?!⟨)[^,;.]){{0,60}}?\bamong\s+){_OWNERS_PARTNERS}"
)
# "its allies in NATO, including A and B", "A's partners in X, B, C and D": members named
# after the partners of a member in X; the possessor is one too
ALLIES_IN_LIST = re.compile(
    rf"(?:(?P<subj2>{_C}){_POS}|\b(?:[Oo]ur|[Ii]ts|[Tt]heir))\s+(?:fellow\s+|closest\s+|close\s+)?"
    rf"(?:allies|Allies|partners)\s+(?:in|within)\s+(?:the\s+)?(?P<orgs>{_O}){_KIND_WORD}(?:\s*,\s*|{_DASH})"
    rf"(?P<intro>including\s+|such\s+as\s+|notably\s+|among\s+them\s+)?(?:the\s+)?(?P<subj>{_CLIST})"
)
# "the Pacific Alliance, the mechanism it shares with A, B and C", "X, which it formed with A
# and B", "X, the customs union A formed in 1991 with B and C": the states listed and the
# one state that shares or formed it (named, or "it": the one the sentence names before)
SHARES_WITH = re.compile(
    rf"(?P<orgs>{_O})\s*,\s*(?:which\s+|that\s+|the\s+(?:[\w-]+\s+){{1,4}}?(?:which\s+|that\s+)?|"
    rf"{_O}\s+(?:which\s+|that\s+)?)(?:it|(?P<owner>{_C}))\s+"  # "X, the bloc (⟨O⟩) that A formed"
    rf"(?:shares|shared|formed|founded|co-founded|created|established|set\s+up){_WHEN}\s+with\s+"
    rf"(?:the\s+)?(?P<subj>{_CLIST})"
)
# "the Mercosur partners Argentina and Brazil": members or the organization's outside partners;
# members when the curated membership has them all
ORG_PARTNERS_LIST = re.compile(
    rf"(?P<orgs>{_O})\s+partners\s*,?\s+(?:the\s+)?(?P<subj>{_C}(?:{_SEP}{_C})+)"
)
BARE_MEMBERS = re.compile(
    rf"(?<!-)\b(?:fellow\s+|founding\s+)?(?:members|[Mm]ember\s+(?:[Ss]tates|countries|nations))"
    rf"(?:{_LIST_INTRO}|\s+(?:in\s+(?:19|20)\d\d\s+)?(?:were|are|included|include)\s+|\s+)"
    rf"(?:the\s+)?(?P<subj>{_CLIST})"
)  # "The founding members in 1949 were A, B and C"
# "The founding members – A, B, C and D – must": the organization of the sentences before
MEMBERS_LEAD = re.compile(r"^\s*(?:The|Its|Their)\s+(?:[a-z]+\s+)?members\b")
# "less than a year after neighbouring Finland joined": joining the one organization of the
# sentence, which states another membership
BARE_JOINED = re.compile(
    rf"\b(?:after|before|when|since)\s+(?:[a-z]+\s+)?(?P<subj>{_CLIST})\s+(?:had\s+|has\s+)?"
    rf"(?:also\s+)?joined(?=\s*[,.;:]|\s*$)"
)
# "Greece and Turkey joined in 1952", "A and B were admitted in 1999": joining the
# organization the sentences around name, with a date that makes it done; then "and C in
# 1955", "followed by D in 1982" (the same joining)
JOINED_WHEN = re.compile(
    rf"(?P<subj>{_CLIST})(?:\s+(?:formally|officially|finally|also|then|later|eventually))?"
    rf"\s+(?:joined|(?:was|were)\s+admitted|acceded)(?=\s+(?:(?:only|just|formally|officially)\s+)?"
    rf"(?:in|on)\s+(?:{_MONTH}|(?:19|20)\d\d\b))"
)
AND_IN_YEAR = re.compile(  # read from where the joining before it ends
    rf"[^.;⟨]*?(?:,?\s+and|,\s+followed\s+by)\s+(?P<subj>{_CLIST})\s+in\s+(?:19|20)\d\d\b"
)
# "Finland's accession as the 31st member of the Alliance": done
ACCESSION_AS = re.compile(
    rf"(?P<subj>{_C}){_POS}\s+(?:accession|admission|entry)\s+as\s+(?:a|an|the|its)\s+{_MODS}"
    rf"{_MEMBER_ONLY}\s+(?:of|to)\s+(?:the\s+)?(?P<orgs>{_O})"
)
# "together with our newest Ally Sweden, NATO will ...": the organization is the sentence's one.
OUR_ALLY = re.compile(
    rf"\b(?:[Oo]ur|[Ii]ts|[Tt]heir|[Ff]ellow)\s+{_MODS}(?:(?:fellow\s+)?{_O}\s+)?(?:Ally|Allies|(?<=⟩\s)allies|"
    rf"[Mm]ember(?:s|\s+[Ss]tates?)?)(?:\s+in\s+(?:the|this|our|their)\s+region)?(?:\s*,\s*|\s+)(?:the\s+)?(?P<subj>{_CLIST})"
)
# "X, founded in Havana in 2004, today brings together A, B and C": a short participial aside
_FOUNDED_ASIDE = (
    r"(?:\s*,\s*(?:founded|created|established|set\s+up|formed|launched|based|headquartered)\b"
    r"(?:(?!⟨O)[^,;.:]){1,50},)?"
)
INCLUDES = re.compile(
    rf"(?P<orgs>{_O})(?:\s+(?:alliance|group|grouping|bloc|format|forum))?{_FOUNDED_ASIDE}(?:\s*,?\s*(?:which|that)\s+(?:also\s+)?(?:includes?|comprises?|unites|groups|brings\s+"
    rf"together)|\s*,?\s*whose\s+(?:[\w-]+\s+)?members\s+(?:are|include)|\s*,?\s*whose\s+(?:[a-z]+\s+)?members"
    rf"\s*(?:[—–:]|-{{1,2}})|\s*,?\s*whose\s+(?:[a-z]+\s+)?member\s+(?:states|countries|nations)\s*,(?=\s*{_THREE})"
    rf"|(?:\s+(?:was|is)\s+(?:(?!⟨)[^,;.]){{1,40}}?\s+and)?(?:\s+(?:also|currently|now|still|today))?\s*,?\s+(?:includes|comprises|comprising|"
    rf"consists\s+of|consisting\s+of|(?:is\s+)?made\s+up\s+of|unites|brings\s+together|groups))\s+(?:the\s+)?(?P<subj>{_CLIST})"
    rf"(?:\s+with\s+(?:(?:its|their)\s+(?:[a-z]+\s+)?partners\s+)?(?:the\s+)?(?P<subj2>{_CLIST}))?"
)
# "the leaders of A, B and C announced AUKUS": the founders' states are its members
LEADERS_FOUNDED = re.compile(
    rf"\b(?:[Ll]eaders|[Hh]eads\s+of\s+(?:state|government)|[Pp]residents|[Pp]rime\s+[Mm]inisters)\s+"
    rf"of\s+(?:the\s+)?(?P<subj>{_CLIST})\s+(?:jointly\s+)?(?:announced|launched|founded|"
    rf"established|created|formed)\s+(?:the\s+)?(?P<orgs>{_O})"
)
# "As members of the CSTO, Russia and Armenia agreed ...", "As one of the founders of the UN
# and a permanent member of its Security Council, Russia has ..."
# "As fellow members of X (and close neighbours), A and B ...", also after "that," or a
# clause's comma ("and that, as a major member of X, A supports ...")
AS_MEMBERS_LEAD = re.compile(
    rf"(?:^[\"“]?(?:(?:And|But|So)\s+)?|(?<=,\s)|(?<=\bthat\s))[Aa]s\s+(?:(?:[a-z][\w-]*\s+){{1,3}}and\s+(?=fellow\s))?"
    rf"(?:one\s+of\s+(?:the\s+)?)?{_MODS}(?:(?:{_MEMBER}\s+"
    rf"of|partners\s+in)\s+(?:both\s+)?(?:the\s+)?(?P<orgs>{_OLIST})|(?P<orgs2>{_OLIST})\s+{_MEMBER})"
    rf"(?:\s+and\s+(?:(?:(?:a|an|the)\s+)?{_MODS}{_MEMBER}\s+)?of\s+(?:the\s+)?(?P<orgs3>{_OLIST}))?"
    rf"(?:\s+and\s+(?:contracting\s+part(?:y|ies)|members?)\s+(?:to|of)\s+(?:the\s+)?(?P<orgs4>{_OLIST})"
    rf"|\s+and\s+(?:[a-z][\w-]*\s+){{0,3}}[a-z][\w-]*)?"  # "and close maritime neighbours"
    rf"(?:\s*,\s*and\s+as\s+(?:the|a|an)\s+(?:(?!⟨)[^,;.]){{1,60}})?"  # ", and as the largest ..."
    rf"\s*,\s*(?:the\s+)?(?P<subj>{_CLIST}|{_ANAPH})(?=\s+[a-z])"
)
# "The two countries, as the world's largest economies and members of the G20, bear ...",
# "both countries, as members of the Group of 20, had ..."
SUBJECT_AS_MEMBERS = re.compile(
    rf"(?P<subj>{_CLIST}|{_ANAPH})\s*,\s*as\s+(?:(?!as\b)[\w'’-]+\s+){{0,8}}?"
    rf"(?:{_MEMBER_ONLY}\s+of|(?:[Aa]llies|[Pp]artners)\s+(?:in|within))\s+(?:the\s+)?(?P<orgs>{_OLIST})\s*,"
)
# "A and B, he said, work side by side as founding members of X and as allies in Y", "C and D
# are closely tied to Z as members of X and of Y": the subject acts in the role of members
_AS_ROLE = (
    rf"as\s+(?:(?:fellow|founding|full|permanent)\s+)*(?:{_MEMBER_ONLY}\s+(?:of|in)|[Aa]llies\s+in)"
    r"\s+(?:both\s+)?(?:the\s+)?"
)
VERB_AS_MEMBERS = re.compile(
    rf"(?P<subj>{_CLIST}|{_ANAPH})(?:\s*,\s*[a-z]+\s+(?:said|says|added|noted|stressed)\s*,)?"
    rf"\s+(?:(?!as\b)(?:[a-z][\w-]*|⟨O\d+⟩),?\s+){{1,8}}?{_AS_ROLE}(?P<orgs>{_OLIST})"
    rf"(?:\s*,?\s+and\s+(?:of\s+(?:the\s+)?|{_AS_ROLE})(?P<orgs2>{_OLIST}))?"
    rf"(?=\s*[,.;:)—–]|\s*$|\s+(?:since|and|to|in|for|at|on)\b)"
)
# "cooperation between the two countries as members of the G20"
BETWEEN_AS_MEMBERS = re.compile(
    rf"\bbetween\s+(?:the\s+)?(?P<subj>{_CLIST}|{_ANAPH})\s+as\s+(?:fellow\s+|founding\s+)?"
    rf"{_MEMBER_ONLY}\s+of\s+(?:the\s+)?(?P<orgs>{_OLIST})"
)
# "A joined X last month alongside B, C and D", "a fellow member of X with B": they joined,
# they are members too
JOINED_ALONGSIDE = re.compile(
    rf"(?:\b(?:(?:re)?joined|entered|acceded\s+to)\s+(?:both\s+)?(?:the\s+)?(?P<orgs>{_OLIST}){_WHEN}"
    rf"\s*,?\s+(?:alongside|along\s+with|together\s+with)|\bfellow\s+{_MEMBER_ONLY}\s+of\s+"
    rf"(?:the\s+)?(?P<orgs2>{_OLIST})\s+(?:with|alongside))\s+(?:the\s+)?(?P<subj>{_CLIST})"
)
# "A and B are members of X, alongside C, D and E": the states listed after it too
ALONGSIDE = re.compile(
    rf"{_MEMBER_ONLY}\s+of\s+(?:the\s+)?(?P<orgs>{_OLIST}){_WHEN}{_ALONG}(?:(?:fellow|other)\s+"
    rf"(?P<orgs2>{_O})\s+(?:members|member\s+states|allies)\s+)?(?P<subj>{_CLIST})"
)
# "A is a member of X, as are B and C", "A and B are X members, as is C": the states after
# "as are" too
AS_ARE = re.compile(
    rf"(?:{_MEMBER_ONLY}\s+of\s+(?:the\s+)?(?P<orgs>{_OLIST})|(?P<orgs2>{_O})\s+{_MEMBER}s?\b)"
    rf"\s*,\s*as\s+(?:are|is|were|was)\s+(?:the\s+)?(?P<subj>{_CLIST})(?=\s*[,.;:)—–]|\s*$)"
)
# "the Pacific Alliance, which Chile founded together with B, C and D", "the BRICS group,
# which A and B formally entered on January 1 along with C and D"
WHICH_ENTERED = re.compile(
    rf"(?P<orgs>{_O}){_KIND_WORD}\s*,\s*(?:(?:the|a|an)\s+(?:[a-z-]+\s+){{0,2}}?(?:bloc|group|"
    rf"grouping|alliance|organi[sz]ation|community|union|forum)\s+)?(?:which|that)\s+(?:the\s+)?"
    rf"(?P<subj>{_CLIST})\s+{_ADV}"
    rf"(?:(?:re)?joined|entered|(?:co-)?founded|established|created|form(?:s|ed)?){_WHEN}"
    rf"(?:(?:{_ALONG}|\s+with\s+(?:the\s+)?)(?P<subj2>{_CLIST}))?(?=\s*[,.;:)—–]|\s*$|\s+(?:and|in|on|as|since)\b)"
)
# "A, which together with B and C forms X", "Together with B and C, they make up X": the
# subject and the states it is together with
_FORM_VERB = (
    r"(?:form(?:s|ed)?|make\s+up|makes\s+up|made\s+up|(?:co-)?founded|constitute[sd]?|"
    r"established|created)"
)
TOGETHER_FORMED = re.compile(
    rf"(?P<subj>{_CLIST})\s*,\s*which\s+(?:together|along)\s+with\s+(?:the\s+)?"
    rf"(?P<subj2>{_CLIST})\s*,?\s+(?:also\s+|jointly\s+)?{_FORM_VERB}\s+(?:the\s+)?(?P<orgs>{_O})"
)
FRONTED_TOGETHER = re.compile(
    rf"(?:^|(?<=[,;]\s))[Tt]ogether\s+with\s+(?:the\s+)?(?P<subj2>{_CLIST})\s*,\s*"
    rf"(?P<subj>{_CLIST}|{_ANAPH})\s+(?:also\s+|jointly\s+)?{_FORM_VERB}\s+(?:the\s+)?(?P<orgs>{_O})"
)
TOGETHER_BEFORE = re.compile(r"[Tt]ogether\s+with\b[^,;]*,\s*$")
# "the bloc founded by A, B, C and D": the founders are members
FOUNDED_BY = re.compile(
    rf"(?P<orgs>{_O}){_KIND_WORD}\s*,?\s+(?:(?:which\s+)?(?:was|were)\s+)?(?:originally\s+|"
    rf"jointly\s+)?(?:co-)?(?:founded|formed|created|established|set\s+up)(?:\s+in\s+\d{{4}})?"
    rf"\s+by\s+(?:the\s+)?(?P<subj>{_CLIST})"
)
# "The IORA brings together 23 member states on the Indian Ocean rim, among them A, B and C"
ORG_COUNT_AMONG = re.compile(
    rf"(?P<orgs>{_O}){_KIND_WORD}\s+(?:brings\s+together|groups|unites|includes|has|comprises|"
    rf"counts)\s+(?:\d+|[a-z]+)(?:\s+[a-z]+)?\s+(?:member\s+)?(?:states|countries|nations|"
    rf"members|economies)\b[^.;⟨]{{0,60}}?,\s*(?:among\s+them|including|such\s+as|notably)\s+"
    rf"(?:the\s+)?(?P<subj>{_CLIST})"
)
# "Britain and Canada sit alongside the US, France and Japan in the G7"
SIT_ALONGSIDE = re.compile(
    rf"(?P<subj>{_CLIST})\s+(?:sit|sits|sat|serve|serves|served)\s+(?:alongside|with)\s+(?:the\s+)?"
    rf"(?P<subj2>{_CLIST})\s+(?:in|on)\s+(?:the\s+)?(?P<orgs>{_O})"
)
WELCOME = re.compile(
    rf"welcom(?:e|es|ed|ing)\s+(?P<subj>{_CLIST})\s+(?:as\s+{_MODS}(?:(?P<orgs>{_O}){_POS}?\s+"
    rf"{_MODS})?{_MEMBER}\b|(?:to|into)\s+(?:the\s+)?(?P<orgs2>{_O})(?=\s*[,.;:)—–]|\s*$|\s+"
    r"(?:last|this|on|in|as|and|today|yesterday)\b))"
)
AS_ALLY = re.compile(
    rf"(?P<subj>{_C})\s+as\s+(?:a|an|the|its|our)\s+{_MODS}{_MEMBER}\s+(?:in|of|within)\s+"
    rf"(?:the\s+)?(?P<orgs>{_O})"
)
ACCESSION_OF = re.compile(
    rf"accession\s+of\s+(?P<subj>{_CLIST})(?:\s+(?:to|into)\s+(?:the\s+)?(?P<orgs>{_O}))?"
)
ACCESSION_DONE_AFTER = re.compile(
    r"^[^.;]{0,15}?\b(?:last\s+(?:year|month|week)|earlier\s+this\s+year|in\s+(?:19|20)\d\d|"
    r"(?:was|were|has\s+been|have\s+been|is\s+now)\s+(?:officially\s+|formally\s+)?"
    r"(?:completed|finali[sz]ed|formali[sz]ed)|took\s+effect|years?\s+ago)"
)
ACCESSION_DONE_BEFORE = re.compile(
    r"(?:digest(?:ed)?|absorb(?:ed)?|complet(?:ed|ion\s+of)|finali[sz]ed|since|following|"
    r"after)\s+(?:the\s+)?$"
)
POSSESSIVE_ACCESSION = re.compile(
    rf"(?P<subj>{_C}){_POS}\s+(?:(?P<orgs>{_O})\s+)?(?:accession|membership|admission)"
    rf"(?:\s+(?:to|in|of|into)\s+(?:the\s+)?(?P<orgs2>{_O}))?"
    # "the (non-permanent) membership of A in X"
    rf"|\b(?:[\w-]+\s+)?membership\s+of\s+(?:the\s+)?(?P<subj2>{_C})\s+(?:in|of)\s+(?:the\s+)?"
    rf"(?P<orgs3>{_O})"
)
# "A's admission in 2001 took 15 years": dated in the past, told in the past tense.
DATED_PAST_AFTER = re.compile(
    r"^\s+in\s+(?P<year>(?:19|20)\d\d)\s+(?:took|was|came|made|brought|marked|meant|saw|"
    r"gave|followed|ended|opened|led)\b"
)
# "the EU's two biggest economies", "the two largest NATO members": two states named before.
ORG_TOP_TWO = re.compile(
    rf"\b[Tt]he\s+(?:(?P<orgs>{_O}){_POS}\s+two|two)\s+(?:biggest|largest|richest|"
    rf"strongest|leading|most\s+powerful)\s+(?P<orgs2>{_O}\s+)?(?:economies|members|member\s+"
    rf"states|powers)\b"
)
# "Both NATO allies have", "trade between the two fellow ASEAN members": the two states meant
BOTH_ORG_MEMBERS = re.compile(
    rf"\b(?P<subj>[Bb]oth|[Tt]he\s+two)\s+(?:fellow\s+)?(?P<orgs>{_O})\s+(?:members|member\s+"
    rf"states|allies|Allies|countries|nations)\b"
)
# "Japan, India and Australia – the four members of the Quad": a list named by its count
LIST_THE_MEMBERS = re.compile(
    rf"(?P<subj>{_C}(?:{_SEP}{_C})+)\s*(?:,|[—–]|\s-)\s*(?:the|all)\s+(?:two|three|four|five|six|"
    rf"seven|eight|nine|ten|\d+)\s+(?:founding\s+)?members\s+of\s+(?:the\s+)?(?P<orgs>{_O})"
)
# "they persuaded fellow EU members", "A urged its fellow NATO allies": the subject is one too.
FELLOW_MEMBERS = re.compile(
    rf"{_SUBJ}\s+(?:[a-z]+\s+){{1,2}}?(?:its\s+|their\s+)?fellow\s+(?:(?P<orgs>{_O})\s+"
    rf"{_MEMBER}\b|{_MEMBER_ONLY}\s+of\s+(?:the\s+)?{_JOINED_MOD}(?P<orgs2>{_O}))"
)
# "The southern part of A is a member of X": a part of the state as subject.
PART_OF_STATE_BEFORE = re.compile(r"^\s*[Tt]he\s+(?:[\w-]+\s+){0,3}part\s+of\s+$")
# A membership that already has effects: "thanks to A's membership of X", "spurs ... as being
# A's membership of X", "since A's membership".
FACT_BEFORE = re.compile(
    r"\b(?:thanks\s+to|due\s+to|because\s+of|owing\s+to|since|as\s+being|given|in\s+view\s+of)"
    r"\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
MEMBERSHIP_HEDGE_AFTER = re.compile(
    r"^\s*(?:bid|application|talks|negotiations|process|prospects?|aspirations?|would|will|could|"
    r"is\s+(?:not|un)\w*)\b",
    re.IGNORECASE,
)
# "marking Brazil's return to the bloc", "celebrated Finland's accession to NATO": an event
# that has happened
MARKED_ENTRY = re.compile(
    rf"\b(?:mark(?:s|ed|ing)?|celebrat(?:e|es|ed|ing)|hail(?:s|ed|ing)?)\s+(?:the\s+)?"
    rf"(?P<subj>{_C}){_POS}\s+(?:formal\s+|official\s+)?(?:return|accession|admission|entry)\s+"
    rf"(?:to|into)\s+(?:the\s+)?(?P<orgs>{_O})"
)
# "A's accession as a full member of X would ...": not (yet) done
ACCESSION_HEDGE_AFTER = re.compile(
    r"^[^.;]{0,30}?\b(?:bid|application|talks|negotiations|process|prospects?|would|will|could|"
    r"may|might|remains?|requires?|depends|needs?|is\s+(?:not|un)\w*|is\s+expected|goal|hope|"
    r"next|soon|later|planned)\b",
    re.IGNORECASE,
)
ORG_OF_LIST = re.compile(  # "the Customs Union of Russia, Belarus and Kazakhstan"
    rf"(?P<orgs>{_O})\s+of\s+(?:the\s+)?(?P<subj>{_C}(?:{_SEP}{_C})+)(?=\s*[,.;:)—–]|\s*$|\s+"
    r"(?:is|was|has|had|will|came|took|in|on|since)\b)"
)
# "Customs Union" named without its own adjective: the Eurasian one when its members are named.
CUSTOMS_UNION = re.compile(r"(?<!Eurasian )(?<!European )(?<!EU )(?<!EU-)\bCustoms\s+Union\b")
RATIFIED_BEFORE = re.compile(
    r"(?:(?:completed|finali[sz]ed|formali[sz]ed)|(?:members|[Aa]llies|states|countries)\s+"
    r"(?:have\s+|had\s+)?(?:all\s+|now\s+|unanimously\s+|formally\s+)?ratified)\s+(?:the\s+)?$"
)
CHAIR = re.compile(
    rf"(?P<subj>{_C})(?:{_POS}|(?:\s*,\s*which)?\s+(?:currently\s+|now\s+)?(?:holds|held|"
    rf"assumed|took\s+over))\s+(?:the\s+)?(?:(?:current|rotating|annual)\s+)*(?:chair(?:manship)?|"
    rf"presidency)\s+(?:of|in)\s+(?:the\s+)?{_JOINED_MOD}(?P<orgs>{_O})"
)

# Cue words that turn a statement into an application, aspiration, negation or non-member.
HEDGE = re.compile(
    r"\b(?:not|never|no\s+longer|yet|except|excluding|unlikely|hopes?|hoping|wants?|wanting|wish(?:es)?|"
    r"seeks?|seeking|aims?|bids?|apply|applies|applied|applying|applications?|candidates?|"
    r"candidacy|observers?|associate|prospective|potential|possible|future|eventual|"
    r"aspir\w*|would|could|should|might|shall|proposed|planned|pending|if|whether|unless|"
    r"former|ex|non-member|suspended|expelled|withdr\w*|accept\w*|admit(?:ting)?|consider\w*|forward|"
    r"ready|expect\w*|soon|intend\w*|plans?|planning|eager|dialogue|guests?|suppose|"
    r"supposing|imagine|assume|assuming|hypothetical\w*|"
    r"partners?(?!\s+and\s+(?:fellow\s+)?(?:[Mm]ember|[Aa]ll)|\s+(?:in|within)\s+(?:the\s+)?⟨O|\s+⟨C))\b|"
    r"n['’]t\b|\bnon-⟨|respectively",
    re.IGNORECASE,
)
HEDGE_CASED = re.compile(r"\b(?:may|will)\b")
AFTER_LIST_HEDGE = re.compile(
    r"^[^.;]{0,25}?\b(?:observers?|partners?|candidates?|applicants?|associates?|dialogue)\b"
)
# "the return of Brazil, which rejoined X": the state after a preposition is the subject of
# its own relative clause
RELATIVE_SUBJECT = re.compile(r"\s*,\s*(?:which|that)\b")
PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|with|from|to|for|than|between|by|against|on|in|at|about|over)\s*$"
)
# the start of a clause before its subject: "They stressed that (the) A and B, as allies in X,"
CLAUSE_START = re.compile(r"(?:^|[,;:“\"(]|\b(?:that|and|but|while|as)\b)\s*(?:the\s+)?$")
TOKEN = re.compile(r"⟨([CO])(\d+)⟩")

# "talks with heads of the CSTO member states", "a summit of the CIS heads of state", "leaders
# of the CIS states": the heads are listed next ("President of Kyrgyzstan A, President of ...").
HEADS_OF_MEMBERS = re.compile(
    rf"\b(?:[Hh]eads|[Ll]eaders)\s+of\s+(?:(?:state|government)(?:\s+and\s+(?:state|government))?"
    rf"\s+of\s+(?:the\s+)?(?P<orgs>{_O})(?:{_POS}?\s+(?:member\s+)?{_STATES})?|(?:the\s+)?"
    rf"(?P<orgs2>{_O}){_POS}?\s+(?:member\s+)?{_STATES})\b|(?P<orgs3>{_O})\s+(?:member\s+"
    rf"{_STATES}\s+)?heads\s+of\s+(?:state|government)\b|\b(?:[Rr]epresentatives|[Aa]mbassadors|"
    rf"[Ee]nvoys|[Dd]elegations|[Dd]iplomats|[Hh]eads\s+of\s+(?:diplomatic\s+)?missions)\s+of\s+"
    rf"(?:the\s+)?(?P<orgs4>{_O}){_POS}?\s+member\s+{_STATES}\b"
)
# Guests, observers and partners listed beside the members: the list is not one of members.
LIST_HEDGE = re.compile(
    r"\b(?:guests?|invit\w*|observers?|partners?|outreach|associate\w*|candidates?|applicants?|"
    r"dialogue|plus|non-members?|former)\b",
    re.IGNORECASE,
)
# "The Netherlands is our important partner within the EU and the Alliance": inside them.
WITHIN = re.compile(
    rf"{_SUBJ}{_LEAD}{_ADV}{_BE}\s+{_MODS}(?:partner|ally|friend|member|voice|player|country|"
    rf"state|nation|supporter|advocate)s?\s+within\s+(?:both\s+)?(?:the\s+)?(?P<orgs>{_OLIST})"
    rf"(?=\s*[,.;:)—–\"”]|\s*$|\s+(?:and|as|since|in|on|for)\b)"
)
# "... the people of Türkiye ... made clear we stand with our NATO Ally": the one state of the
# sentence is the ally (not the subject of "stand").
STAND_WITH_ALLY = re.compile(
    rf"\b(?:stand(?:s|ing)?\s+(?:firmly\s+)?(?:with|by|behind)|solidarity\s+with|support(?:s|ed|"
    rf"ing)?|defen[cd](?:s|ed|ing)?)\s+(?:our|its|their|a|the)\s+{_MODS}(?P<orgs>{_O})\s+"
    rf"(?:Ally|ally)(?=\s*[,.;:!)—–]|\s*$|\s+(?:and|in|at|after)\b)"
)
# The state of such a sentence is named as an object ("the people of ⟨C0⟩", "in ⟨C0⟩").
OBJECT_STATE = re.compile(rf"\b(?:of|to|for|with|in|from)\s+(?:the\s+)?{_C}")
# A body not in the lexicon, named as what a state is a member of or joins: "a member of the
# European Energy Union", "joined the Energy Community". Read over the raw sentence text.
NAMED_BODY = re.compile(
    r"\b(?:[Mm]ember(?:\s+states?|\s+countries)?\s+of|(?:re)?joined|acceded\s+to|admitted\s+"
    r"(?:to|into))\s+the\s+(?P<name>(?:(?!The\b)[A-Z][\w’'-]*\s+){1,4}(?:Union|Organi[sz]ation|"
    r"Community|Council|Alliance|Association|League|Pact|Commonwealth|Bank|Forum|Partnership|"
    r"Bloc|Fund|Coalition)(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+)?"
    r"[A-Z][\w’'-]*){0,4})?)\b"
)

# "we, the leaders of A, B and C, met for the third ⟨O⟩ Leaders' Summit", "we ... convened for
# the first leaders' meeting of the ⟨O⟩ Group": the members' own heads meeting as the body.
MEMBERS_SUMMIT = re.compile(
    r"\b(?:met|meet|convened|convene|gathered|came\s+together)(?:\s+(?:in|at)\s+(?:[A-Z][\w’'-]*"
    r"|⟨C\d+⟩)(?:\s+[A-Z][\w’'-]*)?(?:\s*,\s*(?:[A-Z][\w’'-]*|⟨C\d+⟩))?)?\s+(?:for|at|in)\s+"
    r"(?:the|our|a)\s+(?:[\w’'-]+\s+){0,3}?(?:(?:[Ll]eaders['’]?\s+)?(?:[Ss]ummit|[Mm]eeting)\s+"
    rf"of\s+(?:the\s+)?[“\"]?(?P<orgs>{_O})|[“\"]?(?P<orgs2>{_O})[”\"]?\s+(?:[A-Z][\w-]*\s+"
    r"|\([A-Z]+\)\s+){0,5}?(?:[Ll]eaders['’]?\s+)?(?:[Ss]ummit|[Mm]eeting))"
)
# the subject of such a sentence: the authors of a joint statement ("Today, we — ...")
WE_LEADERS = re.compile(r"^(?:[^,—–]{0,40}[,—–]\s*){0,2}[Ww]e\b")
# "We, the Presidents of A, B and C – the ⟨O⟩, gathered ...": the authors name themselves as
# the body
WE_AS_BODY = re.compile(rf"{_C}\s*[,–—-]\s*(?:the\s+)?[“\"]?(?P<orgs>{_O})")

# "Through its membership of X and of Y, Iceland already ...": a membership that has effects
MEMBERSHIP_LEAD = re.compile(
    rf"(?:^[\"“]?|(?<=,\s))(?:[Tt]hrough|[Tt]hanks\s+to|[Bb]y\s+virtue\s+of|[Vv]ia)\s+(?:its|their)\s+"
    rf"membership\s+(?:of|in)\s+(?:the\s+)?(?P<orgs>{_OLIST})(?:\s*,?\s+and\s+(?:of|in)\s+"
    rf"(?:the\s+)?(?P<orgs2>{_OLIST}))?\s*,\s*(?:the\s+)?(?P<subj>{_CLIST}|{_ANAPH})\s+[a-z]+\b"
)  # the verb after the subject is part of the match: "Finland would gain" is hedged
# "the admission of Timor-Leste to the WTO": done (an application is not an admission)
ADMISSION_OF = re.compile(
    rf"\badmission\s+of\s+(?:the\s+)?(?P<subj>{_CLIST})\s+(?:to|into)\s+(?:the\s+)?(?P<orgs>{_OLIST})"
)
