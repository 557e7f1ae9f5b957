"""Expected answer types, as in classic question answering: a "who" question wants a name the
question does not already contain, "when" a date, "what time" a clock time, "where" a place,
"how many/much/long" a quantity, "why" a reason.

A sentence that matches the question's words but carries nothing of the wanted kind beyond what the
question already says does not answer it ("At what time did the storm reach the coast?" is not
answered by "The storm reached the coast.").
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

import simplemma

from retrieval.lexical import STOPWORDS, normal_form, spelled_alike


@functools.lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    """The word's English lemma ("wrote" -> "write"), cached: the answer-type rules ask for the same words often."""
    return simplemma.lemmatize(word, lang="en")


# "the" or an owner before the asked-for noun: "What was the revenue", "What was Home Depot's revenue".
_OWNER = r"(?:the |(?:[\w&.-]+ ){0,3}?[\w&.-]+['’]s )"
# Figures a business story reports, all amounts of money.
_FINANCE = "revenue|revenues|sales|profit|profits|earnings|income|loss|losses|debt|valuation|turnover|deficit"

# What a "which company" question wants: a body with a name.
_ORGANISATIONS = (r"company|companies|firm|organi[sz]ation|group|team|club|brand|agency|publication|newspaper|magazine|"
                  r"website|network|broadcaster|channel|band|party|university|airline|bank|carrier|manufacturer|"
                  r"maker|retailer|outlet|studio|publisher|startup|charity|operator|insurer|supplier|developer|label|"
                  r"body|regulator|watchdog|authority|commission|union|council|committee|tribunal")

# Words between "which"/"what" and the noun naming the kind of answer: "which private equity firm",
# "which European countries", "which of the players"; not "What did the company say?", which asks
# for what was said.
_QUALIFIER = (r"(?!(?:is|was|were|are|did|does|do|will|would|can|could|should|has|have|had|"
              r"the|a|an|this|that|its|their|his|her)\b)[\w-]+ ")
_QUALIFIERS = rf"(?:of (?:the )?)?(?:{_QUALIFIER}){{0,2}}"
# "the national " in "What is the national share of ...?"
_THE_QUALIFIED = rf"the (?:{_QUALIFIER}){{0,2}}"

# What a figure measures: "what price", "what frame rate", "what resolution" ask for a figure.
_MEASURES = (r"percentage|per ?cent|share|number|amount|proportion|price|cost|score|rate|size|age|speed|distance|"
             r"temperature|value|total|sum|fee|salary|resolution|capacity|length|height|weight|width|depth|"
             r"frequency|range|mileage|dose|dosage")

# "What was the title of ...", "under what name": the answer is a name, a title.
_NAMING = re.compile(r"\b(?:what|which) (?:is|was|were|are) (?:the|its|his|her|their) "
                     r"(?:name|title|nickname)s?(?: of)?\b|"
                     r"\b(?:under )?(?:what|which) (?:name|title|nickname)s?\b", re.I)

_WHICH_PLACE = re.compile(rf"\b(?:what|which) {_QUALIFIERS}(?:city|cities|country|countries|place|region|town|venue|"
                          r"location|state|province|area|island|port|district|continent|street|building|site|"
                          r"county|counties|suburb|village|neighbou?rhood|territory|territories|capital|"
                          r"municipality|prefecture|borough)s?\b", re.I)

# "Where did the film rank / the team finish?" asks for a position in a list, not a place.
_RANKED = (r" (?:did|does|do|will|would|has|have|had|is|was|are|were) .{1,60}"
           r"\b(?:rank|ranked|ranks|finish|finished|finishes)\b")
_RANK_QUESTION = re.compile(rf"\bwhere{_RANKED}|\bwhat (?:rank|position|place)\b", re.I)
# "The 57th": a number written as an ordinal.
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.I)
_RANK = re.compile(rf"{_ORDINAL.pattern}|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                   r"last|top)\b|\bNo\. ?\d+|#\d+", re.I)

# "What was the triplex valued at?", "What is the company worth?": an amount of money.
_VALUED = r"\bwhat (?:is|was|were|are|will be) .{1,60}\b(?:valued at|priced at|worth)\b"

# People by what they do ("Which official ...", "the name of the pilot").
_PEOPLE_BY_ROLE = (r"person|people|official|leader|general|president|minister|secretary|spokes\w*|member|envoy|diplomat|"
                   r"journalist|author|adviser|advisor|director|senator|ambassador|analyst|player|footballer|coach|actor|"
                   r"actress|singer|artist|scientist|researcher|doctor|executive|ceo|founder|judge|lawyer|officer|"
                   r"architect|designer|writer|reporter|governor|mayor|candidate|politician|economist|engineer|"
                   r"pulmonologist|manager")
# People by who they are to others or what befell them ("A family friend found the car").
_PEOPLE_BY_RELATION = (r"friend|neighbou?r|relative|wife|husband|mother|father|son|daughter|brother|sister|parent|"
                       r"boyfriend|girlfriend|partner|colleague|witness|passer-?by|bystander|officer|police|detective|"
                       r"firefighter|doctor|nurse|teacher|student|resident|volunteer|employee|worker|staff|guard|soldier|"
                       r"prosecutor|juror|jury|suspect|victim|customer|passenger|driver|owner")
# "What was the name of the passenger killed ...?", "... of the hunter who ate ...": a name asked for a
# person is a person's name, not the place or the company the sentence also names.
# "the name of the X", "the names of X's Y": what follows is the thing named.
_NAME_OF_PREFIX = r"\bnames? of (?:the |an? |(?:[\w&.-]+ ){0,2}?[\w&.-]+['’]s )?"
_NAMED_PERSON = re.compile(rf"{_NAME_OF_PREFIX}(?:[\w-]+ ){{0,3}}?"
                           rf"(?:{_PEOPLE_BY_ROLE}|{_PEOPLE_BY_RELATION}|man|men|woman|women|boy|girl|child|children|baby|"
                           r"hunter|bomber|gunm[ae]n|attacker|killer|shooter|pilot|patient|crew member|sailor|skipper|"
                           r"captain|fan)s?\b(?!['’])|\bnames? of (?:the |an? )(?:[\w-]+ ){0,3}?[\w-]+ who\b", re.I)

# Things known by a proper name: "Which museum did gunmen attack?" asks for the museum's name
# ("the Bardo museum"), not for a sentence that speaks of "the museum".
_NAMED_THINGS = (r"hotel|museum|gallery|river|lake|mountain|school|college|hospital|clinic|restaurant|journal|"
                 r"programme|program|show|series|film|movie|documentary|book|novel|song|album|yacht|ship|vessel|"
                 r"airport|stadium|arena|prison|jail|suburb|township|village|community|award|prize|tournament|"
                 r"festival|war|church|mosque|temple|bridge|highway|game|app|centre|center")
# "Which prison officers": the noun naming people or a body is what is asked for, not the prison.
_WHICH_NAMED = re.compile(rf"\b(?:which|what) ({_QUALIFIERS})({_NAMED_THINGS})s?\b"
                          rf"(?! (?:{_PEOPLE_BY_ROLE}|{_PEOPLE_BY_RELATION}|{_ORGANISATIONS})s?\b)", re.I)

_TYPES: list[tuple[str, re.Pattern[str]]] = [
    # "Within what time ...?" asks for a span ("within two years"), not a time of day.
    ("duration", re.compile(r"\b(?:within|in) what (?:time|period|space of time)\b|\bwhat time ?frame\b", re.I)),
    ("time", re.compile(r"\b(?:at )?what time\b|\bwhat hour\b|\bhow late\b|\bhow early\b", re.I)),
    ("age", re.compile(r"\bhow old\b|\b(?:at )?what age\b", re.I)),
    ("duration", re.compile(r"\b(?:for )?how long\b", re.I)),
    ("quantity", re.compile(r"\bhow (?:many|much|far|big|large|often|high|tall|fast|heavy|deep|wide)\b|"
                            rf"\bwhat {_QUALIFIERS}(?:{_MEASURES})\b|"
                            rf"\bwhat (?:is|was|were|are|will be) {_OWNER}(?:\w+ ){{0,2}}(?:score|price|cost|number|amount|total|"
                            r"percentage|share|proportion|rate|size|age|population|value|distance|speed|temperature|salary|fee|budget|"
                            r"death toll|toll|figure|{_FINANCE})\b|\bby how much\b|"
                            r"\bwhat (?:did|does|do|will) .{1,60}\b(?:cost|charge|pay|earn|raise|spend)\b|"
                            rf"{_VALUED}", re.I)),
    ("date", re.compile(r"\bwhen\b|\b(?:what|which) (?:year|date|day|month|decade|century|season)s?\b|\bsince when\b|"
                        r"\bhow soon\b", re.I)),
    ("rank", _RANK_QUESTION),
    ("place", re.compile(rf"\bwhere\b(?!{_RANKED})|{_WHICH_PLACE.pattern}", re.I)),
    ("organisation", re.compile(rf"\b(?:which|what) {_QUALIFIERS}(?:{_ORGANISATIONS})s?\b", re.I)),
    ("who", re.compile(r"\bwho(?:m|se)?\b", re.I)),
    ("name", re.compile(rf"{_NAMING.pattern}|{_WHICH_NAMED.pattern}", re.I)),
    ("person", re.compile(rf"\b(?:which|what) {_QUALIFIERS}(?:{_PEOPLE_BY_ROLE})s?\b", re.I)),
    ("reason", re.compile(r"^\s*why\b|\bfor what reason\b|\bwhat (?:caused|causes|led to|prompted|is the reason|was the "
                          r"reason|triggered|sparked|provoked)\b|\bhow come\b", re.I)),
]

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec "
           "monday tuesday wednesday thursday friday saturday sunday").split()
_DATE = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)s?\b|(?:\bthe |['’])[2-9]0s\b|\b(?:%s)\b\.?|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|"
                   r"\b(?:yesterday|today|tomorrow|tonight|ago|last (?:week|month|year|night)|next (?:week|month|year)|"
                   r"earlier this \w+|this (?:week|month|year|morning|afternoon|evening)|immediately|soon|"
                   r"spring|summer|autumn|fall|winter|"
                   # a day named for what falls on it: "on Christmas Day", "over Easter"
                   r"christmas (?:day|eve)|(?:on|at|over|before|after|since|until) christmas|new year['’]s (?:day|eve)|"
                   r"boxing day|good friday|easter(?: sunday| monday| weekend)?|anzac day|australia day|"
                   r"thanksgiving(?: day)?|halloween|independence day|labou?r day|memorial day|valentine['’]s day)\b"
                   % "|".join(_MONTHS), re.I)
# "At what time ...?" asks for a time of day: a clock time, or a point as exact ("at dawn"); "last
# night" says when, not at what time.
_CLOCK = r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d\d\b"
_TIME = re.compile(rf"{_CLOCK}|\b\d{{1,2}}(?::\d\d)?\s*h\b|\b(?:noon|midnight|o'clock|dawn|dusk|daybreak|sunrise|sunset)\b",
                   re.I)
# "one" is left out: it is as often a pronoun or an article ("One campaign video featured ...").
_NUMBER_WORDS = (r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                 r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
                 r"thousands?|millions?|billions?|trillions?|dozens?|half|quarter|double|twice|triple|several|few|"
                 r"an hour|a day|a week|a month|a year|a decade")
# A year is a date, not an amount: "In 2016, ..." does not answer "How much did they spend?".
_YEAR = re.compile(r"(?<![$€£\d.,])\b(?:1[89]|20)\d\d\b(?![.,]?\d|\s*(?:%|percent|per cent))")
# A day of the month is a date too: "loaded on August 21" says nothing of how much.
_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?\b(?![,.]?\d)|"
                  r"\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b", re.I)
# A share written as a fraction: "a fifth of the state's electricity", "two-thirds of voters"; not an
# ordinal ("a third term").
_FRACTION = (r"(?:a|one|two|three|four|five|six|seven|eight|nine)[\s-](?:third|quarter|fifth|sixth|seventh|eighth|ninth|"
             r"tenth)s?(?= of\b)")
_QUANTITY = re.compile(r"\d|[$€£¥₹₩]|\b(?:%s)\b|\b%s" % (_NUMBER_WORDS, _FRACTION), re.I)
# Questions about an amount of money, and what an amount of money looks like in a sentence.
# "How much paid leave ...": a word right after "how much" and before its noun describes what is
# measured; it is not the verb of a payment.
_MONEY_QUESTION = re.compile(r"\bhow much money\b|\bhow much\b(?!\s+(?:paid|spending|earned|borrowed)\s+\w)"
                             r".{0,80}\b(?:spen[dt]|spending|cost|costs|costing|pa(?:y|id|ying|ys)|charg\w*|"
                             r"earn\w*|worth|sell\w*|sold|bought|buy\w*|invest\w*|raise[ds]?|raising|fund\w*|"
                             r"owe[ds]?|fine[ds]?|budget\w*)\b|"
                             # "How much did each winner receive?"; not "How much rain did Sydney receive?"
                             r"\bhow much (?:did|does|do|will|would|has|have|had) .{1,80}\b(?:receiv\w*|award\w*|donat\w*|"
                             r"grant\w*|offer\w*|make|made|collect\w*)\b|"
                             r"\bwhat (?:is|was|were|are|will be) " + _OWNER +
                             r"(?:\w+ )?(?:price|cost|fee|salary|budget|fine|" + _FINANCE + r")\b|"
                             r"\bwhat (?:did|does|do|will) .{1,60}\b(?:cost|charge|pay|spend)\b|" + _VALUED, re.I)
# Words may be joined by hyphens: "had to pay out half-a-million-pounds".
_MONEY = re.compile(r"[$€£¥₹₩]\s?\d|\b(?:\d[\d,.]*|(?:(?:half[\s-])?an?|one|two|three|four|five|six|seven|eight|nine|ten|"
                    r"twenty|fifty|a few|several)[\s-](?:hundred|thousand|million|billion|trillion))"
                    r"[\s-]*(?:million|billion|trillion|bn|m|k)?[\s-]*(?:dollars?|euros?|pounds?|"
                    r"yen|yuan|rupees?|francs?|usd|eur|gbp|cents?)\b(?!\s+of\b)|\b(?:rs\.?|inr|usd|eur|gbp)\s?\d", re.I)
# An amount of money or a share, with its number: not a count.
_AMOUNT = re.compile(r"[$€£¥₹₩]\s?\d[\d,.]*(?:\s*(?:million|billion|trillion|bn|m|k)\b)?|"
                     r"\b\d[\d,.]*\s*(?:%|percent\b|per cent\b)|" + _MONEY.pattern, re.I)
# An age: "the 23-year-old", "aged 55", "Carlineo, 55, ...", "in her 40s".
_AGE = re.compile(r"\b\d{1,3}[- ](?:years?|yrs?|months?|weeks?|days?)[- ]old\b|\baged? \d{1,3}\b|(?<=[A-Za-z.]), \d{1,3},|"
                  # an age told: "at the age of 16", "had just turned 21", "when he was 15"
                  r"\bat (?:the )?age (?:of )?\d{1,3}\b|\bturn(?:s|ed|ing)? \d{1,3}\b(?![.,]?\d|\s*(?:%|percent))|"
                  r"\bwhen (?:he|she|i|they|we) (?:was|were) \d{1,2}\b(?![.,]?\d|\s*%)|"
                  # an age limit: "the age of 16", "the retirement age should be raised to 70"
                  r"\bage (?:of )?\d{1,3}\b|\bage (?:\w+ ){0,3}(?:to|at|of) \d{1,3}\b(?![.,]?\d|\s*(?:%|percent))|"
                  r"\bin (?:his|her|their) (?:early |mid-?|late )?(?:\d0s|teens|twenties|thirties|forties|fifties|"
                  r"sixties|seventies|eighties|nineties)\b", re.I)
