"""Noise removal on scraped pages written for these tests (not the bundled articles)."""

import pytest

from retrieval.cleaning import clean
from retrieval.page import Block
from retrieval.sentences import split
from retrieval.text_page import parse_text

PAGE = """We use cookies to improve your experience. By continuing you accept our Privacy Policy.
Accept all
Storm Floods Coastal Towns Across the Region
Translating...
This page was machine translated automatically; we are not responsible for translation errors.
Residents were evacuated. /Reuters
Residents were evacuated. /Reuters

Residents were evacuated. /Reuters
On [date], heavy rain flooded the harbour district of Portmere, officials said.
The mayor, Ana Ruiz, said 300 homes were damaged.
Follow us on Twitter @portmere_news for updates.
References
- Weather Office. (2024). https://example.org/report
- https://example.org/other. (n.d.). https://example.org/other.
暴雨导致港口区被淹，官员表示三百所房屋受损。
The clean-up will take weeks, according to the council.
Author: Jo Smith
Jo has covered the coast for twenty years and won several awards for it.
Leave a comment:
"""


def blocks_of(page: str) -> list[Block]:
    return clean(parse_text(page).blocks)


def texts(page: str) -> list[str]:
    return [b.text for b in blocks_of(page)]


def test_consent_banner_and_ui_labels_are_removed():
    out = " ".join(texts(PAGE))
    assert "cookies" not in out and "Accept all" not in out


def test_translation_notice_is_removed():
    out = " ".join(texts(PAGE))
    assert "Translating" not in out and "machine translated" not in out


def test_repeated_caption_is_kept_once_without_credit():
    out = texts(PAGE)
    assert out.count("Residents were evacuated.") == 1
    assert not any("/Reuters" in t for t in out)


def test_placeholder_and_its_preposition_are_removed():
    out = texts(PAGE)
    assert "heavy rain flooded the harbour district of Portmere, officials said." in out
    assert not any("[date]" in t for t in out)


def test_an_editors_insertion_in_a_quote_is_kept():
    page = ("Harbour rebuild delayed\n"
            "\"My husband [actor Tom Reid] and I were worried about it,\" she said. "
            "\"[The council] never told us,\" he added.\n")
    out = " ".join(texts(page))
    assert "[actor Tom Reid]" in out and "[The council]" in out, out


def test_reference_list_social_footer_and_author_box_are_removed():
    out = " ".join(texts(PAGE))
    for gone in ("example.org", "References", "@portmere_news", "Jo Smith", "twenty years", "Leave a comment"):
        assert gone not in out, gone
    assert "The clean-up will take weeks, according to the council." in out


def test_passage_in_another_script_is_dropped_from_a_latin_article():
    assert not any("暴雨" in t for t in texts(PAGE))


def test_heading_is_kept_as_heading_not_as_sentence():
    blocks = blocks_of(PAGE)
    headings = [b.text for b in blocks if b.heading]
    assert headings == ["Storm Floods Coastal Towns Across the Region"]


def test_sentences_keep_offsets_into_cleaned_text():
    text, sentences = split(blocks_of(PAGE))
    assert len(sentences) >= 4
    for s in sentences:
        assert text[s.start:s.end] == s.text
    mayor = next(s for s in sentences if s.text.startswith("The mayor"))
    assert mayor.section == "Storm Floods Coastal Towns Across the Region"


def test_abbreviations_do_not_end_sentences_and_offsets_hold():
    para = ("U.S. Secretary of State Marco Rubio met Mr. Lavrov at 3 p.m. in Riyadh.  "
            "They talked for 4.5 hours, e.g. about sanctions. \"We made progress,\" he said!")
    text, sentences = split(blocks_of(para))
    assert [s.text[:12] for s in sentences] == ["U.S. Secreta", "They talked ", "\"We made pro"]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_signatures_under_embedded_posts_stay_in_the_text_but_are_never_quoted():
    page = ("Senate Adjourns Over Deaths\n"
            "The Senate adjourned on Tuesday after a motion by its leader.\n\n"
            "Senate resolves to observe a minute of silence in honour of the departed. pic.twitter.com/s96jjh8AlD"
            "— The Nigerian Senate (@NGRSenate) October 9, 2018\n\n"
            "Senate Leader, Ahmad Lawan raises a motion on the deaths. #TodayInSenatePlenary"
            "— The Nigerian Senate (@NGRSenate) October 9, 2018\n\n"
            "A post shared by Ana Ruiz (@ana.ruiz) on Nov 3, 2019 at 5:01pm PST\n\n"
            "The clean-up will take weeks – the council (@portmere) said on May 5, 2019 after the vote.\n")
    text, sentences = split(blocks_of(page))
    assert "(@NGRSenate) October 9, 2018" in text and "A post shared by" in text
    quoted = [s.text for s in sentences if not s.heading]
    assert "Senate resolves to observe a minute of silence in honour of the departed." in quoted
    assert not any("@NGRSenate" in q or "post shared by" in q for q in quoted), quoted
    assert any("(@portmere)" in q for q in quoted), "a dash and a handle inside the story's own sentence stay quotable"


