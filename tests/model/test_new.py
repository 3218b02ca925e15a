"""``warmtetoolbox new`` writes a valid entry and never overwrites one."""

from __future__ import annotations

from pathlib import Path

import pytest
from warmtetoolbox.model.scaffold import slugify
from warmtetoolbox.model.schema import TYPES


@pytest.mark.parametrize("entry_type", list(TYPES))
def test_new_entry_passes_check(cli, workdir: Path, entry_type):
    result = cli("new", entry_type, "Wat betekent aquathermie voor de wijk?", "--tag", "techniek")
    assert result.code == 0, result.text
    path = workdir / "toolbox" / entry_type / "wat-betekent-aquathermie-voor-de-wijk.md"
    text = path.read_text(encoding="utf-8")
    assert "status: draft" in text and "version: 1" in text
    for section in TYPES[entry_type].sections:
        assert f"## {section}" in text
    check = cli("check")
    assert check.code == 0, check.text


def test_new_refuses_to_overwrite(cli, workdir: Path):
    assert cli("new", "vragen", "Een vraag over isolatie").code == 0
    path = workdir / "toolbox/vragen/een-vraag-over-isolatie.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEigen werk.\n", encoding="utf-8")
    again = cli("new", "vragen", "Een vraag over isolatie")
    assert again.code == 2
    assert "bestaat al" in again.err
    assert "Eigen werk." in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("new", "onzin", "Een titel hier"), "ongeldige keuze"),
        (("new", "vragen", "?!"), "titel is te kort"),
        (("new", "vragen", "Een goede titel", "--tag", "bestaat-niet"), "onbekende tag"),
        (("new",), "ontbreken"),
    ],
)
def test_new_bad_input_gives_dutch_error(cli, args, message):
    result = cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.text


def test_slugify_strips_accents_and_punctuation():
    assert slugify("Wat kost één aansluiting op 't warmtenet?") == (
        "wat-kost-een-aansluiting-op-t-warmtenet"
    )
    assert len(slugify("woord " * 60)) <= 80