_LENGTHS = r"miles?|km|kilomet(?:er|re)s?|met(?:er|re)s?|feet|foot|ft|inch(?:es)?|yards?"
# How long: an amount of time ("90 minutes", "three years", "an hour-long call") or of length ("12 miles").
_TIME_UNITS = r"seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|decades?|century|centuries"


def _amount_of(units: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:\d[\d,.]*\+?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                      r"twenty|thirty|forty|fifty|sixty|ninety|hundred|several|few|many|half an?|(?:a |one )?half|a couple of)"
                      r"(?:[- ](?:and a half|more|full|whole|straight))?[- ]"
                      rf"(?:{units})\b(?![- ]old\b)|"
                      r"\b(?:hour|day|week|month|year|decade)s?-long\b|\bovernight\b", re.I)


_DURATION = _amount_of(f"{_TIME_UNITS}|{_LENGTHS}")
# "How long does it last / take / stay ...?" asks for a span of time: "3/4 inch" is a length.
_SPAN_OF_TIME = _amount_of(_TIME_UNITS)
# A name: a run of capitalised words ("Dräger", "Oanda", "Blue Origin"); the sentence's first word only
# when more capitalised words follow it.
_NAME_RUN = re.compile(r"\b[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*")
# A person is a run of two or more capitalised words ("Marco Rubio") or a title before a name
# ("spokesman Peskov"); a lone capitalised word is as often a country or an institution.
_TITLES = (r"president|secretary|minister|spokes(?:man|woman|person)|director|adviser|advisor|envoy|general|chancellor|"
           r"leader|ambassador|senator|official|commander|chief|mr|mrs|ms|dr|master|mayor|governor|judge|coach|"
           r"analyst|ceo|founder|professor|prof|rep|sen|gov|lt|col|sgt|capt")
_NAME = r"(?:Ma?c(?=[A-Z]))?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"  # "MacFarlane", "McGauran" too
_INITIALS = r"(?<![A-Z.])(?!U\.[SKN]\.|E\.U\.)(?:[A-Z]\.){1,3}"  # "P.J. Crowley"; "U.S. Navy" is no person
# "Abdel-Aziz al-Rantissi", "Osama bin Laden", "Ludwig van Beethoven": a particle inside a name.
_PARTICLES = "bin|ibn|al|el|de|da|di|du|van|von|der|den|la|le|del|dos|das"
_PERSON = re.compile(rf"\b((?:{_INITIALS}\s*)?{_NAME}(?:\s+(?:[A-Z]\.\s+|(?:{_PARTICLES})[-\s](?=[A-Z]))?{_NAME})+|{_INITIALS}\s*{_NAME})\b|\b(?i:{_TITLES})\.?\s+({_NAME}(?:\s+{_NAME})*)\b")
_PLACE = re.compile(r"\b(?:in|at|from|to|near|outside|inside|across|into|toward|towards|on|off|between|atop|above|"
                    r"below|beneath|under|along|around|aboard|within|throughout|behind|beyond|opposite)\s+(?:the\s+)?"
                    r"((?:[A-Z][\w-]+)(?:['’]s)?(?:\s+(?:of\s+)?[A-Z][\w-]+(?:['’]s)?)*)")
_NEARBY = re.compile(r"\bnearby ([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)|"
                     # "near Cessnock, west of Newcastle": a place told by its bearing from another
                     r"\b((?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of [A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)", re.I)
# Places that are not names: "converted to Islam while in jail", "held on board a ship".
_COMMON_PLACE = re.compile(r"\b(?:in|at|on board|aboard|inside|outside|into|from|through)\s+(?:(?:a|an|the|his|her|their|its)\s+)?"
                          r"(?:[\w-]+\s+)?(jail|prison|custody|hospital|home|ship|vessel|camp|court|church|mosque|"
                          r"temple|hotel|airport|school|office|embassy|headquarters|station|market|restaurant|store|"
                          r"shop|mall|stadium|park|beach|base|building|checkpoint|tent|marquee|terminal)\b", re.I)
# Where something was said is where it was told: "in his nightly address", "in a social media post",
# "at a press conference". Only for a question asking where someone said, wrote or announced it.
_VENUE = re.compile(r"\b(?:in|on|at|during)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?"
                    r"(address|speech|post|interview|statement|broadcast|letter|briefing|meeting|conference|rally|"
                    r"summit|session|hearing|message|video|tweet|op-ed|column|podcast|appearance|remarks)\b", re.I)
_TOLD_VERBS = frozenset("acknowledge announce reveal confirm describe post write express admit speak deny call praise "
                        "criticise criticize accuse defend vow pledge promise".split())
_TOLD_NOUNS = re.compile(r"\b(?:remarks|comments?|speech|statement|announcement|address)\b", re.I)
# "in the northern Israeli town of Haifa", "based in the capital, Kabul": a place named after the kind
# of place it is.
_PLACE_OF = re.compile(r"\b(?:town|city|village|suburb|region|province|state|port|district|capital|island|county)"
                       r"(?:\s+of\s+|\s*,\s*)"
                       r"((?:[A-Z][\w-]+)(?:\s+[A-Z][\w-]+)*)")
_ADDRESS = re.compile(r"[A-Za-z.]\s*,\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?),\s+(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[A-Z]{2})\b"
                      r"(?!\s+[A-Z]|\s*,\s*[A-Z]|\s+and\b)")
_REASON = re.compile(r"\b(?:because|due to|as a result|result of|caused by|owing to|thanks to|reasons?|in order to|"
                     r"so that|since|after|amid|following|blamed|attribut(?:e|es|ed|ing)|put (?:\w+ ){0,3}down to|aimed at|meant to|designed to|led to|prompted|"
                     r"to this end|in a bid to|in an effort to|so as to|specifically to|with the aim of|"
                     # what something was used for: "Aircraft were used in the area to drop incendiaries"
                     r"used (?:[\w'’-]+ ){0,8}?to (?!(?:the|a|an|his|her|their|its|this|that)\b)[a-z]+|"
                     r"to (?:avoid|prevent|protect|help|ensure|make|keep|reduce|stop|save|allow)|"
                     # "that's why it is used", "The music makes you happy": a cause told after its effect
                     r"(?:that|this|which)(?: i|['’])s why|makes? (?:you|people|them|us|shoppers|customers|buyers|readers)|"
                     # "was killed for refusing to ...", "sentenced to be stoned to death for having sex": what
                     # someone was punished, praised or blamed for, told after what was done to them
                     r"\w+(?:ed|en)\b(?:\s+\S+){0,3}?\s+for\s+(?:\w+ly\s+)?\w+ing)\b",
                     re.I)
# Last words that make a capitalised run a place or an institution rather than a person.
_NOT_PERSON_HEADS = set("""street avenue road square house court center centre department ministry office university college
school hospital party council committee agency bank group company inc corp corporation times news post press journal
service services association union institute foundation museum park station airport island islands river lake
mountains valley county state states city province region territory republic kingdom bureau commission administration army navy
force forces police church league club stadium arena hall theater theatre hotel festival awards summit conference
area bay coast sea ocean gulf strait peninsula desert airlines airline airways motors systems technologies labs media
records pictures studios entertainment network networks channel fund partners holdings capital war death act bill
treaty cup prize award games olympics series show
""".split())
# People named by what they are: "A family friend found the car."
_PERSON_NOUN = re.compile(rf"\b(?:{_PEOPLE_BY_RELATION})s?\b", re.I)
# "Who" asks for someone who acts: a person or a body, not the race or the cup they act in ("the
# Sydney to Hobart Yacht Race" names no skipper, "the Davis Cup" no winner). Not "games": a studio is
# often called that ("Yacht Club Games").
_EVENT_HEADS = frozenset("""race races cup cups championship championships tournament test tests olympics open
marathon classic final finals series festival awards summit conference election elections trial inquiry""".split())
_NOT_NAMES = set(_MONTHS) | {"the", "president", "secretary", "minister", "general", "director", "mr", "mrs", "ms"}


# The question word must open the question (give or take "In which", "At what", "And who"): a "where"
# or "when" further on is a relative clause ("What will Austria turn the house where Hitler was born into?").
QUESTION_WORD_WITHIN = 24


# "Which American was released ...", "Which Democrat won ...": a capitalised group noun (a nationality,
# a party) standing alone before the verb asks for a person; the answer names them.
_WHICH_MEMBER = re.compile(r"\b[Ww]hich ([A-Z][a-z]+) (?:was|were|is|are|has|have|had|did|does|do|will|would|won|lost|"
                           r"said|says|became|died|got|received|led|leads)\b")


_QUESTION_WORD = re.compile(r"\b(?:who|whom|whose|what|which|when|where|why|how)\b", re.I)


def _opening(question: str) -> int:
    """Where the question's own question word stands (at most QUESTION_WORD_WITHIN characters in, or
    further when a comma sets the opening off: "According to the Guardian's report, how many ...?")."""
    first = _QUESTION_WORD.search(question)
    if first is None:
        return QUESTION_WORD_WITHIN
    if first.start() <= QUESTION_WORD_WITHIN or question[:first.start()].rstrip().endswith(","):
        return first.start()
    return QUESTION_WORD_WITHIN


@functools.lru_cache(maxsize=1024)  # asked for by ranking and by the decision on the same question
def expected_type(question: str) -> str | None:
    """The kind of answer the question asks for, by the earliest question phrase near its start."""
    # Found at the same place, the first kind listed wins: "What percentage of companies ...?" asks
    # for a share, not a company.
    found = [(m.start(), i, name) for i, (name, pattern) in enumerate(_TYPES) for m in [pattern.search(question)] if m]
    found += [(m.start(), len(_TYPES), "person") for m in [_WHICH_MEMBER.search(question)]
              if m and m.group(1).lower() not in _NOT_PERSON_HEADS]  # "Which Olympics did she win?" asks for no person
    # The question's own question word, not one in a clause after it: "How did Trump answer when
    # asked ...?" does not ask for a date.
    limit = _opening(question)
    found = [f for f in found if f[0] <= limit]
    kind = min(found)[2] if found else None
    return "person" if kind == "name" and _NAMED_PERSON.search(question) else kind


_HOW_MANY = re.compile(r"\bhow many ((?:[\w'-]+ ){0,2}[\w'-]+)\b", re.I)


def counted_words(question: str) -> list[str]:
    """The words naming what a "how many" question counts ("How many school districts shut?" ->
    ["school", "districts"]): a number right before them is the answer itself."""
    m = _HOW_MANY.search(question)
    words: list[str] = []
    for word in (m.group(1).lower().split() if m else []):
        if word in STOPWORDS:  # "How many employees does Big Machine have?": the count ends at the verb
            break
        # "How many listeners voted ...?", "How many Swiss died?": the count ends at the noun it counts;
        # a verb after it is no part of what is counted. After "people" it is: "people died" is the count.
        if words and words[-1] not in _ANYONE and (_plural(words[-1]) or word.endswith("ed") and _lemma(word) != word):
            break
        words.append(word)
    # "How many Israeli warplanes?": a people's name before the noun qualifies it; "10 Israelis" are
    # no warplanes.
    if len(words) > 1:
        written = dict((w.lower(), w) for w in re.findall(r"[\w'-]+", m.group(1)))
        words = [w for w in words[:-1] if not _DEMONYM.match(written.get(w, w))] + words[-1:]
    # "How many people died?" is answered by "killed 3,338": a count of people rarely says "people".
    return [] if set(words) <= _ANYONE else words


def _plural(word: str) -> bool:
    """Whether a lower-case word is a plural noun ("listeners", "children"), not a name ending in s ("hamas")."""
    return word in _IRREGULAR_PLURALS or word.endswith("s") and not word.endswith("ss") and _lemma(word) != word


_IRREGULAR_PLURALS = frozenset({"people", "children", "men", "women", "police", "feet", "teeth", "mice", "geese",
                                "cattle", "staff", "personnel"})
_ONE = frozenset({"one", "single", "zero"})
# "Firemen helped several hotel guests to safety" does not say how many guests there were.
_VAGUE = frozenset({"several", "few"})
_ANYONE = frozenset({"people", "persons", "times"})


# Units and box-score columns as written after a number ("4.9 million bbl.", "2 INT"), by the normal
# form of the word they stand for.
_ABBREVIATED = {normal_form(word): tuple(short.split()) for word, short in {
    "barrels": "bbl bbls", "pounds": "lb lbs", "kilograms": "kg kgs", "kilometres": "km kms", "kilometers": "km kms",
    "miles": "mi", "feet": "ft", "ounces": "oz", "hours": "hr hrs", "minutes": "min mins", "seconds": "sec secs",
    "yards": "yd yds", "points": "pts", "rebounds": "reb rebs", "assists": "ast", "interceptions": "int ints",
    "touchdowns": "td tds", "tackles": "tkl", "sacks": "sk"}.items()}


def abbreviations(token: str) -> frozenset[str]:
    """How a unit or a box-score column (`token` in the lexical index's normal form) is abbreviated."""
    return frozenset(_ABBREVIATED.get(token, ()))


# How many words after what is counted "one of N" may stand and still count it.
ONE_OF_WITHIN = 8
# How many words before "N others" what they are may stand ("a wounded fighter, but seven others").
OTHERS_WITHIN = 5


def counts(sentence: str, words: list[str]) -> bool:
    """Whether a number stands within three words before one of `words` ("nearly 300 school districts")."""
    if not words:
        return False
    # "800 schools.The fact ...": a page that left out the space after a full stop still counts schools.
    # An amount of money or a share counts nothing: "$500 million from the casinos".
    sentence = _AMOUNT.sub(lambda m: " " * len(m.group(0)), sentence)
    tokens = re.findall(r"[\w$€£%.,'-]+", re.sub(r"\.(?=[A-Z])", ". ", sentence).lower())
    stems = {normal_form(w) for w in words if len(w) > 2}
    stems |= {short for stem in stems for short in abbreviations(stem)}
    for i, tok in enumerate(tokens):
        word = tok.strip(".,'-")
        # "the 30-date jaunt", "a 12-member jury": the number and what it counts in one word.
        joined = re.fullmatch(r"(?:\d[\d,]*|(?:%s))-([a-z]+)" % _NUMBER_WORDS, word)
        if joined and normal_form(joined.group(1)) in stems:
            return True
        # "arrested a wounded Al Qaeda fighter, but seven others remain barricaded": "others" after a
        # number stands for what the sentence named just before it (OTHERS_WITHIN words before "others").
        counted_here = word and normal_form(word) in stems or word == "others" and any(
            normal_form(t.strip(".,'-")) in stems for t in tokens[max(0, i - OTHERS_WITHIN):i])
        if counted_here:
            before = tokens[max(0, i - 3):i]
            # A number, not an amount of money or a share: "$10-a-month subscription" counts no subscribers.
            # "One" counts here ("scored one goal"), though elsewhere it is as often a pronoun.
            # "Sixty-five maintenance workers": a compound number counts by its first word.
            # A year is no count: "The 2020 Audi e-tron Sportback", "Tour 2020 dates".
            before = [b for b in before if not _YEAR.fullmatch(b.rstrip(".,"))]
            if any((_QUANTITY.fullmatch(b.split("-")[0]) and b not in _VAGUE) or b in _ONE
                   or re.match(r"\d", b) and not b.rstrip(".,").endswith("%") for b in before):
                return True
            # "The proposal will be one of five discussed": the number after "one of" counts them.
            after = tokens[i + 1:i + 1 + ONE_OF_WITHIN]
            if any(a == "one" and b == "of" and (re.match(r"\d", c) or _QUANTITY.fullmatch(c.rstrip(".,")))
                   for a, b, c in zip(after, after[1:], after[2:])):
                return True
            # "the number of Chinese working in Russia ... estimates range from 200,000": a number the
            # sentence gives after naming "the number of X" is one of X.
            if re.search(r"\bnumbers? of\b", " ".join(tokens[max(0, i - 3):i])) and any(
                    _is_count(t) for t in tokens[i + 1:]):
                return True
            # "A total of 28 people who were in close contact with the patient": people counted by
            # what the clause after them says they were.
            people = next((j for j in range(i - 1, max(-1, i - 6), -1) if tokens[j].strip(".,") in _ANYONE), None)
            if people is not None and people > 0 and tokens[people + 1:people + 2] in (["who"], ["that"]) \
                    and _is_count(tokens[people - 1]) and not any(t.endswith((",", ".")) for t in tokens[people:i]):
                return True
    return False


