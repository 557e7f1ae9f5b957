"""Answering behaviour on the bundled coverage, plus concurrency and odd questions."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from retrieval.errors import QuestionError

from .conftest import make_retriever


def ask_about(embedder, tmp_path, articles: dict[str, str], question: str):
    """Index `articles` (file name -> text) in a fresh embedded index and ask `question`."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / name).write_text(text)
    r = make_retriever(embedder, tmp_path / "idx", corpus)
    r.reindex()
    return r.ask(question)


def test_answer_is_quoted_and_cited(bundled):
    answer = bundled.ask("Who called NATO membership unrealistic?")
    assert answer.answered
    top = answer.snippets[0]
    assert "Hegseth" in top.text and "unrealistic" in top.text.lower()
    assert len(top.text) <= 400 and top.text in top.context or top.context
    cited = {s.source for s in answer.snippets} | {x for s in answer.snippets for x in s.also_in}
    assert len(cited) >= 2, "several articles report this statement"


@pytest.mark.parametrize("question", [
    "What is the capital of France?",
    "How do I bake sourdough bread?",
    "Who won the Super Bowl last year?",
])
def test_off_topic_questions_are_refused_with_closest_passages(bundled, question):
    answer = bundled.ask(question)
    assert not answer.answered and answer.confidence < bundled.min_confidence
    assert answer.snippets, "the closest passages are still shown, labelled as not an answer"


def test_snippets_are_ordered_and_bounded(bundled):
    answer = bundled.ask("What did Trump personally say about Ukraine joining NATO?")
    scores = [s.score for s in answer.snippets]
    assert scores == sorted(scores, reverse=True)
    assert 1 <= len(answer.snippets) <= bundled.max_snippets
    assert all(len(s.text) <= 400 for s in answer.snippets)
    assert all(s.source not in s.also_in for s in answer.snippets)


def test_restatements_in_other_articles_are_grouped(embedder, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The port authority said the harbour of Portmere will reopen on Monday morning. "
                                  "Fishermen welcomed the news.\n")
    (corpus / "b.txt").write_text("Portmere's harbour will reopen on Monday morning, the port authority said. "
                                  "Ferry companies are adding extra sailings.\n")
    (corpus / "c.txt").write_text("A new bakery opened on the high street of Portmere last week. "
                                  "It sells rye bread and pastries.\n")
    r = make_retriever(embedder, tmp_path / "idx", corpus)
    r.reindex()
    answer = r.ask("When will the Portmere harbour reopen?")
    top = answer.snippets[0]
    assert answer.answered and "Monday" in top.text
    assert {top.source, *top.also_in} == {"a.txt", "b.txt"}
    assert all("Monday" not in s.text for s in answer.snippets[1:]), "the restatement is not repeated as a snippet"


def test_articles_giving_the_same_answer_in_other_words_are_cited_with_it(bundled):
    """CGTN has Hegseth "called" the membership unrealistic, another article has him "dismissed" it as
    unrealistic: worded too differently to be one statement by their vectors alone, they name the same
    person for it, so the answer cites both."""
    top = bundled.ask("Who called NATO membership unrealistic?").snippets[0]
    assert {top.source, *top.also_in} >= {"000_4b7ff5b160893325.txt", "001_64706d191d4acd2b.txt"}, top


def test_only_a_passage_giving_the_same_answer_is_folded_into_the_answer():
    import numpy as np

    from retrieval import ranking

    def cand(row: int, vector: list[float], answers: set[str], score: float) -> ranking.Candidate:
        v = np.array(vector) / np.linalg.norm(vector)
        return ranking.Candidate(row, 0.5, 0.5, v, 1, score=score, answers=frozenset(answers))
    docs = {1: "a", 2: "b", 3: "c", 4: "a", 5: "d"}
    first = cand(1, [1.0, 0.9, 0.0], {"14"}, 1.5)
    same = cand(2, [1.0, 0.2, 0.6], {"14"}, 1.45)  # cosine about 0.74 with the first: not one statement by it
    more = cand(3, [1.0, 0.2, 0.6], {"nine", "14"}, 1.4)  # an answer the first does not give: shown itself
    own = cand(4, [1.0, 0.2, -0.6], {"14"}, 1.35)  # the answer's own article: not a citation of another
    far = cand(5, [0.2, -1.0, 0.3], {"14"}, 1.3)  # the same figure in a sentence on something else
    chosen = ranking.group([first, same, more, own, far], docs, 4)
    assert [c.row for c in chosen] == [1, 3, 4, 5] and chosen[0].also == [2]


def test_the_answer_more_articles_give_goes_first_when_it_scores_as_well():
    """Three outlets writing "invited him to Portmere" outweigh one writing "to visit Ruritania" that
    ranks a little higher, but not one that ranks clearly higher, nor one of another kind of evidence."""
    import numpy as np

    from retrieval import ranking

    def cand(row: int, vector: list[float], answers: set[str], score: float, typed: int = 1) -> ranking.Candidate:
        return ranking.Candidate(row, 0.5, 0.5, np.array(vector) / np.linalg.norm(vector), typed, score=score,
                                 answers=frozenset(answers))

    def ranked(top_score: float, top_typed: int = 1) -> list[int]:
        docs = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
        cands = [cand(1, [1.0, 0.1, 0.0], {"ruritania"}, top_score, top_typed),
                 cand(2, [1.0, 0.0, 0.1], {"portmere"}, 1.50), cand(3, [1.0, 0.1, 0.1], {"portmere"}, 1.40),
                 cand(4, [1.0, 0.0, 0.2], {"portmere"}, 1.30),
                 cand(5, [0.0, 1.0, 0.0], {"ruritania"}, 1.20)]  # on something else: no support
        ranking.put_agreed_first(cands, docs)
        return [c.row for c in cands]

    assert ranked(1.52)[:2] == [2, 1]
    assert ranked(1.70)[:2] == [1, 2], "far ahead: its wording wins"
    assert ranked(1.52, top_typed=2)[:2] == [1, 2], "the first carries the answer type better"


def test_articles_giving_the_answer_below_the_snippet_margin_are_cited_too():
    """An outlet that gives the answer in words far from the question's ranks below the snippets, but
    it says the same thing: it is cited with the answer."""
    import numpy as np

    from retrieval import ranking

    def cand(row: int, vector: list[float], answers: set[str]) -> ranking.Candidate:
        return ranking.Candidate(row, 0.3, 0.2, np.array(vector) / np.linalg.norm(vector), answers=frozenset(answers))
    first = cand(1, [1.0, 0.5, 0.0], {"hegseth"})
    first.also = [2]
    docs = {1: "a", 2: "b", 3: "c", 4: "d", 5: "d", 6: "e", 7: "a"}
    others = [cand(3, [1.0, 0.0, 0.3], {"hegseth"}),  # another outlet, the same answer: cited
              cand(4, [1.0, 0.0, 0.3], {"hegseth", "trump"}),  # another answer besides: not
              cand(5, [1.0, 0.0, 0.3], {"hegseth"}),  # then the same outlet's next mention: cited once
              cand(6, [0.0, 0.1, 1.0], {"hegseth"}),  # the same name in a sentence on something else: not
              cand(7, [1.0, 0.0, 0.3], {"hegseth"})]  # the answer's own article: not
    ranking.cite_same_answer(first, others, docs)
    assert first.also == [2, 3, 5]


def test_concurrent_questions_get_the_same_answers_as_sequential(bundled):
    questions = ["Who is the Kremlin spokesman?", "Where might Trump and Putin meet in person?",
                 "When was NATO established?", "What is the capital of France?"] * 4
    expected = {q: bundled.ask(q) for q in set(questions)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(bundled.ask, questions))
    assert got == [expected[q] for q in questions]


def test_very_long_question_is_cut_not_rejected(bundled):
    question = "Who called NATO membership unrealistic? " + "Please explain in detail. " * 200
    assert len(question) > 5000
    answer = bundled.ask(question)
    assert len(answer.question) <= bundled.max_question_chars
    assert answer.snippets


@pytest.mark.parametrize("question", ["", "   ", "?!?!", "🙂🙂🙂", "…"])
def test_questions_without_words_are_rejected_clearly(bundled, question):
    with pytest.raises(QuestionError):
        bundled.ask(question)


def test_sources_and_source_text(bundled):
    sources = bundled.sources()
    assert len(sources) == 5 and all(s.sentences > 0 for s in sources)
    doc = bundled.source("001_64706d191d4acd2b")
    assert doc.source.title and "Hegseth" in doc.text
    assert "explorepedia" not in doc.text.lower(), "the reference list is not part of the article"


@pytest.mark.parametrize("question, without, with_it, wanted", [
    ("At what time did the storm reach the coast?",
     "The storm reached the coast of Portmere on Monday and flooded the harbour district.",
     "The storm reached the coast at 4:30 a.m., the weather office said.", "4:30 a.m."),
    ("How much did the city pay for the sea wall repairs?",
     "The city paid the contractor for the sea wall repairs after a long dispute.",
     "The city paid $2.4 million for the sea wall repairs, the council said.", "$2.4 million"),
    ("How old is the new harbour master?",
     "The new harbour master, Ana Ruiz, took office on Monday after a long career at sea.",
     "The new harbour master, Ana Ruiz, 47, took office after a long career at sea.", "47"),
    ("How long will the repairs to the harbour bridge take?",
     "Repairs to the harbour bridge will start on Monday, the council said.",
     "Repairs to the harbour bridge will take about six weeks, the council said.", "six weeks"),
    ("Which company will rebuild the harbour sea wall?",
     "A contractor will rebuild the harbour sea wall after the storm, the council said.",
     "Portmere Marine will rebuild the harbour sea wall after the storm, the council said.", "Portmere Marine"),
    ("Which private ferry operator will run the new island service?",
     "A private ferry operator will run the new island service from May, the council said.",
     "Nordline, a private ferry operator, will run the new island service from May, the council said.", "Nordline"),
    ("Which Canadian was rescued from the flooded harbour?",
     "A Canadian was rescued from the flooded harbour on Monday, police said.",
     "Canadian sailor Tom Reid was rescued from the flooded harbour on Monday, police said.", "Tom Reid"),
    ("What does the Harbour Spa charge for a massage?",
     "The Harbour Spa charges visitors for a massage by the length of the session, its manager said.",
     "The Harbour Spa charges $45 for a massage, its manager said.", "$45"),
    ("Who did the harbour rowing club beat in the final?",
     "The harbour rowing club won the final on Monday, its captain said.",
     "The harbour rowing club beat Portmere in the final on Monday, its captain said.", "Portmere"),
    ("Who found the stolen fishing boat?",
     "The stolen fishing boat was found on Monday, drifting near the harbour mouth.",
     "A neighbour found the stolen fishing boat on Monday, drifting near the harbour mouth.", "neighbour"),
    ("Who will lead the harbour rebuilding?",
     "The harbour rebuilding will be led by the port authority's new director, the council said.",
     "Ana Ruiz, the port authority's new director, will lead the harbour rebuilding.", "Ana Ruiz"),
    ("What is the name of the new worm that wipes the harbour office's computers?",  # a name a story coins, quoted
     "Experts have warned of a new worm that wipes the harbour office's computers.",
     "Experts have warned of a new \"slider\" worm that wipes the harbour office's computers.", "slider"),
])
def test_a_passage_without_the_kind_of_thing_asked_is_not_an_answer(embedder, tmp_path, question, without, with_it,
                                                                  wanted):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"{without} Residents were told to stay indoors until the water receded.\n")
    r = make_retriever(embedder, tmp_path / "idx", corpus)
    r.reindex()
    refused = r.ask(question)
    assert not refused.answered, refused
    assert refused.snippets and refused.evidence["answer_type"] < 0, "the closest passage is shown, as not an answer"
    (corpus / "b.txt").write_text(f"{with_it} Work starts next spring and should last two years.\n")
    r.reindex()
    answered = r.ask(question)
    assert answered.answered and wanted in answered.snippets[0].text, answered


