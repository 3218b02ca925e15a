"""The residents' page groups entries by what residents ask and explains abbreviations."""

from __future__ import annotations

from datetime import date

from warmtetoolbox.model.entries import Entry
from warmtetoolbox.site.residents import Explainer, resident_groups


def entry(entry_id: str, title: str, tags=("techniek",), entry_type="vragen") -> Entry:
    return Entry(
        id=entry_id, type=entry_type, path=f"toolbox/{entry_type}/{entry_id}.md", title=title,
        summary="Een samenvatting van twintig tekens.", tags=tuple(tags), audience=("residents",),
        visibility="public", status="current", version=1, updated=date(2026, 1, 1),
        owner="Redactie", body="## Kort antwoord\n\nTekst.\n",
    )  # fmt: skip


def test_groups_follow_the_question_and_come_in_reading_order():
    groups = resident_groups(
        [
            entry("a", "Gaat mijn huur omhoog na de renovatie?"),
            entry("b", "Wat kost een warmtepomp?"),
            entry("c", "Moet ik meedoen met het warmtenet?"),
            entry("d", "Waar laat ik de buitenunit?"),
            entry("e", "Wat merk ik in huis van de overstap?"),
            entry("f", "Een regel zonder trefwoord", tags=("juridisch",), entry_type="regelgeving"),
        ]
    )
    assert [g.anchor for g in groups] == [
        "mijn-huis", "kosten", "meedoen", "techniek", "huren-vve-monument",
    ]  # fmt: skip
    placed = {g.anchor: [e.id for e in g.entries] for g in groups}
    assert placed["kosten"] == ["b"] and placed["huren-vve-monument"] == ["a"]
    assert placed["meedoen"] == ["c", "f"]  # questions first, then other types


def test_abbreviations_are_written_out_once_per_page():
    explain = Explainer({"ACM": "Autoriteit Consument en Markt", "VvE": "Vereniging van Eigenaars"})
    assert explain("De ACM stelt tarieven vast.") == (
        "De ACM (Autoriteit Consument en Markt) stelt tarieven vast."
    )
    assert explain("Ook de ACM en de VvE (Vereniging van Eigenaars).") == (
        "Ook de ACM en de VvE (Vereniging van Eigenaars)."
    )