def _is_count(token: str) -> bool:
    """Whether a token is a number that may count things: not a year, an amount of money or a share."""
    token = token.rstrip(".,")
    return bool(re.fullmatch(r"\d[\d,.]*|(?:%s)" % _NUMBER_WORDS, token)) and not _YEAR.fullmatch(token)


# "What frame rate / tax rate ...", "what is the unemployment rate": a rate is a share or a number
# per something ("5.25%", "30fps", "120Hz", "$9 per hour"), not any number.
_RATE_QUESTION = re.compile(rf"\bwhat (?:(?:is|was|were|are|will be) {_OWNER})?(?:{_QUALIFIER}){{0,2}}rates?\b", re.I)
_RATE = re.compile(r"\d[\d.,]*\s?(?:%|percent\b|per cent\b|x\b)|\d[\d.,]*\s?(?:fps|hz|khz|mhz|ghz|kbps|mbps|gbps|mph|"
                   r"km/h|kph|rpm|bpm)\b|\d[\d.,]*\s?\w*\s?(?:per|an?|each|every)\s(?:hour|day|week|month|year|second|"
                   r"minute|person|head|capita)\b|\d[\d.,]*\s?\w+/\w+\b", re.I)

# Kinds whose answer is a figure or a date, and the patterns that find one in a sentence.
# "When did the fire begin?" is answered by a clock time too ("at around 3am").
_FIGURES = {"date": re.compile(f"{_DATE.pattern}|{_CLOCK}", re.I), "time": _TIME, "age": _AGE, "duration": _DURATION,
            "rank": _RANK}
# The questions asking for a span of time (_SPAN_OF_TIME), not a length.
_HOW_LONG_IN_TIME = re.compile(r"\bhow long\b.{0,80}\b(?:last|lasts|lasted|take|takes|took|stay|stays|stayed|run|runs|ran|"
                               r"remain|remains|remained|wait|waited|live|lives|lived|keep|keeps|kept|been)\b", re.I)


# "How early / late ...?" is answered by a time or by how long before or after: "your paycheck cashed,
# up to two days before your actual payday".
_HOW_EARLY = re.compile(r"\bhow (?:early|late)\b", re.I)
_TIME_OR_AHEAD = re.compile(rf"{_TIME.pattern}|(?:{_SPAN_OF_TIME.pattern})\s+(?:before|after|early|earlier|late|later|"
                            r"ahead|in advance)\b", re.I)


# "What year", "in which years": a year, written out or counted from now ("last year", "a decade ago").
_YEAR_ASKED = re.compile(r"\b(?:what|which) years?\b", re.I)
_A_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)s?\b|\b(?:last|next|this|that|the same|the following|the previous) year\b|"
                     r"\byears? (?:ago|earlier|later|before|after)\b|\b'\d\d\b|"
                     # a year counted from something's start: "the crisis entering its third year"
                     r"\b(?:its|their|his|her|the) (?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
                     r"eighth|ninth|tenth) year\b", re.I)


# Counts whose answer may be a span of time or a distance ("how many days", "how many miles").
_SPAN_ASKED = re.compile(r"\bhow (?:far|often|long)\b|\bhow (?:many|much) (?:[\w-]+ )?(?:seconds|minutes|hours|days|nights|"
                         r"weeks|months|years|decades|centuries|time|miles|km|kilomet(?:er|re)s|met(?:er|re)s|feet|"
                         r"inches|yards)\b", re.I)


_HOW_FAR = re.compile(r"\bhow far\b", re.I)
# A distance: a number and a unit of length, perhaps with a word between ("400 exhausting kilometres").
_DISTANCE = re.compile(r"(?:\b\d[\d,.]*|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
                       r"thirty|forty|fifty|hundreds?|thousands?|several|few))(?:[- ]\w+)?[- ]"
                       rf"(?:{_LENGTHS}|kms|light[- ]years?)\b", re.I)


_HOW_MUCH = re.compile(r"\bhow much\b", re.I)
# A number of people: "Four hundred SES volunteers", "12,000 workers".
_HEADCOUNT = re.compile(rf"(?:\b(?:\d[\d,.]*|(?:{_NUMBER_WORDS})(?:[\s-](?:{_NUMBER_WORDS}))*)\s+(?:[A-Z]\w*\s+){{0,2}})"
                        rf"(?:people|persons|men|women|children|volunteers|{_PEOPLE_BY_ROLE}|{_PEOPLE_BY_RELATION})s?\b",
                        re.I)
# "The two seemed to have reached a consensus": a number standing for people named before, as a
# pronoun does, counts nothing the question asks about ("the two leaders" does count leaders).
_THE_FEW = re.compile(r"\bthe (?:two|three|four|five|six)\b(?=\s*(?:[,.;:!?]|(?:have|had|has|are|were|is|was|will|would|"
                      r"seemed|seem|appeared|met|meet|agreed|agree|said|say|also|then|and|who|which|that)\b))", re.I)


# "The 57th Sydney to Hobart": an ordinal says which one, not how much or how many, unless a rank is
# what the question asks for.
_RANK_ASKED = re.compile(r"\b(?:times?|place|position|rank|ranked|ranking|seed|seeded|edition|anniversary)\b", re.I)


# "What share of X ...?" asks for a part of a whole: a percentage, a fraction, "one in five", "half";
# not any number ("a 12 to 18-month wage freeze" for what share of the workforce agreed to it).
_SHARE_QUESTION = re.compile(rf"\bwhat (?:(?:is|was|were|are|will be) {_THE_QUALIFIED})?"
                             r"(?:share|percentage|proportion|fraction|portion|per ?cent(?:age)?)\b", re.I)
_SMALL_NUMBERS = r"one|two|three|four|five|six|seven|eight|nine|ten|\d+"
_SHARE = re.compile(r"\d[\d.,]*(?:\s*(?:-|to)\s*\d[\d.,]*)?\s*(?:%|percent\b|per cent\b|percentage points?\b)|"
                    rf"\b(?:(?:{_NUMBER_WORDS})-)?(?:{_NUMBER_WORDS}|one)[\s-](?:percent|per cent)\b|"
                    rf"\b{_FRACTION}|\b(?:half|two-thirds|three-quarters|(?:the )?majority)\b|"
                    rf"\b(?:{_SMALL_NUMBERS}) (?:in|out of) (?:every )?(?:{_SMALL_NUMBERS}|a hundred|100)\b", re.I)
# "By how much ...?" asks for a difference, told as a share as often as an amount ("28 per cent above
# average weekly earnings" answers "By how much do their earnings exceed ...?").
_BY_HOW_MUCH = re.compile(r"\bby how much\b", re.I)
# A change told after "by" ("cut by 0.25 per cent", "rose by $20"): what changed, not how much there is.
_BY = (r"\bby\s+(?:(?:about|around|nearly|almost|roughly|more than|less than|up to|over|just|a further|another)\s+)?"
       r"[$€£¥₹₩]?\d")
_BY_AMOUNT = re.compile(rf"{_BY}[\d.,]*(?:\s*(?:%|per ?cent\b|percentage points?\b|points?\b|basis points\b|"
                        r"(?:[mb]|tr)illion\b))?", re.I)
# ... a share, a multiple ("four times", "doubled") or an amount after "by" ("cut by $20", "rose by 300"):
# "That figure is a substantial drop from 1999 when 1,740 Australians died" tells a figure, not the drop.
_CHANGE = re.compile(rf"{_SHARE.pattern}|\b(?:\d+|{_NUMBER_WORDS}|one)[\s-]?(?:times|fold)\b|"
                     r"\b(?:doubled?|tripled?|quadrupled?|halved)\b|"
                     rf"{_BY}", re.I)


_SAVED = r"[$€£¥₹₩]\s?\d[\d,.]*(?:\s*(?:million|billion|m|k)\b)?"
_SAVING = re.compile(rf"\b(?:save[sd]?|saving|savings of|discount of|knock(?:s|ed)? off|slash(?:es|ed)?(?: the price)? by)"
                     rf"\s+(?:(?:up to|an extra|another|over|more than|nearly|almost|about)\s+)?{_SAVED}|"
                     rf"{_SAVED}\s*(?:off|discount|cheaper|less|savings?)\b", re.I)
_SAVING_ASKED = re.compile(r"\b(?:save[sd]?|saving|savings|discount\w*|off|cheaper|less|reduc\w*|cut)\b", re.I)


# A penalty someone could face is not the one given: "could face up to 10 years in prison" does not
# say how long he was sentenced to, unless the question asks what he could face.
_PENALTY = rf"[^,;.]*?(?:\d[\d,.]*|\b(?:one|{_NUMBER_WORDS})\b)(?:\s+[a-z]+)?"
_POSSIBLE_PENALTY = re.compile(rf"\b(?:(?:could|would|may|might|can|will) face|faces?|facing)\s+(?:up to|a maximum of|as many as)"
                               rf"{_PENALTY}|\b(?:punishable by|maximum (?:sentence|penalty|term|fine) of){_PENALTY}", re.I)
_POSSIBILITY_ASKED = re.compile(r"\b(?:could|would|may|might|can|face|faces|facing|maximum|up to|punishable|possible|"
                                r"potential|risk)\b", re.I)


def _figure_search(kind: str, sentence: str, question: str) -> tuple[re.Pattern[str], str] | None:
    """The pattern for a figure of this kind, and the text to search it in, or None for other kinds."""
    if kind in ("quantity", "duration") and not _POSSIBILITY_ASKED.search(question):
        sentence = _POSSIBLE_PENALTY.sub(lambda m: " " * len(m.group(0)), sentence)
    if kind == "quantity":
        # "What is the discount rate?": "rates will be cut by 0.25 per cent" tells no rate ("How much did
        # the economy grow?" asks for the change).
        if _RATE_QUESTION.search(question) or _SHARE_QUESTION.search(question):
            sentence = _BY_AMOUNT.sub(lambda m: " " * len(m.group(0)), sentence)
        if _SHARE_QUESTION.search(question):
            return _SHARE, sentence
        if _MONEY_QUESTION.search(question) and not _BY_HOW_MUCH.search(question):
            # "How much did they spend?" wants an amount of money; what a deal takes off a price is
            # not the price ("You'll save $250 compared to ..." for "How much does the watch cost?").
            if not _SAVING_ASKED.search(question):
                sentence = _SAVING.sub(lambda m: " " * len(m.group(0)), sentence)
            return _MONEY, sentence
        if _BY_HOW_MUCH.search(question):
            return _CHANGE, sentence
        if _HOW_FAR.search(question):  # a distance, not "five days paddling"
            return _DISTANCE, sentence
        if _RATE_QUESTION.search(question):  # "What tax rate ...?" is not answered by "buyers over 21"
            return _RATE, sentence
        # A year or a day of the month is a date, not an amount; blanked out at the same length, so
        # offsets still hold.
        blank = lambda m: " " * len(m.group(0))  # noqa: E731
        if _HOW_MANY.search(question):  # a count: "How many subscribers" is not answered by "$129"
            sentence = _AGE.sub(blank, _AMOUNT.sub(blank, sentence))  # nor by "a 43-year-old man"
            if not _SPAN_ASKED.search(question):  # nor "how many people" by "within 2 days"
                sentence = _DURATION.sub(blank, sentence)
            # (Only counts: "How much paid leave ...?" is answered by "two weeks".)
        elif _HOW_MUCH.search(question):  # an amount, not a headcount ("Four hundred SES volunteers")
            sentence = _HEADCOUNT.sub(blank, sentence)
        if not _RANK_ASKED.search(question):
            sentence = _ORDINAL.sub(blank, sentence)
        return _QUANTITY, _THE_FEW.sub(blank, _DAY.sub(blank, _YEAR.sub(blank, sentence)))
    if kind == "date" and _YEAR_ASKED.search(question):  # "In what year ...?" is not answered by "today"
        return _A_YEAR, sentence
    if kind == "duration" and _HOW_LONG_IN_TIME.search(question):
        return _SPAN_OF_TIME, sentence
    if kind == "time" and _HOW_EARLY.search(question):
        return _TIME_OR_AHEAD, sentence
    return (_FIGURES[kind], sentence) if kind in _FIGURES else None


# "When will ...?" asks when something is to happen: a sentence that tells of it only in the past
# ("The monument has been closed since Tuesday's earthquake") holds a date, but not that one. An
# answer speaks of what is to come (a future, a plan, a schedule, an expectation).
_FUTURE_QUESTION = re.compile(r"\b(?:when|(?:what|which) (?:time|hour|date|day|month|year|season))\s+(?:will|shall)\b|"
                              r"\bhow soon will\b|"
                              # "When is he due to be sentenced?", "When are the talks set to resume?"
                              r"\bwhen (?:is|are)\b.{1,80}\b(?:due|scheduled|expected|set|slated|planned|going) to\b", re.I)
_FUTURE = re.compile(r"\b(?:will|won['’]t|shall|would|going to|due|scheduled|schedule|expects?|expected|plans?|planned|"
                     r"planning|set to|aims?|aiming|intends?|intended|to be held|next|upcoming|coming|later|soon|"
                     r"tomorrow|from now|until|till|by then)\b|\w['’]ll\b|\b(?:is|are|was|were) to\b", re.I)


# What an amount of money is in business and public finance: a profit is no debt, a levy no salary.
# "How much debt does the club have?" is not answered by "a $10 levy on junior players", nor "How
# much does the chief executive earn?" by "half-year profit sank to $303 million".
_MONEY_ASPECTS = tuple(re.compile(rf"\b(?:{words})\b", re.I) for words in (
    r"profits?|earnings|net income",
    r"loss|losses|lost|lose|losing",
    r"debts?|owe[sd]?|owing|liabilit(?:y|ies)|borrow\w*|loans?",
    r"revenues?|sales|turnover",
    r"tax|taxes|taxed|levy|levies|duty|duties|tariffs?",
    r"fines?|fined|penalt(?:y|ies)|damages",
    r"grants?|aid|subsid(?:y|ies)|fund(?:s|ed|ing)?",
    r"salary|salaries|wages?|pay|paid|earns?|earned|remuneration|bonus(?:es)?",
    r"valuation|valued|worth|market value|capitali[sz]ation",
))
_MONEY_AMOUNT = re.compile(rf"[$€£¥₹₩]\s?\d|{_MONEY.pattern}", re.I)


def money_of_another_kind(sentence: str, question: str) -> bool:
    """Whether every amount of money in the sentence is told as another kind of money than the one a
    "how much" question names: a word of another kind in its clause, and the sentence has no word of
    the asked-for kind. A question naming no kind ("How much money was promised?") takes any amount."""
    if not _HOW_MUCH.search(question):
        return False
    asked = {i for i, aspect in enumerate(_MONEY_ASPECTS) if aspect.search(question)}
    if not asked or any(_MONEY_ASPECTS[i].search(sentence) for i in asked):
        return False
    amounts = list(_MONEY_AMOUNT.finditer(sentence))
    if not amounts:
        return False
    for m in amounts:
        start = max((b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, m.start())), default=0)
        end = next((b.start() for b in _CLAUSE_BREAK.finditer(sentence, m.end())), len(sentence))
        clause = sentence[start:end]
        if not any(aspect.search(clause) for i, aspect in enumerate(_MONEY_ASPECTS) if i not in asked):
            return False
    return True


