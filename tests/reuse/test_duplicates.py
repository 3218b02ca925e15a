"""The near-duplicate detector on a labelled set of Dutch question pairs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.model.vocabulary import Vocabulary
from warmtetoolbox.reuse.duplicates import DEFAULT_THRESHOLD, DuplicateFinder, stem

PAIRS = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "data" / "duplicate_pairs.yml").read_text("utf-8")
)


@pytest.fixture(scope="module")
def finder():
    corpus = load_toolbox(REPO / "toolbox").corpus
    documents = {f"repo:{e.id}": e.title for e in corpus.of_type("vragen")}
    for kind in ("paraphrase", "distinct"):
        for number, (a, b) in enumerate(PAIRS[kind]):
            documents[f"{kind}:{number}:a"] = a
            documents[f"{kind}:{number}:b"] = b
    background = [e.title for e in corpus if e.type != "vragen"]
    return DuplicateFinder(Vocabulary.from_taxonomy(corpus.taxonomy), documents, background)


def test_labelled_set_is_large_enough():
    assert len(PAIRS["paraphrase"]) >= 30
    assert len(PAIRS["distinct"]) >= 30


def test_precision_and_recall_at_default_threshold(finder):
    predicted = {}
    for kind in ("paraphrase", "distinct"):
        for number in range(len(PAIRS[kind])):
            score = finder.score(f"{kind}:{number}:a", f"{kind}:{number}:b")
            predicted[(kind, number)] = score >= DEFAULT_THRESHOLD
    true_pos = sum(1 for (k, _), p in predicted.items() if p and k == "paraphrase")
    false_pos = sum(1 for (k, _), p in predicted.items() if p and k == "distinct")
    false_neg = sum(1 for (k, _), p in predicted.items() if not p and k == "paraphrase")
    precision = true_pos / max(true_pos + false_pos, 1)
    recall = true_pos / max(true_pos + false_neg, 1)
    print(f"precisie {precision:.3f}, recall {recall:.3f} bij drempel {DEFAULT_THRESHOLD}")
    wrong = [
        f"{k} {PAIRS[k][n]} score={finder.score(f'{k}:{n}:a', f'{k}:{n}:b'):.2f}"
        for (k, n), p in predicted.items()
        if p != (k == "paraphrase")
    ]
    assert precision >= 0.9, "\n".join(wrong)
    assert recall >= 0.8, "\n".join(wrong)


def test_candidates_include_labelled_paraphrases(finder):
    candidates = set(finder.candidates())
    found = sum(
        1
        for n in range(len(PAIRS["paraphrase"]))
        if tuple(sorted((f"paraphrase:{n}:a", f"paraphrase:{n}:b"))) in candidates
    )
    assert found / len(PAIRS["paraphrase"]) >= 0.9


def test_light_stemmer():
    assert stem("aansluitingen") == "aansluit"
    assert stem("warmtenetten") == "warmtenet"
    assert stem("kosten") == "kost"
