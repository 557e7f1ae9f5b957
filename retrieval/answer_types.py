"""Expected answer types, as in classic question answering: a "who" question wants a name the
question does not already contain, "when" a date, "where" a place, "how many/long" a quantity.

A sentence that carries something of the wanted type is more likely to answer than one that only
repeats the question's words.
"""

from __future__ import annotations

import re

_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("quantity", re.compile(r"\bhow (?:many|much|long|far|old|big|large|often|high)\b|"
                            r"\bwhat (?:percentage|share|number|amount|proportion)\b", re.I)),
    ("date", re.compile(r"\bwhen\b|\b(?:what|which) (?:year|date|day|month|time)\b|\bsince when\b", re.I)),
    ("place", re.compile(r"\bwhere\b|\b(?:what|which|in which) (?:city|country|countries|place|region|town|venue|location)\b", re.I)),
    ("person", re.compile(r"\bwho(?:m|se)?\b|\b(?:which|what) (?:\w+ ){0,2}(?:person|people|official|leader|general|"
                          r"president|minister|secretary|spokes\w*|member|envoy|diplomat|american|russian|ukrainian|"
                          r"european|chinese|journalist|author|adviser|advisor|director|senator|ambassador)s?\b", re.I)),
]

_MONTHS = ("january february march april may june july august september october november december "
           "monday tuesday wednesday thursday friday saturday sunday").split()
_DATE = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b|\b(?:%s)\b|\b(?:yesterday|today|tomorrow|ago|last (?:week|month|year)|"
                   r"next (?:week|month|year)|earlier this \w+)\b" % "|".join(_MONTHS), re.I)
_QUANTITY = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                       r"forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|"
                       r"half|an hour|a day|a week|a year|several|few)\b", re.I)
# A person is a run of two or more capitalised words ("Marco Rubio") or a title before a name
# ("spokesman Peskov"); a lone capitalised word is as often a country or an institution.
_TITLES = (r"president|secretary|minister|spokes(?:man|woman|person)|director|adviser|advisor|envoy|general|chancellor|"
           r"leader|ambassador|senator|official|commander|chief|mr|mrs|ms|dr|master|mayor|governor|judge")
_PERSON = re.compile(r"\b([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)+)\b|"
                     r"\b(?i:%s)\.?\s+([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)\b" % _TITLES)
_PLACE = re.compile(r"\b(?:in|at|from|to|near|outside|inside|across|into|toward|towards)\s+(?:the\s+)?"
                    r"((?:[A-Z][\w-]+)(?:\s+[A-Z][\w-]+)*)")
_NOT_NAMES = set(_MONTHS) | {"the", "president", "secretary", "minister", "general", "director", "mr", "mrs", "ms"}


def expected_type(question: str) -> str | None:
    for name, pattern in _TYPES:
        if pattern.search(question):
            return name
    return None


def carries(kind: str, sentence: str, question: str) -> bool:
    """Whether `sentence` holds something of type `kind` that is not already in `question`."""
    asked = question.lower()
    if kind == "date":
        return any(m.group(0).lower() not in asked for m in _DATE.finditer(sentence))
    if kind == "quantity":
        return any(m.group(0).lower() not in asked for m in _QUANTITY.finditer(sentence))
    if kind == "place":
        return any(w.lower() not in asked for m in _PLACE.finditer(sentence) for w in m.group(1).split())
    if kind == "person":
        for m in _PERSON.finditer(sentence):
            name = m.group(1) or m.group(2)
            words = [w for w in name.split() if w[:1].isupper() and w.lower() not in _NOT_NAMES]
            if any(w.lower() not in asked for w in words):
                return True
        return False
    return False
