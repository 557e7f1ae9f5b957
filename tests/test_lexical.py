"""The lexical index: BM25 weights as bm25s computes them, and its files."""

import bm25s
import numpy as np

from retrieval.lexical import LexicalIndex, capitalised_tokens, names_asked, tokenize

TEXTS = ["The storm hit the coast on Monday.", "Storm damage: the coast road was closed, closed for days.", "",
         "Ministers met on Monday to discuss the budget.", "The budget, the budget and again the budget.",
         "Zelenskyy met Zelensky's advisers."]


def test_bm25_scores_equal_bm25s_own_builder():
    ours = LexicalIndex.from_texts(TEXTS)
    theirs = bm25s.BM25()
    theirs.index([tokenize(t) for t in TEXTS], show_progress=False)
    for words in (["storm"], ["budget", "monday"], ["close", "coast"], ["zelenskyy", "advis"]):
        terms = [tokenize(w)[0] for w in words]
        got = dict(ours.search({t: frozenset({t}) for t in terms}, 10))  # without spelling variants
        expected = theirs.get_scores([tokenize(w)[0] for w in words])
        assert got and {r: round(s, 5) for r, s in got.items()} == \
            {r: round(float(s), 5) for r, s in enumerate(expected) if s > 0}, words


def test_saved_index_loads_memory_mapped_and_answers_the_same(tmp_path):
    index = LexicalIndex.from_texts(TEXTS)
    index.save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    assert isinstance(loaded.tokens.base, np.memmap), "a view of the mapped file, not a copy"
    query = loaded.expand(tokenize("storm on the coast"))
    assert loaded.search(query, 5) == index.search(query, 5)
    assert loaded.coverage(query, 0) == index.coverage(query, 0)
    assert loaded.token_set(1) == index.token_set(1) == frozenset(tokenize(TEXTS[1]))


def test_accents_on_latin_letters_are_folded_and_other_scripts_kept():
    # A question typed without accents ("Sydney cafe", "Pique") finds the page's "café", "Piqué".
    assert tokenize("hostages in a café") == tokenize("hostages in a cafe")
    assert tokenize("Gerard Piqué of Kosmos") == tokenize("Gerard Pique of Kosmos")
    assert tokenize("Zürich") == tokenize("Zurich")
    # Marks that tell letters apart in other scripts stay: Greek tonos, Japanese voicing marks.
    assert tokenize("Ελλάδα") != tokenize("Ελλαδα")
    assert tokenize("がっこう") != tokenize("かっこう")


def test_initials_are_one_word_however_written_and_us_is_kept_as_initials():
    # "When is the U.K. election?" finds "the UK election" and "the U.K.'s Dec. 12 election".
    assert tokenize("the U.K. election") == tokenize("the UK election") == tokenize("the U.K.’s election")
    assert tokenize("US troops") == tokenize("U.S. troops")
    assert len(tokenize("US troops")) == 2, "the country's initials are not the function word 'us'"
    assert tokenize("they told us") == tokenize("they told"), "the word 'us' is still a function word"
    # A headline in capitals is words, not initials: its function words stay out.
    assert tokenize("LOOK WHAT YOU MADE ME DO") == tokenize("look what you made me do")


def test_spellings_of_a_name_are_one_word_wherever_the_pages_differ():
    index = LexicalIndex.from_texts(["Zelenskyy met the press.", "Dmitri Pekskov, the Kremlin's spokesman, spoke.",
                                     "Peter and the pewter jug."])
    def variants(word: str) -> frozenset[str]:
        return index.variants(tokenize(word)[0])
    assert tokenize("Zelenskyy")[0] in variants("Zelensky")  # a letter added at the end
    assert tokenize("Pekskov")[0] in variants("Peskov")  # a misspelling inside the name: "Peskov" in the question
    assert tokenize("pewter")[0] not in variants("Petersen")  # sharing the ends is not enough
    coverage, _ = index.coverage(index.expand(tokenize("What did Peskov say?")), 1)
    assert coverage == 1.0


def test_the_names_a_question_asks_about_are_its_capitalised_words_but_the_first():
    assert names_asked("How much was Larry Page paid as Google's CEO?") == frozenset(tokenize("Larry Page Google CEO"))
    assert names_asked("how many employees does square have?") == frozenset()
    # A title-case question capitalises every word: none of them is told apart as a name.
    assert names_asked("How Many Employees Does Square Have?") == frozenset()


def test_capitalised_tokens_are_the_words_written_with_a_capital():
    assert capitalised_tokens("Square, the payments company, faces the town square.") == frozenset(tokenize("Square"))
    assert capitalised_tokens("The NATO summit in Riga") == frozenset(tokenize("The NATO Riga"))


def test_a_countrys_initials_and_its_peoples_word_are_one_word():
    """"How many American troops ...?" is answered by "13,000 US troops", and "the U.K." by "British"."""
    index = LexicalIndex.from_texts(["Roughly 13,000 US troops remain in the region.", "British ministers met."])
    assert tokenize("US")[0] in index.variants(tokenize("American troops")[0])
    assert tokenize("British")[0] in index.variants(tokenize("the UK")[0])
    coverage, _ = index.coverage(index.expand(tokenize("How many American troops remain?")), 0)
    assert coverage == 1.0
    assert index.variants(tokenize("Russian")[0]) == {tokenize("Russian")[0]}, "no other country is written by initials"


def test_a_compound_the_article_writes_as_two_words_is_not_absent():
    """"firefighters" in a question, "fire fighters" in the article: the word is there."""
    index = LexicalIndex.from_texts(["Up to 700 volunteers and fire fighters are continuing the mop-up."])
    article = frozenset(tokenize("Up to 700 volunteers and fire fighters are continuing the mop-up."))
    query = {t: frozenset({t}) for t in tokenize("firefighters mop-up")}
    assert index.absent(query, article) == 0.0
    assert index.absent({t: frozenset({t}) for t in tokenize("lifeguards")}, article) == 1.0