@pytest.mark.parametrize("para, expected", [
    # a unit abbreviation, but a link after a full stop does end one
    ("The report tracked the 4.9 million bbl. of oil that spilled into the gulf. Mix 8 oz. of almond milk "
     "with 1 tsp. of nut butter. The iPhone sold well. Nobody will take your slogan. https://t.co/XPxUJuyIAC",
     ["The report tracked the 4.9 million bbl. of oil that spilled into the gulf.",
      "Mix 8 oz. of almond milk with 1 tsp. of nut butter.",
      "The iPhone sold well.",
      "Nobody will take your slogan.",
      "https://t.co/XPxUJuyIAC"]),
    # a title before a name
    ("The senator moved a motion on the death of the former Speaker Rt. Hon. B. U. Vell and Gen. Ana Ruiz "
     "of Portmere. It passed. The motion was read by Dr. Tom Okafor.",
     ["The senator moved a motion on the death of the former Speaker Rt. Hon. B. U. Vell and Gen. Ana Ruiz of Portmere.",
      "It passed.",
      "The motion was read by Dr. Tom Okafor."]),
])
def test_an_abbreviation_that_runs_on_does_not_end_a_sentence(para, expected):
    text, sentences = split(blocks_of(para))
    assert [s.text for s in sentences] == expected


def test_a_label_set_as_a_paragraph_is_never_quoted():
    """"The Portmere Ferries Tour Dates" in a paragraph of its own is a heading the page did not mark
    as one: kept in the text, never quoted. A short sentence, or a line in lower case, is quoted."""
    from retrieval.html_page import parse_html

    page = parse_html("<html><head><title>Harbour tour</title></head><body><article><h1>Harbour tour</h1>"
                      "<p>The ferry line will tour the islands in spring, starting in West Bay, its owners said on "
                      "Monday.</p><p>The Portmere Ferries Tour Dates</p><p>Tickets go on sale Friday at the quay.</p>"
                      "<p>all tickets are final sales</p></article></body></html>")
    text, sentences = split(clean(page.blocks, page.meta.title))
    assert "The Portmere Ferries Tour Dates" in text
    quoted = [s.text for s in sentences if not s.heading]
    assert "The Portmere Ferries Tour Dates" not in quoted
    assert "Tickets go on sale Friday at the quay." in quoted and "all tickets are final sales" in quoted


def test_pointers_to_other_pages_set_in_the_text_are_never_quoted():
    page = ("Oil Spill Threat\n"
            "Much of the oil is still present underwater in the gulf, researchers said. (See pictures of the spill.)\n\n"
            "(MORE: 'Laughter Shocks': 13 Best Tweets About the East Coast Earthquake)\n\n"
            "The crack measures about four inches in length, engineers said.\n")
    text, sentences = split(blocks_of(page))
    assert "13 Best Tweets" not in text, "a paragraph that only points elsewhere is furniture"
    quoted = [s.text for s in sentences if not s.heading]
    assert "Much of the oil is still present underwater in the gulf, researchers said." in quoted
    assert not any("See pictures" in q for q in quoted), quoted
    assert "(See pictures of the spill.)" in text, "kept in the article's text as published"


@pytest.mark.parametrize("title, story, notice", [
    ("Grocery Savings",
     "You could get freshly baked cookies for 50 percent off, or nab two sushi meals for the price of one. "
     "Ask at the counter about your store's policy.",
     "We use cookies to improve your experience. By continuing you accept our Privacy Policy."),
    ("Google's Early Years",
     "In 2000 Google put an associate product manager in charge of its toolbar. He decided it could double "
     "as a pop-up ad blocker, and usage soared.",
     "We urge you to turn off your ad blocker so that you can continue to access our content."),
])
def test_a_story_that_mentions_cookies_or_ad_blockers_is_not_a_notice_about_them(title, story, notice):
    out = " ".join(texts(f"{title}\n{story}\n\n{notice}\n"))
    assert story in out
    assert notice not in out
