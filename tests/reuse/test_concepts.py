"""Issue 17: near-duplicates found through the taxonomy's concepts, measured on a blind set."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from blind_set import REPO, evaluate, load_half, write_toolbox
from conftest import run_cli
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.reuse.reuse_map import find_duplicates

# The issue's examples (not from the blind set): pair, and concepts the reason must name.
EXAMPLES = [
    (
        "Kunnen we bodemenergie gebruiken in deze buurt?",
        "Is de grond onder de wijk geschikt voor warmte-koudeopslag?",
        {"bodemenergie"},
    ),
    (
        "Gaat mijn huur omhoog als mijn woning wordt verduurzaamd?",
        "Mag de corporatie meer huur vragen na isolatie en een warmtepomp?",
        {"huurverhoging"},
    ),
    (
        "Kunnen huishoudens met weinig geld wel meedoen met de overstap?",
        "Hoe helpen we bewoners met energiearmoede bij het verduurzamen?",
        {"energiearmoede"},
    ),
]


@pytest.fixture(scope="module")
def examples_toolbox(tmp_path_factory) -> Path:
    """The repository's toolbox plus the six example questions."""
    root = tmp_path_factory.mktemp("voorbeelden") / "toolbox"
    half = {
        "clusters": [
            {"id": f"voorbeeld{n}", "theme": "kosten-en-financiering",
             "questions": [{"title": q, "summary": f"Zo vroeg iemand het: {q}"} for q in (a, b)]}
            for n, (a, b, _) in enumerate(EXAMPLES)
        ],
        "hard_negatives": [],
    }  # fmt: skip
    write_toolbox(half, root)
    for folder in (REPO / "toolbox").iterdir():
        if folder.is_dir() and folder.name != "vragen":
            shutil.copytree(folder, root / folder.name)
    for file in (REPO / "toolbox" / "vragen").glob("*.md"):
        shutil.copy(file, root / "vragen" / file.name)
    return root


@pytest.mark.parametrize("number", range(len(EXAMPLES)))
def test_issue_examples_are_found_with_their_shared_concepts(examples_toolbox, number):
    corpus = load_toolbox(examples_toolbox).corpus
    pairs = {(p.a, p.b): p for p in find_duplicates(corpus)}
    pair = pairs.get((f"voorbeeld{number}-0", f"voorbeeld{number}-1"))
    assert pair is not None, EXAMPLES[number][:2]
    assert EXAMPLES[number][2] <= set(pair.concepts), pair


@pytest.mark.xfail(
    strict=True,
    reason="issue 17 not done: with the field-wide concepts (written blind) the test half "
    "reaches precision 0.60, recall 0.25; paraphrases that share no concept stay unfound",
)
def test_blind_test_half_precision_and_recall(tmp_path):
    """Only reported here: the detector and the concepts were tuned on the other half."""
    tuning = evaluate(load_half("tuning"), tmp_path / "tuning" / "toolbox")
    test = evaluate(load_half("test"), tmp_path / "test" / "toolbox")
    print(tuning.line("afstemhelft"))
    print(test.line("testhelft"))
    # counts only: listing the test half's misses would invite tuning on them
    assert test.precision >= 0.9, test.line("testhelft")
    assert test.recall >= 0.8, test.line("testhelft")


def test_check_and_reuse_json_give_score_and_shared_concepts(examples_toolbox):
    cwd = examples_toolbox.parent
    check = run_cli("check", cwd=cwd)
    line = next(
        (s for s in check.out.splitlines() if "voorbeeld0-" in s and "lijkt op" in s), None
    )  # fmt: skip
    assert line is not None, check.text
    assert "gedeelde begrippen: " in line and "bodemenergie" in line, line
    result = run_cli("reuse", "--json", cwd=cwd)
    assert result.code == 0, result.text
    pairs = {(p["a"], p["b"]): p for p in json.loads(result.out)["duplicates"]}
    pair = pairs[("voorbeeld0-0", "voorbeeld0-1")]
    assert "bodemenergie" in pair["concepts"]
    assert pair["reason"].startswith("gedeelde begrippen: ")
    assert isinstance(pair["score"], float)
