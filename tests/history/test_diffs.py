"""Version comparisons: per paragraph, as readable text, bounded."""

from __future__ import annotations

from warmtetoolbox.history.diffs import counts, paragraph_diff, paragraphs
from warmtetoolbox.model.plurals import count, number


def test_markdown_becomes_readable_paragraphs():
    text = "## Kort antwoord\n\nU betaalt **vastrecht**, zie [ACM](https://acm.nl/x).\n\n- een\n- twee\n"
    assert paragraphs(text) == ["Kort antwoord", "U betaalt vastrecht, zie ACM.", "een twee"]


def test_only_changed_paragraphs_with_marked_words():
    old = "Eerste alinea blijft.\n\nTweede alinea over kosten.\n\nDerde blijft ook."
    new = (
        "Eerste alinea blijft.\n\nTweede alinea over hogere kosten.\n\nDerde blijft ook.\n\nNieuw."
    )
    result = paragraph_diff(old, new)
    texts = [[(p.kind, p.text) for p in par.pieces] for par in result]
    assert ("added", "hogere ") in texts[0] or ("added", "hogere") in [
        (k, t.strip()) for k, t in texts[0]
    ]
    assert result[0].skipped_before == 1  # the first paragraph did not change
    assert texts[1] == [("added", "Nieuw.")] and result[1].skipped_before == 1
    assert counts(result) == (2, 0)


def test_huge_paragraphs_are_replaced_whole_not_compared_word_by_word():
    old = "woord " * 20_000
    new = "ander " * 20_000
    (paragraph,) = paragraph_diff(old, new)
    assert [p.kind for p in paragraph.pieces] == ["removed", "added"]


def test_dutch_plurals_and_numbers():
    assert count(1, "fout", "fouten") == "1 fout"
    assert count(0, "fout", "fouten") == "0 fouten"
    assert count(1782, "uur", "uur") == "1.782 uur"
    assert number(2.5) == "2,5" and number(12345.25) == "12.345,2"