def test_a_money_question_needs_an_amount_of_money_not_any_number(embedder, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("In 2016 the state's anti-drug campaign reached 300 schools and 12 towns, officials said. "
                                  "The governor defended the campaign on Monday.\n")
    r = make_retriever(embedder, tmp_path / "idx", corpus)
    r.reindex()
    assert not r.ask("How much did the state spend on its anti-drug campaign?").answered
    (corpus / "b.txt").write_text("The state spent roughly $449,000 on the anti-drug campaign, according to the contract. "
                                  "It ran on television and online.\n")
    r.reindex()
    answer = r.ask("How much did the state spend on its anti-drug campaign?")
    assert answer.answered and "$449,000" in answer.snippets[0].text


def test_labels_name_the_cited_articles_only(bundled):
    answer = bundled.ask("Who called NATO membership unrealistic?")
    cited = [s.source for s in answer.snippets] + [i for s in answer.snippets for i in s.also_in]
    labels = bundled.labels(cited + ["no-such-article.txt"])
    by_id = {s.id: s for s in bundled.sources()}
    assert labels == {i: by_id[i].label for i in cited}


def indexed(embedder, tmp_path, articles: dict[str, str]):
    """A retriever over a corpus of these articles (file name -> text), indexed."""
    corpus = tmp_path / "c"
    corpus.mkdir(exist_ok=True)
    for name, text in articles.items():
        (corpus / name).write_text(text)
    r = make_retriever(embedder, tmp_path / "idx", corpus)
    r.reindex()
    return r


def test_a_which_x_question_ranks_the_sentence_naming_x_first(embedder, tmp_path):
    """"Which hotel ...": a sentence repeating the question's other words but never naming a hotel
    answers another question; the one that names the hotel comes first, and is answered."""
    r = indexed(embedder, tmp_path, {"a.txt":
        "Girl found safe in Dunmore\n"
        "Police said the kidnapper held the girl captive for hours after grabbing her near a school in Dunmore. "
        "Residents had reported a grey van in the street. "
        "Later that evening he admitted that he took the girl to the Seaview Lodge hotel, where he held her captive in a room.\n"})
    answer = r.ask("At which hotel did the kidnapper hold the girl captive?")
    assert "Seaview Lodge" in answer.snippets[0].text, answer.snippets
    assert answer.answered


def test_what_was_the_owners_figure_asks_for_that_figure(embedder, tmp_path):
    """"What was Harbourline's revenue?" asks for the revenue: a profit figure of the same company, in a
    sentence that shares every other word, is not the answer."""
    r = indexed(embedder, tmp_path, {"a.txt":
        "Harbourline results\n"
        "Harbourline's net profit in the third quarter of 2019 was $4 million, the ferry operator said on Tuesday. "
        "Its chief executive thanked the crews. Detailed revenue figures follow in the annual report.\n"})
    question = "What was Harbourline's total revenue in the third quarter?"
    assert not r.ask(question).answered
    (tmp_path / "c" / "b.txt").write_text(
        "Ferry revenue rises\n"
        "Total revenue at Harbourline reached $31 million in the third quarter, up from $27 million a year earlier. "
        "Passenger numbers grew by a tenth.\n")
    r.reindex()
    answer = r.ask(question)
    assert answer.answered and "$31 million" in answer.snippets[0].text, answer.snippets[0]


def test_a_figure_is_anchored_only_next_to_the_questions_own_words():
    """"How long did the call last?": "This call, lasting nearly 90 minutes" states the call's length;
    "breaking the three-year deadlock" is a duration too, of something else."""
    from retrieval.answer_types import anchored
    from retrieval.lexical import normal_form

    question = "How long did the Trump-Putin phone call last?"
    topic = {normal_form(w) for w in ("phone", "call", "last")}  # the question's words, without its names
    assert anchored("duration", "This call, lasting nearly 90 minutes, signals a change in policy.", question, topic)
    assert not anchored("duration", "Trump held a phone call with Putin, breaking the three-year diplomatic "
                        "deadlock between the U.S. and Russia.", question, topic)
    assert not anchored("duration", "The call was short.", question, topic), "no figure at all"


def test_a_figure_is_anchored_by_the_question_s_words_in_its_own_clause():
    """"When did Vell launch the ferry service?": the date in the clause of "launched" dates the launch,
    however many words stand between; a date in the clause before the comma dates something else."""
    from retrieval.answer_types import anchored
    from retrieval.lexical import normal_form

    question = "When did Tomas Vell launch Portmere Ferries?"
    topic = {normal_form("launch")}
    assert anchored("date", "Tomas Vell launched the harbour boat service in 2009 with his brother.", question, topic)
    assert not anchored("date", "In the spring of 2011, a year after the service was launched, Vell stepped back.",
                        question, topic)
    assert not anchored("date", "Tomas Vell launched the service and a great many other small local firms "
                        "across the county in 2009.", question, topic), "too far away, in the same clause or not"


@pytest.mark.parametrize("sentence, doer", [
    ("Palestinian leader Yasser Arafat ordered the arrest of the Hamas founder.", True),
    ("The arrest was ordered by Palestinian leader Yasser Arafat.", True),
    ("Hamas spokesman Ismail Haniyeh said the arrest would not stop the group.", False),  # a name, no deed
    ("Yasser Arafat ordered new elections in the West Bank.", False),  # the deed, done to something else
])
def test_who_did_it_is_answered_by_the_name_doing_the_deed(sentence, doer):
    """"Who ordered the arrest of X?" is answered best by the name standing as the doer of "ordered",
    in a sentence about the arrest."""
    from retrieval.answer_types import anchored
    from retrieval.lexical import normal_form

    question = "Who ordered the house arrest of Sheikh Ahmed Yassin?"
    topic = {normal_form(w) for w in ("ordered", "house", "arrest")}  # the question's words, without its names
    assert anchored("who", sentence, question, topic) is doer
    heads = {normal_form(w) for w in ("heads", "financial", "reporting")}
    assert not anchored("who", "Dr Nigel Sleigh-Johnson, head of financial reporting at the ICAEW, is unconvinced.",
                        "Who heads financial reporting at NOAA?", heads), "a bare noun, not the verb"


@pytest.mark.parametrize("question, verb", [
    ("Who ordered the house arrest of Sheikh Ahmed Yassin?", "ordered"),
    ("Who was named Apple's CEO?", "named"),
    ("Which company dropped out of its lunar lander contract?", "dropped"),
    ("Which ocean racing yacht took line honours?", "took"),
    ("Who is the Kremlin spokesman?", None),  # a role, no deed
    ("Who did T1 beat in the final?", None),  # the question names the doer
    ("Which company did Jazz acquire?", None),
    ("Which two prison officers were charged?", None),  # a plural noun, then a passive: no doer asked for
])
def test_the_deed_whose_doer_is_asked_for(question, verb):
    from retrieval.answer_types import deed

    assert deed(question) == verb


def test_the_doer_of_the_deed_asked_about_comes_first(embedder, tmp_path):
    """A sentence that repeats the question's words around another name does not outrank the one
    naming who did it."""
    answer = ask_about(embedder, tmp_path, {
        "a.txt": "Sharon's demand\nIsraeli Prime Minister Ariel Sharon demanded the house arrest of Hamas founder "
                 "Sheikh Ahmed Yassin on Friday.\n",
        "b.txt": "Arafat acts against Sheikh Ahmed Yassin\nPalestinian leader Yasser Arafat ordered the house arrest of the Hamas founder after "
                 "a wave of suicide bombings in Israel.\n"},
        "Who ordered the house arrest of Sheikh Ahmed Yassin?")
    assert answer.answered and "Arafat ordered" in answer.snippets[0].text, answer.snippets[0]


def test_which_x_did_it_is_answered_by_the_doer_though_no_kind_is_asked_for(embedder, tmp_path):
    """"Which yacht took line honours?" names no kind of answer the rules know (a yacht), but a name
    standing as the doer of "took" in a sentence on line honours answers it."""
    answer = ask_about(embedder, tmp_path, {
        "a.txt": "Race preview\nSkippers expect the yacht that takes line honours in the 57th Sydney to Hobart "
                 "to cross the line on Friday.\n",
        "b.txt": "Yacht race\nSwedish ocean racer Assa Abloy has taken line honours in the 57th Sydney to Hobart, "
                 "organisers said. The yacht crossed the line on Friday.\n"},
        "Which yacht took line honours in the 57th Sydney to Hobart?")
    assert answer.answered and "Assa Abloy" in answer.snippets[0].text, answer.snippets[0]


def test_which_people_did_it_is_answered_by_the_doers_whatever_the_passage_calls_them(embedder, tmp_path):
    """"Which politicians abstained ...?" is answered by the names standing as doers of "abstained",
    though the passage calls them a minister and a backbencher, never politicians: the noun is not
    counted as what the passage lacks (that the whole article never uses it still counts, as absent)."""
    answer = ask_about(embedder, tmp_path, {
        "a.txt": "Abortion bill passes\nThe House of Assembly passed the abortion bill by 15 votes to eight after a "
                 "16-hour debate. Just before 10pm, Police Minister Ana Ruiz and Labor backbencher Tomas Vell "
                 "abstained from voting on the bill's second reading. The upper house will debate it today.\n"},
        "Which politicians abstained from voting on the bill's second reading?")
    assert "Tomas Vell" in answer.snippets[0].text, answer
    assert answer.evidence["unfocused"] == 0.0, "what the passage calls them is not what it lacks"


@pytest.mark.parametrize("sentence, question, told", [
    ("The Portmere Pirates lost to Elkton in the final.", "Who won the Portmere Cup final?", False),
    ("Elkton, the winners, lifted the cup.", "Who won the Portmere Cup final?", True),
    ("Elkton won it for the third time.", "Who won the Portmere Cup final?", True),
    ("As the co-founder of Nordline, Ana Ruiz spent years at sea.", "Who co-founded Nordline?", True),
    ("Ana Ruiz founded the firm in 2009.", "Who co-founded Nordline?", True),
    ("Nordline was reviewed using code provided by Yacht Club Games.", "Who developed Nordline?", False),
    ("Three members--Fisher, Ruiz and Plosser--dissented.", "Which member dissented?", True),
    ("The coroner looked into the death of a race marshal.", "Which race marshal died at the Grand Prix?", True),
    ("Apple will release it in 2020, according to DigiTimes.", "Which publication reported that Apple will release it?", True),
    ("Kismot Restaurant's challenge drew a crowd.", "Which restaurant held the challenge?", True),  # "held" says little
    ("The Ferry Board met on Monday.", "Who is the chairman of the Ferry Board?", True),  # no deed asked about
    # Who warned, argued or predicted it: a story writes that someone "says" it.
    ("Scientist Ana Ruiz says the valley would flood within a day.", "Which scientist warned that the valley could flood?",
     True),
    ("The valley would flood within a day, Ruiz told reporters.", "Who predicted that the valley would flood?", True),
    ("Ana Ruiz studied the valley's floods.", "Which scientist warned that the valley could flood?", False),
])
def test_a_who_did_it_question_is_answered_by_a_passage_that_speaks_of_the_deed(sentence, question, told):
    from retrieval.answer_types import tells_the_deed

    assert tells_the_deed(sentence, question) is told


def test_who_warned_it_is_answered_by_whoever_says_it(embedder, tmp_path):
    """"Which scientist warned ...?" asks about the scientist; the story says she "says" it."""
    from retrieval.answer_types import focus_words

    assert focus_words("Which scientist warned that the valley could flood?") == ["scientist"]
    files = {"a.txt": "Dam risk study\nThere is a one in 20 chance that the Elkton dam will fail this century, "
                      "according to a new study.\nScientist Ana Ruiz says if that happens, the valley would flood "
                      "within a day.\nThe study took two years.\n"}
    answer = ask_about(embedder, tmp_path, files, "Which scientist warned that the valley could flood within a day?")
    assert answer.answered and "Ana Ruiz" in answer.snippets[0].text, answer


def test_a_passage_that_never_speaks_of_the_deed_is_not_its_answer(embedder, tmp_path):
    """"Who won the Portmere Cup final?": a sentence on the final that names people but not who won
    is no answer (its article speaks of winning elsewhere, so no word of the question is missing from
    it); the one saying who won is."""
    files = {"a.txt": "Cup final\nThe Portmere Cup final between the Pirates and Elkton Rovers was watched by 4,000 fans, "
                      "among them mayor Ana Ruiz and coach Tom Vell. Most of the tickets were won in a radio contest.\n"}
    question = "Who won the Portmere Cup final?"
    answer = ask_about(embedder, tmp_path, files, question)
    assert not answer.answered, answer.snippets[0]
    files["b.txt"] = "Result\nElkton Rovers won the Portmere Cup final 2-1 on Saturday.\n"
    (tmp_path / "more").mkdir()
    answer = ask_about(embedder, tmp_path / "more", files, question)
    assert answer.answered and "Elkton Rovers won" in answer.snippets[0].text, answer.snippets[0]


@pytest.mark.parametrize("question, verb", [
    ("When did Tom Vell die?", "die"),
    ("When was the Portmere Harbour bridge built?", "built"),  # "bridge" ends the name
    ("When was Ana Ruiz first elected mayor?", "elected"),
    ("Where will Ana Ruiz be buried?", "buried"),
    ("When does Tom Vell expect to travel to Lisbon?", "travel"),  # the travel is the event
    ("Where did Tom Vell move to Lisbon?", "move"),  # "to" a place, not to a verb
    ("In which year did Nordline buy Elkton?", "buy"),
    ("Where was Tom Vell born?", "born"),
    ("When will Elkton dockers strike?", None),  # "dockers" is no verb, and "strike" may be a noun
    ("When did the storm reach the coast?", None),  # without parts of speech "storm" could be the verb
    ("Where did Tom Vell's helicopter crash?", None),  # the subject goes on after the name
    ("Where is Nordline based?", None),  # where it is, not where something happened
    ("Where did the film rank in the chart?", None),  # a position, not a place
    ("How many people did Nordline hire?", None),  # a count is often told with another verb
    ("When did Omar bin Vell cross into Elkton?", "cross"),  # a particle inside a name is no verb
    ("On what date did Tom Vell die?", "die"),  # "on what date" asks when, as "when" does
    ("Where did the Portmere Airways plane crash?", "crash"),  # "plane" is the subject's noun, not a verb
    ("When did Nordline stock fall?", "fall"),
    # the subject's nouns in lower case, then the verb and its object's article
    ("On what date did the Eastwick fever patient eat the fish?", "eat"),
    ("When will the Portmere Council raise harbour fees?", "raise"),  # no article: the first bare word
])
def test_the_event_whose_time_or_place_is_asked_for(question, verb):
    from retrieval.answer_types import event

    assert event(question) == verb


def test_where_a_named_plane_crashed_is_told_by_the_crash(embedder, tmp_path):
    """"Where did the Portmere Airways plane crash?" asks where it crashed: "the fatal Portmere Airways
    crash in the Eastwick Channel" tells it, though "plane" can be a verb too."""
    answer = ask_about(embedder, tmp_path, {
        "a.txt": ("The transport bureau today released its report into last year's fatal Portmere Airways crash in "
                  "the Eastwick Channel.\n\nThe report has ruled out pilot error.\n\n"
                  "The airline says it is relieved the report is complete.\n"),
        "b.txt": ("Officials said they had heard about the crash just after 5:30am and were unable to say whether "
                  "the plane was headed to the island.\n\nThe search continues.\n")},
        "Where did the Portmere Airways plane crash?")
    assert answer.answered and "Eastwick Channel" in answer.snippets[0].text, answer


@pytest.mark.parametrize("sentence, question, told", [
    ("Tom Vell was born in East Chicago in 1957.", "When did Tom Vell die?", False),
    ("Tom Vell died at home in 2006.", "When did Tom Vell die?", True),
    ("Vell's death in 2006 went unreported.", "When did Tom Vell die?", True),
    ("Elkton Rovers hosted the final on Saturday.", "When did Ana Ruiz win the Portmere Cup?", False),
    ("Ana Ruiz, who in 2008 won the Portmere Cup, spoke.", "When did Ana Ruiz win the Portmere Cup?", True),
    ("Indonesia's 1975 invasion of East Timor was approved.", "When did Indonesia invade East Timor?", True),
    ("The museum was stormed on Wednesday.", "When was the Bardo Museum founded?", False),
    ("In 2009 we launched our page.", "When did Nordline launch its Facebook page?", True),  # "launch" says little
    # The event of "Where does X think Y was killed?" is the killing, not the thinking.
    ("Ruiz believes Vell could have been killed in the bombing of the Elkton caves.",
     "Where does Ruiz think Vell may have been killed?", True),
    ("Ruiz believes Vell is hiding in the Elkton caves.", "Where does Ruiz think Vell may have been killed?", False),
    # the one who wrote it is its author
    ("Study author Ana Ruiz says the rates must fall.", "Who wrote the study on arrest rates?", True),
    ("A new study shows the rates are falling.", "Who wrote the study on arrest rates?", False),
    # "start" and "begin" tell the same event
    ("Ruiz began rowing again six weeks ago.", "When did Ana Ruiz start rowing again?", True),
    ("Vell started coaching Ruiz in 1999.", "When did Ana Ruiz begin rowing?", True),
    ("Ruiz took a break from rowing after the games.", "When did Ana Ruiz start rowing again?", False),
    ("The patient ate raw fish on May 3.", "When did the Eastwick fever patient eat the fish?", True),
    # a verb that only says someone spoke is told by any verb of saying
    ("Harbour analyst Tom Vell points out two reasons not to fret.", "Which analyst commented on the ferry results?", True),
    ("Harbour analyst Tom Vell bought the shares.", "Which analyst commented on the ferry results?", False),
])
def test_a_when_or_where_question_is_answered_by_a_passage_that_speaks_of_the_event(sentence, question, told):
    from retrieval.answer_types import tells_the_deed

    assert tells_the_deed(sentence, question) is told


def test_a_date_of_another_event_is_not_the_answer(embedder, tmp_path):
    """"When did Tom Vell die?" is not answered by the year he was born, however closely the rest of
    the sentence matches (its article speaks of dying elsewhere, so no word of the question is
    missing from it); the sentence on his death is."""
    files = {"a.txt": "Tom Vell remembered\nTom Vell, the Portmere writer of the harbour novels, was born in "
                      "East Chicago in 1957.\nSailors who died at sea are the heroes of the harbour novels.\n"}
    question = "When did Tom Vell die?"
    answer = ask_about(embedder, tmp_path, files, question)
    assert not answer.answered, answer.snippets[0]
    files["b.txt"] = "Obituary\nThe harbour novelist Tom Vell died in his sleep on 24 September 2006.\n"
    (tmp_path / "more").mkdir()
    answer = ask_about(embedder, tmp_path / "more", files, question)
    assert answer.answered and "24 September 2006" in answer.snippets[0].text, answer.snippets[0]


@pytest.mark.parametrize("sentence, holder", [
    ("Federal Science Minister Peter McGauran says security at the reactor is adequate.", True),
    ("The Federal Education Minister, Brendan Nelson, says he accepts the need for change.", False),
    ("Peter McGauran says security at the reactor is adequate.", False),
])
def test_who_is_the_role_is_answered_by_a_name_with_the_whole_role(sentence, holder):
    """"Who is the Federal Science Minister?" is answered by the name standing with that role, not by
    a name beside another minister's title, nor by a name alone."""
    from retrieval.answer_types import anchored, carries, role_words

    question = "Who is the Federal Science Minister?"
    assert anchored("who", sentence, question, set()) is holder
    assert len(role_words("Who is Mary Steenburgen's husband?")) == 1, "the owner is not part of the role"
    assert not role_words("Who won the race?"), "no role asked for"
    when = "Who was the harbour master when the ferry sank?"
    assert len(role_words(when)) == 2, "the role ends where the clause of when begins"
    assert anchored("who", "The inquiry heard from the pilot and the then harbour master, Tom Vell.", when, set())
    shire = "Who is the Portmere Islands shire president?"
    assert anchored("who", "Shire president, Ana Ruiz, says the search goes on.", shire, set()), \
        "the names before a role in lower case say whose role it is"
    assert len(role_words("Who is the Portmere Cup captain?")) == 3, "a captain of an event: the event is in the role"
    victory = "Who was the vote a victory for?"
    assert not role_words(victory), "a clause ('the vote a victory for'), not a role"
    assert carries("who", "The vote was a victory for Okafor.", victory), "a surname alone answers it"
    ceo = "Who is the chief executive officer of the ferry company?"
    assert anchored("who", "“It is a strong fit,” said Bruce Cozadd, chairman and chief executive officer of the "
                    "ferry company.", ceo, set()), "the post in the appositive after the name"
    assert not anchored("who", "“It is a strong fit,” said Russell Cox, executive vice president and chief "
                        "operating officer of the ferry company.", ceo, set()), "the role's words, scattered: another post"
    novel = "What is the title of Ana Ruiz's first novel?"
    assert anchored("name", "In July she published her first novel, Web of Harbours, to warm reviews.", novel, set())
    assert not anchored("name", "Her first agent, Maria Costa, sold the rights in Lisbon before the novel came out.",
                        novel, set()), "a name beside another role"
    son = "What is the name of the singer's son?"
    assert anchored("name", "His widow Olivia and son Dhani scattered the ashes.", son, set())
    assert not anchored("name", "His widow Olivia scattered the ashes.", son, set())


def test_a_chief_officer_s_role_may_be_written_by_its_initials(embedder, tmp_path):
    """"Who is Nordline's chief executive?" is answered by "said CEO Ana Ruiz", and an article that
    writes only "CEO" does not lack the words "chief executive"."""
    from retrieval.answer_types import anchored

    question = "Who is Nordline's chief executive?"
    assert anchored("who", "Profits rose, said CEO Ana Ruiz in the company's news release.", question, set())
    assert anchored("who", "Nordline CFO Tom Vell said profits rose.", "Who is Nordline's chief financial officer?", set())
    assert not anchored("who", "Nordline CFO Tom Vell said profits rose.", question, set()), "another chief officer"
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "Nordline results\n\nNordline reported a profit of $2.53 a share for the third quarter. "
        "“Our results reflected broad-based growth,” said CEO Ana Ruiz in Nordline's news release. "
        "Shares fell 5% in early trading.\n")}, question)
    assert answer.answered and "Ana Ruiz" in answer.snippets[0].text and answer.evidence["absent"] == 0.0, answer


