"""The strict YAML reader: YAML 1.2 scalars, no duplicates, no aliases, line numbers."""

from __future__ import annotations

import pytest
from warmtetoolbox.model.yamlstrict import YamlError, parse


def test_yaml11_words_stay_strings():
    data = parse("a: no\nb: yes\nc: on\nd: off\ne: 1:20\nf: 2026-01-10\ng: 0777\n").data
    assert data == {
        "a": "no",
        "b": "yes",
        "c": "on",
        "d": "off",
        "e": "1:20",
        "f": "2026-01-10",
        "g": "0777",
    }


def test_yaml12_scalars_are_typed():
    assert parse("a: true\nb: 3\nc: 2.5\nd: null\ne: ~\n").data == {
        "a": True, "b": 3, "c": 2.5, "d": None, "e": None,
    }  # fmt: skip


def test_line_numbers_are_offset():
    parsed = parse("a: 1\nb:\n  - x\n  - y\n", first_line=2)
    assert parsed.line(("b", 1), 0) == 5
    assert parsed.line(("a",), 0) == 2
    assert parsed.line(("missing",), 0) == 2


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "twee keer"),
        ("a: &x 1\nb: *x\n", 2, "ankers"),
        ("a: !!python/name:os.system x\n", 1, "niet toegestaan"),
        ("a: 'open\n", 1, "aanhalingsteken"),
        ("a:\n\t- b\n", 2, "tab"),
    ],
)
def test_refused_yaml(text, line, words):
    with pytest.raises(YamlError) as caught:
        parse(text)
    assert caught.value.line == line
    assert words in caught.value.message