# "What triggered the protests?": a sentence saying what triggered them ("This triggered the
# protests", with the sentence it points back to) gives the cause as the verb's subject.
_CAUSE_ASKED = re.compile(r"\bwhat (caused|triggered|sparked|prompted|provoked)\b", re.I)


def _tells_the_cause(sentence: str, question: str) -> bool:
    m = _CAUSE_ASKED.search(question)
    return m is not None and re.search(rf"\b{m.group(1).lower()[:-2]}", sentence, re.I) is not None


_SINCE_WHEN = re.compile(r"\bsince when\b", re.I)
_SINCE_EVENT = re.compile(r"\bsince (?:the |his |her |their |its )?[\w-]+ (?:was|were|had|has|have|became|took|left|"
                          r"joined|won|lost|began|started|ended|arrived|returned)\b", re.I)


# "Why was Marc Fogel imprisoned?": the event whose reason is asked, when the question names who it
# happened to (capitalised, as for "when" and "where").
_WHY_EVENT = re.compile(r"^\s*(?i:why)\s+(?:did|does|do|was|were|is|are|has|have|had|will|would)\s+(?:the\s+)?"
                        r"(?:[A-Z][\w.&'’-]*\s+)+([a-z][\w-]*)")
# A reason told before its event opens the sentence: "Because of the floods, the road was closed."
_REASON_FIRST = re.compile(r"^\W*(?:because|due to|owing to|thanks to|as a result|after|following|amid)\b", re.I)
# "blamed the delay on ...", "attributed the fall to ...": the cause comes after the event anyway.
_BLAME = re.compile(r"blamed|attribut|put ", re.I)


@functools.lru_cache(maxsize=1024)  # read for every candidate of a "why" question
def _why_event(question: str) -> re.Pattern[str] | None:
    m = _WHY_EVENT.match(question)
    if m is None or m.group(1) in STOPWORDS:
        return None
    word = m.group(1).lower()
    lemma = _telling_lemma(word)
    return None if lemma is None else re.compile(rf"(?<![\w'])(?:{_verb_forms(word, lemma)})", re.I)


def _reason_for_the_event(sentence: str, question: str) -> bool:
    """Whether the passage gives a reason, and, where it tells the event asked about, a reason for it:
    told after it ("imprisoned for spying", "was sentenced in March after giving birth") or opening
    the sentence, not a purpose of something else told before it ("was in Moscow to help secure Marc
    Fogel's release from prison ... after over three years of imprisonment")."""
    if not _REASON.search(sentence):
        return False
    event = _why_event(question)
    told = event.search(sentence) if event is not None else None
    if told is None or _REASON_FIRST.match(sentence):
        return True
    return any(m.start() >= told.start() or _BLAME.match(m.group(0)) for m in _REASON.finditer(sentence))


def carries(kind: str, sentence: str, question: str) -> bool:
    """Whether `sentence` holds something of type `kind` that is not already in `question`."""
    if kind == "reason":
        return _tells_the_cause(sentence, question) or _reason_for_the_event(sentence, question)
    if kind in ("date", "time") and _FUTURE_QUESTION.search(question) and not _FUTURE.search(sentence):
        return False
    if kind == "date" and _SINCE_WHEN.search(question) and _SINCE_EVENT.search(sentence):
        return True  # "Since when ...?": "since Trump was re-elected" says since when, with no date in it
    return next(_spans(kind, sentence, question), None) is not None


def answers_given(kind: str, sentence: str, question: str) -> frozenset[str]:
    """What the sentence gives as the answer: its new people for "who" (a surname: "Pete Hegseth",
    "Hegseth's" -> "hegseth"), its new names, places or figures otherwise (whole: "Universal Music
    Group" is not "The Carlyle Group"), in one spelling. Two
    passages on the same topic giving the same answer say the same thing, however differently worded."""
    if kind == "reason":
        return frozenset()
    sentence = sentence.replace("’", "'")
    if kind in ("who", "person"):
        spans: Iterator[tuple[int, int]] = _person_spans(sentence, question.lower().replace("’", "'"))
    else:
        spans = _spans(kind, sentence, question)
    found = set()
    for start, end in spans:
        text = sentence[start:end]
        if text.isdigit():  # a digit stands for the whole number it begins (_new_spans): "12,500", not "1"
            if re.search(r"\d[.,:]?$", sentence[:start]):
                continue  # inside a number already counted
            text = _number_at(sentence, start)
        elif text[:1] in "$€£¥₹₩" and (amount := _AMOUNT.match(sentence, start)):
            text = amount.group(0).rstrip(".,:")  # "$129", not the "$1" the pattern stops at: another price is another answer
        found.add(_bare(text.split()[-1]) if kind in ("who", "person") else _bare(re.sub(r"\s+", " ", text)))
    return frozenset(found)


def _words(sentence: str, normal: bool = True) -> list[tuple[int, int, str]]:
    """The sentence's words with their offsets, lower case, in the lexical index's form when `normal`."""
    return [(m.start(), m.end(), normal_form(m.group(0).lower()) if normal else m.group(0).lower())
            for m in re.finditer(r"\w+", sentence)]


def _covering(words: list[tuple[int, int, str]], start: int, end: int) -> list[int]:
    """The indexes of the words that overlap sentence[start:end]."""
    return [i for i, (s, e, _) in enumerate(words) if s < end and e > start]


def _beside(words: list[tuple[int, int, str]], at: list[int], reach: int) -> list[tuple[int, int, str]]:
    """The words up to `reach` away on either side of words[at[0]:at[-1] + 1]."""
    return words[max(0, at[0] - reach):at[0]] + words[at[-1] + 1:at[-1] + 1 + reach]


def _spans(kind: str, sentence: str, question: str) -> Iterator[tuple[int, int]]:
    """Where the sentence holds something of type `kind` that the question does not, cheapest first."""
    if kind in ("person", "who", "organisation", "name"):
        # A longer form of a name the question uses, ending in it ("the 2001 Australian Formula One
        # Grand Prix" for "the Grand Prix"), names what the question is about, not something new;
        # "Hong Kong Polytechnic University" for "in Hong Kong" is something new.
        named = _question_names(question)
        spans = (span for span in _new_spans_of(kind, sentence, question)
                 if (last := _bare(sentence[span[0]:span[1]].replace("’", "'").split()[-1])) not in named
                 and not (kind == "who" and last in _EVENT_HEADS))
        head = _named_noun(question) if kind in ("person", "name") else None
        if head is not None:
            # "What was the name of the boat sunk ...?": the boat's name stands by the word "boat" ("the
            # yacht Queen Miri", "Queen Miri, the $70 million yacht") or is given as its name ("the boat
            # was named as ..."), not anywhere in a sentence that mentions a boat.
            spans = itertools.chain((span for span in spans if _names_the(sentence, span, head)),
                                    _name_after(sentence, head, question))
        yield from spans
        return
    yield from _new_spans_of(kind, sentence, question)


_NAME_OF = re.compile(rf"{_NAME_OF_PREFIX}((?:[\w-]+ ?){{1,4}})", re.I)
NAMED_WITHIN = 4
# What may stand between a name and the noun it names, the name first: quotation marks and a word or
# two ('a new "goner" computer virus', "the Kursk submarine") or an apposition ("Queen Miri, the $70
# million yacht", "Kerry, an Irish light-bellied Brent goose"); not a verb or another noun phrase
# ("The BBC reports the unidentified boat").
_NAME_BEFORE = re.compile(r"[\s\"“”'‘’]*(?:(?!(?:the|a|an)\b)[\w-]+[\s\"“”'‘’]+){0,2}|\s*,\s*(?:the|a|an)\b[^,;:.!?()—–]*",
                          re.I)
# ... the noun first: "the yacht Queen Miri", "the trawler, Sea Star", "a boy named Shuzo".
_NAME_AFTER = re.compile(r"[\s\"“”'‘’]*|\s*,\s*(?:the\s+)?[\"“'‘]?|\s+(?:named|called|dubbed|christened|known as)\s+[\"“'‘]?",
                         re.I)


@functools.lru_cache(maxsize=1024)
def _named_noun(question: str) -> str | None:
    """The noun whose name a "what was the name of the X ...?" question asks for ("the surplus ship the
    U.S. gave" -> "ship", "the man arrested in India" -> "man"), in the lexical index's form."""
    m = _NAME_OF.search(question)
    if m is None:
        return None
    words: list[str] = []
    for word in m.group(1).split():
        verb = word.islower() and _lemma(word) != word and not word.endswith("s")
        if word.lower() in STOPWORDS or verb:
            break
        words.append(word)
    return normal_form(words[-1].lower()) if words else None


def _names_the(sentence: str, span: tuple[int, int], head: str) -> bool:
    """Whether the name at `span` is written as that of the `head` noun, with at most NAMED_WITHIN words
    between them (_NAME_BEFORE, _NAME_AFTER), or is given as the name of a `head` the sentence speaks of ("The
    passenger killed was named as Tomas Vell"; not "in an area called Dismal Swamp"). A people's
    adjective before the noun says whose it is, not its name ("a surplus American ship", "a North
    Korean spy boat")."""
    words = _words(sentence)
    at = _covering(words, *span)
    if not at:
        return False
    for i in range(at[-1] + 1, min(len(words), at[-1] + 2 + NAMED_WITHIN)):
        if words[i][2] == head:
            between = sentence[span[1]:words[i][0]]
            whose = "," not in between and _DEMONYM.fullmatch(sentence[span[0]:span[1]].split()[-1])
            if not whose and _NAME_BEFORE.fullmatch(between):
                return True
            break
    for i in range(at[0] - 1, max(-1, at[0] - 2 - NAMED_WITHIN), -1):
        if words[i][2] == head:
            if _NAME_AFTER.fullmatch(sentence[words[i][1]:span[0]]):
                return True
            break
    return _NAMED_AS.search(sentence[:span[0]]) is not None and any(w == head for _, _, w in words)


def _names_a(sentence: str, span: tuple[int, int], noun: tuple[str, ...]) -> bool:
    """Whether the name at `span` is written as that of the `noun` asked about (its words in the lexical
    index's form, the head last): with the head in it ("the Finke River") or right beside it ("the
    Bardo museum", "the Kolonnade shopping centre", "the journal Nature"), not across a comma ("a
    psychologist to the centre, Kevin O'Sullivan") nor as where or whose it is."""
    head, words = noun[-1], _words(sentence)
    at = _covering(words, *span)
    if not at:
        return False
    last = sentence[span[0]:span[1]].split()[-1]
    if any(words[i][2] == head for i in at):
        # "the Sydney to Hobart Yacht Race" names a race, not a yacht
        return last.lower() not in _EVENT_HEADS or words[at[-1]][2] == head
    if _DEMONYM.match(last) or re.search(r"['’]s?$", last):
        return False  # "a South African shopping centre", "Tunisia's museum": where or whose it is
    if at[0] > 0 and words[at[0] - 1][2] == head and _joined(sentence[words[at[0] - 1][1]:span[0]]):
        return True
    if at[0] > 1 and words[at[0] - 1][2] == "of" and words[at[0] - 2][2] == head:
        return True  # "the county of Huade"
    for written in {noun, (head,)}:
        after = words[at[-1] + 1:at[-1] + 1 + len(written)]
        # "future Ubisoft games" names who makes them, not a game.
        if tuple(w for _, _, w in after) == written and _joined(sentence[span[1]:after[0][0]]) \
                and not sentence[after[-1][0]:after[-1][1]].lower().endswith("s"):
            return True
    return False


# "Which Instagram spokesperson ...?": the role a person is asked for by; not a possessive ("Which
# minister's spokesman ...?" asks for the minister, by the spokesman).
_WHICH_PERSON = re.compile(rf"\b(?:which|what) {_QUALIFIERS}({_PEOPLE_BY_ROLE})s?\b(?!['’])", re.I)


@functools.lru_cache(maxsize=1024)
def _person_role(question: str) -> tuple[str, tuple[str, ...]] | None:
    """The role a "which X" question asks for a person by, in the lexical index's form, and whose it
    is by the capitalised words before it ("Which Instagram spokesperson ...?" -> spokesperson,
    (instagram,))."""
    which = _WHICH_PERSON.search(question)
    if which is None:
        return None
    owner = tuple(w.lower() for w in re.findall(r"[A-Z][\w-]+", which.group(0).split(None, 1)[1]))
    return normal_form(which.group(1).lower()), owner


def _named_as(sentence: str, span: tuple[int, int], noun: str, owner: tuple[str, ...]) -> bool:
    """Whether the name at `span` is given that role in the phrase set off after it, as whose the
    question says it is ("Kym Lino, a spokesperson for Instagram, said" for "Which Instagram
    spokesperson ...?")."""
    appositive = _APPOSITIVE.match(sentence, span[1])
    if appositive is None or noun not in [w for _, _, w in _words(appositive.group(1))][:4]:
        return False
    return not owner or any(_same_owner(w, owner) for w in re.findall(r"[A-Z][\w-]+", appositive.group(1)))


@functools.lru_cache(maxsize=1024)
def _place_noun(question: str) -> tuple[str, ...]:
    """The kind of place a "which X" question asks for ("In which county ...?" -> county), in the
    lexical index's form; empty for other questions."""
    which = _WHICH_PLACE.search(question)
    return (normal_form(which.group(0).split()[-1].lower()),) if which else ()


@functools.lru_cache(maxsize=1024)  # read for every candidate of a "which museum" question
def _which_noun(question: str) -> tuple[str, ...]:
    """The thing known by a name that a "which X" question asks for, its words in the lexical index's
    form, the head last ("At which shopping centre ...?" -> shopping centre); empty for other questions."""
    which = _WHICH_NAMED.search(question)
    return tuple(w for _, _, w in _words(f"{which.group(1)} {which.group(2)}") if w not in ("of", "the")) if which else ()


def _joined(between: str) -> bool:
    """Whether two words stand together: only spaces and quotation marks between them ('the CBS "Face
    the Nation" program')."""
    return not between.strip(" \"“”'‘’")


_NAMED_AS = re.compile(r"\b(?:named|called|identified)(?: as)?\s+$", re.I)


def _name_after(sentence: str, head: str, question: str) -> Iterator[tuple[int, int]]:
    """A single name right after the noun ("accompanied by son Dhani", "his wife Olivia"), which the
    person pattern (two names, or a title and a name) does not read."""
    asked = question.lower().replace("’", "'")
    for m in re.finditer(r"\b(\w+)\s+([A-Z][a-z]+)\b", sentence):
        if normal_form(m.group(1).lower()) == head and _bare(m.group(2)) not in asked:
            yield m.span(2)


@functools.lru_cache(maxsize=1024)
def _question_names(question: str) -> frozenset[str]:
    """The capitalised words of the question (its first word and the noun after "which" aside), titles
    left out."""
    # The noun a "which" question asks about is not one of its names ("In which Olympics ...").
    asked_noun = re.sub(r"\b(?:which|what) (?:[A-Z][\w'.-]* ?)+", " ", question.replace("’", "'"))
    words = re.findall(r"(?<!^)(?<![.?!] )\b[A-Z][\w'.-]*", asked_noun)
    return frozenset(b for w in words if (b := _bare(w.rstrip("."))) not in _NOT_NAMES and not re.fullmatch(_TITLES, b))