def test_a_hyphenated_role_is_held_by_the_name_beside_it():
    """"vice-captain", "co-founder": a role written with a hyphen is read word by word, as sentences are."""
    from retrieval.answer_types import anchored

    question = "Who is Portmere's vice-captain?"
    assert anchored("who", "Meanwhile Portmeran vice-captain Ana Ruiz says the bowlers are fit.", question, set())
    assert not anchored("who", "Meanwhile Portmeran captain Ana Ruiz says the bowlers are fit.", question, set())
    # ... and the other way round: a vice-captain, a deputy or a former captain does not hold the captaincy
    captain = "Who is Portmere's captain?"
    assert anchored("who", "Meanwhile Portmeran captain Ana Ruiz says the bowlers are fit.", captain, set())
    for post in ("vice-captain", "former captain", "deputy captain"):
        assert not anchored("who", f"Meanwhile Portmeran {post} Ana Ruiz says the bowlers are fit.", captain, set()), post


@pytest.mark.parametrize("sentence, holder", [
    ("Portmere Harbour Minister Ana Ruiz opened the wharf.", True),
    ("Portmeran Harbour Minister Ana Ruiz opened the wharf.", True),  # the owner's people
    ("Harbour Minister Ana Ruiz opened the wharf.", True),  # a bare role: the article's own
    ("Elktonian Harbour Minister Tom Vell opened the wharf.", False),  # another country's minister
    ("Tom Vell, harbour minister of Elkton, opened the wharf.", False),
    ("Nordline's harbour minister Tom Vell opened the wharf.", False),
    ("Tom Vell, harbour minister at Elkton, spoke at the opening.", False),
])
def test_who_is_x_s_role_is_not_answered_by_another_owner_s_holder(sentence, holder):
    """"Who is Portmere's harbour minister?" names whose minister is asked for: a minister said to be
    another country's or company's (by a people's name or a possessive before the role, or "of" /
    "at" after it) is not the answer."""
    from retrieval.answer_types import anchored

    assert anchored("who", sentence, "Who is Portmere's harbour minister?", set()) is holder


@pytest.mark.parametrize("sentence, holder", [
    ("The Federal Minister for the Environment, Ana Ruiz, says inspectors will sample fuel.", True),
    ("Ana Ruiz, Federal Minister for the Environment, says inspectors will sample fuel.", True),
    ("The Federal Minister for Health, Ana Ruiz, says inspectors will sample fuel.", False),
    ("The Federal Minister for the Environment says inspectors, led by Ana Ruiz, will sample fuel.", False),
])
def test_a_role_written_as_its_title_is_held_by_the_name_beside_it(sentence, holder):
    """"The Minister for the Environment, Ana Ruiz": the role and whose it is, written whole as the
    question writes them, stand with the name even where the owner keeps the role's words from it."""
    from retrieval.answer_types import anchored

    assert anchored("who", sentence, "Who is the Federal Minister for the Environment?", set()) is holder


@pytest.mark.parametrize("sentence, holder", [
    ("A spokesman for provincial governor Ana Ruiz, Tom Vell, says the ferry will run.", True),
    ("A spokesman for the Portmere council, Tom Vell, says the ferry will run.", True),  # the owner named otherwise
    ("A spokesman for Elkton's mayor, Tom Vell, says the ferry will run.", False),  # another's spokesman
    ("A driver for provincial governor Ana Ruiz, Tom Vell, says the ferry will run.", False),  # another post
])
def test_a_role_and_its_owner_before_the_name_are_held_by_it(sentence, holder):
    """"A spokesman for provincial governor Ana Ruiz, Tom Vell, says ...": the role and whose it is,
    set off by a comma before the name, say that the name holds the role, when the owner is the
    question's."""
    from retrieval.answer_types import anchored

    assert anchored("who", sentence, "Who is the spokesman for Portmere governor Ana Ruiz?", set()) is holder


@pytest.mark.parametrize("sentence, person", [
    ("Portmere's coalition government includes a Harbour Party minister in the cabinet.", False),
    ("The Portmere prime minister has found that the wharf should not have closed.", False),
    ("Portmere Prime Minister Ana Ruiz said the wharf would reopen.", True),
    ("Portmere's prime minister, LK Ruiz, said the wharf would reopen.", True),  # initials without dots
    ("ANA RUIZ IS THE PORTMERE PRIME MINISTER", True),  # a headline in capitals
])
def test_who_is_the_role_asks_for_a_person(sentence, person):
    """"Who is Portmere's prime minister?" asks for a person: a sentence naming only a party, a body
    or a place beside the role carries no answer; a name standing with the role does, however it is
    written."""
    from retrieval.answer_types import carries

    assert carries("who", sentence, "Who is Portmere's prime minister?") is person
    # A bare "who" is still answered by a body: "Who denied it?" by a company.
    assert carries("who", "Nordline denied the claims on Monday.", "Who denied the claims?")


@pytest.mark.parametrize("sentence, surname", [
    ("State Department spokesman P.J. Vell said the talks would go on.", "vell"),
    ("Both he and the bank governor, Ian MacVell, believe the timing is unclear.", "macvell"),
    ("National Parks Service spokesperson Bill Line said the crack would be studied.", "line"),
    ("The U.S. Navy said the ship would sail.", None),
])
def test_people_are_read_however_their_names_are_written(sentence, surname):
    """Initials, a "Mac" or "Mc" name, a title before a full name: each is a person, known by the last
    word of the name. Country initials before a body ("U.S. Navy") are not."""
    from retrieval.answer_types import answers_given

    found = answers_given("who", sentence, "Who said it?")
    assert (surname in found) if surname else not found, found


@pytest.mark.parametrize("sentence, price", [
    ("You'll save $250 compared to getting the Portmere Watch.", False),
    ("Get $50 off the Portmere Watch this week.", False),
    ("Savings of up to $80 make the Portmere Watch a bargain.", False),
    ("The Portmere Watch costs $399, $50 off its usual price.", True),
    ("The Portmere Watch is $399 at most retailers.", True),
])
def test_a_saving_is_not_a_price(sentence, price):
    """What a deal takes off is not what the thing costs; a question about the saving is answered by it."""
    from retrieval.answer_types import carries

    assert carries("quantity", sentence, "How much does the Portmere Watch cost?") is price
    assert carries("quantity", "You'll save $250 with this deal.", "How much can buyers save with the deal?")


def test_a_name_written_by_its_initials_is_the_name():
    """"said EDS President Ana Ruiz" names the president of Election Data Services: the initials
    stand for the name the question writes in full."""
    from retrieval.lexical import short_names

    (short, name), = short_names("Who is the president of Election Data Services?")
    assert short.search("said EDS President Ana Ruiz") and not short.search("said Ed's president")
    assert not short_names("Who Is The President Of Election Data Services?"), "title case names nothing"


def test_the_holder_of_a_role_at_a_body_written_by_its_initials_is_found(embedder, tmp_path):
    files = {"a.txt": "Census study shifts the map\nA study released late last month by Election Data Services "
                      "reported that some of the biggest coastal states are poised to lose seats.\n“It does make "
                      "it a little bit tougher on the coast,” said EDS President Ana Ruiz.\n",
             "b.txt": "Harbour news\nThe harbour board met on Monday.\nPresident Tom Vell said that the board "
                      "would study the census figures before the vote.\n"}
    answer = ask_about(embedder, tmp_path, files, "Who is the president of Election Data Services?")
    assert answer.answered and "Ana Ruiz" in answer.snippets[0].text, answer
    # An article that never writes the name in full still names it.
    files["a.txt"] = ("Census study shifts the map\nA study reported that some of the biggest coastal states are poised "
                      "to lose seats.\n“It does make it a little bit tougher on the coast,” said EDS President Ana Ruiz.\n")
    (tmp_path / "more").mkdir()
    answer = ask_about(embedder, tmp_path / "more", files, "Who is the president of Election Data Services?")
    assert answer.answered and "Ana Ruiz" in answer.snippets[0].text, answer


def test_a_full_name_is_read_as_its_surname_written_alone():
    """After naming someone once, a story writes the surname alone; "the Council" is no surname."""
    from retrieval.lexical import surnames

    (alone, last, given), = surnames("How old is Elena Varga's lawyer?")
    assert (last, given) == ("varga", frozenset({"elena"}))
    assert alone.search("Varga, 43, argues the cases.") and not alone.search("Vargas said")
    (alone, _, _), = surnames("Who is the president of the Press Council?")
    assert not alone.search("the Council met on Monday.")
    assert not surnames("Who Is The President Of The Press Council?"), "title case names nothing"


def test_a_person_written_by_surname_alone_is_the_person_asked_about(embedder, tmp_path):
    files = {"a.txt": "The ministry's lawyer\nSolicitor General Elena Varga is the ministry's top lawyer at the "
                      "court.\nShe speaks with a steady pitch.\nVarga, 43, argues the ministry's most important "
                      "cases.\n",
             "b.txt": "A gala in Elkton\nThe 47-year-old was one of the guests invited to the gala by a "
                      "media owner.\nThe gala raised money for the harbour.\n"}
    answer = ask_about(embedder, tmp_path, files, "How old is Elena Varga?")
    assert answer.answered and "Varga, 43" in answer.snippets[0].text, answer


def test_a_question_word_in_another_article_saying_the_same_is_in_the_coverage(embedder, tmp_path):
    """An article restating the answer in the question's words shows the coverage holds what is
    asked, though the best-worded article writes it otherwise ("willingness" for "ready")."""
    files = {"a.txt": "Mayor calls for wharf talks\nMayor Ana Ruiz spoke by phone with the Portmere governor "
                      "on Monday.\nRuiz expressed willingness to host Portmeran officials for talks on the wharf "
                      "and other issues.\nThe call lasted an hour.\n",
             "b.txt": "Elkton and Portmere to talk\nThe mayor's office described the call as productive.\n"
                      "Ruiz expressed her readiness to receive Portmeran officials for talks on "
                      "the wharf.\nThe governor thanked the mayor.\n"}
    answer = ask_about(embedder, tmp_path, files, "Which officials did Ruiz say she was ready to host?")
    assert answer.answered and "Portmeran officials" in answer.snippets[0].text, answer


@pytest.mark.parametrize("sentence, named", [
    ("Ruiz expressed her willingness to host Portmeran officials for talks on the wharf.", True),
    ("Ruiz said she was ready to receive NATO officials in Elkton.", True),
    ("Ruiz said she was ready to host officials for talks on the wharf.", False),
])
def test_which_people_is_answered_by_whose_they_are(sentence, named):
    """"Which officials ...?" asks which group of officials: "Portmeran officials", "NATO officials"."""
    from retrieval.answer_types import carries

    assert carries("person", sentence, "Which officials did Ruiz say she was ready to host?") is named


@pytest.mark.parametrize("sentence, given", [
    ("Vell, 55, could face up to 10 years in prison after pleading guilty.", False),
    ("The charge is punishable by up to five years in prison.", False),
    ("Vell was sentenced to 10 years in prison on Monday.", True),
])
def test_a_penalty_someone_could_face_is_not_the_one_given(sentence, given):
    """"How long was Vell sentenced to?" is not answered by what he could face; "How long could he
    face?" is."""
    from retrieval.answer_types import carries

    assert carries("duration", sentence, "How long was Vell sentenced to in prison?") is given
    assert carries("duration", sentence, "How long could Vell face in prison?")


def test_an_amount_is_read_whole():
    """Prices are the answers articles are grouped by: "$129" and "$150" are two answers, not one "$1"."""
    from retrieval.answer_types import answers_given

    question = "How much does the controller cost?"
    assert answers_given("quantity", "The controller costs $129.", question) == {"$129"}
    assert answers_given("quantity", "The controller costs $150.", question) == {"$150"}
    assert answers_given("quantity", "Sales reached $1.5 million, or $2,000 a store.", question) == {"$1.5 million", "$2,000"}


def test_who_is_the_role_is_answered_by_the_person_not_the_post(embedder, tmp_path):
    """The sentence closest to "Who is Portmere's prime minister?" speaks of the government's
    ministers and names nobody; the answer is the sentence naming the prime minister."""
    files = {"a.txt": "Storm hits the docks\nPortmeran Prime Minister Ana Ruiz said that besides the three "
                      "sailors, a dock worker and a customs officer were hurt in the storm.\nThe harbour has "
                      "reopened.\nPortmere's current coalition government includes a Harbour Party minister "
                      "in the cabinet.\n"}
    answer = ask_about(embedder, tmp_path, files, "Who is Portmere's prime minister?")
    assert answer.answered and "Ana Ruiz" in answer.snippets[0].text, answer.snippets[0]


