"""Links from the site to the repository: the web editor and the prefilled issue forms.

One configured repository address (``repository`` in the plugin's options) gives every
link; without it the site shows none. GitHub and GitLab are told apart by the host
(``github.com``, ``gitlab.com`` or a host with "gitlab" in its name), or by ``forge``
for a self-hosted GitLab. The issue forms are those in ``.github/ISSUE_TEMPLATE/`` and
``.gitlab/issue_templates/``; their field ids are documented in CONTRIBUTING.md.

GitHub fills an issue form's fields from the query (``?template=…&<field id>=…``).
GitLab has no fields: ``issuable_template`` picks the template and ``issue[description]``
adds the values as ``id: …`` lines below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from ..model.entries import Entry

GITHUB, GITLAB = "github", "gitlab"
FORGE_LABELS = {GITHUB: "GitHub", GITLAB: "GitLab"}
QUESTIONS = "vragen"
# A placeholder the search page replaces with the (URL-encoded) search words.
WORDS = "WTBZOEKWOORDEN"


@dataclass(frozen=True)
class Form:
    github: str  # file in .github/ISSUE_TEMPLATE/
    gitlab: str  # name in .gitlab/issue_templates/ (without .md)
    title: str  # the form's title prefix


ERROR_FORM = Form("fout-of-verouderd.yml", "Fout-of-verouderd", "Fout: ")
ASKED_FORM = Form("speelt-ook-bij-ons.yml", "Deze-vraag-speelt-ook-bij-ons", "Speelt ook bij ons: ")
NEW_QUESTION_FORM = Form("nieuwe-vraag.yml", "Nieuwe-vraag", "Nieuwe vraag: ")
FORMS = (ERROR_FORM, ASKED_FORM, NEW_QUESTION_FORM)


class ForgeError(ValueError):
    """A repository address the site cannot link to, in Dutch."""


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    kind: str  # edit, error or asked: the CSS class on the page


@dataclass(frozen=True)
class Forge:
    kind: str
    web: str  # https://host/owner/repository, without a trailing slash or .git
    branch: str = "main"
    site_url: str = ""  # the published address of the edition, for the 'adres' field

    @property
    def label(self) -> str:
        return FORGE_LABELS[self.kind]

    def edit_url(self, path: str) -> str | None:
        """The web editor for ``path`` (relative to the repository root), or None."""
        if not path or path.startswith(("/", "../")) or re.match(r"[A-Za-z]:", path):
            return None
        file = quote(path, safe="/")
        branch = quote(self.branch, safe="/")
        if self.kind == GITHUB:
            return f"{self.web}/edit/{branch}/{file}"
        return f"{self.web}/-/edit/{branch}/{file}"

    def issue_url(self, form: Form, title: str, fields: dict[str, str]) -> str:
        """The new-issue page with ``form`` chosen and ``fields`` (by field id) filled in."""
        if self.kind == GITHUB:
            query = {"template": form.github, "title": form.title + title, **fields}
            return f"{self.web}/issues/new?{urlencode(query, quote_via=quote)}"
        query = {"issuable_template": form.gitlab, "issue[title]": form.title + title}
        if fields:
            query["issue[description]"] = "\n".join(f"{k}: {v}" for k, v in fields.items())
        return f"{self.web}/-/issues/new?{urlencode(query, quote_via=quote)}"

    def page_address(self, url: str) -> str:
        return f"{self.site_url.rstrip('/')}/{url}" if self.site_url else f"/{url}"

    def entry_links(self, entry: Entry) -> tuple[Link, ...]:
        """Bewerk deze pagina, Meld een fout and, for a question, Deze vraag speelt ook bij ons."""
        fields = {
            "id": entry.id,
            "versie": str(entry.version),
            "adres": self.page_address(entry.url),
        }
        links = []
        edit = self.edit_url(entry.path)
        if edit:
            links.append(Link("Bewerk deze pagina", edit, "edit"))
        links.append(
            Link("Meld een fout", self.issue_url(ERROR_FORM, entry.title, fields), "error")
        )
        if entry.type == QUESTIONS:
            asked = self.issue_url(ASKED_FORM, entry.title, fields)
            links.append(Link("Deze vraag speelt ook bij ons", asked, "asked"))
        return tuple(links)

    def new_question_url(self, search_page: str) -> str:
        """The "Nieuwe vraag" form with the search words as ``WORDS`` (replaced in the page)."""
        fields = {"zoekwoorden": WORDS, "adres": self.page_address(search_page)}
        return self.issue_url(NEW_QUESTION_FORM, WORDS, fields)


def forge_from_config(
    repository: str, branch: str = "main", forge: str = "", site_url: str | None = None
) -> Forge | None:
    """The forge of the configured ``repository`` address; None when it is empty."""
    address = (repository or "").strip()
    if not address:
        return None
    parts = urlsplit(address)
    path = parts.path.rstrip("/").removesuffix(".git").rstrip("/")
    if (
        parts.scheme != "https"
        or not parts.hostname
        or parts.query
        or parts.fragment
        or parts.username
        or path.count("/") < 2
        or not re.fullmatch(r"[A-Za-z0-9_./~-]+", path)
    ):
        raise ForgeError(
            f"repository '{address}' is geen webadres van een repository; geef bijvoorbeeld "
            "https://github.com/<organisatie>/<naam> of https://gitlab.com/<groep>/<naam>"
        )
    host = parts.hostname.lower()
    kind = (forge or "").strip().lower()
    if not kind:
        if host == "github.com" or host.endswith(".github.com"):
            kind = GITHUB
        elif "gitlab" in host:
            kind = GITLAB
        else:
            raise ForgeError(
                f"kan niet zien of {host} GitHub of GitLab is; zet 'forge: gitlab' of "
                "'forge: github' bij de warmtetoolbox-plugin in mkdocs.yml"
            )
    if kind not in FORGE_LABELS:
        raise ForgeError(f"forge '{forge}' is onbekend; kies github of gitlab")
    branch = (branch or "").strip() or "main"
    if not re.fullmatch(r"[A-Za-z0-9_./-]{1,200}", branch) or ".." in branch:
        raise ForgeError(f"tak '{branch}' is geen geldige naam van een tak")
    web = f"https://{parts.netloc}{path}"
    return Forge(kind, web, branch, site_url or "")