def _new_spans_of(kind: str, sentence: str, question: str) -> Iterator[tuple[int, int]]:
    # One apostrophe for both ("Ford’s" in the page is "Ford's" in the question); same length, so
    # the offsets still hold.
    sentence, asked = sentence.replace("’", "'"), question.lower().replace("’", "'")
    figure = _figure_search(kind, sentence, question)
    if figure is not None:
        yield from _new_spans(*figure, asked)
        return
    if kind in ("person", "who"):
        yield from (span for span in _person_spans(sentence, asked) if not _LOCATED.search(sentence, 0, span[0]))
        if kind == "who" and _role_phrase(question):
            # "Who is Tunisia's prime minister?" asks for a person: "an Ennahda minister" names none.
            # A name however written ("LK Advani", in capitals) counts where it stands with the role.
            role, words = set(_role_phrase(question)), _words(sentence)
            yield from (span for span in _body_spans(sentence, asked) if _beside_role(words, _covering(words, *span), role))
            return
        if kind == "person" and (group := _people_named_by(question)) is not None:
            # "Which officials ...?" is answered by whose officials they are: "U.S. officials".
            yield from (m.span(1) for m in group.finditer(sentence) if _bare(m.group(1).split()[-1]) not in asked)
    if kind == "place" and (within := _place_within(question)) is not None:
        # "Where in Delhi ...?" asks for a place inside Delhi: "Delhi's Saket area", "Saket, Delhi",
        # "Saket in Delhi"; not Las Vegas or India.
        yield from (m.span(m.lastindex) for m in within.finditer(sentence)
                    if _bare(m.group(m.lastindex).split()[-1]) not in asked)
        return
    if kind == "place":
        # "Where" is answered by a place after a preposition ("in Brussels"); "which states" by the
        # states' names wherever they stand ("visiting Nevada and Iowa").
        # "located in Delhi's Saket area": a place within the question's place is a new one.
        yield from (m.span(1) for m in _PLACE.finditer(sentence)
                    if any(_bare(w) not in asked and _bare(w) not in _NOT_NAMES for w in m.group(1).split()))
        # "left their homes for nearby Mittagong", "a nurse from nearby Millicent"
        yield from (m.span(m.lastindex) for m in _NEARBY.finditer(sentence)
                    if _bare(m.group(m.lastindex).split()[-1]) not in asked)
        # ... or in an address after a name, as a dateline or a list of companies writes it
        # ("Ceres Robotics, Palo Alto, California").
        yield from (m.span(1) for m in _ADDRESS.finditer(sentence)
                    if any(w.lower() not in asked and w.lower() not in _NOT_NAMES for w in m.group(1).split()))
        yield from (m.span(1) for m in _PLACE_OF.finditer(sentence)
                    if any(w.lower() not in asked for w in m.group(1).split()))
        if not _WHICH_PLACE.search(question):  # "where", not "which city"
            yield from (m.span(1) for m in _COMMON_PLACE.finditer(sentence) if m.group(1).lower() not in asked)
            if _asks_where_told(question):
                yield from (m.span(1) for m in _VENUE.finditer(sentence) if m.group(1).lower() not in asked)
            if (sent_to := _destination(question)) is not None:
                # "Where does he want to redirect the resources?": "redirecting those resources to his
                # own priority areas" says where, though no place is named.
                yield from (m.span(1) for m in sent_to.finditer(sentence) if _says_more(m.group(1), asked))
    if kind in ("organisation", "who") or kind == "place" and _WHICH_PLACE.search(question):
        # "Who did Russia beat?" is answered by a country, "Who denied it?" by a company: a bare
        # "who" asks for a person or a body with a name, not for where something happens ("is
        # standing in San Francisco": a place, though its name looks like a person's).
        yield from (span for span in _body_spans(sentence, asked)
                    if kind != "who" or not _LOCATED.search(sentence, 0, span[0]))
    if kind == "name":  # a title or a name: capitalised words, or a handle in camel case ("factcheckUK")
        yield from _body_spans(sentence, asked)
        yield from (m.span() for m in _CAMEL.finditer(sentence) if m.group(0).lower() not in asked)
        # ... or a word or two in quotation marks, as a story writes a name it coins: a new "goner" virus
        yield from (m.span(1) for m in _QUOTED_NAME.finditer(sentence) if m.group(1).lower() not in asked)
    if kind == "who":  # or a person named by what they are: "A family friend found the car."
        yield from (m.span() for m in _PERSON_NOUN.finditer(sentence) if m.group(0).lower() not in asked)
        # ... or people by their post and whose they are: "told NATO officials in Brussels"
        yield from (m.span() for m in _NAMED_GROUP.finditer(sentence) if m.group(1).lower() not in asked)
        # ... or whoever a relative clause saying what the question says is about: "American allies,
        # who have been calling for more aid" for "Who have been calling for more aid?"
        if (told := _who_clause(question)) is not None:
            yield from (m.span(1) for m in told.finditer(sentence) if _says_more(m.group(1), asked))


def _says_more(text: str, asked: str) -> bool:
    """Whether `text` has a word, not a function word, that the question (`asked`, in lower case) lacks."""
    return any(w not in asked and w not in STOPWORDS for w in re.findall(r"\w+", text.lower()))


@functools.lru_cache(maxsize=1024)  # read for every candidate of a "where" question
def _asks_where_told(question: str) -> bool:
    """Whether a "where" question asks where something was said ("Where did Zelenskyy acknowledge ...?",
    "Where did Hegseth make his remarks?")."""
    verb = event(question)
    return verb is not None and (_lemma(verb.lower()) in _TOLD_VERBS | _SPEAKING or bool(_TOLD_NOUNS.search(question)))


# Verbs that send something somewhere: a "where" question about them asks for the destination.
_SENDING = frozenset("redirect divert shift move send transfer channel steer relocate funnel direct".split())


@functools.lru_cache(maxsize=1024)
def _destination(question: str) -> re.Pattern[str] | None:
    """For "Where did X redirect / send ...?", the pattern of what the verb sends things "to" (group 1).
    The verb closing a question is its verb whatever its subject ("Where has the hunt shifted?")."""
    last = re.search(r"\b([a-z]+)\W*$", question)
    verb = event(question) or (last.group(1) if last and re.match(r"\s*(?i:where)\b", question) else None)
    lemma = _lemma(verb.lower()) if verb else None
    if lemma not in _SENDING:
        return None
    return re.compile(rf"\b{re.escape(lemma[:-1] if lemma.endswith('e') else lemma)}\w*\b(?:\s+[\w'’-]+){{0,5}}?\s+to\s+"
                      r"((?:the|his|her|their|its|those|these|a|an)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)",
                      re.I)


@functools.lru_cache(maxsize=1024)
def _place_within(question: str) -> re.Pattern[str] | None:
    """For "Where in X ...?", the pattern of a place written as inside X (the place in its last group matched)."""
    m = re.search(r"\b(?i:where in) ((?:the )?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)", question)
    if m is None:
        return None
    x, run = re.escape(m.group(1).removeprefix("the ")), r"((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*)"
    return re.compile(rf"\b{x}['’]s\s+{run}|(?<=\b(?:in|at) ){run}(?:,\s+|\s+(?:in|of)\s+(?:the\s+)?){x}\b")


@functools.lru_cache(maxsize=1024)
def _who_clause(question: str) -> re.Pattern[str] | None:
    """For "Who VERB ...?", the pattern of a noun phrase (group 1) before ", who VERB ..." told in the
    question's first three words after "who"."""
    m = re.match(r"\s*who\s+((?:[\w'’-]+\s+){2}[\w'’-]+)", question, re.I)
    if m is None:
        return None
    return re.compile(rf"((?:[\w'’.-]+\s+){{0,3}}[\w'’.-]+)\s*,?\s+who\s+{re.escape(m.group(1))}\b", re.I)


_NAMED_GROUP = re.compile(rf"\b(?:[A-Z][\w.&'’-]*\s+)+((?:{_PEOPLE_BY_ROLE})s)\b")
_LOCATED = re.compile(r"\b(?:(?:in|near|outside|throughout) (?:the |an? )?|at the )$", re.I)


@functools.lru_cache(maxsize=1024)
def _people_named_by(question: str) -> re.Pattern[str] | None:
    """For "which X" asking for people in the plural ("Which officials ..."), the pattern of X named
    by whose they are ("U.S. officials", "NATO officials"), the name in group 1."""
    m = re.search(rf"\b(?:which|what) ((?:{_PEOPLE_BY_ROLE}|{_PEOPLE_BY_RELATION})s)\b", question, re.I)
    return re.compile(rf"((?:[A-Z][\w.&'’-]*\s+)*[A-Z][\w.&'’-]*)\s+{m.group(1).lower()}\b") if m else None


def _opens_sentence(sentence: str, at: int) -> bool:
    """Whether the word at `at` opens a sentence, behind any quotation marks or brackets ('"These
    warriors ...', "I mean. “Yes, ...")."""
    before = sentence[:at].rstrip("\"“‘'([ ")
    return not before or before[-1] in ".!?" or sentence[max(0, at - 2):at] in ('" ', "“")


def _person_spans(sentence: str, asked: str) -> Iterator[tuple[int, int]]:
    for m in _PERSON.finditer(sentence):
        name = m.group(1) or m.group(2)
        if _bare(name.split()[-1].replace("’", "'")) in _NOT_PERSON_HEADS:
            continue  # "Wall Street", "Metropolitan Correctional Center": a place or a body, not a person
        if m.group(1) and _opens_sentence(sentence, m.start(1)) and name.split()[0].lower() in STOPWORDS \
                and len(name.split()) == 2:
            continue  # "Once Kheradpir started ...": a capitalised opening word and one name
        words = [w for w in name.split() if w[:1].isupper() and w.lower().rstrip(".") not in _NOT_NAMES]
        if any(_bare(w) not in asked for w in words):
            yield m.span(1) if m.group(1) else m.span(2)


def _bare(word: str) -> str:
    """A name as the question would write it: "Square's" is "square"."""
    return re.sub(r"'s$", "", word.lower()).strip("'’")  # a closing quotation mark is no part of it: "‘Oxy Pure’"


def _body_spans(sentence: str, asked: str) -> Iterator[tuple[int, int]]:
    """Runs of capitalised words naming something the question does not. A sentence's first word is
    capitalised anyway: it is a name only if it is not a common word."""
    for m in _NAME_RUN.finditer(sentence):
        if _PAIRING.fullmatch(m.group(0)):
            continue  # "the Russia-Ukraine issue", "U.S.-China talks": two names describing a thing
        if " " not in m.group(0) and (m.start() == 0 or sentence[m.start() - 2:m.start()] in (". ", "! ", "? ")) \
                and sentence[m.end():m.end() + 1] == "," and (m.group(0).endswith("ly") or m.group(0).lower() in _LINKERS):
            continue  # "Additionally, ...", "Meanwhile, ...": a sentence's opening adverb, not "Nordline, a ..."
        opening = _opens_sentence(sentence, m.start())
        if opening and " " not in m.group(0) and _common_plural(m.group(0)):
            continue  # "Skippers expect ...", "Critics say ...": a plain noun opening the sentence
        if any(_bare(w) not in asked for i, w in enumerate(m.group(0).split())
               if w.lower().rstrip(".,") not in _NOT_NAMES
               and not (i == 0 and opening and (w.lower() in STOPWORDS or _COUNT_WORD.fullmatch(w)))):
            yield m.span()


# "Two of those flared overnight": a number opening a sentence is no name.
_COUNT_WORD = re.compile(rf"(?i:one|{_NUMBER_WORDS})")


def _common_plural(word: str) -> bool:
    """Whether the word is the plural of a common noun ("skippers"); the lemmatiser keeps names as names
    ("Williams", "Athens")."""
    lemma = _lemma(word.lower())
    return word.lower().endswith("s") and lemma != word.lower() and lemma.islower()


# Discourse adverbs that open a sentence before a comma (those ending in -ly aside).
_LINKERS = frozenset("however meanwhile moreover furthermore instead indeed nevertheless nonetheless still also later "
                     "earlier overall now then thus therefore hence otherwise besides yet afterwards again".split())
_PAIRING = re.compile(r"[A-Z][\w.]*[-–][A-Z][\w.]*")
_CAMEL = re.compile(r"\b[a-z]+[A-Z][\w]*")
# An opening quotation mark stands after no letter: "the boys' and girls' teams" quotes nothing.
_QUOTED_NAME = re.compile(r"(?<!\w)[\"“‘']([\w-]+(?: [\w-]+)?)[\"”’'](?!\w)")


def _number_at(sentence: str, start: int) -> str:
    """The whole number written from `start` on ("12,500", "6.5")."""
    return re.match(r"[\d.,:]*", sentence[start:]).group(0).rstrip(".,:")


def _new_spans(pattern: re.Pattern[str], sentence: str, asked: str) -> Iterator[tuple[int, int]]:
    for m in pattern.finditer(sentence):
        found = m.group(0).lower()
        if found.isdigit() or found in "$€£¥₹₩":
            # A digit counts by the whole number it is part of: "2019" in the question does not make
            # "2019" in the sentence an answer, but "$6.5 billion" is one for "How much ...?".
            found = _number_at(sentence, m.start()) or found
        if found not in asked:
            yield m.span()


# How many words from the figure a word of the question may stand to say what the figure is of.
ANCHOR_WORDS = 3
# ... or stands in the same clause as one, at most this many words away: "McKelvey founded the mobile
# payments company in 2009" dates the founding; "In the summer of 2010, a year after Square was founded"
# does not. Chosen by leaving each labelled set out in turn (README, "Quality": 6 in every fold).
CLAUSE_WORDS = 6
# A sentence's end ends a clause too (a passage is read with the sentence before it).
_CLAUSE_BREAK = re.compile(r"[,;:()—–\"“”]|[.!?](?=\s+[A-Z])")


def anchored(kind: str, sentence: str, question: str, topic: set[str]) -> bool:
    """Whether a new figure of the wanted kind stands within ANCHOR_WORDS words of one of the
    question's own words ("This call, lasting nearly 90 minutes" for "How long did the call last?"),
    rather than elsewhere in the sentence ("breaking the three-year deadlock"). `topic`: the
    question's words in the lexical index's normal form, without its names: a name says whom the
    question is about, not what the figure measures. A name beside the question's words is no such
    sign (measured: left-out errors rose by seven when names were anchored too). A "who is the X"
    question is the exception: the name standing with its whole role X holds the role."""
    if kind in ("who", "person", "organisation", "name") and does_the_deed(sentence, question, topic):
        return True
    if kind in ("organisation", "who") and (made := _maker_of(question)) is not None \
            and any(any(_bare(w) not in question.lower() for w in m.group(1).split()) for m in made.finditer(sentence)):
        return True  # "Which firm conducted the survey?": "the Dun and Bradstreet survey"
    if kind == "name" and (noun := _which_noun(question)):
        # "Which museum ...?": a name that names a museum ("the Bardo museum", "the Finke River").
        return any(_names_a(sentence, span, noun) for span in _spans(kind, sentence, question))
    if kind == "place" and (noun := _place_noun(question)):
        # "In which county ...?": "the county of Huade", "Huade county".
        return any(_names_a(sentence, span, noun) for span in _spans(kind, sentence, question))
    if kind == "person" and (role := _person_role(question)) and any(
            _named_as(sentence, span, *role) for span in _spans(kind, sentence, question)):
        return True  # "Which Instagram spokesperson ...?": "Kym Lino, a spokesperson for Instagram, ..."
    if kind in ("who", "person", "name"):
        return _holds_role(sentence, question)
    if kind == "reason":
        # "The company blamed the delay on ...": a cause named as one beside what the question asks
        # the cause of; "After months of delays, ..." only says when.
        words = _words(sentence)
        return any(any(w in topic for _, _, w in _beside(words, _covering(words, *m.span()), ANCHOR_WORDS))
                   for m in _CAUSE_NAMED.finditer(sentence))
    if _figure_search(kind, sentence, question) is None:
        return False
    spans = list(_spans(kind, sentence, question))
    if not spans:
        return False
    words = _words(sentence)
    for start, end in spans:
        at = _covering(words, start, end)
        if not at:
            continue
        if any(w in topic for _, _, w in _beside(words, at, ANCHOR_WORDS)):
            return True
        if any(w in topic for _, _, w in _clause_around(sentence, words, at[0], at[-1])):
            return True
    return False