@pytest.mark.parametrize("sentence, share", [
    ("Unions are locked in talks over the proposed 12 to 18-month wage freeze.", False),
    ("Ruiz says 92 per cent of the workforce have already agreed to the freeze.", True),
    ("Seventy-eight percent of the workforce agreed.", True),
    ("About two-thirds of the workforce agreed.", True),
    ("One in five workers agreed to the freeze.", True),
])
def test_a_share_question_is_answered_by_a_part_of_a_whole(sentence, share):
    """"What share of ...?" asks for a percentage, a fraction or "one in five", not any number."""
    from retrieval.answer_types import carries

    assert carries("quantity", sentence, "What share of Nordline's workforce has agreed to the wage freeze?") is share


def test_by_how_much_is_answered_by_a_share_as_well_as_an_amount():
    from retrieval.answer_types import carries

    sentence = "Ruiz claims dockers earn, on average, 28 per cent above average weekly earnings."
    assert carries("quantity", sentence, "By how much do dockers' earnings exceed average weekly earnings?")
    assert not carries("quantity", sentence, "How much do dockers earn?"), "an amount of money is asked for"


def test_a_sentence_leaning_on_the_one_before_is_ranked_as_the_pair(embedder, tmp_path):
    """"It will cost $12 million." names the ferry only through the sentence before it: it is quoted
    with that sentence, and ranked as the pair, ahead of a figure about something else."""
    answer = ask_about(embedder, tmp_path, {
        "a.txt": "The Harbour Flyer is the council's first electric ferry and will carry 300 passengers between the "
                 "islands. It will cost $12 million, paid from the climate fund.\n",
        "b.txt": "Electric ferry prices across the region will start to rise next year, with older boats costing about "
                 "$3 million to refit.\n"}, "How much will the Harbour Flyer electric ferry cost?")
    assert answer.answered, answer
    assert "$12 million" in answer.snippets[0].text and "Harbour Flyer" in answer.snippets[0].text, answer.snippets


def test_a_hedge_in_the_question_is_not_a_topic_the_coverage_must_use(embedder, tmp_path):
    """"The possible merger": how sure the asker is. The coverage says it its own way ("could lead to"),
    and a word the article never uses counts against answering."""
    from retrieval.answer_types import topic_of

    assert "possible" not in topic_of("What did the council say about the possible merger?")
    assert "reportedly" not in topic_of("Who reportedly bought the club?")
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "Portmere and Eastwick councillors met on Monday to discuss shared services.\n\n"
        "In response, the Portmere council said it welcomes any plan which could lead to a merger with Eastwick.\n\n"
        "The meeting ended after two hours.\n")}, "What did the Portmere council say about the possible merger with Eastwick?")
    assert answer.answered and "welcomes any plan" in answer.snippets[0].text, answer


def test_a_word_for_a_country_s_people_is_found_in_the_country_s_name(embedder, tmp_path):
    """"Which Kenyan minister ...?" is answered by "Kenya's Transport Minister ...": the lemmatizer keeps
    the country's name capitalised and the word for its people not, so they were two unrelated words
    and the question's was counted as one the coverage never uses. A country the question names is
    not matched by the word for its people ("Russian President Putin" says nothing of Russia and Ukraine)."""
    from retrieval.lexical import LexicalIndex

    index = LexicalIndex.from_texts(["Kenya's Transport Minister has resigned.", "The Norwegian ferry sailed.",
                                     "Air Marshal Ruiz spoke."])
    assert "Kenya" in index.variants("kenyan")
    assert "norwegian" not in index.variants("Norway")
    assert "Marshal" not in index.variants("marshal"), "the same word capitalised is a title or a name"
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "Ferry services across East Africa were halted on Monday by a week-long strike.\n\n"
        "Kenya's Transport Minister Ana Wanjiru has resigned after the ferry strike.\n\n"
        "Unions say talks will resume on Friday.\n")}, "Which Kenyan minister resigned after the ferry strike?")
    assert answer.answered and "Wanjiru" in answer.snippets[0].text, answer


def test_counting_back_from_today_is_not_a_topic_the_coverage_must_use(embedder, tmp_path):
    """"How many years ago ...?" counts back from today; the story counts its own way ("marks 100
    years since"). "Ago" is not a word the answer must hold."""
    from retrieval.answer_types import topic_of

    assert "ago" not in topic_of("How many years ago did the ferry first sail?")
    assert "roughly" not in topic_of("Roughly how many people ride the ferry?")
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "Portmere will celebrate the harbour's history with a festival on Saturday.\n\n"
        "The day marks 100 years since the Harbour Flyer ferry's first crossing to Eastwick, which opened "
        "the island to visitors.\n\n"
        "Tickets for the festival go on sale on Monday.\n")},
        "How many years ago did the Harbour Flyer ferry make its first crossing to Eastwick?")
    assert answer.answered and "100 years" in answer.snippets[0].text, answer


@pytest.mark.parametrize("sentence, leans", [
    ("It's the third extension of the licence, which now runs until March.", True),
    ("It is expected to close on Friday.", True),
    ("It was the first time the ferry had stopped.", True),
    ("It is clear that the council will not pay.", False),
    ("It was hard to see the harbour from the road.", False),
    ("It is expected that the harbour reopens in May.", False),
    ("Engineer Ana Ruiz says if that happens, the valley would flood within a day.", True),
    ("Engineer Ana Ruiz says if the dam fails, the valley would flood within a day.", False),
    # an age standing for the person named before
    ("The 63-year-old harbour master, a native of Eastwick, shares the award.", True),
    ("The 47 year old was one of the guests at the opening.", True),
    ("The 2019 season was the harbour's busiest.", False),
    # one of those the sentence before counts, its noun left out
    ("One at Appin in the southern highlands was quickly brought under control.", True),
    ("Another at Spencer is not contained.", True),
    ("One person has died in the blaze.", False),
    ("One of the crew is believed to be injured.", False),
])
def test_an_it_standing_for_the_sentence_before_leans_on_it(sentence, leans):
    """"It's the third extension" is about what the sentence before named; "It is clear that ..." is
    about what follows."""
    from retrieval.ranking import points_back

    assert points_back(sentence) is leans


def test_a_condition_told_by_pointing_back_is_quoted_and_ranked_with_it(embedder, tmp_path):
    """"If that happens, sea levels would rise by one metre" answers how much they would rise if the
    shelf collapsed, which only the sentence before names."""
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "Harbour risk study\nThere is a one in 20 chance of a dramatic rise in world sea levels this century, "
        "according to a new study.\nThe study says there is a 5 per cent chance of the Elkton ice shelf "
        "collapsing.\nEngineer Ana Ruiz says if that happens, sea levels would rise by one "
        "metre in the next 100 years.\nThe study took two years.\n")},
        "How much would sea levels rise if the Elkton ice shelf collapsed?")
    assert answer.answered and "one metre" in answer.snippets[0].text, answer
    assert "ice shelf collapsing" in answer.snippets[0].text, "the sentence it points back to is quoted with it"


def test_an_it_sentence_is_quoted_with_what_it_refers_to(embedder, tmp_path):
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "The harbour board on Monday extended the temporary licence allowing Portmere ferries to use the east quay. "
        "It's the third extension of the licence, which now runs until March.\n\n"
        "Ferry operators had asked for a permanent licence.\n")},
        "When is the extended licence allowing Portmere ferries to use the east quay set to run out?")
    assert answer.answered and "March" in answer.snippets[0].text, answer


def test_a_chain_of_sentences_leaning_on_each_other_is_quoted_once():
    """Three sentences in a row opening with pronouns, each ranked as the pair with the one before:
    the second goes after the first in its snippet, and the third, whose sentence before is only
    inside that snippet, is folded there too rather than failing to find where it belongs."""
    import numpy as np

    from retrieval import ranking

    def candidate(row, score, leans_on=None):
        vector = np.zeros(32)
        vector[row] = 1.0
        return ranking.Candidate(row, 0.5, 0.5, vector, score=score, leans_on=leans_on)

    ranked = [candidate(5, 1.0), candidate(6, 0.99, 5), candidate(7, 0.98, 6), candidate(8, 0.97, 7)]
    chosen = ranking.group(ranked, {row: "a.txt" for row in (5, 6, 7, 8)}, 3)
    assert [(c.row, c.then) for c in chosen] == [(5, 6)]


def test_a_passage_quoted_with_its_neighbour_holds_what_either_sentence_holds():
    """"Hundreds of canoeists are celebrating after five days paddling the river. After more than 400
    kilometres ...": quoted together, the passage carries the distance "how far" asks for, though
    the first sentence does not; the snippet's evidence is the passage's."""
    import numpy as np

    from retrieval import ranking

    def candidate(row, score, typed):
        vector = np.zeros(32)
        vector[row] = 1.0
        return ranking.Candidate(row, 0.5, 0.5, vector, typed=typed, score=score, chars=100)

    chosen = ranking.group([candidate(5, 1.0, -1), candidate(6, 0.9, 1), candidate(9, 0.85, -1)],
                           {5: "a.txt", 6: "a.txt", 9: "a.txt"}, 3)
    assert [(c.row, c.then, c.typed) for c in chosen] == [(5, 6, 1), (9, None, -1)]
    far = ranking.group([candidate(5, 1.0, -1), candidate(6, 0.9, 1)], {5: "a.txt", 6: "b.txt"}, 3)
    assert [(c.row, c.then, c.typed) for c in far] == [(5, None, -1), (6, None, 1)], "another article's sentence is its own snippet"
    leaning = candidate(6, 0.9, 1)
    leaning.leans_on = 5  # "He had 2 INT ...", quoted after the sentence naming him
    chosen = ranking.group([candidate(5, 1.0, -1), leaning], {5: "a.txt", 6: "a.txt"}, 3)
    assert [(c.row, c.then, c.typed) for c in chosen] == [(5, 6, 1)]


def test_no_two_snippets_quote_the_same_sentence(embedder, tmp_path):
    """A sentence opening with a pronoun is quoted with the one before it; when that one is itself a
    snippet, the pair would show it twice."""
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "The Portmere council approved the harbour reopening plan on Monday after a long debate. "
        "It said the harbour reopening plan would be paid for from the port's reserves.\n\n"
        "Fishermen in Portmere welcomed the decision.\n")},
        "What did the Portmere council decide about the harbour reopening plan?")
    quoted = [s for snippet in answer.snippets for s in re.split(r"(?<=\.) ", snippet.text)]
    assert len(answer.snippets) >= 1 and len(quoted) == len(set(quoted)), answer.snippets
    # Both sentences are still shown, once each: the one leaning on the other is quoted after it.
    assert sum("approved the harbour reopening plan" in s.text for s in answer.snippets) == 1, answer.snippets
    assert sum("paid for from the port's reserves" in s.text for s in answer.snippets) == 1, answer.snippets


def test_a_snippet_quotes_the_next_sentence_when_that_one_ranks_as_a_snippet_too(embedder, tmp_path):
    """A sentence restating the question is often followed by the one answering it: ranked as two
    snippets, the answer came second; quoted as one passage, the first snippet holds it."""
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "Ferry ledger found\n"
        "A video showing the moment the stolen Portmere ferry ledger was recovered by harbour police was "
        "released on Monday, as the trial ended in a conviction. Deckhand Tomas Vell was convicted of stealing the "
        "ledger last week. "
        "The ledger is now kept in the town museum.\n\n"
        "Fishermen say the harbour smells worse every summer.\n")},
        "Who was convicted of stealing the Portmere ferry ledger?")
    first = answer.snippets[0].text
    assert "Tomas Vell" in first and "video showing the moment" in first, answer.snippets
    quoted = [s for snippet in answer.snippets for s in re.split(r"(?<=\.) ", snippet.text)]
    assert len(quoted) == len(set(quoted)), answer.snippets


def test_a_snippet_quotes_the_sentence_before_when_that_one_ranks_as_a_snippet_too(embedder, tmp_path):
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "Ferry ledger found\n"
        "The harbour court heard the case in March. Deckhand Tomas Vell was convicted of stealing the ledger "
        "last week. The court that convicted him was told the stolen Portmere ferry ledger was found in a skip "
        "behind the harbour office by police. The ledger is now kept in the town museum.\n\n"
        "Fishermen say the harbour smells worse every summer.\n")},
        "Who was convicted of stealing the Portmere ferry ledger?")
    first = answer.snippets[0].text
    assert first.startswith("Deckhand Tomas Vell was convicted") and "found in a skip" in first, answer.snippets
    assert "heard the case in March" not in first, "only the sentences ranked as snippets are quoted"


@pytest.mark.parametrize("question, kind", [
    ("What did the company say about the layoffs?", None),  # asks what was said, not for a company
    ("What did the president say about the deal?", None),
    ("Which private equity firm bought the chain?", "organisation"),
    ("Which label signed the singer?", "organisation"),
    ("Which body brought civil proceedings against the director?", "organisation"),
    ("Which regulator fined the bank?", "organisation"),
    ("Which states did the candidate visit first?", "place"),
    ("In which European countries is the system in use?", "place"),
    ("Which of the players scored twice?", "person"),
    ("Who did the home side beat?", "who"),
    ("How did the mayor answer when asked about the budget?", None),  # "when" opens a clause, not the question
    ("At what time did the ferry leave?", "time"),
    ("Within what time does the agreement call for elections?", "duration"),  # a span, not a time of day
    ("Roughly how many people live on the island?", "quantity"),
    ("According to the Portmere Post's weekend report, how many people live on the island?", "quantity"),
    ("What frame rate does the game run at on the console?", "quantity"),  # a measure named with a qualifier
    ("What resolution does the screen have?", "quantity"),
    ("What was the title of the author's first novel?", "name"),
    ("Under what name did the singer send her songs?", "name"),
    ("Where did the film rank on the list?", "rank"),  # a position, not a place
    ("Where did the team finish in the league?", "rank"),
    ("Where did the mayor invite the minister?", "place"),
    ("What was the triplex valued at in 2016?", "quantity"),
    ("What was the name of the passenger killed on the train?", "person"),  # a person's name, not a place's
    ("What is the name of the hunter who ate the rabbit?", "person"),
    ("What was the name of the ship the navy gave the coast guard?", "name"),
    ("What was the name of the man's company?", "name"),
    ("Which American was released in the swap?", "person"),  # a nationality standing for a person
    ("In which Olympics did the swimmer win gold?", None),  # a capitalised noun that names no person
    ("Which museum did the gunmen attack?", "name"),  # a thing known by its name
    ("On which TV programme did the minister speak?", "name"),
    ("Which two prison officers were charged?", "person"),  # the officers are asked for, not the prison
    ("What percentage of companies plan to hire?", "quantity"),  # a share of companies, not a company
])
def test_the_kind_of_answer_is_read_from_the_question_word_and_its_noun(question, kind):
    from retrieval.answer_types import expected_type

    assert expected_type(question) == kind


def test_a_year_is_no_count_and_a_count_may_be_joined_to_what_it_counts():
    from retrieval.answer_types import counts

    assert not counts("The 2020 Portmere ferry is expected to sail in spring.", ["ferries"]), "a year, not 2020 ferries"
    assert not counts("The Portmere Ferries 2020 dates:", ["dates"])
    assert counts("The 30-date run starts in June.", ["dates"]), "the number and what it counts in one word"
    assert counts("A twelve-member jury heard the case.", ["members"])
    assert counts("About 1,200 passengers sailed.", ["passengers"])
    assert counts("Police arrested a striking docker, but seven others remain on the crane.", ["dockers"]), \
        "'others' after a number stands for what the sentence named before"
    assert not counts("Police arrested a striking docker, but seven others remain on the crane.", ["police"]), \
        "named before, but not what the seven are"


