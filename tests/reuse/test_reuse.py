"""The reuse map: counts, savings, gaps, duplicates, exports, pages and the CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.reuse.reuse_map import FTE_HOURS, compute, to_csv
from warmtetoolbox.site.editions import select_edition
from warmtetoolbox.site.pages import generate

TODAY = date(2026, 6, 1)

QUESTION = """\
---
title: {title}
summary: Een samenvatting van deze vraag in gewone woorden voor de test.
tags: [techniek, warmtenet, haalbaarheid]
audience: [officers]
visibility: {visibility}
status: {status}
version: 1
updated: {updated}
owner: Redactie Testtoolbox
{extra}---

## Kort antwoord

Antwoord.

## Toelichting

Toelichting.
"""


def write_question(root: Path, entry_id: str, title: str, asked, *, effort=None, status="current",
                   visibility="public", updated="2026-01-10", extra=""):  # fmt: skip
    lines = ["asked_in:"] + [f"  - {{municipality: {m}, year: {y}}}" for m, y in asked]
    if effort is not None:
        lines.append(f"effort_hours: {effort}")
    text = QUESTION.format(
        title=title,
        status=status,
        visibility=visibility,
        updated=updated,
        extra="\n".join(lines) + "\n" + extra,
    )
    (root / "toolbox" / "vragen" / f"{entry_id}.md").write_text(text, encoding="utf-8")


@pytest.fixture
def toolbox(workdir: Path) -> Path:
    write_question(workdir, "hoeveel-betaal-ik-voor-een-warmtenetaansluiting",
                   "Hoeveel betaal ik voor een warmtenetaansluiting?",
                   [("teststad", 2024), ("proefdorp", 2025)], effort=10, updated="2026-02-01")  # fmt: skip
    write_question(workdir, "wie-wordt-eigenaar-van-het-warmtenet",
                   "Wie wordt eigenaar van het warmtenet?",
                   [("teststad", 2022), ("proefdorp", 2023), ("proefdorp", 2024)], status="draft")  # fmt: skip
    return workdir


def reuse_of(root: Path):
    corpus = load_toolbox(root / "toolbox", today=TODAY).corpus
    return corpus, compute(corpus, TODAY)


def test_counts_and_ranking(toolbox):
    _, reuse = reuse_of(toolbox)
    first = reuse.questions[0]
    assert first.id == "wie-wordt-eigenaar-van-het-warmtenet"
    assert first.asked_count == 3
    assert first.municipalities == ("proefdorp", "teststad")
    assert first.regions == ("testregio",)
    assert first.years == (2022, 2023, 2024)
    assert reuse.totals["asked"] == 7
    assert reuse.totals["reused_questions"] == 3


def test_hours_saved_per_question_theme_municipality_and_total(toolbox):
    _, reuse = reuse_of(toolbox)
    by_id = {q.id: q for q in reuse.questions}
    assert by_id["wat-kost-aansluiten-op-een-warmtenet"].hours_saved == 16  # (2 - 1) × 16
    assert by_id["hoeveel-betaal-ik-voor-een-warmtenetaansluiting"].hours_saved == 10
    assert by_id["wie-wordt-eigenaar-van-het-warmtenet"].hours_saved is None  # no estimate
    assert reuse.total.hours == 26
    assert reuse.total.fte == pytest.approx(26 / FTE_HOURS)
    assert reuse.savings_by_theme["techniek"].hours == 10
    assert reuse.savings_by_theme["kosten-en-financiering"].hours == 16
    # the later asker saves: proefdorp asked both estimated questions after teststad
    assert reuse.savings_by_municipality["proefdorp"].hours == 26
    assert "teststad" not in reuse.savings_by_municipality


def test_matrix(toolbox):
    _, reuse = reuse_of(toolbox)
    assert reuse.matrix[("wie-wordt-eigenaar-van-het-warmtenet", "proefdorp")] == 2
    assert reuse.theme_matrix()[("techniek", "proefdorp")] == 3
    assert [p.slug for p in reuse.municipalities] == ["proefdorp", "teststad"]
    assert reuse.example_data


def test_gaps_list_drafts_and_overdue_reviews(toolbox):
    corpus, reuse = reuse_of(toolbox)
    assert [g.id for g in reuse.gaps] == ["wie-wordt-eigenaar-van-het-warmtenet"]
    assert "concept" in reuse.gaps[0].reason
    later = compute(corpus, date(2027, 2, 1))
    overdue = {g.id: g.reason for g in later.gaps}
    assert "herziening is verlopen" in overdue["wat-kost-aansluiten-op-een-warmtenet"]


def test_paraphrased_question_is_a_duplicate_and_can_be_dismissed(toolbox, cli):
    _, reuse = reuse_of(toolbox)
    pairs = [(p.a, p.b) for p in reuse.duplicates]
    assert pairs == [
        ("hoeveel-betaal-ik-voor-een-warmtenetaansluiting", "wat-kost-aansluiten-op-een-warmtenet")
    ]
    check = cli("check")
    assert check.code == 0
    assert (
        "toolbox/vragen/hoeveel-betaal-ik-voor-een-warmtenetaansluiting.md:1: waarschuwing: "
        "lijkt op vragen/wat-kost-aansluiten-op-een-warmtenet ("
    ) in check.out
    assert "vul die aan in plaats van een nieuwe vraag" in check.out
    write_question(toolbox, "hoeveel-betaal-ik-voor-een-warmtenetaansluiting",
                   "Hoeveel betaal ik voor een warmtenetaansluiting?", [("teststad", 2024)],
                   extra="not_duplicate_of: [wat-kost-aansluiten-op-een-warmtenet]\n")  # fmt: skip
    _, reuse = reuse_of(toolbox)
    assert reuse.duplicates == ()
    assert "lijkt op" not in cli("check").out


def test_cli_reuse_json(toolbox, cli):
    result = cli("reuse", "--json")
    assert result.code == 0, result.text
    data = json.loads(result.out)
    assert set(data) == {"questions", "duplicates", "gaps", "totals"}
    assert set(data["questions"][0]) == {
        "id",
        "title",
        "asked_count",
        "municipalities",
        "hours_saved",
    }
    for pair in data["duplicates"]:
        assert pair["a"] < pair["b"]
    assert data["totals"]["hours_saved"] == 26


def test_cli_reuse_text(toolbox, cli):
    result = cli("reuse")
    assert result.code == 0
    assert "voorbeeldgegevens" in result.out
    assert "26 uur" in result.out and "Prioriteiten" in result.out


def test_csv_export(toolbox):
    corpus, reuse = reuse_of(toolbox)
    rows = list(csv.DictReader(io.StringIO(to_csv(reuse, corpus))))
    assert rows[0]["id"] == "wie-wordt-eigenaar-van-het-warmtenet"
    assert rows[0]["keer_gesteld"] == "3"
    assert rows[0]["voorbeeldgegevens"] == "ja"


def pages_of(corpus, internal):
    pages = generate(corpus, TODAY, reuse=compute(corpus, TODAY), internal=internal)
    return {p.src_path: p.text() for p in pages}


def test_reuse_page_heatmap_and_lists(toolbox):
    corpus, _ = reuse_of(toolbox)
    pages = pages_of(corpus, internal=True)
    page = pages["hergebruik/index.md"]
    assert "Voorbeeldgegevens" in page
    assert "1 fte = 1500" in page.replace(".", "")
    assert "<svg" in page and "<script" not in page
    assert 'class="wtb-heatmap-table"' in page
    assert "Mogelijk dubbele vragen" in page
    checklist = pages["hergebruik/vragenlijst-techniek.md"]
    assert "Hoeveel betaal ik voor een warmtenetaansluiting?" in checklist
    assert json.loads(pages["reuse.json"])["duplicates"]


def test_public_edition_hides_duplicates_and_internal_questions(toolbox):
    write_question(toolbox, "interne-vraag-test", "Een interne vraag over warmte?",
                   [("teststad", 2024)], visibility="internal")  # fmt: skip
    corpus = load_toolbox(toolbox / "toolbox", today=TODAY).corpus
    public = select_edition(corpus, "public")
    pages = pages_of(public, internal=False)
    assert "Mogelijk dubbele vragen" not in pages["hergebruik/index.md"]
    assert json.loads(pages["reuse.json"])["duplicates"] == []
    everything = "".join(pages.values())
    assert "interne-vraag-test" not in everything and "Een interne vraag" not in everything
    assert "wie-wordt-eigenaar-van-het-warmtenet" not in everything  # a draft


def test_title_in_svg_is_escaped(toolbox):
    taxonomy = toolbox / "toolbox/taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8").replace(
        "label: Techniek\n        description: Warmtebronnen",
        "label: 'Techniek <script>x</script>'\n        description: Warmtebronnen",
    )
    taxonomy.write_text(text, encoding="utf-8")
    corpus, _ = reuse_of(toolbox)
    page = pages_of(corpus, internal=True)["hergebruik/index.md"]
    assert "<script>" not in page and "&lt;script&gt;" in page
