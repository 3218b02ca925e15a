"""Editorial rules of ``check`` (issues 13 and 15): placeholders, sources, review dates,
readability for residents and body links that the strict build would reject."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, VALID_QUESTION
from warmtetoolbox.model import scaffold
from warmtetoolbox.model.readability import flesch_douma
from warmtetoolbox.model.sourcecheck import is_home_or_section
from warmtetoolbox.model.taxonomy import load_taxonomy

QUESTION = "toolbox/vragen/hoe-werkt-een-warmtepomp.md"
# VALID_QUESTION with a review date and a summary residents read easily (Flesch-Douma 76)
GOOD = VALID_QUESTION.replace(
    "summary: Een warmtepomp werkt goed als het huis goed geïsoleerd is en lage temperatuur verwarming heeft.",
    "summary: Een warmtepomp werkt goed in een huis dat goed geïsoleerd is. De verwarming werkt dan op een lage temperatuur.",
).replace("owner: Redactie Testtoolbox\n", "owner: Redactie Testtoolbox\nreview_by: 2027-01-10\n")


def write(workdir: Path, text: str, path: str = QUESTION) -> None:
    (workdir / path).write_text(text, encoding="utf-8")


def problems(output: str, path: str = QUESTION) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{path}:")]


def test_good_question_has_no_problems(workdir, cli):
    write(workdir, GOOD)
    result = cli("check")
    assert result.code == 0 and problems(result.out) == [], result.out


# -- placeholders from 'new' -------------------------------------------------------


@pytest.mark.parametrize("entry_type", ["vragen", "regelgeving", "aanpak", "praktijk"])
def test_template_placeholders_refused_once_not_draft(workdir, cli, entry_type):
    taxonomy, _ = load_taxonomy(workdir / "toolbox/taxonomy.yml", "taxonomy.yml")
    text = scaffold.new_entry_text(
        entry_type,
        "Een nieuw item om te testen",
        taxonomy,
        date(2026, 1, 10),
        tags=["verkennen"],
        audience=["officers"],
        visibility="public",
    )
    path = f"toolbox/{entry_type}/een-nieuw-item-om-te-testen.md"
    write(workdir, text, path)
    draft = cli("check")
    assert draft.code == 0, draft.text
    write(workdir, text.replace("status: draft", "status: current"), path)
    result = cli("check")
    assert result.code == 1
    found = [p for p in problems(result.out, path) if "voorbeeldtekst" in p]
    assert (
        f"{path}:3: fout: 'summary' bevat nog de voorbeeldtekst van 'warmtetoolbox new'" in found[0]
    )
    body_lines = [int(p.split(":")[1]) for p in found if "de tekst bevat" in p]
    sections = len(scaffold.body_template(entry_type).split("## ")) - 1
    lines = text.split("\n")
    hints = [i + 1 for i, line in enumerate(lines) if line.startswith("Schrijf hier")]
    assert body_lines == hints and len(hints) == sections
    if entry_type == "regelgeving":
        assert any("'sources'" in p and "voorbeeldtekst" in p for p in found)


def test_placeholder_in_title_refused(workdir, cli):
    write(
        workdir,
        GOOD.replace(
            "title: Hoe werkt een warmtepomp in een oud huis?",
            "title: Schrijf hier de sectie 'Toelichting'.",
        ),
    )
    result = cli("check")
    assert f"{QUESTION}:2: fout: 'title' bevat nog de voorbeeldtekst" in result.out


# -- sources ---------------------------------------------------------------------


def with_source(url: str, checked: str | None = None) -> str:
    extra = f"\n    checked: {checked}" if checked else ""
    return GOOD.replace(
        "review_by: 2027-01-10\n",
        f"review_by: 2027-01-10\nsources:\n  - title: Een bron\n    url: {url}{extra}\n",
    )


def test_http_source_warns(workdir, cli):
    write(workdir, with_source("http://www.example.nl/pagina-over-warmte"))
    result = cli("check")
    assert result.code == 0
    assert (
        f"{QUESTION}:14: waarschuwing: bron 'Een bron' gebruikt http://; "
        "gebruik het https://-adres van de pagina"
    ) in result.out


@pytest.mark.parametrize(
    "url",
    [
        "https://www.rvo.nl",
        "https://www.rvo.nl/",
        "https://www.rvo.nl/subsidies-financiering",
        "https://www.rvo.nl/onderwerpen/",
        "https://www.energie-recht.nl/wko/",
        "https://www.rvo.nl/#top",
        "https://www.rvo.nl/index.html",
    ],
)
def test_home_page_or_section_root_warns(workdir, cli, url):
    assert is_home_or_section(url)
    write(workdir, with_source(url))
    result = cli("check")
    assert (
        f"{QUESTION}:14: waarschuwing: bron 'Een bron' is een startpagina of rubriek" in result.out
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.rvo.nl/subsidies-financiering/isde",  # two segments
        "https://wetten.overheid.nl/BWBR0033729",  # a code
        "https://zoek.officielebekendmakingen.nl/stcrt-2023-6282.html",  # a document
        "https://www.zwartewaterland.nl/verduurzamen-kantoren",  # a page named by words
        "https://www.example.nl/?id=12",  # a query names the page
    ],
)
def test_specific_pages_pass(workdir, cli, url):
    assert not is_home_or_section(url)
    write(workdir, with_source(url))
    result = cli("check")
    assert problems(result.out) == [], result.out


def test_checked_date_accepted_and_validated(workdir, cli):
    write(workdir, with_source("https://wetten.overheid.nl/BWBR0033729", "2026-01-09"))
    assert problems(cli("check").out) == []
    write(workdir, with_source("https://wetten.overheid.nl/BWBR0033729", "2999-01-01"))
    result = cli("check")
    assert result.code == 1
    assert f"{QUESTION}:15: fout: datum 2999-01-01 ligt in de toekomst" in result.out


@pytest.mark.parametrize("entry_type", ["vragen", "aanpak"])
def test_missing_review_by_warns_on_every_type(workdir, cli, entry_type):
    if entry_type == "vragen":
        write(workdir, VALID_QUESTION)
        path = QUESTION
    else:
        path = "toolbox/aanpak/interne-werkwijze-test.md"
        text = (workdir / path).read_text("utf-8")
        write(
            workdir, "\n".join(x for x in text.split("\n") if not x.startswith("review_by")), path
        )
    result = cli("check")
    assert result.code == 0
    assert f"{path}:1: waarschuwing: 'review_by' ontbreekt" in result.out


# -- readability -------------------------------------------------------------------

HARD = (
    "Het meerjarenonderhoudsplan van de vereniging van eigenaren bepaalt de "
    "investeringsbeslissingsprocedure voor rijksmonumentenactiviteiten en aansluitgraadberekeningen."
)


def test_flesch_douma_scores_plain_text_higher():
    easy = flesch_douma("Isoleer eerst uw huis. Dan werkt een warmtepomp goed. U bespaart geld.")
    assert easy is not None and easy >= 60 > flesch_douma(HARD)
    assert flesch_douma("") is None and flesch_douma("**  **") is None


def test_hard_summary_and_short_answer_warn_for_residents(workdir, cli):
    text = GOOD.replace(
        "summary: Een warmtepomp werkt goed in een huis dat goed geïsoleerd is. De verwarming werkt dan op een lage temperatuur.",
        f"summary: {HARD}",
    ).replace("Isoleer eerst.", HARD)
    write(workdir, text)
    result = cli("check")
    assert result.code == 0
    found = problems(result.out)
    assert any(
        p.startswith(f"{QUESTION}:3: waarschuwing: 'summary' is moeilijk te lezen") for p in found
    )
    assert any(
        p.startswith(f"{QUESTION}:14: waarschuwing: '## Kort antwoord' is moeilijk te lezen")
        for p in found
    )
    assert "Flesch-Douma" in result.out and "B1" in result.out
    write(workdir, text.replace("audience: [residents]", "audience: [officers]"))
    assert not any("moeilijk te lezen" in p for p in problems(cli("check").out))


# -- body links --------------------------------------------------------------------


def with_body(extra: str) -> str:
    return GOOD.replace("Meer uitleg.", f"Meer uitleg.\n\n{extra}")


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("[tarieven](wat-kost-iets.md)", "'wat-kost-iets.md' bestaat niet"),
        ("[wet](../regelgeving/bestaat-niet.md)", "'../regelgeving/bestaat-niet.md' bestaat niet"),
        ("[pagina](../geen-pagina.md)", "bestaat niet"),
        ("[wet](../regelgeving/warmtewet-test.md#geen-kop)", "anker '#geen-kop'"),
        ("[hier](#nergens)", "anker '#nergens'"),
        ("[titel](../regelgeving/warmtewet-test.md#warmtewet-testitem)", "anker"),
        ("[intern](../aanpak/interne-werkwijze-test.md)", "niet in de openbare editie"),
    ],
)
def test_body_links_the_strict_build_rejects(workdir, cli, link, words):
    write(workdir, with_body(link))
    result = cli("check")
    assert result.code == 1, result.out
    line = [p for p in problems(result.out) if "link" in p]
    assert line and line[0].startswith(f"{QUESTION}:22: fout: link"), result.out
    assert words in line[0]


@pytest.mark.parametrize(
    "link",
    [
        "[wet](../regelgeving/warmtewet-test.md)",
        "[wet](../regelgeving/warmtewet-test.md#wat-regelt-het)",
        "[zelf](#toelichting)",
        "[vraag](wat-kost-aansluiten-op-een-warmtenet.md)",
        "[bewoners](../voor-bewoners.md)",
        "[begrippen](../begrippen.md)",
        "[over](../over.md)",
        "[tag](../tags/warmtenet.md)",
        "[bronnen](../regelgeving/warmtewet-test.md#bronnen)",
        "[overzicht](../regelgeving/index.md)",
        "[velden](../bijdragen/velden.md)",
        "[extern](https://wetten.overheid.nl/BWBR0033729)",
        "[map](../regelgeving/)",
        "`[code](bestaat-niet.md)`",
    ],
)
def test_body_links_the_build_accepts(workdir, cli, link):
    write(workdir, with_body(link))
    result = cli("check")
    assert result.code == 0, result.out
    assert problems(result.out) == []


def test_reading_ease_is_textstats_flesch_douma():
    """The formula is ours (textstat loads nltk and scipy); its counting must be textstat's."""
    import random

    import textstat
    from warmtetoolbox.model.loading import load_toolbox
    from warmtetoolbox.model.readability import plain_text, reading_ease

    texts = [HARD, "", "Ja.", "Nee! Echt? Ja.", "Dat's 'm", "O'Neill's huis.", "'t Is koud",
             "e-mail 3.5 kWh, 70 % — ok?", "...", "1. 2. 3.", "ÉÉN   twee\tdrie\nvier"]  # fmt: skip
    for entry in load_toolbox(REPO / "toolbox").corpus:
        texts += [entry.title, entry.summary, plain_text(entry.body)]
    rng = random.Random(20261130)
    alphabet = "abcdeéfgëhij.klm!n?o'p,q-r \n1 2"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(500)]
    textstat.set_lang("nl")
    for text in texts:
        assert reading_ease(text) == pytest.approx(textstat.flesch_reading_ease(text)), text