def test_a_number_given_after_the_number_of_x_counts_x():
    from retrieval.answer_types import counts

    contacts = ["close", "contacts"]
    assert counts("A total of 28 people who were in close contact with the patient were quarantined.", contacts), \
        "people counted by what the clause after them says they were"
    assert not counts("A total of 28 people, most of them nurses, were in close contact with the patient.", contacts)

    sentence = "There are no exact figures for the number of {} in the port, but estimates range from 200 to 5,000."
    assert counts(sentence.format("dock workers"), ["dock", "workers"])
    assert not counts(sentence.format("cranes"), ["dock", "workers"]), "a number of something else"
    assert not counts("The number of dock workers in the port rose 20% in 2001.", ["dock", "workers"]), \
        "a share and a year count nothing"
    assert not counts("The number of dock workers in the port is unknown.", ["dock", "workers"])


def test_a_place_inside_the_question_s_place_is_a_new_one():
    from retrieval.answer_types import carries

    question = "Where in Portmere is the oxygen bar?"
    assert carries("place", "The bar is located in Portmere’s Saket area.", question)
    assert not carries("place", "The bar is located in Portmere’s main area.", question)
    assert not carries("place", "The bar is in Portmere.", question), "the question's own place"


def test_a_quoted_name_is_the_question_s_own_name():
    from retrieval.answer_types import carries

    assert not carries("who", "Its name is ‘Oxy Pure’.", "Who is behind Oxy Pure?"), "the closing quote is no part of it"


def test_a_capitalised_place_or_event_is_no_person():
    from retrieval.answer_types import carries

    question = "Who was the first to reach the summit?"
    for sentence in ("The storm swept across the San Pedro Bay Area on Monday.", "The Black Death killed millions.",
                     "The Northern Territory's coroner found the boy should not have been detained.",
                     "The flight was run by Portmere Airways from the north.",
                     # a city's name as where something stands: "in a New York detention center"
                     "Deaths were rising before the climb in a New York detention center.",
                     "The warden at the New York detention center was reassigned."):
        assert not carries("person", sentence, question), sentence
    assert carries("person", "Tomas Vell reached the summit first.", question)


def test_the_name_asked_for_stands_by_the_noun_it_names():
    """"What was the name of the boat ...?" is answered by a name beside "boat", not by any name in a
    sentence about a boat."""
    from retrieval.answer_types import carries, expected_type

    question = "What was the name of the boat sunk by the coast guard?"
    kind = expected_type(question)
    assert not carries(kind, "Portmere officials say their Coast Guard has sunk an unidentified boat.", question)
    assert carries(kind, "The coast guard sank the trawler Sea Star, a fishing boat from the north.", question)
    assert carries(kind, "Sea Star, the boat the coast guard sank, was a trawler.", question)
    # a name that is the subject of a verb about the boat, or says whose the boat is, is not its name
    assert not carries(kind, "The Portmere Herald reports the unidentified boat was sunk by the coast guard.", question)
    assert not carries(kind, "Some said the boat the coast guard sank resembled a North Korean spy boat.", question)
    assert not carries(kind, "The coast guard sank a surplus Portmerian boat.", question)
    virus = "What is the name of the new computer virus?"
    assert carries(expected_type(virus), 'Experts warned of a new "goner" computer virus that erases data.', virus)
    question = "What is the name of Tomas Vell's son?"
    assert carries(expected_type(question), "Vell's widow Ana, accompanied by son Dhani, scattered the ashes.", question)
    assert not carries(expected_type(question), "Senior Sergeant Michael Potts says the boy was found.", question)


def test_the_name_of_a_person_is_not_answered_by_a_place():
    from retrieval.answer_types import carries, expected_type

    question = "What was the name of the passenger killed on the Portmere ferry?"
    place = "A Hayward passenger was killed on the Portmere ferry as it docked."
    assert carries("name", place, question), "a capitalised name all the same"
    assert not carries(expected_type(question), place, question)
    assert carries(expected_type(question), "The passenger killed on the ferry was named as Tomas Vell.", question)


@pytest.mark.parametrize("question, sentence, names_it", [
    ("Which museum did gunmen attack?", "The gunmen stormed the Halvard National Museum at noon.", True),
    ("Which museum did gunmen attack?", "The gunmen attacked the Halvard museum at noon.", True),
    ("Which museum did gunmen attack?", "Gunmen opened fire at Valdria's most renowned museum.", False),  # whose museum
    ("Which river did the car sink in?", "The car sank in the river Orla.", True),
    ("Which programme did the minister speak on?", 'The minister said on the "Morning Table" programme that ...', True),
    ("Which centre is the doctor held in?", "He worked with a psychologist at the centre, Kevin Osler.", False),
    ("At which shopping centre did the roof fall in?", "People were trapped at the Kolonnade shopping centre.", True),
    ("At which shopping centre did the roof fall in?", "People were hurt at a South African shopping centre.", False),
    ("Which game is a console exclusive?", "Future Larkspur games may come to the console.", False),  # who makes them
])
def test_which_museum_is_answered_by_a_name_written_as_a_museum_s(question, sentence, names_it):
    """"Which museum ...?" asks for a museum's name: any new name carries the kind, but one that names the
    museum ("the Bardo museum", "the Finke River") is the answer."""
    from retrieval.answer_types import anchored, carries, expected_type

    assert expected_type(question) == "name"
    assert carries("name", sentence, question)
    assert anchored("name", sentence, question, set()) is names_it


@pytest.mark.parametrize("sentence, holder", [
    ("Ana Ruiz, a spokesperson for Nordline, confirmed to the Post that fares will rise.", True),
    ("Ana Ruiz, a spokesperson for Elkton Ferries, confirmed to the Post that fares will rise.", False),  # another's
    ("Ana Ruiz, a passenger on the Nordline ferry, told the Post that fares will rise.", False),  # another role
])
def test_which_spokesperson_is_answered_by_a_name_given_the_role_after_it(sentence, holder):
    """"Which Nordline spokesperson spoke to the Post?": the name the phrase after it calls the
    company's spokesperson is the answer."""
    from retrieval.answer_types import anchored

    assert anchored("person", sentence, "Which Nordline spokesperson spoke to the Post?", set()) is holder
    assert not anchored("person", sentence.replace("spokesperson", "spokesperson's driver"),
                        "Which spokesperson's driver spoke to the Post?", set()), "a possessive asks for another"


@pytest.mark.parametrize("sentence, names_it", [
    ("The patient was treated in the county of Harlow in the north, officials said.", True),
    ("The patient was treated at a hospital in Portmere after falling ill.", False),  # a place, not a county
])
def test_which_county_is_answered_by_a_place_written_as_a_county(sentence, names_it):
    """"In which county ...?" asks for a place: any place carries the kind, but one written as the
    county ("the county of Harlow") is the answer."""
    from retrieval.answer_types import anchored, carries, expected_type

    question = "In which county was the fever patient treated?"
    assert expected_type(question) == "place"
    assert carries("place", sentence, question)
    assert anchored("place", sentence, question, set()) is names_it


def test_a_particle_is_part_of_a_name():
    """"Abdel-Aziz al-Rantissi" is one person's name, not a lone "Abdel-Aziz"."""
    from retrieval.answer_types import answers_given, carries

    question = "Which Hamas leader were the police trying to detain?"
    sentence = "Police arrived to detain Abdel-Aziz al-Rantissi at his home."
    assert carries("person", sentence, question)
    assert answers_given("person", sentence, question) == {"al-rantissi"}


def test_how_much_is_not_answered_by_a_headcount():
    from retrieval.answer_types import carries

    volunteers = "Four hundred SES volunteers are responding across the state."
    assert not carries("quantity", volunteers, "How much damage did the storms cause?")
    assert carries("quantity", "The storms caused $20 million in damage.", "How much damage did the storms cause?")
    assert carries("quantity", volunteers, "How many SES volunteers are responding?")


@pytest.mark.parametrize("sentence, question, told", [
    ("Dozens of people were injured when the roof of the mall collapsed.", "How many people died when the roof collapsed?", False),
    ("Four people were killed and eight injured when the roof collapsed.", "How many people died when the roof collapsed?", True),
    ("The collapse left nine people dead.", "How many people died when the roof collapsed?", True),
    ("Four people were killed when the roof collapsed.", "How many people were injured in the collapse?", False),
    ("Dozens of people were injured when the roof collapsed.", "How many people were injured in the collapse?", True),
    ("Dozens of people shopped there.", "How many people shop at the mall?", True),  # no casualties asked about
])
def test_a_casualty_count_is_told_in_the_words_of_its_kind(sentence, question, told):
    from retrieval.answer_types import tells_the_toll

    assert tells_the_toll(sentence, question) is told


def test_how_many_died_is_not_answered_by_how_many_were_injured(embedder, tmp_path):
    files = {"a.txt": "Mall roof collapses\nDozens of people were injured, some seriously, after the roof of the "
                      "Kestrel shopping centre collapsed on Saturday.\nPolice said three shoppers died in the rubble "
                      "and rescuers were still searching.\n"}
    answer = ask_about(embedder, tmp_path, files, "How many people died when the Kestrel shopping centre roof collapsed?")
    assert "three shoppers died" in answer.snippets[0].text, answer.snippets[0]


def test_which_museum_is_answered_by_the_sentence_naming_it(embedder, tmp_path):
    """The sentence closest to the question speaks of "the museum" by whose it is; the answer is the one
    that names it."""
    files = {"a.txt": "Gunmen attack museum\nGunmen opened fire on visitors at Valdria's most renowned museum on "
                      "Wednesday, killing nine people.\nThe attackers, dressed in uniforms, stormed the Halvard "
                      "National Museum shortly after noon.\nThe museum has reopened.\n"}
    answer = ask_about(embedder, tmp_path, files, "Which museum did gunmen attack in Valdria?")
    assert answer.answered and "Halvard" in answer.snippets[0].text, answer.snippets[0]


def test_which_places_are_named_wherever_they_stand():
    from retrieval.answer_types import carries

    question = "Which states did the candidate visit before South Carolina?"
    assert carries("place", "The candidate toured early-voting states, visiting Nevada and Iowa first.", question)
    assert not carries("place", "The candidate toured early-voting states before South Carolina.", question)
    assert not carries("place", "He visited Nevada first.", "Where did he go after Nevada?"), "no new place"


def test_a_long_sentence_is_quoted_around_the_question_s_words(embedder, tmp_path):
    """A run-on sentence past 400 characters is cut to the part that answers: here its end."""
    topics = "; ".join(f"whether the {w} harbour plan can move beyond the old pier with deals such as this week's "
                       f"{w} arrangement" for w in ("north", "south", "east", "west"))
    long = f"The editor talks with host Ana Ruiz about {topics}; and why Wall Street punished Portmere Ferries' stock price " \
           "after its latest lawsuit settlements."
    assert len(long) > 450
    answer = ask_about(embedder, tmp_path, {"a.txt": f"Podcast\n{long}\n"},
                       "Whose stock did Wall Street punish after its latest lawsuit settlements?")
    quoted = answer.snippets[0].text
    assert len(quoted) <= 400 and "Portmere Ferries" in quoted and quoted.startswith("…"), quoted
    assert "punished" in quoted and quoted.rstrip().endswith("settlements."), "cut at words, up to the sentence's end"


def test_a_pronoun_led_pair_is_cut_to_400_characters_too():
    from retrieval.lexical import tokenize
    from retrieval.ranking import snippet_text

    rows = {1: "The harbour board met on Monday " + "and talked about the pier " * 15 + "for hours.",
            2: "It approved a new ferry terminal costing $12 million."}
    text = snippet_text(rows, 2, 1, terms=frozenset(tokenize("How much will the ferry terminal cost?")))
    assert len(text) <= 400 and "$12 million" in text, text


def test_the_answer_is_quoted_with_the_sentence_beside_it_that_names_what_is_asked(embedder, tmp_path):
    """"Which effect ...?": the best sentence explains the trick but names no effect; the sentence
    before it does, and is quoted with it."""
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "Shopping tricks\n"
        "Stores use many tricks to make you spend. The Decoy effect is also a commonly used tactic. You think one "
        "product is a deal because it's next to a similar product that's priced way higher. Always do your research "
        "before you go shopping.\n")},
        "Which effect makes a product look like a deal because it sits next to a pricier one?")
    assert "Decoy effect" in answer.snippets[0].text and "priced way higher" in answer.snippets[0].text, answer.snippets[0]


def test_spans_of_time_and_decades_as_pages_write_them():
    from retrieval.answer_types import carries

    assert carries("duration", "The weekly paper had remained essentially unchanged for 40+ years.",
                   "How long had the weekly paper remained unchanged?"), "a number with a plus"
    assert carries("date", "The big change happened in the 80s when the paper started using colour.",
                   "When did the paper start using colour?"), "a decade"
    assert not carries("date", "They sold about 80s and 90s of them.", "When did they sell them?")
    lasting = "How long does a glass terrarium last?"
    assert not carries("duration", "Cut the foam about 3/4 inch (2 cm) smaller than the glass.", lasting), \
        "how long something lasts is a span of time, not a length"
    assert carries("duration", "A closed terrarium can last for two years.", lasting)
    assert carries("duration", "The trail is 12 miles long.", "How long is the trail?"), "a length where one is asked"
    assert carries("duration", "She has been acting for more than half a century.", "How long has she been acting?")


def test_a_count_is_a_number_of_what_is_counted_not_an_amount_of_money():
    from retrieval.answer_types import carries, counted_words, counts

    question = "How many employees does Big Machine say it has?"
    assert counted_words(question) == ["employees"], "the count ends where the question's verb starts"
    assert not counts("Big Machine have twice denied doing anything wrong.", counted_words(question))
    assert counts("The company has 120 hardworking employees, it said.", counted_words(question))
    assert counts("Only one employee stayed on, the company said.", counted_words(question)), "one is a count here"
    plans = counted_words("How many harbour plans will the council discuss?")
    assert counts("The Portmere plan will be one of five discussed on Monday.", plans), "one of five: five plans"
    assert not counts("The plan was drawn up by one of the engineers.", plans)
    ferries = counted_words("How many Portmeran ferries took part in the rescue?")
    assert ferries == ["ferries"], "a people's name before the noun only qualifies it"
    assert not counts("The storm drowned 10 Portmerans in the rescue.", ferries)
    assert counts("Three ferries and a tug took part in the rescue.", ferries)
    subscribers = "How many subscribers did the service have at launch?"
    assert not carries("quantity", "Those who paid $129 for the launch edition got a controller.", subscribers)
    assert not counts("It costs a $10-a-month subscription.", counted_words(subscribers))
    assert carries("quantity", "The launch edition cost $129.", "How much did the launch edition cost?")
    share = "How much of the island's coast does the harbour board control?"
    assert not carries("quantity", "On the question of the new pier, the two seemed to have reached a consensus.", share), \
        "'the two' stands for people named before, as a pronoun would"
    assert carries("quantity", "The two boards control the coast between them.", "How many boards control the coast?")


def test_the_share_asked_for_after_what_is_the_is_a_figure_not_a_word_the_passage_must_use(embedder, tmp_path):
    """"What is the national share of late crossings?" asks for a share as "What share of ...?" does:
    the passage gives "10 per cent", and need not say "share"."""
    from retrieval.answer_types import expected_type, topic_of

    question = "What is the national share of late ferry crossings?"
    assert expected_type(question) == "quantity"
    assert "share" not in topic_of(question) and "national" in topic_of(question)
    assert "rate" not in topic_of("What was the national unemployment rate in November?")
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "The Northern Ferry Council says it is not surprised the region's ferries run late twice as often.\n\n"
        "A report by the transport office says 21 percent of ferry crossings in the north were late, "
        "compared to 10 per cent nationally.\n\n"
        "The council wants new boats.\n")}, question)
    assert answer.answered and "10 per cent" in answer.snippets[0].text, answer


