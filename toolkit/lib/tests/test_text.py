from toolkit.lib.searchtext import highlight, prefix_matcher, terms
from toolkit.lib.stemming import analyse, stem
from toolkit.lib.textindex import TextIndex


def test_terms_are_plain_folded_words_without_any_query_syntax():
    assert terms('"Éducation" AND NEAR(x, *) col:y -z') == [
        "education",
        "and",
        "near",
        "x",
        "col",
        "y",
        "z",
    ]
    assert terms("") == [] and terms(None) == []
    assert len(terms(" ".join(f"w{i}" for i in range(100)))) == 12


def test_stems_meet_across_plural_and_accents():
    assert stem("refugees", "en") == stem("refugee", "en")
    assert stem("lingue", "it") == stem("lingua", "it")
    assert analyse("Éducation des adultes", "fr") == analyse("education des adulte", "fr")
    assert stem("Освіта", "uk") == "освіта"  # no Ukrainian stemmer: folded word only


def test_highlight_marks_matches_and_escapes_everything_else():
    snippet = highlight("<b>Refugees</b> learn", prefix_matcher(["refugee"]))
    assert snippet == "&lt;b&gt;<mark>Refugees</mark>&lt;/b&gt; learn"
    assert highlight("nothing here", prefix_matcher(["zzz"])) is None


def test_the_index_ranks_title_matches_above_body_mentions():
    index = TextIndex("en")
    index.add("a", [("Coalition building", 5), ("How to build a coalition of allies", 1)])
    index.add("b", [("Messages", 5), ("Mention a coalition once among many other words", 1)])
    index.add("c", [("Timing", 5), ("Policy windows", 1)])
    ranked = [doc for doc, _ in index.search(["coalitions"])]
    assert ranked == ["a", "b"]


def test_the_last_term_matches_as_a_prefix_but_earlier_terms_do_not():
    index = TextIndex("en")
    index.add("a", [("interest and power", 1)])
    assert index.search(["inter"])
    assert not index.search(["inter", "zzz"])