_CAUSE_NAMED = re.compile(r"\b(?:because|due to|caused by|owing to|blam(?:e|es|ed|ing)|attribut(?:e|es|ed|ing)|"
                          r"(?:as a )?result of|in order to|so that|in a bid to|in an effort to|so as to)\b", re.I)


@functools.lru_cache(maxsize=1024)
def _maker_of(question: str) -> re.Pattern[str] | None:
    """For "Which firm / who did X the Y?", the pattern of a name written before Y as its maker
    ("the Dun and Bradstreet survey", "the Newspoll survey"), the name in group 1."""
    if deed(question) is None:
        return None
    m = re.search(r"\b([a-z][\w-]+)\W*$", question)
    if m is None or m.group(1) in STOPWORDS:
        return None
    return re.compile(rf"\b(?i:the|a|an|its|their)\s+((?:[A-Z][\w&.'’-]*\s+(?:(?:and|&)\s+)?)*[A-Z][\w&.'’-]*)\s+"
                      rf"(?:[a-z][\w-]*\s+){{0,2}}{re.escape(m.group(1))}\b")


def _clause_around(sentence: str, words: list[tuple[int, int, str]], first: int, last: int) -> list[tuple[int, int, str]]:
    """The words beside words[first:last + 1] up to CLAUSE_WORDS away on each side, stopping at a comma, a
    colon, a dash, a bracket or a quotation mark."""
    lo = first
    while lo > 0 and first - lo < CLAUSE_WORDS and not _CLAUSE_BREAK.search(sentence, words[lo - 1][1], words[lo][0]):
        lo -= 1
    hi = last
    while hi < len(words) - 1 and hi - last < CLAUSE_WORDS and not _CLAUSE_BREAK.search(sentence, words[hi][1],
                                                                                          words[hi + 1][0]):
        hi += 1
    return words[lo:first] + words[last + 1:hi + 1]


# A sentence opening with its subject's name: "Chris Paul had four points ...", "Tesla was a
# brilliant man." (capitalised words, then a verb that tells what the subject did or was).
_OPENING_SUBJECT = re.compile(r"\W*((?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’-]*)\s+(?:was|is|were|are|had|has|have|"
                              r"said|says|spoke|speaks|scored|made|got|took|won|earned|paid|received|gave)\b")
# The kinds of answer that are figures: told about one subject, they say nothing of another.
FIGURE_KINDS = frozenset({"quantity", "date", "time", "age", "duration", "rank"})


def people_asked_about(question: str) -> list[str]:
    """The people a question names in full ("How many languages did Thomas Edison speak?")."""
    return [m.group(1) for m in _PERSON.finditer(question) if m.group(1)]


# "How long did Trump's call with Zelensky last?", "How many runs did he score in the Test against
# New Zealand?": the other party of the event a figure is asked about.
_OTHER_PARTY = re.compile(r"\b(?:with|against)\s+(?:the\s+)?((?:[A-Z][\w.&'’-]*\s+)*[A-Z][\w.&'’-]*)")


def other_parties(question: str) -> list[str]:
    """The names a question gives as the other party of what it asks a figure about."""
    return [m.group(1) for m in _OTHER_PARTY.finditer(question)] if expected_type(question) in FIGURE_KINDS else []


def opening_subject(sentence: str) -> str | None:
    """The name a sentence opens with as its subject, if it does."""
    m = _OPENING_SUBJECT.match(sentence)
    return m.group(1) if m else None


# "Who ordered the arrest?", "Who was named CEO?": the deed whose doer is asked for (a verb in lower
# case; "Who is the ...", "Who did T1 beat?" name no deed).
_DEED = re.compile(r"^\s*(?i:who)\s+(?:(?:was|were|is|are|has|have|had)\s+)?([a-z][\w-]*)\b")
# How many words may stand between the doer and the deed ("Tim Cook, was quickly named CEO").
DEED_WITHIN = 3
# How many words may describe the doer between "by" and the name ("by the royalist anti-Taliban commander").
BY_WITHIN = 6


# "Which company dropped out ...?", "Which yacht took line honours?": the deed after the noun asked
# about, a verb in the past tense. A plural noun ("Which prison officers ...") or a participle before
# the noun ("Which ocean racing yacht ...") is no deed, nor a verb
# after an auxiliary ("Which company did Jazz acquire?": the question names its doer).
_WHICH = re.compile(r"^\s*(?i:which|what)\s+")


@functools.lru_cache(maxsize=1024)
def deed(question: str) -> str | None:
    """The verb of the deed whose doer the question asks for, as the question writes it."""
    m = _DEED.match(question)
    if m is not None:
        return None if m.group(1) in STOPWORDS else m.group(1)
    m = _WHICH.match(question)
    if m is None:
        return None
    words = re.findall(r"[\w'-]+", question[m.end():])
    for word in words[1:4]:  # the first word is the noun asked about, or what qualifies it
        if word.lower() in STOPWORDS:
            return None
        if word.islower() and not word.endswith(("s", "ing")) and _lemma(word) != word:
            return word
    return None


# Verbs that say little of the deed by themselves ("Which company made a deal?"): a passage need not use them.
# Nor verbs that put an event named by its noun in motion ("launch an invasion", "stage a protest").
_LIGHT_VERBS = frozenset("make take have get give do go call say be become put set come see use hold "
                         "launch stage conduct carry".split())
# Past tenses the lemmatiser leaves as they are ("won" is also a currency).
_IRREGULAR = {"won": "win", "shot": "shoot", "found": "find"}
# Forms, nouns and adjectives of a verb that do not begin as it does ("ate", "the death of a race marshal").
_DERIVED = {"die": ("death", "dead"), "write": ("author", "writer"), "eat": ("ate",),
            # the same event in another everyday verb
            "start": ("begin", "began", "begun"), "begin": ("start",), "finish": ("end",), "end": ("finish",)}
# Latin verbs' nouns, by their stems' endings: "invade" -> "invasion", "decide" -> "decision",
# "produce" -> "production", "receive" -> "reception", "admit" -> "admission".
_NOMINAL_ENDINGS = (("ad", "as"), ("id", "is"), ("od", "os"), ("ud", "us"), ("duc", "duct"), ("ceiv", "cept"),
                    ("mit", "miss"))


def _nominal(stem: str) -> tuple[str, ...]:
    return tuple(stem[:-len(end)] + noun for end, noun in _NOMINAL_ENDINGS
                 if stem.endswith(end) and len(stem) >= len(end) + 2)


# "according to DigiTimes" says who reported it.
_REPORTING = frozenset("report state claim reveal".split())
# Verbs that only say that someone spoke: a story writes "Scientist David Vaughan says ..." for what
# the question asks as who warned, argued or predicted it.
_SPEAKING = frozenset("say tell warn claim state argue suggest insist predict explain note add comment declare assert "
                      "remark stress".split())
_SAID_WORDS = (r"says|said|saying|told|tells|according to|warn\w*|claim\w*|argu\w*|insist\w*|predict\w*|explain\w*|"
               r"stat(?:es|ed|ing)|point(?:s|ed|ing)? out|comment(?:s|ed|ing)")
_SAID = re.compile(rf"\b(?:{_SAID_WORDS})\b")


def tells_the_deed(sentence: str, question: str) -> bool:
    """Whether the passage speaks of the deed a "who did X" question asks about, or the event a "when
    / where did X ..." question asks the time or place of, in any form of its verb or the noun made
    from it ("won", "winner"; "co-founded", "founder"; "invade", "invasion"). "The United States lost
    to Canada" does not say who won, nor "a former Jedi (Cere)" who voices BD-1, nor "Ford was born
    in 1957" when he died."""
    asked = _deed_forms(question)
    if asked is None:
        return True
    lemma, forms, same_letter = asked
    text = sentence.lower()
    if forms.search(text) or lemma in _REPORTING and "according to" in text or lemma in _SPEAKING and _SAID.search(text):
        return True
    # An irregular form begins with the same letter ("wrote", "written" for "write"; "led" for "lead").
    return any((_IRREGULAR.get(word) or _lemma(word)) == lemma for word in same_letter.findall(text))


# "How many people died ...?" counts the dead, "How many were hurt ...?" the injured: a casualty count
# is told in few words, and a passage that has none of them counts other casualties ("Dozens of
# people were injured" for how many died, "2 million people get sick" for how many die).
_DEATH = r"\b(?:die[ds]?|dying|dead|deaths?|deadly|kill\w*|fatal\w*|perish\w*|drown\w*|toll|lives|bodies|murder\w*|slain)\b"
_INJURY = r"\b(?:injur\w*|hurt|wound\w*|hospitali[sz]ed|casualt\w*)\b"
_CASUALTIES = [(re.compile(rf"\bhow many\b.*{kind}", re.I), re.compile(kind, re.I)) for kind in (_DEATH, _INJURY)]


# "What did Rutte tell Zelensky?", "What does Putin say about the swap?": what a named speaker said.
_SPEAKER_ASKED = re.compile(r"^\s*(?i:what) (?:did|does|do|has|have|had|will|would) (?:the )?((?:[A-Z][\w.&-]*\s+)*"
                            r"[A-Z][\w.&-]*)(?<!['’]s) (?:(?:\w+ly|also|later|first) )?(say|tell|write|claim|warn|argue|"
                            r"describe|predict|announce|reveal|suggest|think|believe|tweet|post)\b")
# Any verb of saying or writing, or a quotation: _SAID's and more.
_SAYING = re.compile(rf"\b(?:{_SAID_WORDS}|telling|wr(?:ite|ites|iting|itten|ote)|describ\w*|call(?:s|ed|ing)?|"
                     r"emphasi[sz]\w*|add(?:s|ed|ing)|not(?:es|ed|ing)|stress\w*|reveal\w*|announc\w*|confirm\w*|"
                     r"suggest\w*|believ\w*|think\w*|thought|tweet\w*|post(?:s|ed|ing)|urg\w*|acknowledg\w*|"
                     r"express\w*|declar\w*|repl\w*|respond\w*|[\"“])", re.I)


@functools.lru_cache(maxsize=1024)  # read for every candidate of a question
def _speaker_asked(question: str) -> tuple[str, ...] | None:
    """The words of the speaker's name a "what did X say ...?" question asks about, in lower case."""
    m = _SPEAKER_ASKED.match(question)
    return None if m is None else tuple(w.lower() for w in m.group(1).split() if w.lower() not in _NOT_NAMES)


def asks_what_was_said(question: str) -> bool:
    return _speaker_asked(question) is not None


def tells_the_saying(sentence: str, question: str) -> bool:
    """Whether a passage can tell what a "what did X say / tell ..." question asks: it names the
    speaker (however the article spells the name) and tells that someone said something. "The move
    follows a prisoner swap" does not tell what Putin said about it, nor "Rutte meets with Zelensky"
    what Rutte told him. The speaker stands before the saying ("Rubio said", "Rubio, who ..., told") or
    just after it ("said Rubio", "according to Secretary of State Marco Rubio"), not in what another
    said ("Trump has announced his delegation: Secretary of State Marco Rubio; ...")."""
    names = _speaker_asked(question)
    if names is None:
        return True
    named = [m for m in _words_starting(frozenset(n[:1] for n in names)).finditer(sentence)
             if _is_speaker(m.group(0).lower().removesuffix("'s").removesuffix("’s"), names)]
    sayings = [m.span() for m in _SAYING.finditer(sentence)] if named else []
    for m in named if sayings else ():
        if any(end <= m.start() and _SAID_BY.fullmatch(sentence, end, m.start())  # "said Rubio"
               or start >= m.end() and (_SAID_BY.fullmatch(sentence, m.end(), start)  # "Rubio said"
                                        # or the first named, nobody said to say it before: "Rubio,
                                        # who ..., told", '"...," Rubio said'
                                        or not any(e <= m.start() and sentence[b] not in "\"“" for b, e in sayings))
               for start, end in sayings):
            return True
    return False


def _is_speaker(word: str, names: tuple[str, ...]) -> bool:
    """Whether the word is one of the speaker's names, however the article spells it ("Pekskov")."""
    return any(n == word or word[:1] == n[:1] and abs(len(word) - len(n)) <= 1 and spelled_alike(n, word)
               for n in names)


_WORD = re.compile(r"[\w'’-]+")


@functools.lru_cache(maxsize=1024)
def _words_starting(initials: frozenset[str]) -> re.Pattern[str]:
    """The words (as `[\\w'’-]+` cuts them) that begin with one of these letters, in either case: the
    few a name or a verb asked about can be, found without reading every word of a candidate."""
    return re.compile(rf"(?<![\w'’-])[{re.escape(''.join(sorted(initials)))}][\w'’-]*", re.I)


# What may stand between a saying and its speaker after it: a title and the rest of the name.
_SAID_BY = re.compile(rf"(?:[\s,]*(?:[A-Z][\w.'’-]*|of|the|and|(?i:{_TITLES})\b))*[\s,]*")


# "Besides Ukraine, what topics did they discuss?": the others of several, which a passage names by
# listing them ("including the Middle East and Iran", "Ukraine, Middle East, Energy ...").
_BESIDES_WHICH = re.compile(r"^\s*(?i:besides|apart from|aside from|other than)\b[^,]{1,60},\s*(?i:what|which)\s+"
                            r"(?:[a-z][\w-]*\s+)?[a-z][\w-]*[^s\W]s\b")
_LISTING = re.compile(r"\b(?:including|such as|among them|among other|as well as)\b|"
                      r"\b[\w'’-]+(?: [\w'’-]+)?, [\w'’-]+(?: [\w'’-]+)?,? and [\w'’-]+", re.I)


# "How is typhoid spread?", "How do users pay for the tests?": the means, which a passage tells by
# "by", "with", "through", "via" or "using" right after the question's verb ("which is spread by
# contact with contaminated food", "Users pay, not surprisingly, with Bitcoin"). Not "how many",
# "how long" and the like, which ask for a figure.
_MEANS_ASKED = re.compile(r"^\s*how\s+(?:is|are|was|were|do|does|did|will|would|can|could|should|has|have|had)\s+"
                          r"(?!(?:many|much|long|old|far|often|big|large|soon|fast)\b)", re.I)
_MEANS = re.compile(r"(?:,?\s+(?:not\s+)?[a-z]+ly,?)?\s+(?:(?:by|with|through|via|using)\s+[\w'’$-]|"
                    # "wounded in earlier US bombing of Kandahar airport": the deed that did it
                    r"in\s+(?:[\w-]+\s+){0,3}?"
                    r"(?!(?:morning|evening|spring|building|ceiling|housing|clothing|\w*thing|king|ring|wing)\b)"
                    r"[a-z]+ing\b)", re.I)


# The question's verb: a word before a preposition or the question mark, not a noun after a
# determiner ("his discussion with Putin", "the defibrotide deal?").
_VERB_BEFORE = re.compile(r"((?:\S+\s+){0,2})\b([a-z][\w'-]{2,})(?=\s*\?|\s+(?:for|to|on|in|at|about|against|into|from|"
                          r"with|whether|if|when)\b)")
_DETERMINER = re.compile(r"\b(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those)\b", re.I)