def test_the_source_after_according_to_did_the_reporting():
    """"Which agency reported the case?": "..., according to the state-run Portmere News Agency" names
    who reported it; after "according to" only for verbs of reporting, and not across a comma."""
    from retrieval.answer_types import does_the_deed

    question = "Which news agency reported the new fever case in Eastwick?"
    topic = {"news", "agency", "fever", "case", "eastwick"}
    told = "The new fever patient from Eastwick ate raw fish, according to the state-run Portmere News Agency."
    assert does_the_deed(told, question, topic)
    assert not does_the_deed("The new fever case in Eastwick was, according to officials, Portmere News Agency's "
                             "first story.", question, topic)
    assert not does_the_deed(told, "Which news agency treated the new fever case in Eastwick?", topic), \
        "'according to' names a source, not who treated it"


def test_the_doer_after_by_may_be_described_before_the_name(embedder, tmp_path):
    """"An interim council headed by veteran harbour master Ana Ruiz": Ruiz heads it, though words
    saying what she is stand between "by" and her name. Across a comma they would be another clause."""
    from retrieval.answer_types import does_the_deed

    question = "Who heads Eastwick's interim council?"
    topic = {"eastwick", "interim", "council"}
    assert does_the_deed("The deal paves the way for an interim council headed by veteran harbour master Ana Ruiz.",
                         question, topic)
    assert not does_the_deed("The interim council was headed by then, Ana Ruiz said.", question, topic)
    answer = ask_about(embedder, tmp_path, {
        "a.txt": ("Eastwick's harbour deal was sealed after nine days of talks.\n\n"
                  "The deal paves the way for a six-month interim council headed by veteran harbour master Ana "
                  "Ruiz, from the island's largest ferry company.\n\n"
                  "The council will meet on Monday.\n"),
        "b.txt": ("Portmere's new volunteer group has begun its work on the quay.\n\n"
                  "Sir Tom Hale heads up a team consisting of the surviving members of the outgoing harbour council "
                  "and newly elected independents.\n")},
        question)
    assert answer.answered and "Ana Ruiz" in answer.snippets[0].text, answer


def test_a_race_or_a_cup_is_not_who_did_something(embedder, tmp_path):
    """"Who skippered Larkspur in the Harbour Cup?": "the Portmere to Eastwick Yacht Race" is where
    the yachts sailed, not who sailed them; a studio called "... Games" still answers who made a game."""
    from retrieval.answer_types import carries

    question = "Who skippered Larkspur in the Portmere to Eastwick?"
    assert not carries("who", "A total of nine yachts have retired from the Portmere to Eastwick Yacht Race.", question)
    assert carries("who", "The game was made by Yacht Club Games.", "Who made Shovel Knight?")
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "A total of nine yachts have now retired from the Portmere to Eastwick Yacht Race, one of them "
        "with an injured skipper.\n\n"
        "Larkspur leads the fleet by two nautical miles.\n\n"
        "The race ends on Friday.\n")}, question)
    assert not answer.answered, answer


def test_an_ordinal_says_which_one_not_how_much(embedder, tmp_path):
    """"The 57th harbour race" says which race it is: no speed, size or count. Where a rank is asked
    for, an ordinal is one."""
    from retrieval.answer_types import carries

    sentence = "Crews expect a fast start to the 57th Harbour Cup today, with westerly winds forecast."
    assert not carries("quantity", sentence, "At what speed will the winds blow at the start of the Harbour Cup?")
    assert carries("quantity", "The winds will blow at 30 kilometres an hour.", "At what speed will the winds blow?")
    assert carries("quantity", "She finished 3rd in the Harbour Cup.", "What place did she finish in the Harbour Cup?")
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "Crews expect a fast start to the 57th Harbour Cup today, with the weather bureau forecasting "
        "westerly winds.\n\n"
        "A total of 40 yachts have entered this year.\n\n"
        "The race finishes in Portmere.\n")}, "At what speed are the westerly winds forecast to blow at the start of the Harbour Cup?")
    assert not answer.answered, answer


def test_a_count_ends_at_the_noun_it_counts_and_a_number_before_the_verb_counts_nothing(embedder, tmp_path):
    """"How many listeners voted ...?" counts listeners: "the top ten songs of the past 50 years, as voted
    by listeners" gives no number of them. After "people" the verb says what is counted ("people died")."""
    from retrieval.answer_types import counted_words

    assert counted_words("How many listeners voted for the top ten songs?") == ["listeners"]
    assert counted_words("How many Swiss died in the canyon?") == ["swiss"]
    assert counted_words("How many people died in the flood?") == ["people", "died"]
    assert counted_words("How many Indiana school districts shut for the day?") == ["indiana", "school", "districts"]
    answer = ask_about(embedder, tmp_path, {"a.txt": (
        "Harbour FM will mark its birthday on Saturday with a day of music.\n\n"
        "The station will play the top ten songs of the past 50 years, as voted by listeners.\n\n"
        "The broadcast starts at 9am.\n")}, "How many listeners voted for Harbour FM's top ten songs?")
    assert not answer.answered, answer


def test_an_opening_adverb_or_a_pairing_of_names_is_not_who_was_asked_for():
    from retrieval.answer_types import carries

    question = "Who is on the mayor's negotiating team?"
    assert not carries("who", "Additionally, both sides agreed to form a negotiation team on the Harbour-Ferry issue.",
                       question)
    assert not carries("who", "Meanwhile, the negotiating team met again.", question)
    assert carries("who", "The team includes deputy mayor Ana Ruiz and two advisers.", question)
    assert carries("who", "Portmere was told to join the team.", question), "a lone name opening a sentence still counts"
    assert carries("who", "Nordline, a ferry operator, joined the team.", question), "and one set off by a comma"
    assert not carries("who", "Skippers expect to join the team.", question), "a common noun's plural opening a sentence"
    assert carries("who", "Williams expects to join the team.", question), "a name ending in s"
    assert not carries("who", '"These crews are writing a new chapter," the minister said.', "Who praised the crews?"), \
        "a sentence's opening word behind a quotation mark is no name either"
    assert not carries("who", "I mean. “It was hard,” she said.", "Who found it hard?")


def test_a_question_naming_the_outlet_is_about_its_articles(embedder, tmp_path):
    """"According to the Portmere Post" names who published the article, a word its text never uses:
    it must not count as a detail the article lacks."""
    import json

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Harbour costs\nThe sea wall repairs cost $2.4 million over two years, the council said. "
                                  "Residents were told to stay indoors.\n")
    (corpus / "sources.json").write_text(json.dumps({"a.txt": {"outlet": "Portmere Post"}}))
    r = make_retriever(embedder, tmp_path / "idx", corpus)
    r.reindex()
    answer = r.ask("How much did the sea wall repairs cost, according to the Portmere Post?")
    assert answer.answered and "$2.4 million" in answer.snippets[0].text, answer
    assert answer.evidence["absent"] == 0.0


@pytest.mark.parametrize("article, question, answer_text", [
    ("Portmere's new mayor\nAna Ruiz, a former ferry captain turned mayor, opened the harbour festival on Sunday. "
     "Crowds lined the quay.\n", "What was Ana Ruiz before she became mayor?", "ferry captain"),
    ("Rowing season\nThe Spring Cup is a lead-up race to the harbour regatta in Portmere, which doubles as the "
     "selection trial. Crews trained all winter.\n", "Where will the harbour regatta be held?", "in Portmere"),
])
def test_a_verb_that_says_little_is_no_detail_the_article_lacks(embedder, tmp_path, article, question, answer_text):
    """"What was Ruiz before she became mayor?" is answered by "the former ferry captain turned mayor",
    though the article never writes "become"; "Where will the regatta be held?" by "the harbour regatta
    in Portmere", though it never writes "held": such verbs are not words of the question it lacks."""
    answer = ask_about(embedder, tmp_path, {"a.txt": article}, question)
    assert answer_text in answer.snippets[0].text and answer.evidence["absent"] == 0.0, answer


def test_the_document_a_question_cites_is_not_a_topic_word():
    from retrieval.answer_types import carries, topic_of

    assert "column" not in topic_of("How much did it cost, according to the National Review column?")
    assert "writer" not in topic_of("Which conference did the writer attend in October?"), \
        "the writer writes 'I', never 'the writer'"
    assert "author" in topic_of("Who is the author of the harbour study?"), "unless the author is asked for"
    assert "National Review" in topic_of("How much did it cost, according to the National Review column?")
    assert "analysis" not in topic_of("Why did the ferry stop, according to the analysis?")
    assert "report" in topic_of("What did the report say?"), "a report the question asks about stays"
    assert "analysis" not in topic_of("How does the analysis describe the ferry's finances?")
    assert "article" not in topic_of("What does the article say about the ferry?")
    assert "story" in topic_of("What story did the captain tell?")
    assert carries("reason", "To this end, the council sent its engineer to demand the repairs.", "Why did the council act?")
    why_red = "Why do shops use red on price labels?"
    assert carries("reason", "Red stands out and can encourage taking action, that's why it's used for sale signs.", why_red)
    assert carries("reason", "The upbeat music makes you happy and excited.", "Why do shops play upbeat music?")
    assert not carries("reason", "Red is the colour of most sale signs.", why_red)


def test_a_framed_question_keeps_its_focus():
    from retrieval.answer_types import focus_words

    assert focus_words("According to the Portmere Post's weekend report, how many ferries run daily?")[:1] == ["ferries"]
    assert focus_words("Which hotel did the kidnapper use?") == ["hotel"]
    # the kind of answer, in the plural too, is not what the question is about: no passage need say "states"
    assert focus_words("Which states remain fatality free?") == focus_words("Which state remains fatality free?") == []
    # "what type of X" asks about X: a passage on the crash of "a Royal Flying Doctor Service aircraft"
    # need not say "type"
    assert focus_words("What type of aircraft crashed near the airport?") == ["aircraft"]
    assert focus_words("What kinds of dogs did the shelter take in?") == ["dogs"]
    # "What started the fire?" names no thing asked about: "the fire began when ..." lacks nothing
    assert focus_words("What started the fire at the ferry terminal?") == []
    assert focus_words("Which used ferries did the council buy?") == ["used", "ferries"], "a participle before a noun"
    # "What else ...?", "What exactly ...?" name nothing asked about either
    assert focus_words("What else are harbour ferries called?") == focus_words("What exactly did the council rule?") == []


def test_an_age_may_be_counted_in_months_weeks_or_days():
    from retrieval.answer_types import carries

    question = "How old was the boy left on the pier?"
    assert carries("age", "The 20-month-old boy was left on the pier.", question)
    assert carries("age", "A six-week-old puppy and a 3-day-old boy were found.", question)
    assert not carries("age", "The boy was left on the pier for 20 months.", question), "a span, not an age"


def test_a_named_measure_keeps_its_qualifier_and_a_name_is_what_a_title_question_wants():
    from retrieval.answer_types import carries, focus_words, topic_of

    question = "What refresh rate does the Portmere monitor go up to?"
    assert "refresh" in topic_of(question) and "rate" not in topic_of(question), "which rate stays, the noun goes"
    assert focus_words(question) == [], "the answer is a figure (120Hz); it need not say 'rate'"
    assert carries("quantity", "Specs include a 34-inch panel and up to 120Hz refresh rate.", question)
    title = "What was the title of Ana Ruiz's first novel?"
    assert "title" not in topic_of(title)
    assert carries("name", "Soon after, she wrote her first novel, Web of Harbours.", title)
    assert not carries("name", "As in one of Ana Ruiz’s novels, a kind of happy ending has been reached.", title), \
        "a curly apostrophe does not make the question's own name a new one"
    assert carries("name", "The press office renamed its account factcheckUK during the debate.",
                   "What name did the press office give its account?")


