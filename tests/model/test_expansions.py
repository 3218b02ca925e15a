"""Index-time expansions: the other phrasings of what a text says."""

from __future__ import annotations

from warmtetoolbox.model.expansions import expansions
from warmtetoolbox.model.vocabulary import Vocabulary, split_compound, words


def vocabulary(*groups: tuple[str, ...]) -> Vocabulary:
    return Vocabulary(tuple(tuple(tuple(words(p)) for p in g) for g in groups))


HEAT = ("warmtenet", "stadsverwarming", "blokverwarming", "collectieve warmte", "warmtevoorziening")
SPUK = ("SpUk", "specifieke uitkering")


def test_other_phrasings_of_a_group_the_text_holds_in_the_taxonomy_order():
    found = expansions("De SpUk betaalt het warmtenet.", vocabulary(HEAT, SPUK))
    assert found[:5] == [
        "stadsverwarming",
        "blokverwarming",
        "collectieve warmte",
        "warmtevoorziening",
        "specifieke uitkering",
    ]


def test_a_phrase_counts_only_as_a_whole_sequence_of_words():
    vocab = vocabulary(HEAT)
    assert expansions("collectieve inkoop van warmte", vocab) == []
    assert expansions("een collectieve warmte bron", vocab)[:2] == ["warmtenet", "stadsverwarming"]


def test_phrasings_the_text_already_holds_are_not_repeated():
    found = expansions("warmtenet of stadsverwarming", vocabulary(HEAT))
    assert "warmtenet" not in found and "stadsverwarming" not in found
    assert found[:3] == ["blokverwarming", "collectieve warmte", "warmtevoorziening"]


def test_per_group_keeps_the_first_phrasings_of_each_group():
    found = expansions("warmtenet en specifieke uitkering", vocabulary(HEAT, SPUK), per_group=2)
    assert found[:3] == ["stadsverwarming", "blokverwarming", "spuk"]


def test_compound_parts_are_added_once():
    assert split_compound("warmtenetten")  # the taxonomy-independent compound list knows it
    found = expansions("warmtenetten warmtenetten", vocabulary())
    assert found.count(" ".join(split_compound("warmtenetten"))) == 1


def test_a_text_without_known_words_gives_nothing():
    assert expansions("", vocabulary(HEAT)) == []
    assert expansions("!!! ???", vocabulary(HEAT)) == []