# "What song did a lone tenor sing ...?", "Which character did Hawthorne play ...?": the thing asked
# about is what the question's verb is done to, and a passage naming it there answers, whatever it
# calls it ("a lone tenor sung Let There Be Peace on Earth", "Playing ... Sir Humphrey Appleby").
_WHICH_DONE = re.compile(r"^\s*(?:(?i:(in|into|on|at|from|to|for|with|by))\s+)?(?i:which|what)\s+[\w-]+\b.*?"
                         r"\b(?:did|does|do|was|were|is|are|will|would)\s")
OBJECT_WITHIN = 6
# ... named as the verb's object, not after a preposition ("driving through the desert to Alice Springs").
_PREPOSITIONS = frozenset("to in at from through into onto on for with by between near after before during across "
                          "over under around along toward towards".split())


@functools.lru_cache(maxsize=1024)  # read for every candidate of such a question
def _object_verb(question: str) -> tuple[str, str | None] | None:
    """The lemma of the verb a "which X did Y VERB" question asks the object of, if it says much, and
    the preposition it asks it after ("Into which animals were the cells injected?": "into")."""
    m = _WHICH_DONE.match(question)
    if m is None:
        return None
    rest = question[m.end():]
    verb = _VERB_BEFORE.search(rest)  # after the subject, before the first preposition
    if verb is None or re.search(r"\b(?:that|which|who|whom|whose)\b", rest[:verb.start(2)], re.I):
        return None  # "In which township was the post that helicopters destroyed?": a clause's verb
    lemma = _telling_lemma(verb.group(2))
    if lemma is None or lemma in STOPWORDS:
        return None
    return lemma, m.group(1).lower() if m.group(1) else None


def names_the_object(sentence: str, question: str) -> bool:
    """Whether the passage names something new (capitalised) within a few words after the verb of a
    "which X did Y VERB" question, or, for "Into which X ...", new words after "into" there ("injected
    into the brains of baby mice")."""
    found = _object_verb(question)
    if found is None:
        return False
    lemma, preposition = found
    asked, stem = question.lower(), normal_form(lemma)
    for w in _words_starting(frozenset(lemma[:1])).finditer(sentence):
        word = w.group(0).lower()
        if (_IRREGULAR.get(word) or _lemma(word)) != lemma and normal_form(word) != stem:
            continue
        after = list(itertools.islice(_WORD.finditer(sentence, w.end()), OBJECT_WITHIN))
        for j, n in enumerate(after):
            name = n.group(0)
            if sentence[:n.start()].rstrip()[-1:] in ".!?":
                break  # the next sentence: its first word is capitalised as every first word is
            if preposition is not None:
                if name.lower() == preposition and any(_bare(x.group(0)) not in asked and x.group(0).lower() not in STOPWORDS
                                                       for x in after[j + 1:j + 4]):
                    return True
                continue
            if name.lower() in _PREPOSITIONS:
                break
            if name[:1].isupper() and _bare(name) not in asked and _bare(name) not in _NOT_NAMES:
                # ... and not a rival of the question's own name ("avoid the Illawarra Highway" for
                # "Which stretch of the Hume Highway ...?"): the rest of the name is the question's.
                rest = itertools.takewhile(lambda w: w.group(0)[:1].isupper(), _WORD.finditer(sentence, n.end()))
                if not any(_bare(w.group(0)) in asked for w in rest):
                    return True
    return False


def asks_the_means(question: str) -> bool:
    return _MEANS_ASKED.match(question) is not None


def tells_the_means(sentence: str, question: str) -> bool:
    """Whether the passage tells how: a means right after the question's verb (its word before a
    preposition or the question mark: "spread?", "pay for", "decide whether"), an adverb aside."""
    verbs = _means_verbs(question)
    if not verbs or not _MEANS_WORD.search(sentence):
        return False
    for m in _words_starting(frozenset(v[0] for v in verbs)).finditer(sentence):
        if normal_form(m.group(0).lower()) in verbs and _MEANS.match(sentence, m.end()):
            return True
    return False


_MEANS_WORD = re.compile(r"\b(?:by|with|through|via|using|in)\b", re.I)


@functools.lru_cache(maxsize=1024)  # read for every candidate of a "how is it done" question
def _means_verbs(question: str) -> frozenset[str]:
    rest = question[_MEANS_ASKED.match(question).end():]
    return frozenset(normal_form(m.group(2)) for m in _VERB_BEFORE.finditer(rest)
                     if m.group(2) not in STOPWORDS and not _DETERMINER.search(m.group(1)))


def asks_for_others(question: str) -> bool:
    return _BESIDES_WHICH.match(question) is not None


def lists_others(sentence: str) -> bool:
    """Whether a passage lists things, as an answer to "besides X, which Ys ...?" must."""
    return _LISTING.search(sentence) is not None


def tells_the_toll(sentence: str, question: str) -> bool:
    """Whether the passage speaks of the casualties a "how many died / were injured" question counts."""
    return all(told.search(sentence) for asked, told in _CASUALTIES if asked.search(question))


# "When did John M. Ford die?", "Where was the museum founded?": the event whose time or place is
# asked for, when the question names who or what it happened to (capitalised, so that the verb is
# the first word after it in lower case: "When will the Fed raise ...?"; "When did the storm reach
# ...?" is left alone: without parts of speech "storm" could be the verb). "Where is X based?" asks
# where something is, not where something happened; "Where did the film rank?" asks for a position.
_EVENT = re.compile(r"^\s*(?i:when|where|(?:in |on |at )?(?:which|what) (?:years?|dates?|days?|months?|time))\s+"
                    r"(did|does|do|will|would|was|were|has|have|had)\s+(?:the\s+)?"
                    # a particle inside a name ("Osama bin Laden") is no verb
                    rf"(?:[A-Z][\w.&'’-]*\s+(?:(?:{_PARTICLES})\s+(?=[A-Z]))?)*"
                    r"[A-Z][\w.&-]*(?<!['’]s)\s+([a-z][\w\s-]*)")
# Words between the subject and the verb that are not the verb ("When was Mugabe first elected ...?").
_ADVERBS = frozenset("first last ever finally officially originally eventually".split())


@functools.lru_cache(maxsize=1024)
def event(question: str) -> str | None:
    """The verb of the event a "when/where did X ..." question asks the time or place of. Not that of
    a "how many" question: a count is as often told with another verb ("left eight civilians dead",
    "had penetrated 800 schools"; README, "Quality")."""
    if expected_type(question) not in ("date", "time", "place"):
        return None
    m = _EVENT.match(question)
    return _verb_in(m.group(2), passive=m.group(1) in ("was", "were")) if m is not None else None


def _participle(word: str) -> bool:
    """Whether the word may be a past participle ("built", "born", "stolen"; not "ashes", "landing")."""
    return (word.endswith(("ed", "en", "wn", "rn")) or word in _IRREGULAR
            or _lemma(word) != word and not word.endswith(("s", "ing")))


# Verbs of thinking and saying before the clause that tells the event.
_OPINION = frozenset("think believe say suspect fear hope know suggest claim reckon assume guess".split())
# ... and the clause after it: its subject (a name, "the" ...), any auxiliaries, then the verb.
_TOLD = re.compile(r"(?:that\s+)?(?:(?:the|a|an|his|her|their|its|bin|ibn|al|van|von|de|[A-Z][\w.&'’-]*)\s+)+"
                   r"(?:(?:has|have|had|was|were|is|are|will|would|may|might|could|can|should|must|be|been|being)\s+)*"
                   r"([a-z][\w-]*)")


def _verb_in(words_after: str, passive: bool) -> str | None:
    """The verb of what follows the subject: the first word that may be one (a participle in a
    passive question, else a verb's bare form: "When will ANZ workers strike?" has no verb in
    "workers")."""
    words = words_after.split()[:4]
    for i, word in enumerate(words):
        if word in ("be", "being", "been"):
            passive = True  # "Where will Blake be buried?"
            continue
        if word in _ADVERBS:
            continue
        if word in STOPWORDS:
            return None
        if not word.islower() or passive and not _participle(word):
            continue  # "When was the Lucas Heights reactor built?": "reactor" ends the name, it is no verb
        if passive:
            return word
        if word in _OPINION:  # "Where does Musharraf think bin Laden was killed?": the killing is asked about
            told = _TOLD.match(" ".join(words_after.split()[i + 1:]))
            return told.group(1) if told else None
        if _lemma(word) != word:
            return None
        after = words[i + 2] if i + 2 < len(words) and words[i + 1] == "to" else ""
        if word in _TO_VERBS and after.islower() and after not in STOPWORDS:
            return after  # "When does Howard expect to travel ...?": the travel is the event
        # "Where did the Whyalla Airlines plane crash?": a word that may be a verb ("plane") is the
        # subject's own noun when a bare verb follows it and ends the question.
        if i + 2 == len(words_after.split()) and (then := words[i + 1]).islower() and then not in STOPWORDS \
                and _lemma(then) == then:
            return then
        # "When did the Inner Mongolia plague patient eat the rabbit?": nouns of the subject in lower
        # case, then the verb, then its object's article: the last bare word before it (before a
        # preposition the words may still be the subject's: "the air raid in southern Iraq strike").
        run = list(itertools.takewhile(lambda w: w.islower() and w not in STOPWORDS and _lemma(w) == w,
                                       words_after.split()[i:i + 4]))
        after_run = words_after.split()[i + len(run):i + len(run) + 1]
        if len(run) > 1 and after_run and after_run[0] in _DETERMINERS:
            return run[-1]
        return word
    return None


_DETERMINERS = frozenset("the a an his her its their this that these those".split())


# Verbs that take another verb after "to" ("want to redirect", "plan to fly", "decide to fire").
_TO_VERBS = frozenset("want plan expect hope intend aim decide try agree seek need promise threaten refuse "
                      "prepare wish".split())


@functools.lru_cache(maxsize=1024)
def _deed_forms(question: str) -> tuple[str, re.Pattern[str], re.Pattern[str]] | None:
    """The lemma of the deed a question asks about, the forms a passage may write it in (as the start
    of a word) and the words that may be an irregular form of it; None when there is no deed to look
    for, or its verb says little by itself."""
    asked = deed(question) or event(question)
    if asked is None:
        return None
    word = asked.lower().removeprefix("co-")
    lemma = _telling_lemma(word)
    if lemma is None:
        return None
    return (lemma, re.compile(rf"(?<![\w'])(?:{_verb_forms(word, lemma, _DERIVED.get(lemma, ()))})"),
            re.compile(rf"(?<![\w']){re.escape(lemma[0])}\w*"))


def _telling_lemma(word: str) -> str | None:
    """The lemma of a verb (a past tense the lemmatiser keeps as it is too), None for one that says
    little by itself ("make", "have") or a word too short to be looked for."""
    lemma = _IRREGULAR.get(word) or _lemma(word)
    return None if lemma in _LIGHT_VERBS or len(lemma) < 3 else lemma


def _verb_forms(word: str, lemma: str, derived: tuple[str, ...] = ()) -> str:
    """The alternation of the beginnings a passage may write a verb's forms with: its lemma, the word
    as asked, their index form and the nouns made from it ("invade", "invasion")."""
    return "|".join(map(re.escape, {lemma, normal_form(word), word, *derived, *_nominal(normal_form(lemma))}))


def does_the_deed(sentence: str, question: str, topic: set[str]) -> bool:
    """Whether a new name stands as the doer of the deed a "who did X" question asks about: just
    before its verb ("Palestinian leader Yasser Arafat ordered the arrest") or after it and "by"
    ("was written by Nicole Taylor"), not anywhere in the sentence, in a sentence about what the
    deed was done to (another of the question's `topic` words): "Lee took 3 for 77" does not say who
    took the catch."""
    asked = deed(question)
    if asked is None:
        return False
    verb = normal_form(asked)
    words = _words(sentence, normal=False)
    if not (topic - {verb}) & {normal_form(w) for _, _, w in words}:
        return False
    reporting = (_IRREGULAR.get(asked.lower()) or _lemma(asked.lower())) in _REPORTING

    def is_deed(word: str) -> bool:
        # As the question writes it or inflected ("ordered", "written"): a bare form is as often the
        # noun ("Who heads NOAA?" is not answered by "Nigel Sleigh-Johnson, head of ...").
        return (word == asked or _lemma(word) != word) and normal_form(word) == verb

    for start, end in _spans("who", sentence, question):
        at = _covering(words, start, end)
        if not at:
            continue
        after = [w for _, _, w in words[at[-1] + 1:at[-1] + 2 + DEED_WITHIN]]
        before = [w for _, _, w in words[max(0, at[0] - 2 - DEED_WITHIN):at[0]]]
        if any(map(is_deed, after)) or before[-1:] == ["by"] and any(map(is_deed, before)):
            return True
        # "headed by moderate Muslim Hamid Karzai", "by the royalist commander Hamed Karzai": what the
        # doer is may stand between "by" and the name, with no comma.
        by = next((i for i in range(at[0] - 1, max(-1, at[0] - 2 - BY_WITHIN), -1) if words[i][2] == "by"), None)
        if by is not None and by > 0 and is_deed(words[by - 1][2]) \
                and not re.search(r"[,;:()]", sentence[words[by][1]:start]):
            return True
        # "Which agency reported ...?": "..., according to the state-run Xinhua News Agency".
        if reporting and (told := _ACCORDING_TO.search(sentence[:start])) is not None \
                and len(told.group(1).split()) <= BY_WITHIN:
            return True
    return False


# "according to" and what may describe the source before its name, with no comma ("according to the state-run").
_ACCORDING_TO = re.compile(r"\baccording to\s+([^,;:()]*)$", re.I)


# "Who is the royal commissioner looking into ...", "Who is Verizon's director of ...": the role whose
# holder is asked for ("Who is on Trump's team?" asks for members, not a role's holder; "Who was the
# call a victory for?" for whom it was one: a role is named without an article inside it).
_ROLE = re.compile(r"^\s*(?:who (?:is|was|are|were)|what (?:is|was|are|were) the (?:names?|titles?) of) (?:the |an? |"
                   r"(?!(?:on|in|at|with|for|from|of|to|by|among) )(?:[\w&.-]+ ){0,2}[\w&.-]+['’]s )"
                   r"((?:(?!(?:a|an|the) )[\w-]+ ){0,4}?[\w-]+)"
                   r"(?= (?:of|for|at|in|on|to|with|who|that|investigating|looking|leading|running|heading|behind|"
                   r"when|while|during|before|after|until)\b|\?|$)",
                   re.I)


def role_words(question: str) -> set[str]:
    """The words naming the role a "who is the X" question asks about, in the lexical index's form."""
    return set(_role_phrase(question))


@functools.lru_cache(maxsize=1024)  # read for every candidate of a "who is X's role" question
def _role_phrase(question: str) -> tuple[str, ...]:
    m = _ROLE.search(question)
    if m is None:
        return ()
    words = re.findall(r"\w+", m.group(1))
    # "the Cocos Islands shire president": the names before a role in lower case say whose it is
    # ("Shire president, Ron Grant"); "the Federal Science Minister" is a role in capitals throughout.
    # "the Davis Cup captain" is a captain of that event: the role itself.
    lower = next((i for i, w in enumerate(words) if w.islower()), 0)
    if lower and all(w[:1].isupper() for w in words[:lower]) and words[lower - 1].lower() not in _EVENT_HEADS:
        words = words[lower:]
    # Word by word as sentences are read (_words): "vice-captain" is "vice" and "captain".
    return tuple(normal_form(w.lower()) for w in words if w.lower() not in STOPWORDS)


# The phrase set off by a comma after a name, where news writing gives a person's post: "said Bruce
# Cozadd, chairman and chief executive officer of Jazz Pharmaceuticals".
_APPOSITIVE = re.compile(r"\s*,\s*([^,.;:!?()“”\"]{1,120})")