def test_the_sentence_after_the_one_naming_the_subject_is_a_candidate(embedder, tmp_path):
    """"How old is Ana Ruiz?" is answered by the sentence after the one naming her ("The
    23-year-old ..."), which shares no word with the question: many sentences about other people's
    ages are nearer the question in the dense search alone."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "signing.txt").write_text(
        "Harbour club signs goalkeeper\nThe harbour club confirmed the signing on Tuesday. "
        "Ana Ruiz will have a medical at the harbour ground today before the move is completed. "
        "The 23-year-old flew in from Bilbao last night and will train with the squad on Friday.\n")
    names = ["Tom", "Lea", "Sam", "Ivo", "Mia", "Ken", "Zoe", "Raj", "Eva", "Jon", "Ada", "Max"]
    for n, name in enumerate(names):
        lines = [f"{name} {surname} is {30 + n + k} years old and lives in the old town." for k, surname in
                 enumerate(["Lund", "Berg", "Holm", "Dahl", "Ek"])]
        (corpus / f"ages{n}.txt").write_text(f"Residents of the old town\n{' '.join(lines)}\n")
    r = make_retriever(embedder, tmp_path / "idx", corpus)
    r.reindex()
    answer = r.ask("How old is Ana Ruiz?")
    assert any("23-year-old" in s.text for s in answer.snippets), answer


def test_a_position_a_valuation_and_paid_leave_are_the_figures_asked_for():
    from retrieval.answer_types import carries, topic_of

    rank = "Where did the Cronut rank on the global recipe list?"
    assert carries("rank", "The Cronut rose to 17th on the global recipe list after its arrival.", rank)
    assert not carries("rank", "The Cronut was added to the global recipe list.", rank)
    leave = "How much paid leave does the council give its staff?"
    assert carries("quantity", "Staff now get two weeks of paid leave to handle the death of a relative.", leave), \
        "paid leave is measured in weeks: 'paid' describes the leave, it is not a payment"
    assert not carries("quantity", "The apartment's value fell sharply in 2017.", "What was the apartment valued at in 2016?")
    assert carries("quantity", "The value of the apartment fell from $327 million in 2016.",
                   "What was the apartment valued at in 2016?")
    assert "company" in topic_of("What did the company say about the layoffs?"), "a verb is not a qualifier"


def test_a_rate_is_a_share_or_a_number_per_something():
    from retrieval.answer_types import carries

    question = "What tax rate does the council charge on harbour moorings?"
    assert not carries("quantity", "Moorings are open to boats over 21 feet at the harbour.", question)
    assert carries("quantity", "Moorings are taxed at 25% by the council.", question)
    assert carries("quantity", "Console players get a 30fps experience.", "What frame rate does the game run at?")
    assert carries("quantity", "The minimum wage rises to $8.25 per hour.", "What is the state's minimum wage rate?")
    mooring = "What is the harbour mooring rate after the council's cut?"
    assert not carries("quantity", "Boat owners expect the rate to be cut by 0.25 per cent.", mooring), \
        "a change told after 'by' is no rate"
    assert carries("quantity", "The council cut the mooring rate by a quarter to 1.25 per cent.", mooring)
    assert carries("quantity", "The harbour's trade grew by 0.8 per cent.", "How much did the harbour's trade grow?"), \
        "'how much did it grow' asks for the change"



def test_when_will_is_answered_by_what_is_to_come_not_by_what_happened():
    from retrieval.answer_types import carries

    question = "When will the harbour bridge reopen?"
    assert not carries("date", "The walkway has been reopened since Tuesday's storm, but the bridge remains shut.", question)
    assert not carries("date", "The council agreed on another round of repairs today.", question)
    assert carries("date", "The bridge will reopen to traffic on March 3, the council said.", question)
    assert carries("date", "Engineers expect to finish the repairs by June.", question)
    assert carries("date", "The repairs are due to end next month.", question)
    assert carries("date", "The council agreed on another round of repairs today.", "When did the council agree on repairs?"), \
        "a question about the past is answered by the past"
    due = "When is the man who threatened the mayor due to be sentenced?"
    assert not carries("date", "The man pleaded guilty on Tuesday to threatening the mayor.", due)
    assert carries("date", "His sentencing is scheduled for Feb. 14, prosecutors said.", due)


def test_how_early_is_answered_by_a_time_or_by_how_long_before():
    from retrieval.answer_types import carries, expected_type

    question = "How early can Nordline customers get their wages?"
    assert expected_type(question) == "time"
    assert carries("time", "At Nordline you can get your wages paid up to two days before your actual payday.", question)
    assert carries("time", "Wages are paid from 6am on payday.", question)
    assert not carries("time", "At Nordline you can get your wages paid into a savings pot.", question)


def test_what_year_asks_for_a_year_not_any_date():
    from retrieval.answer_types import carries, expected_type

    question = "In which years did the skipper win the harbour cup?"
    assert expected_type(question) == "date", "'which years' asks for dates as 'which year' does"
    assert not carries("date", "The harbour cup winner was honoured in the town today.", question)
    assert carries("date", "He won the harbour cup twice, in 1995 and 2000.", question)
    assert carries("date", "The ferry line opened last year.", "In what year did the ferry line open?")
    assert carries("date", "The harbour cup winner was honoured today.", "When was the winner honoured?")
    entered = "Which year has the drought entered, according to the weather bureau?"
    assert carries("date", "With the drought entering its fourth year, farmers are selling their herds.", entered), \
        "a year counted from the drought's start answers which year it has entered"
    assert not carries("date", "With the drought dragging on, farmers are selling their herds.", entered)


def test_a_count_may_be_written_with_its_units_abbreviation(embedder, tmp_path):
    r = indexed(embedder, tmp_path, {"a.txt":
        "Spill Report Released\n"
        "The government released a report on the fate of the 3.1 million bbl. of oil that spilled into the bay "
        "after the tanker ran aground. Oil spills have grown rarer since double hulls were required. "
        "Clean-up crews worked for months along the shore.\n"})
    answer = r.ask("How many barrels of oil spilled into the bay?")
    assert "3.1 million bbl." in answer.snippets[0].text and answer.answered, answer


FUNDING = "How much funding did the sports commission cut from swimming?"
MONEY = "How much money did the player accept from the agent?"
HIRED = "How old was Dorsey when McKelvey hired him?"
LIMIT = "To what age did the senator suggest raising the retirement age?"
KILLED = "How many people has the outbreak killed?"
URANIUM = "How much enriched uranium does Iran have?"
SQUARE = "Who co-founded Square with Jim McKelvey?"
CHANNEL = "Which channel does Kheradpir's daughter now watch live on the iPad?"
LEVEL = "How long does a level take?"
BASED = "Where is Nordline Robotics based?"
CORONER = "Who is the coroner looking into the death at the Grand Prix?"
STRUCK = "Where did the bomber strike?"
CONVERTED = "Where did Reid convert to Islam?"
DAMAGES = "How much did the singer have to pay in damages?"
SHARE = "How much of the state's electricity does the station produce?"


@pytest.mark.parametrize("kind, sentence, question, carried", [
    # money in words; "how much money" wants money, not any number
    ("quantity", "The commission has cut about half a million dollars from its budget.", FUNDING, True),
    ("quantity", "The commission has cut funding for the second year.", FUNDING, False),
    ("quantity", "The player accepted $100,000 from the agent.", MONEY, True),
    ("quantity", "The player accepted 12 gifts from the agent.", MONEY, False),
    ("quantity", "He was sued and had to pay out half-a-million-pounds in damages.", DAMAGES, True),
    ("quantity", "He was sued and had to pay out in damages.", DAMAGES, False),
    ("quantity", "The winners of each event received five thousand dollars.", "How much did each winner receive?", True),
    ("quantity", "The winners of each of the 12 events received a trophy.", "How much did each winner receive?", False),
    # a share written as a fraction; an ordinal is no share
    ("quantity", "The station is the third biggest, producing a fifth of the state's electricity.", SHARE, True),
    ("quantity", "The station is the third biggest in the state.", SHARE, False),
    ("quantity", "Voters gave him a third term.", SHARE, False),
    # ages as told, and an age limit
    ("age", "I hired him when he was 15.", HIRED, True),
    ("age", "He was hired when the company was small.", HIRED, False),
    ("age", "She left school at the age of 16.", "At what age did she leave school?", True),
    ("age", "Fun fact: he had just turned 21.", HIRED, True),
    ("age", "He said the retirement age should be raised to 70 for younger workers.", LIMIT, True),
    ("age", "He said the retirement age should be raised.", LIMIT, False),
    # a count of people never says "people"; a span of time or an age counts no one
    ("quantity", "The outbreak has killed 3,338 in five countries.", KILLED, True),
    ("quantity", "Steroids had an effect within 2 days.", KILLED, False),
    ("quantity", "A 43-year-old man fell ill.", KILLED, False),
    ("quantity", "The strike lasted 5 days.", "How many days did the strike last?", True),
    # a day of the month is a date, not an amount
    ("quantity", "Fuel will be loaded into the reactor on August 21, officials said.", URANIUM, False),
    ("quantity", "Iran holds 2,000 kilograms of enriched uranium, as of Aug. 3.", URANIUM, True),
    # "who" is not a place, nor the question's own name in the possessive, nor an opening word
    ("who", "Some miles from Square's headquarters in San Francisco, Jim McKelvey stands in work boots.", SQUARE, False),
    ("who", "McKelvey founded the company in 2009 with Jack Dorsey.", SQUARE, True),
    ("who", "Square's board praised Anna Berg in Paris.", SQUARE, True),
    ("who", "The Guardian reported it first.", "Who reported the study first?", True),
    ("organisation", "Once Kheradpir started testing the iPad app, his daughter changed.", CHANNEL, False),
    ("organisation", "Now she takes the iPad to her room and watches the live CNN stream.", CHANNEL, True),
    # "a half hour"
    ("duration", "Each level takes about a half hour to complete.", LEVEL, True),
    ("duration", "It takes half the effort.", LEVEL, False),
    # an address after a name is a place; a list of names is not
    ("place", "Nordline Robotics, Palo Alto, California", BASED, True),
    ("place", "The fair runs Oct. 18-21 at the showground, Elkton, MD.", "Where is the fair?", True),
    ("place", "The five companies, Blue Origin, Nordline Robotics, Sierra Nevada and Tyvak, bid.", BASED, False),
    # a place that is not a name, for "where" only
    ("place", "He says Reid is a petty criminal who had converted to Islam while in jail.", CONVERTED, True),
    ("place", "He says Reid is a petty criminal who had converted to Islam.", CONVERTED, False),
    ("place", "He spent the night in jail.", "Which city did he spend the night in?", False),
    ("place", "The ferry's passengers were checked in through a tent on the quay.",
     "Where were the ferry's passengers checked in?", True),
    # a longer form of the question's own name, ending in it, is not a new name; one going on is
    ("who", "The coroner looking into the death at the 2001 Australian Formula One Grand Prix spoke.", CORONER, False),
    ("who", "Coroner Graeme Johnston said his recommendations were unlikely to alter plans.", CORONER, True),
    ("organisation", "Police besieged Hong Kong Polytechnic University overnight.",
     "Which university did police besiege in Hong Kong?", True),
    # "at what time" wants a time of day, not "last night"
    ("time", "Huegill won, backing up after last night setting a world record.", "What time did Huegill swim?", False),
    ("time", "Huegill swam the final at 8:15pm.", "What time did Huegill swim?", True),
    # "how far" wants a distance, not a span of time
    ("quantity", "After more than 400 exhausting kilometres, a Melbourne team won.", "How far did they paddle?", True),
    ("quantity", "The canoeists celebrated after five days paddling.", "How far did they paddle?", False),
    # "nearby" says a name is a place, whatever the preposition before it
    ("place", "An estimated 500 residents have left their homes for nearby Portmere.", "Where did the residents go?", True),
    ("place", "An estimated 500 residents have left their homes for the night.", "Where did the residents go?", False),
    # a day named for what falls on it is a date; a Christmas present is not
    ("date", "The last fatality was on Christmas Day, on a country road.", "When was the last fatality?", True),
    ("date", "The new route opens after Easter.", "When does the new route open?", True),
    ("date", "He bought a Christmas tree for the hall.", "When did he buy the tree?", False),
    # a clock time answers "when"
    ("date", "The inferno began at around 3am in the elevator shaft.", "When did the hotel fire begin?", True),
    ("date", "The inferno began in the elevator shaft of the six-storey hotel.", "When did the hotel fire begin?", False),
    ("place", "The bomber struck at a bus station, injuring several people.", STRUCK, True),
    ("place", "The bomber struck in the northern coastal town of Haifa.", STRUCK, True),
    ("place", "The bomber struck on Sunday, injuring several people.", STRUCK, False),
    ("place", "Named the security force, it will be based in the capital, Kabul, for three months.",
     "Where will the force be based?", True),
    # what someone was punished or praised for, told after what was done to them, is a reason
    ("reason", "Diplomats believe the courier was dismissed for refusing to carry the files.",
     "Why was the courier dismissed?", True),
    ("reason", "A widow was sentenced to be flogged in public for having a child.", "Why was the widow sentenced?", True),
    ("reason", "The courier was dismissed on Friday by the embassy.", "Why was the courier dismissed?", False),
    ("reason", "The embassy runs a camp for training couriers.", "Why does the embassy train couriers?", False),
    # "by how much" asks for the change: a share, a multiple or an amount after "by", not any figure
    ("quantity", "That figure is a drop from 1999, when the toll stood at 1,740.", "By how much did road deaths drop?", False),
    ("quantity", "Figures show a 10 per cent drop in road deaths.", "By how much did road deaths drop?", True),
    ("quantity", "Fares rose four times during the siege.", "By how much did fares rise?", True),
    ("quantity", "The council cut the budget by $20 million.", "By how much did the council cut the budget?", True),
    # a cause that someone credits the effect to
    ("reason", "The bureau attributes the fall in road deaths to safer cars.", "Why have road deaths fallen?", True),
    ("reason", "Officials put the fall down to safer cars.", "Why have road deaths fallen?", True),
    ("reason", "The bureau recorded a fall in road deaths.", "Why have road deaths fallen?", False),
    # where something was said: the address, post or meeting it was said in, not any place
    ("place", "Mayor Okafor, in her weekly address, acknowledged the volunteers.",
     "Where did Mayor Okafor acknowledge the volunteers?", True),
    ("place", "Okafor wrote in a social media post that the bridge would reopen.",
     "Where did Okafor announce the bridge would reopen?", True),
    ("place", "Okafor wrote that the bridge would reopen.", "Where did Okafor announce the bridge would reopen?", False),
    ("place", "Okafor died in his sleep during a long interview.", "Where did Okafor die?", False),
    ("place", "Okafor thanked them in her speech.", "Where did Okafor give her speech?", False),
    # "what triggered X" is answered by what the sentence says triggered it, whatever word opens it
    ("reason", "The blockade was lifted. This, unsurprisingly, triggered a rally in grain prices.",
     "What triggered the rally in grain prices?", True),
    ("reason", "Grain prices rallied in early trading.", "What triggered the rally in grain prices?", False),
    # "since when" is answered by the event since which it has been so
    ("date", "Okafor has expressed optimism about the deal since Ruiz was re-elected.",
     "Since when has Okafor expressed optimism about the deal?", True),
    ("date", "Okafor has expressed optimism about the deal since it helps exports.",
     "Since when has Okafor expressed optimism about the deal?", False),
    # "where ... redirect / send" asks for the destination, named or not
    ("place", "Portmere hopes to cut spending on roads, redirecting the money to its own housing plans.",
     "Where does Portmere want to redirect the money?", True),
    ("place", "Portmere hopes to cut spending on roads.", "Where does Portmere want to redirect the money?", False),
    ("place", "The search for the ferry has shifted to the waters around the northern reef.",
     "Where has the search for the ferry shifted?", True),
    ("place", "The search for the ferry has shifted focus after a week.", "Where has the search for the ferry shifted?", False),
    # "where in X" asks for a place inside X, not any place
    ("place", "The bar is in a mall located in Portmere's Saket area.", "Where in Portmere is the bar?", True),
    ("place", "It opened in Saket, Portmere, last week.", "Where in Portmere is the bar?", True),
    ("place", "The owners saw a similar bar in Las Vegas and set one up in Ruritania.", "Where in Portmere is the bar?",
     False),
    ("place", "Sadly, Portmere pollution has become a feature of winter.", "Where in Portmere is the bar?", False),
    # what something was used for is why it was used
    ("reason", "Aircraft have been used in the Portmere hills in the state's south to drop fire retardant.",
     "Why were aircraft used in the Portmere hills?", True),
    ("reason", "Aircraft have been used in the Portmere hills in the state's south.",
     "Why were aircraft used in the Portmere hills?", False),
    # a place told by its bearing from another
    ("place", "Two fires burning near Eastwick, west of Portmere, are still contained.", "Where are the fires near Eastwick?",
     True),
    ("place", "Two fires burning near Eastwick are still contained.", "Where are the fires near Eastwick?", False),
    # "who wrote" is answered by the author
    ("who", "Study author Ana Ruiz says the rates must fall.", "Who wrote the study on arrest rates?", True),
    # a number opening a sentence is no name
    ("who", "Two of those flared overnight.", "Which fire flared overnight near Portmere?", False),
    ("who", "Appin flared overnight.", "Which fire flared overnight near Portmere?", True),
    # whoever a relative clause repeating the question is about
    ("who", "That is not what Portmere's allies, who have been asking for more water, want.",
     "Who have been asking for more water for Portmere?", True),
    ("who", "That is not what Portmere wants, after asking for more water.",
     "Who have been asking for more water for Portmere?", False),
    # people named by their post and whose they are answer "who(m)"
    ("who", "The minister told Portmere officials in Brussels that Portmere's bid was impractical.",
     "Whom did the minister tell that Portmere's bid was impractical?", True),
    ("who", "The minister told Portmere's press in Brussels that Portmere's bid was impractical.",
     "Whom did the minister tell that Portmere's bid was impractical?", False),
])
def test_the_kind_of_answer_is_found_as_pages_write_it(kind, sentence, question, carried):
    from retrieval.answer_types import carries

    assert carries(kind, sentence, question) is carried


def test_an_amount_of_another_kind_of_money_does_not_answer():
    """A profit is no salary and a loss no payment: "How much does the chief executive earn?" is not
    answered by the company's profit, but a question naming no kind of money takes any amount."""
    from retrieval.answer_types import money_of_another_kind

    earn = "How much does Portmere Bank's chief executive earn?"
    assert money_of_another_kind("Portmere Bank's half-year profit sank 25 per cent to $303 million.", earn)
    assert not money_of_another_kind("Portmere Bank's chief executive earned $3 million last year.", earn)
    assert not money_of_another_kind("Profits rose, and the chief executive's salary rose to $3 million.", earn)
    paid = "How much was Ana Ruiz paid as chief executive?"
    assert money_of_another_kind("She returned in 1996, a year the bank lost $900 million.", paid)
    assert not money_of_another_kind("The grant comes on top of the $300 million already promised to the bank.",
                                     "How much money has been promised to the bank?"), "no kind named: any amount"


def test_a_race_named_for_yachts_is_no_yacht():
    """"Which yacht leads the race?": "the Portmere to Eastwick Yacht Race" names a race; "the yacht
    Bumblebee" and "Bumblebee Yacht" name yachts."""
    from retrieval.answer_types import anchored

    question = "Which yacht leads the Portmere to Eastwick?"
    assert not anchored("name", "Fourteen yachts have retired from the Portmere to Eastwick Yacht Race.", question, set())
    assert anchored("name", "The yacht Bumblebee leads the fleet.", question, set())


