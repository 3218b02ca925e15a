"""Evaluate the near-duplicate detector on a half of the blind labelled set.

Every half becomes a toolbox holding only its questions (the repository's taxonomy, one
file per question with its title, summary and theme), loaded and run through
``find_duplicates`` — the code path of ``warmtetoolbox reuse --toolbox DIR --json``.
Every pair within a cluster is a positive; every hard negative is a negative pair.
"""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.reuse.reuse_map import find_duplicates

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"

QUESTION = """\
---
title: {title}
summary: {summary}
tags: [{theme}]
audience: [officers]
visibility: public
status: current
version: 1
updated: 2026-01-10
owner: Redactie Warmtetoolbox
---

## Kort antwoord

{answer}

## Toelichting

Zie het kort antwoord.
"""


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    true_pos: int
    false_pos: int
    false_neg: int
    cross_cluster: int  # found pairs between two clusters: unlabelled, reported only
    missed: tuple[tuple[str, str], ...]
    wrong: tuple[tuple[str, str], ...]

    def line(self, name: str) -> str:
        return (
            f"{name}: precisie {self.precision:.3f}, recall {self.recall:.3f} "
            f"(tp {self.true_pos}, fp {self.false_pos}, fn {self.false_neg}; "
            f"paren tussen clusters {self.cross_cluster})"
        )


def load_half(name: str) -> dict:
    return yaml.safe_load((DATA / f"duplicate_clusters_{name}.yml").read_text("utf-8"))


def _q(item: dict) -> tuple[str, str, str]:
    return item["title"], item.get("summary", ""), item.get("answer", "Antwoord volgt.")


def write_toolbox(half: dict, root: Path) -> dict[str, str]:
    """Write the questions of ``half`` under ``root``; return id → title."""
    (root / "vragen").mkdir(parents=True)
    shutil.copy(REPO / "toolbox" / "taxonomy.yml", root / "taxonomy.yml")
    titles = {}

    def write(entry_id: str, item: dict, theme: str) -> None:
        title, summary, answer = _q(item)
        text = QUESTION.format(
            title=yaml.safe_dump(title, allow_unicode=True, width=1000).strip().removesuffix("..."),
            summary=yaml.safe_dump(summary, allow_unicode=True, width=1000)
            .strip()
            .removesuffix("..."),
            theme=theme,
            answer=answer,
        )
        (root / "vragen" / f"{entry_id}.md").write_text(text, encoding="utf-8")
        titles[entry_id] = title

    for cluster in half["clusters"]:
        for number, item in enumerate(cluster["questions"]):
            write(f"{cluster['id']}-{number}", item, cluster["theme"])
    for negative in half["hard_negatives"]:
        write(f"{negative['id']}-a", negative["a"], negative["theme"])
        write(f"{negative['id']}-b", negative["b"], negative["theme"])
    return titles


def evaluate(half: dict, root: Path) -> Score:
    titles = write_toolbox(half, root)
    corpus = load_toolbox(root).corpus
    assert len(corpus.of_type("vragen")) == len(titles), "not every question loaded"
    found = {tuple(sorted((p.a, p.b))) for p in find_duplicates(corpus)}
    positives = {
        tuple(sorted((f"{c['id']}-{i}", f"{c['id']}-{j}")))
        for c in half["clusters"]
        for i, j in itertools.combinations(range(len(c["questions"])), 2)
    }
    negatives = {(f"{n['id']}-a", f"{n['id']}-b") for n in half["hard_negatives"]}
    true_pos = len(found & positives)
    false_pos = len(found & negatives)
    cross = sum(1 for a, b in found if a[0] == b[0] == "c" and a.split("-")[0] != b.split("-")[0])

    def show(pairs):
        return tuple(sorted((titles[a], titles[b]) for a, b in pairs))

    return Score(
        precision=true_pos / max(true_pos + false_pos, 1),
        recall=true_pos / max(len(positives), 1),
        true_pos=true_pos,
        false_pos=false_pos,
        false_neg=len(positives) - true_pos,
        cross_cluster=cross,
        missed=show(positives - found),
        wrong=show(found & negatives),
    )


if __name__ == "__main__":
    import sys
    import tempfile

    for name in sys.argv[1:] or ["tuning"]:
        with tempfile.TemporaryDirectory() as tmp:
            score = evaluate(load_half(name), Path(tmp) / "toolbox")
        print(score.line(name))
        if name != "tuning":  # never list the test half's pairs: they would be tuned on
            continue
        for a, b in score.missed:
            print(f"  gemist: {a} | {b}")
        for a, b in score.wrong:
            print(f"  fout:   {a} | {b}")