# Whose the role is, when the question names it: "Who is Pakistan's foreign minister?", "Who is the
# chief executive of Qantas?" (a name: "Who is the head of the team" names no owner).
_ROLE_OWNER = re.compile(r"^\s*(?i:who (?:is|was|are|were)) ((?:[A-Z][\w&.-]* ){0,2}?[A-Z][\w&.-]*)['’]s ")
_ROLE_OF = re.compile(r" (?:of|at|for) (?:the )?([A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*)*)")


@functools.lru_cache(maxsize=1024)  # read for every candidate of a "who is X's role" question
def _role_owner(question: str) -> tuple[str, ...]:
    m = _ROLE_OWNER.match(question)
    if m is None:
        role = _ROLE.search(question)
        m = _ROLE_OF.match(question, role.end()) if role else None
    return tuple(w.lower() for w in re.findall(r"\w+", m.group(1))) if m else ()


@functools.lru_cache(maxsize=1024)
def _titled_role(question: str) -> tuple[str, ...]:
    """The role with the owner after it, as a title writes it ("Who is the Federal Minister for the
    Environment?" -> federal minister for the environment), in the lexical index's form; empty when
    the question names no owner after the role."""
    role = _ROLE.search(question)
    of = _ROLE_OF.match(question, role.end()) if role else None
    return tuple(w for _, _, w in _words(question[role.start(1):of.end()])) if of else ()


def _written_whole(words: list[tuple[int, int, str]], phrase: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the sentence writes `phrase` word for word: its first and last word's indexes."""
    n = len(phrase)
    return next(((i, i + n - 1) for i in range(len(words) - n + 1)
                 if n and tuple(w for _, _, w in words[i:i + n]) == phrase), None)


def _same_owner(word: str, owner: tuple[str, ...]) -> bool:
    """Whether a word names the role's owner or its people ("Norwegian" for Norway, "Indian" for India)."""
    word = word.lower()
    return any(len(word) >= 4 and len(o) >= 4 and word[:4] == o[:4] for o in owner)


# A demonym or a possessive before a role says whose it is: "Indian Foreign Minister", "Virgin's
# deputy chief executive".
_DEMONYM = re.compile(r"[A-Z]\w*(?:ian|ese|ish|i|an)$")


_OTHER_OWNER = re.compile(r"\b(?:of|at|for) (?:the )?([A-Z]\w+)")


def _owned_elsewhere(text: str, owner: tuple[str, ...], question_words: set[str]) -> bool:
    """Whether `text` gives a role to another owner after "of" / "at" / "for" ("head of financial
    reporting at the ICAEW", "Minister for Health"): not when it names the question's owner too
    ("chief executive of the London-based Full Fact"), nor when that word is the question's own ("Head
    of Platform Solutions")."""
    other = _OTHER_OWNER.search(text)
    return bool(other) and other.group(1).lower() not in question_words \
        and not any(_same_owner(w, owner) for w in re.findall(r"[A-Z]\w+", text))


def _another_owner(sentence: str, words: list[tuple[int, int, str]], raw: list[str], role_at: int,
                   owner: tuple[str, ...], question_words: set[str]) -> bool:
    """Whether the role starting at words[role_at] is said to be someone else's than the question's
    `owner`: by a demonym or a possessive before it ("Indian Foreign Minister", "Virgin's deputy chief
    executive") or an "of" / "at" / "for" after it in its clause ("head of financial reporting at the
    ICAEW")."""
    if not owner:
        return False
    if _owned_elsewhere(sentence[words[role_at][0]:_clause_end(sentence, words[role_at][1])], owner, question_words):
        return True
    for _ in range(2):  # the owner stands before the role's qualifiers ("deputy", "acting")
        if role_at > 1 and raw[role_at - 1].islower() and raw[role_at - 1] not in STOPWORDS:
            role_at -= 1
    if role_at < 1:
        return False
    before = raw[role_at - 1]
    if before == "s" and role_at >= 2 and raw[role_at - 2][:1].isupper():
        before = raw[role_at - 2]  # "Virgin's": \w+ splits the possessive off
    elif not _DEMONYM.match(before) or before.lower() in STOPWORDS:
        return False
    return not _same_owner(before, owner)


def _clause_end(sentence: str, start: int) -> int:
    m = _CLAUSE_BREAK.search(sentence, start)
    return m.start() if m else len(sentence)


def _beside_role(words: list[tuple[int, int, str]], at: list[int], role: set[str]) -> bool:
    """Whether every word of the role stands within ANCHOR_WORDS words of the name covering words[at]."""
    return bool(at) and role <= {w for _, _, w in words[max(0, at[0] - ANCHOR_WORDS):at[-1] + ANCHOR_WORDS + 1]}


# Words before a role that make it another post than the one asked about.
_OTHER_POST = frozenset("vice deputy assistant former ex associate".split())


def _holds_role(sentence: str, question: str) -> bool:
    """Whether a new name stands with every word of the role a "who is the X" question asks about,
    around it or in it ("Federal Science Minister Peter McGauran", "Spokeswoman Anne Stringer"), or
    with the role's initials ("Twitter CEO Jack Dorsey"): the role's holder. Another role beside a
    name ("Education Minister Brendan Nelson") is not."""
    phrase = _role_phrase(question)
    return bool(phrase) and any(_holds(sentence, question, p) for p in (phrase, *_role_initials(phrase)))


def role_initials(question: str) -> tuple[frozenset[str], ...]:
    """The tokens of the initials that may stand for the role a "who is the X" question asks about."""
    return tuple(frozenset(initials) for initials in _role_initials(_role_phrase(question)))


def _role_initials(phrase: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A chief officer's role as news writes it by initials: "chief executive (officer)" -> CEO,
    "chief financial officer" -> CFO."""
    if len(phrase) < 2 or phrase[0] != "chief":
        return ()
    return ((normal_form("c" + "".join(w[0] for w in phrase[1:] if w != normal_form("officer")) + "o"),),)


def _holds(sentence: str, question: str, phrase: tuple[str, ...]) -> bool:
    role = set(phrase)
    owner = _role_owner(question)
    asked = {w.lower() for w in re.findall(r"\w+", question)}  # "Head of Platform Solutions": the role's own name
    words = _words(sentence)
    raw = [m.group(0) for m in re.finditer(r"\w+", sentence)]  # as _words splits them, in their case
    titled = _written_whole(words, _titled_role(question))
    for start, end in _spans("who", sentence, question):
        at = _covering(words, start, end)
        if titled is not None and at and (0 < at[0] - titled[1] <= ANCHOR_WORDS or 0 < titled[0] - at[-1] <= ANCHOR_WORDS):
            return True  # "The Federal Minister for the Environment, David Kemp, says ..."
        if _beside_role(words, at, role):
            # Another owner before the role: "Indian Foreign Minister Jaswant Singh" is not Pakistan's
            # foreign minister. A bare role ("Chief executive Paul Batchelor") is the article's own.
            first = next(i for i in range(max(0, at[0] - ANCHOR_WORDS), min(len(words), at[-1] + ANCHOR_WORDS + 1))
                         if words[i][2] in role)
            # "vice-captain Mark Boucher", "deputy chief executive ...", "former captain ...": another post.
            other_post = first > 0 and raw[first - 1].lower() in _OTHER_POST and raw[first - 1].lower() not in asked
            if not other_post and not _another_owner(sentence, words, raw, first, owner, asked):
                return True
        # The whole role, in its order, in the appositive after the name; its words scattered there
        # ("executive vice president and chief operating officer") name another post.
        appositive = _APPOSITIVE.match(sentence, end)
        if appositive:
            told = [normal_form(w.lower()) for w in re.findall(r"\w+", appositive.group(1))
                    if w.lower() not in STOPWORDS]
            if any(tuple(told[i:i + len(phrase)]) == phrase for i in range(len(told))) \
                    and not (owner and _owned_elsewhere(appositive.group(1), owner, asked)):
                return True
        if _role_before(sentence[:start], phrase, owner, question):
            return True
    return False


# The role and whose it is, set off by a comma before the name: "A spokesman for provincial governor
# Gul Agha, Akbar Jan, says ..."; the role (group 1) and its owner (group 2).
_ROLE_THEN_NAME = re.compile(r"([^,.;:!?()“”\"]{1,80}?)\s+(?:of|for|at)\s+([^,.;:!?()“”\"]{1,80}),\s*$")


def _role_before(before: str, phrase: tuple[str, ...], owner: tuple[str, ...], question: str) -> bool:
    """Whether the text before a name ends with the whole role and its owner, set off by a comma:
    the name holds that role. The owner must be the question's (any of its capitalised words, or the
    owner's people) when the question names one."""
    m = _ROLE_THEN_NAME.search(before)
    if m is None:
        return False
    told = [normal_form(w.lower()) for w in re.findall(r"\w+", m.group(1)) if w.lower() not in STOPWORDS]
    if tuple(told[-len(phrase):]) != phrase:
        return False
    named = set(re.findall(r"\b[A-Z][\w-]+", question[1:]))
    return not owner or any(w in named or _same_owner(w, owner) for w in re.findall(r"\b[A-Z][\w-]+", m.group(2)))


_AUX = ("is|was|were|are|am|be|been|do|does|did|will|would|can|could|should|shall|may|might|must|has|have|had|"
        "'s|’s")
_STOP_FOCUS = set(f"{_AUX}|of|in|on|at|for|to|from|by|with|about|that|who|which|when|where|why|how|and|or|the|a|an|"
                  "this|these|those|his|her|its|their|as|than|after|before|else|exactly|precisely".split("|"))
_FOCUS = re.compile(r"\b(?:how (?:many|much)|(?:what|which)(?: (?:is|was|were|are) (?:the|a|an|"
                    r"(?:[\w&.-]+ ){0,3}?[\w&.-]+['’]s))?|whose)\s+((?:[\w'’-]+\s*){1,4})", re.I)


_KIND_OF = re.compile(r"(?:type|kind|sort|make|model|brand|breed|species|variety|style|form)s? of ([\w'’-]+)", re.I)


def focus_words(question: str) -> list[str]:
    """What a "how many X" / "which X" / "what was the X" question asks about ("Which architect's
    design ..." -> ["architect"]): a passage without these words answers another question.

    Empty when the question word stands alone ("Who ...", "When ...", "What did he say ...").
    """
    topic = topic_of(question)
    m = _FOCUS.search(topic)
    if not m or m.start() > max(_opening(topic), QUESTION_WORD_WITHIN) or _WHICH_MEMBER.search(question):
        return []
    # "What type of aircraft crashed?" asks about the aircraft: the passage says "aircraft", not "type".
    kind_of = _KIND_OF.match(m.group(1))
    if kind_of:
        return [re.sub(r"['’]s$", "", kind_of.group(1).lower())]
    first = m.group(1).split()[0]
    if m.group(0).lower().startswith("what ") and first.islower() and first.endswith("ed") \
            and _lemma(first) != first:
        return []  # "What started the fire?": a verb, not what is asked about
    words: list[str] = []
    for raw in m.group(1).split():
        word = re.sub(r"['’]s$", "", raw.lower())
        if words and _lemma(word) in _SPEAKING:
            break  # "Which scientist warned ...?" asks about the scientist; a story says he "says" it
        if word in _STOP_FOCUS or raw.lower().endswith(("'s", "’s")) and words:
            if raw.lower().endswith(("'s", "’s")):
                words.append(word)
            break
        words.append(word)
        if len(words) == 3:
            break
    if words and words[0] in _STOP_FOCUS:
        return []
    return words


# "What time", "which city", "how many people", "how old": words that say what kind of answer is
# wanted, not what the answer is about. An answering passage states a time or a city; it need not say
# "time". "According to" only says whose account is wanted, "besides" what to leave out.
_TYPE_PHRASE = re.compile(r"\b(?:(?:at|in|on|for|from|until|to|by|since|with) )?(?:what|which) (?:time|hour|year|date|day|"
                          r"month|decade|century|season|city|cities|country|countries|town|place|region|location|state|"
                          r"venue|province|area|territory|territories|person|people|share|percentage|proportion|portion|"
                          r"fraction|number|amount|value|price|cost|figure|total|score|rate|"
                          rf"{_ORGANISATIONS})s?\b|\b(?:what|which) {_QUALIFIERS}(?:{_MEASURES})\b|{_NAMING.pattern}|"
                          r"\bhow many (?:people|times)\b|\bhow much money\b|"
                          r"\bhow (?:old|long|far|big|large|often|high|tall|fast|heavy|deep|wide|soon|late|early)\b|"
                          r"\baccording to\b|\b(?:besides|apart from|aside from|other than)\b", re.I)


# "Which private equity firm ...": the kind-of-answer noun after words that say which kind; those stay.
_QUALIFIED_TYPE = re.compile(rf"\b(?:what|which) ((?:{_QUALIFIER}){{1,2}})(?:{_ORGANISATIONS})\b", re.I)
# "What frame rate", "what interest rate": the words saying which figure stay, the noun naming a
# figure goes. So too "What is the national share of ...?": a passage gives "10 per cent nationally"
# (only shares and rates: "What was the final score?" is about a game a passage must name).
_QUALIFIED_MEASURE = re.compile(rf"\b(?:what|which) ((?:{_QUALIFIER}){{1,2}})(?:{_MEASURES})\b|"
                                rf"\bwhat (?:is|was|were|are|will be) ({_THE_QUALIFIED})"
                                r"(?:share|percentage|proportion|rate)\b", re.I)


# "According to the National Review column", "in the article": the document itself, which no
# sentence of it names; the outlet's name stays (it is among the article's words).
_DOCUMENT = re.compile(r"\b((?:according to|in|from) (?:the|this|that) (?:[A-Z][\w.&'’-]* )*)(?:article|story|report|"
                       r"column|piece|analysis|op-ed|editorial|interview|post|review)\b")
# ... or the document as the one saying it: "How does the analysis describe ...?", "What does the
# article say about ...?"
_DOCUMENT_SAYS = re.compile(r"\b(?:the|this|that) (?:article|story|column|piece|analysis|op-ed|editorial|commentary)\b"
                            r"(?= (?:says?|describes?|calls?|characteri[sz]es?|portrays?|puts?|argues?|suggests?|"
                            r"claims?|explains?)\b)")


# ... or its writer, who writes "I" and never names the writer: "Which conference did the writer
# attend?" ("as I did at October's Money 20/20 conference").
_THE_WRITER = re.compile(r"\b(?:the|this) (?:writer|author|columnist|blogger|reviewer|narrator)(?:['’]s)?(?= |\?|$)",
                         re.I)


# "The possible negotiations", "reportedly", "roughly": how sure the asker is, which the coverage says
# its own way ("could lead to negotiations"), not what the question is about. "Ago" is how the asker
# counts back from today; a story counts its own way ("100 years since").
_HEDGE = re.compile(r"\b(?:possible|possibly|potential|potentially|likely|reportedly|allegedly|apparently|supposedly|"
                    r"purportedly|roughly|approximately|ago)\b", re.I)


@functools.lru_cache(maxsize=1024)  # read for the lexical search, the answer type, focus and the confidence
def topic_of(question: str) -> str:
    """The question without the phrase naming the kind of answer it wants."""
    question = _DOCUMENT_SAYS.sub("", _DOCUMENT.sub(lambda m: m.group(1), question))
    if not _ROLE.search(question):  # "Who is the author of the study?" asks for the author
        question = _THE_WRITER.sub(" ", question)
    question = _QUALIFIED_MEASURE.sub(lambda m: m.group(1) or m.group(2), question)
    question = _HEDGE.sub(" ", question)
    return _TYPE_PHRASE.sub(" ", _QUALIFIED_TYPE.sub(lambda m: m.group(1), question))