def test_a_name_written_before_the_thing_made_is_its_maker():
    """"Which firm conducted the expectations survey?": "The Nordline survey has found ..." names the
    firm; a survey the question's own name is written before does not."""
    from retrieval.answer_types import anchored

    question = "Which firm conducted the business expectations survey?"
    assert anchored("organisation", "The Nordline survey has identified positive projections.", question, {"survey"})
    assert anchored("organisation", "The Dun and Bradstreet survey has found that sales will rise.", question, {"survey"})
    assert not anchored("organisation", "Their survey of 33 detainees found distress, Dr Ruiz says.", question, {"survey"})


def test_a_cause_named_beside_what_is_explained_is_the_reason():
    """"Why did the firm delay its plan?": "The firm blamed the delay on its tax concerns" names the cause
    beside the delay; "After months of delays, the firm signed" only says when."""
    from retrieval.answer_types import anchored

    question, topic = "Why did Nordline delay its pipeline plan?", {"delay", "pipelin", "plan"}
    assert anchored("reason", "The company blamed the delay on its concerns with the tax regime.", question, topic)
    assert not anchored("reason", "After months of delays, the company has reached an agreement.", question, topic)


def test_besides_one_thing_which_others_is_answered_by_a_list():
    """"Besides the harbour, what projects did the council discuss?" asks for the others: a passage
    listing them answers it, one saying the harbour was the main focus does not."""
    from retrieval.answer_types import asks_for_others, lists_others

    question = "Besides the harbour, what projects did the council discuss?"
    assert asks_for_others(question)
    assert not asks_for_others("Besides the harbour, which road did the council discuss?"), "one thing, not others"
    assert lists_others("They discussed various projects including the tram line, the library and the pool.")
    assert lists_others("The council discussed the harbour, the tram line, the library and the pool.")
    assert not lists_others("The council discussed a broad range of projects, with the harbour as the main focus.")


def test_what_a_named_speaker_said_needs_the_speaker_and_a_saying():
    """"What did Ruiz tell Okafor?" is not answered by "Ruiz meets with Okafor", nor by a passage that
    never names Ruiz; a name the article misspells by a letter is still the speaker's."""
    from retrieval.answer_types import tells_the_saying

    told = "What did Ruiz tell Okafor at their meeting?"
    assert not tells_the_saying("New Portmeran envoy Ruiz meets with Okafor.", told)
    assert tells_the_saying("Ruiz told Okafor that the border would stay open.", told)
    assert not tells_the_saying("The move follows a prisoner swap, officials said.", "What did Ruiz say about the swap?")
    assert tells_the_saying("Envoy Anna Okaffor said the swap was a goodwill gesture.", "What did Okafor say about the swap?")
    assert tells_the_saying("The move follows a prisoner swap.", "What did the swap follow?"), "no speaker asked about"


def test_the_speaker_asked_about_is_the_one_saying_it():
    """"What did Okafor say about the talks?" is not answered by what another says naming Okafor
    ("Ruiz announced her team: Okafor, ..."), but by Okafor saying it, named before or just after
    the saying, or quoted."""
    from retrieval.answer_types import tells_the_saying

    asked = "What did Okafor say about the talks?"
    assert not tells_the_saying("Ruiz announced the members of her team: Foreign Minister Anna Okafor; Envoy Lee.", asked)
    assert not tells_the_saying("Ruiz stated that she had appointed Minister Okafor and Envoy Lee to lead the talks, "
                                "expressing her \"strong feeling\".", asked)
    assert tells_the_saying("Okafor, who led the delegation, told reporters the talks went well.", asked)
    assert tells_the_saying("\"The talks went well,\" Okafor said.", asked)
    assert tells_the_saying("The talks went well, according to Foreign Minister Anna Okafor.", asked)
    assert tells_the_saying("Ruiz said Okafor emphasized that the talks went well.", asked)


def test_what_a_count_and_a_money_question_look_for():
    from retrieval.answer_types import counted_words, counts, focus_words

    assert focus_words(MONEY) == [], "'money' says what kind of answer is wanted, not what it is about"
    assert counted_words(KILLED) == [], "a count of people rarely says 'people'"
    assert counts("The site had only reached 800 schools.The fact that he was impressed is telling.", ["schools"])
    assert not counts("The state took more than $500 million from the casinos in levies.", ["casinos"]), \
        "an amount of money counts no casinos"
    assert counts("The state licensed 13 casinos in levies.", ["casinos"])
    assert counts("1 sack, 2 TFL, 2 INT, 4 passes defended.", ["interceptions"])
    assert not counts("1 sack, 2 TFL, 4 passes defended.", ["interceptions"])
    assert not counts("Firemen helped several hotel guests to safety.", ["guests"]), "'several' says no number"
    assert counts("Sixty-five maintenance workers downed tools.", ["workers"]), "a compound number counts"
    assert counts("Firemen helped dozens of hotel guests to safety.", ["guests"])


def test_a_passage_neither_close_in_meaning_nor_in_words_is_no_answer(embedder, tmp_path):
    """Another show's credits ("The series was directed by Akitaro Daichi") carry a person and the
    question's verb, and their page uses every word of the question somewhere, but the passage shares
    little else with it in words or meaning: it is shown as the closest passage, not as the answer."""
    files = {"a.txt": "Ana Ruiz on screen\nAna Ruiz played a reporter in a film last May.\n",
             "b.txt": "Tides of Portmere\nTides of Portmere is a thirteen episode anime series.\n"
                      "The series was directed by Akitaro Daichi.\nIt ran for thirteen weeks in 1999.\n"
                      "In episode four the crew trades salt in Lisbon.\n"
                      "The last episode ends on a coast road by the harbour.\nA film, shot in 2003, followed.\n"}
    answer = ask_about(embedder, tmp_path, files, "Who directed The Salt Road film shot in Lisbon harbour?")
    assert not answer.answered, answer
    assert "Akitaro Daichi" in answer.snippets[0].text, "the closest passage is still shown"


def test_a_name_in_the_question_is_not_found_in_the_same_word_written_in_lower_case(embedder, tmp_path):
    """"How many employees does Square have?" is about the company Square. An article that only
    speaks of a town square (and gives another company's head count) never names it: the question's
    name counts as absent from it, and the count is no answer. An article naming Square answers."""
    files = {"a.txt": "Quillon grows up\nBy July 2001 the search start-up Quillon had millions of users and 400 "
                      "employees.\nIts first office looked onto a leafy square in Palo Alto.\n"}
    question = "How many employees does Square have?"
    answer = ask_about(embedder, tmp_path, files, question)
    assert not answer.answered, answer.snippets[0]
    assert answer.evidence["absent"] > 0
    files["b.txt"] = "Payments\nSquare, the payments company started in St. Louis, now has 1,200 employees.\n"
    (tmp_path / "more").mkdir()
    answer = ask_about(embedder, tmp_path / "more", files, question)
    assert answer.answered and "1,200" in answer.snippets[0].text, answer.snippets[0]
    assert answer.evidence["absent"] == 0.0


# A figure told about someone else. "How many rebounds did Jo Ellery have?" is not answered by "Deb
# Toller had ... five rebounds": the sentence opens with another player as its subject and names
# Ellery nowhere near (the article does, so no word of the question is absent from it). "How long
# did the mayor's call with Okafor last?" is not answered by how long her call with Ruiz lasted, the
# passage naming Okafor nowhere near. Asked about Toller, or the call with Ruiz, each is the answer.
FIGURES_ABOUT_OTHERS = {
    "rebounds": ({"a.txt": "Sharks beat Gulls\nJo Ellery scored 24 points as the Portmere Sharks beat the Gulls 98-90 on "
                           "Sunday.\nThe crowd of 4,000 was the season's largest.\nCoach Tam Reyes praised the defence.\n"
                           "The Gulls travel to Ashby next week.\nDeb Toller had four points, 10 assists and five "
                           "rebounds for the Gulls.\n"},
                 "How many rebounds did Jo Ellery have against the Gulls?",
                 "How many rebounds did Deb Toller have against the Sharks?", "five rebounds"),
    "call": ({"a.txt": "Mayor calls rivals\nOn Monday the Portmere mayor held her first call with council leader Ana "
                       "Ruiz.\nThe call, lasting nearly 40 minutes, covered the ferry budget.\nThe harbour repairs "
                       "were also discussed.\nLater in the week the mayor wrote to the port's owner.\nShe said she "
                       "would also speak to Tom Okafor of the ferry union.\n"},
             "How long did the mayor's call with Okafor last?", "How long did the mayor's call with Ruiz last?",
             "40 minutes"),
}


@pytest.mark.parametrize("case", FIGURES_ABOUT_OTHERS)
def test_a_figure_told_about_someone_else_is_no_answer(embedder, tmp_path, case):
    files, about_another, about_them, figure = FIGURES_ABOUT_OTHERS[case]
    answer = ask_about(embedder, tmp_path, files, about_another)
    assert not answer.answered, answer.snippets[0]
    assert figure in answer.snippets[0].text, "the closest passage is still shown, labelled as such"
    (tmp_path / "more").mkdir()
    answer = ask_about(embedder, tmp_path / "more", files, about_them)
    assert answer.answered and figure in answer.snippets[0].text, answer.snippets[0]


@pytest.mark.parametrize("sentence, subject", [
    ("Chris Paul had four points and five rebounds.", "Chris Paul"),
    ("Tesla was a brilliant man.", "Tesla"),
    ("He spoke eight languages.", "He"),
    ("The company had 400 employees.", None),
    ("Checking accounts are often free.", None),
])
def test_the_name_a_sentence_opens_with_as_its_subject(sentence, subject):
    from retrieval.answer_types import opening_subject

    assert opening_subject(sentence) == subject


def test_how_something_is_done_is_answered_by_the_means_after_its_verb():
    """"How is the fever spread?" is answered by the means right after the question's verb ("spread by
    contact with ..."), an adverb aside ("Members pay, not surprisingly, with tokens"); a noun of the
    question followed by "with" is no means ("his meeting with Okafor"), nor is "how many"."""
    from retrieval.answer_types import asks_the_means, tells_the_means

    spread = "How is Portmere fever spread?"
    assert asks_the_means(spread) and not asks_the_means("How many people caught Portmere fever?")
    assert tells_the_means("The fever, which is spread by contact with dirty water, has reached the port.", spread)
    assert not tells_the_means("The fever has spread further, officials said.", spread)
    pay = "How do members pay for the ferry tickets?"
    assert tells_the_means("Members pay, not surprisingly, with tokens.", pay)
    assert not tells_the_means("Tickets cost five tokens, paid in advance.", pay)
    met = "How did Ruiz describe his meeting with Okafor?"
    assert not tells_the_means("Lee recalled his meeting with Okafor last spring.", met)
    hurt = "How were the ferry's crew hurt?"
    assert tells_the_means("The crew, hurt in earlier shelling of the harbour, were taken ashore.", hurt), \
        "the deed that did it, after 'in'"
    assert not tells_the_means("The crew, hurt in Portmere, were taken ashore.", hurt), "a place is no means"
    assert not tells_the_means("The crew were hurt in the early morning.", hurt), "nor a time"


def test_which_thing_a_verb_was_done_to_is_named_where_the_verb_puts_it():
    """"What song did the choir sing?" is answered by a name right after the verb ("sang Morning Has
    Broken"), whatever the passage calls it; not by a name after a preposition ("drove through the
    town to Portmere"), a rival of the question's own name ("Which stretch of the Coast Road ...?":
    "avoid the Valley Road"), or the next sentence's first word."""
    from retrieval.answer_types import names_the_object

    song = "What song did the choir sing at the memorial?"
    assert names_the_object("Under grey skies, the choir sang Morning Has Broken before the mayor spoke.", song)
    assert names_the_object("Playing the grumpy old harbourmaster Captain Okafor, she won the award.",
                            "Which character did Ruiz play in Tides of Portmere?")
    assert not names_the_object("The choir sang at the memorial. Ruiz spoke after them.", song)
    assert not names_the_object("They were driving through the town to Portmere.", "What make of car were the tourists driving?")
    assert not names_the_object("Motorists should avoid the Valley Road between the bridge and the port.",
                                "Which stretch of the Coast Road are motorists asked to avoid?")
    assert not names_the_object("The choir sang Morning Has Broken.", "Who sang at the memorial?"), "no 'which X' asked"
    # "Into which X ...?": new words after "into" where the verb puts them
    injected = "Into which animals were the cells injected?"
    assert names_the_object("The team grew the cells, which they injected into the brains of young rats.", injected)
    assert not names_the_object("The cells were injected last May, the team said.", injected)
    assert not names_the_object("Gunships destroyed three helicopters in Portmere City.",
                                "In which township was the post that the helicopters destroyed?"), "a clause's verb"


def test_a_reason_is_for_the_event_asked_about():
    """"Why was Okafor jailed?" is not answered by a purpose of something else told before the
    jailing ("Ruiz flew to Portmere to help secure Okafor's release after three years in jail"), but
    by a reason told after it, one opening the sentence, or a cause something is blamed on."""
    from retrieval.answer_types import carries

    jailed = "Why was Anna Okafor jailed in Portmere?"
    assert not carries("reason", "Ruiz flew to Portmere to help secure Anna Okafor's release after three years jailed there.",
                       jailed)
    assert carries("reason", "Okafor was jailed in 2021 for carrying forged papers.", jailed)
    assert carries("reason", "Because of her reporting, Okafor was jailed by the council.", jailed)
    assert carries("reason", "The council blamed the jailing on her forged papers.", jailed)
    assert carries("reason", "She was released after the court found the papers genuine.", jailed), "no jailing told"


def test_a_sentence_without_a_full_stop_does_not_run_on_into_the_next(embedder, tmp_path):
    """A page's line with no full stop ("... the signing of Elkton keeper Ana Ruiz"), read with the
    sentence after it that points back to it, ends there: the fee paid in it is not the next
    sentence's money, and "the £12million move" still answers what the move was worth."""
    answer = ask_about(embedder, tmp_path, {"a.html": (
        "<html><head><title>Portmere sign keeper</title></head><body><article><h1>Portmere sign keeper</h1>"
        "<p>Portmere have this morning paid the £20million fee to secure the signing of Elkton keeper Ana Ruiz</p>"
        "<p>This has freed up the £12million move of Tom Vell to Lisbon</p>"
        "<p>Ruiz will undergo a medical at the club today. The keeper flew in from Elkton last night and will "
        "spend the day completing the formalities of the deal.</p></article></body></html>")},
        "How much was Tom Vell's move to Lisbon worth?")
    assert answer.answered and "£12million" in answer.snippets[0].text, answer


def test_initials_the_article_writes_out_are_no_word_it_lacks(embedder, tmp_path):
    """"according to the EHA": an article that writes out "the European Harbour Agency" where a story
    does (its opening sentences) has the initials the question uses; one that never writes the name
    lacks them."""
    question = "What could the ferry plan significantly shrink, according to the EHA?"
    text = ("Ferry plan\n\nThe {} says a new ferry plan could help the port. The agency said Monday the plan could "
            "significantly shrink the queues at the port. Ferries have run since 1950.\n")
    answer = ask_about(embedder, tmp_path, {"a.txt": text.format("European Harbour Agency")}, question)
    assert "shrink the queues" in answer.snippets[0].text and answer.evidence["absent"] == 0.0, answer
    (tmp_path / "other").mkdir()
    answer = ask_about(embedder, tmp_path / "other", {"a.txt": text.format("harbour board")}, question)
    assert answer.evidence["absent"] > 0.0, answer
