"""Links from the site to the repository (``site.forge_links``): web editor and issue forms."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import REPO
from warmtetoolbox.model.entries import Entry
from warmtetoolbox.site.forge_links import (
    FORMS,
    WORDS,
    ForgeError,
    forge_from_config,
)

ISSUE_FORMS = REPO / ".github" / "ISSUE_TEMPLATE"
GITLAB_TEMPLATES = REPO / ".gitlab" / "issue_templates"


def question(**changes) -> Entry:
    values = dict(
        id="wat-kost-een-warmtenet",
        type="vragen",
        path="toolbox/vragen/wat-kost-een-warmtenet.md",
        title='Wat kost "het" & <b>zo</b>?',
        summary="Samenvatting.",
        tags=(),
        audience=(),
        visibility="public",
        status="current",
        version=3,
        updated=date(2026, 1, 1),
        owner="Redactie",
        body="",
    )
    return Entry(**{**values, **changes})


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_github_edit_and_prefilled_forms():
    forge = forge_from_config(
        "https://github.com/gemeenten/warmtetoolbox.git/", "main", "", "https://site.example/wt/"
    )
    edit, error, asked = forge.entry_links(question())
    assert edit.label == "Bewerk deze pagina"
    assert edit.url == (
        "https://github.com/gemeenten/warmtetoolbox/edit/main/toolbox/vragen/wat-kost-een-warmtenet.md"
    )
    assert error.label == "Meld een fout"
    assert error.url.startswith("https://github.com/gemeenten/warmtetoolbox/issues/new?")
    assert query(error.url) == {
        "template": "fout-of-verouderd.yml",
        "title": 'Fout: Wat kost "het" & <b>zo</b>?',
        "id": "wat-kost-een-warmtenet",
        "versie": "3",
        "adres": "https://site.example/wt/vragen/wat-kost-een-warmtenet/",
    }
    assert asked.label == "Deze vraag speelt ook bij ons"
    assert query(asked.url)["template"] == "speelt-ook-bij-ons.yml"
    assert query(asked.url)["id"] == "wat-kost-een-warmtenet"
    for link in (error, asked):
        assert not set(' "<>') & set(link.url), link.url


def test_gitlab_uses_templates_and_the_description():
    forge = forge_from_config("https://gitlab.example.nl/groep/sub/toolbox", "hoofdtak", "gitlab")
    edit, error, asked = forge.entry_links(question())
    assert edit.url == (
        "https://gitlab.example.nl/groep/sub/toolbox/-/edit/hoofdtak/"
        "toolbox/vragen/wat-kost-een-warmtenet.md"
    )
    assert error.url.startswith("https://gitlab.example.nl/groep/sub/toolbox/-/issues/new?")
    fields = query(error.url)
    assert fields["issuable_template"] == "Fout-of-verouderd"
    assert fields["issue[title]"] == 'Fout: Wat kost "het" & <b>zo</b>?'
    assert fields["issue[description]"] == (
        "id: wat-kost-een-warmtenet\nversie: 3\nadres: /vragen/wat-kost-een-warmtenet/"
    )
    assert query(asked.url)["issuable_template"] == "Deze-vraag-speelt-ook-bij-ons"
    assert forge_from_config("https://gitlab.com/a/b").kind == "gitlab"


def test_only_questions_get_the_asked_link_and_outside_files_no_edit_link():
    forge = forge_from_config("https://github.com/a/b")
    law = forge.entry_links(question(type="regelgeving"))
    assert [link.kind for link in law] == ["edit", "error"]
    outside = forge.entry_links(question(path="/tmp/elders/vragen/x.md"))
    assert [link.kind for link in outside] == ["error", "asked"]


def test_new_question_form_keeps_a_placeholder_for_the_search_words():
    forge = forge_from_config("https://github.com/a/b", site_url="https://site.example/")
    fields = query(forge.new_question_url("zoeken/"))
    assert fields == {
        "template": "nieuwe-vraag.yml",
        "title": f"Nieuwe vraag: {WORDS}",
        "zoekwoorden": WORDS,
        "adres": "https://site.example/zoeken/",
    }


@pytest.mark.parametrize(
    ("address", "forge", "message"),
    [
        ("http://github.com/a/b", "", "geen webadres van een repository"),
        ("git@github.com:a/b.git", "", "geen webadres van een repository"),
        ("https://github.com/alleen-organisatie", "", "geen webadres van een repository"),
        ("https://github.com/a/b?x=1", "", "geen webadres van een repository"),
        ("https://code.gemeente.nl/a/b", "", "zet 'forge: gitlab'"),
        ("https://code.gemeente.nl/a/b", "bitbucket", "kies github of gitlab"),
    ],
)
def test_unusable_addresses_are_refused_in_dutch(address, forge, message):
    with pytest.raises(ForgeError, match=message):
        forge_from_config(address, "main", forge)


def test_no_repository_no_forge():
    assert forge_from_config("") is None
    assert forge_from_config("   ") is None


def test_forms_and_field_ids_exist_on_both_forges():
    """The links name forms and fields: they must be the ones in the repository."""
    used = {"fout-of-verouderd.yml": {"id", "versie", "adres"}}
    used["speelt-ook-bij-ons.yml"] = {"id", "versie", "adres"}
    used["nieuwe-vraag.yml"] = {"zoekwoorden", "adres"}
    for form in FORMS:
        data = yaml.safe_load((ISSUE_FORMS / form.github).read_text(encoding="utf-8"))
        ids = {item.get("id") for item in data["body"]}
        assert used[form.github] <= ids, form.github
        assert data["title"] == form.title, form.github
        assert (GITLAB_TEMPLATES / f"{form.gitlab}.md").is_file(), form.gitlab


def test_mkdocs_yml_reads_the_repository_from_the_environment():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'repository: !ENV [WARMTETOOLBOX_REPOSITORY, ""]' in text
