"""Hardening of the site build: ``build --out``, the CSP, edition text fields and feeds."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURE_TOOLBOX, REPO
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.site import csp, inline_scan
from warmtetoolbox.site.editions import EditionError, edition_problems, load_edition
from warmtetoolbox.site.feeds import ChangeItem, rss
from warmtetoolbox.site.sitebuild import MARKER

BOUND_S = 300  # a hang guard for one CLI build, not a benchmark
ENGLISH = ("Traceback", "No such file", "Permission denied", "Is a directory", "Errno")


# -- a throw-away clone of the repository -------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A small repository: mkdocs.yml, docs/, the fixture toolbox, plugins/, tests/, .git/."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(FIXTURE_TOOLBOX, root / "toolbox")
    for folder in ("plugins", "tests", ".git"):
        (root / folder).mkdir()
        (root / folder / "keep.txt").write_text("bewaren\n", encoding="utf-8")
    (root / "README.md").write_text("# Leesmij\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text("utf-8"), encoding="utf-8")
    return root


def build(repo: Path, out: str, edition: str = "public", **popen) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "WARMTETOOLBOX_HISTORY": "false",
        "WARMTETOOLBOX_GIT_DATES": "false",
        "WARMTETOOLBOX_INDEX_DIR": str(repo.parent / "zoekindex"),
        "WARMTETOOLBOX_SITE_URL": "https://warmtetoolbox.example.nl/",
    }
    args = [sys.executable, "-m", "warmtetoolbox", "build", "--edition", edition, "--out", out]
    if popen:
        return subprocess.Popen(args, cwd=repo, env=env, text=True, **popen)
    proc = subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=BOUND_S)
    output = proc.stdout + proc.stderr
    assert not [w for w in ENGLISH if w in output], output
    return proc


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# -- item 1: build --out never destroys what it did not make ---------------------------


@pytest.mark.build
@pytest.mark.parametrize(
    "target", ["toolbox", "docs", "plugins", "tests", ".", "..", "README.md", "toolbox/vragen"]
)
def test_build_out_refuses_the_repository_and_its_sources(repo, target):
    before = snapshot(repo.parent)
    proc = build(repo, target)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "fout:" in proc.stderr
    shown = str((repo / target).resolve()) if target != "README.md" else "README.md"
    assert shown in proc.stderr
    assert snapshot(repo.parent) == before


@pytest.mark.build
def test_build_out_refuses_a_folder_it_did_not_make(repo, tmp_path):
    foreign = tmp_path / "mijn-map"
    foreign.mkdir()
    (foreign / "belangrijk.txt").write_text("niet weggooien\n", encoding="utf-8")
    proc = build(repo, str(foreign))
    assert proc.returncode == 2
    assert str(foreign) in proc.stderr and "kies een nieuwe of lege map" in proc.stderr
    assert (foreign / "belangrijk.txt").read_text("utf-8") == "niet weggooien\n"


@pytest.mark.build
def test_build_out_replaces_an_empty_folder_and_its_own_output(repo, tmp_path):
    out = tmp_path / "uit"
    out.mkdir()
    first = build(repo, str(out))
    assert first.returncode == 0, first.stderr
    assert (out / MARKER).is_file() and (out / "index.html").is_file()
    second = build(repo, str(out), edition="internal")
    assert second.returncode == 0, second.stderr
    assert "Interne editie" in (out / "index.html").read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".uit-")] == []


@pytest.mark.build
def test_leftovers_of_a_killed_build_are_recovered(repo, tmp_path):
    """A build killed between the two renames: the next run finishes the swap."""
    out = tmp_path / "uit"
    assert build(repo, str(out)).returncode == 0
    staging = tmp_path / ".uit-bouw-dood1"
    staging.mkdir()
    os.replace(out, staging / "vorige")
    shutil.copytree(staging / "vorige", staging / "site")
    (staging / "site" / "index.html").write_text("nieuwe site", encoding="utf-8")
    (staging / ".warmtetoolbox-bouw").write_text(json.dumps({"pid": 999999999}), "utf-8")
    # only the previous site survived elsewhere: restored
    lone = tmp_path / ".uit-bouw-dood2"
    lone.mkdir()
    (lone / ".warmtetoolbox-bouw").write_text(json.dumps({"pid": 999999999}), "utf-8")
    (lone / "site").mkdir()  # unfinished build: no marker inside
    foreign = tmp_path / ".uit-bouw-vreemd"  # not ours: no marker, left alone
    foreign.mkdir()
    (foreign / "van-iemand-anders.txt").write_text("bewaren\n", encoding="utf-8")
    proc = build(repo, str(out), edition="gemeente:nergens")
    assert proc.returncode == 2
    assert (out / "index.html").read_text("utf-8") == "nieuwe site"
    assert "onderbroken build" in proc.stderr
    assert not staging.exists() and not lone.exists() and foreign.exists()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


@pytest.mark.build
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_sigterm_stops_the_mkdocs_child_and_cleans_up(repo, tmp_path):
    out = tmp_path / "uit"
    proc = build(repo, str(out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    children: list[int] = []
    for _ in range(2000):  # bounded wait until mkdocs runs (after exec)
        children = [c for c in _children(proc.pid) if b"mkdocs" in _cmdline(c)]
        if children or proc.poll() is not None:
            break
        time.sleep(0.01)
    assert children, "mkdocs werd niet gestart"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and "Traceback" not in err
    assert "onderbroken" in err
    for child in children:
        assert not Path(f"/proc/{child}").exists() or "Z" in _state(child), "mkdocs draait nog"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".uit-")] == []
    assert not out.exists()


@pytest.mark.build
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_sigkill_of_the_builder_stops_mkdocs_and_the_next_run_cleans_up(repo, tmp_path):
    out = tmp_path / "uit"
    proc = build(repo, str(out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    children: list[int] = []
    for _ in range(2000):
        children = [c for c in _children(proc.pid) if b"mkdocs" in _cmdline(c)]
        if children or proc.poll() is not None:
            break
        time.sleep(0.01)
    assert children, "mkdocs werd niet gestart"
    proc.kill()
    proc.communicate(timeout=60)
    for _ in range(3000):  # bounded wait for the orphan to receive its SIGTERM
        if all(_state(c) == "Z" or not Path(f"/proc/{c}").exists() for c in children):
            break
        time.sleep(0.01)
    assert all(_state(c) == "Z" or not Path(f"/proc/{c}").exists() for c in children)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".uit-bouw-")]
    assert build(repo, str(out)).returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".uit-")] == []
    assert (out / MARKER).is_file()


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


# -- item 14: the build fails exactly when mkdocs build --strict fails -----------------


@pytest.mark.build
def test_build_fails_on_a_warning_that_strict_refuses(repo, tmp_path):
    (repo / "docs" / "kapot.md").write_text("# Kapot\n\n[weg](bestaat-niet.md)\n", "utf-8")
    proc = build(repo, str(tmp_path / "uit"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "waarschuwing:" in proc.stderr and "bestaat-niet.md" in proc.stderr
    assert "INFO" not in proc.stderr and "WARNING" not in proc.stderr
    assert not (tmp_path / "uit").exists()


# -- item 3: the CSP allows the theme's own inline scripts only --------------------------


@pytest.mark.build
def test_inline_script_in_a_docs_page_fails_the_build(repo, tmp_path):
    (repo / "docs" / "eigen.md").write_text(
        "# Eigen\n\n<script>alert(document.cookie)</script>\n", "utf-8"
    )
    proc = build(repo, str(tmp_path / "uit"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "eigen" in proc.stderr and "inline script" in proc.stderr
    assert not (tmp_path / "uit").exists()


def test_theme_scripts_come_from_the_theme_files_not_the_page():
    import material

    theme = Path(material.__file__).parent / "templates"
    scripts = csp.ThemeScripts([theme])
    tabs = (
        "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
        '(target.checked=target.name.startsWith("__tabbed_"))'
    )
    assert csp.script_hash(tabs) in scripts.fixed
    page = f"<html><head></head><body><script>{tabs}</script></body></html>"
    protected = csp.with_policy(page, scripts.allowed(".."), "tags/index.md")
    assert csp.script_hash(tabs) in protected
    for evil in (
        "<script>alert(1)</script>",
        "<SCRIPT type='text/javascript'>alert(1)</SCRIPT>",
        "<script type=module>alert(1)</script>",
        "<script>alert(1)",  # unclosed: runs to the end of the page
        '<img src=x onerror="alert(1)">',
    ):
        with pytest.raises(csp.ForeignScript) as caught:
            csp.with_policy(
                page.replace("</body>", evil + "</body>"), scripts.allowed(".."), "x.md"
            )
        assert str(caught.value).startswith("x.md: fout: ")
    data = '<script type="application/json">{"a": 1}</script>'
    assert "sha256" not in csp.policy() and csp.with_policy(data, frozenset(), "x.md") == data


def test_base_url_scripts_are_allowed_for_their_own_depth_only():
    import material

    scripts = csp.ThemeScripts([Path(material.__file__).parent / "templates"])
    template = (
        Path(material.__file__).parent / "templates/partials/javascripts/base.html"
    ).read_text()
    body = template.split("<script>")[1].split("</script>")[0]
    two_up = body.replace("{{ config.extra.scope | d(base_url) }}", "../..")
    assert csp.script_hash(two_up) in scripts.allowed("../..")
    assert csp.script_hash(two_up) not in scripts.allowed(".")
    hostile = body.replace("{{ config.extra.scope | d(base_url) }}", "javascript:alert(1)")
    assert csp.script_hash(hostile) not in scripts.allowed("..")


@pytest.mark.build
def test_built_pages_404_and_redirects_carry_a_policy_without_foreign_hashes(tmp_path):
    from sitecheck import mkdocs_build

    out = tmp_path / "site"
    result = mkdocs_build(FIXTURE_TOOLBOX, out)
    assert result.returncode == 0, result.stderr
    pages = list(out.rglob("*.html"))
    assert (out / "404.html") in pages
    redirects = [p for p in pages if "Verhuisd:" in p.read_text("utf-8")]
    assert redirects  # version pages of entries with a single version
    for page in pages:
        html = page.read_text("utf-8")
        scripts, handlers = inline_scan.inline_code(html)
        assert not handlers
        head = html[: html.index("</head>")]
        assert head.count("Content-Security-Policy") == 1, page
        for body in scripts:
            assert csp.script_hash(body) in head, page
    assert "sha256" not in redirects[0].read_text("utf-8")


@pytest.mark.build
def test_static_html_in_docs_gets_the_policy_and_no_foreign_script(repo, tmp_path):
    (repo / "docs" / "los.html").write_text("<html><head></head><body>Hoi</body></html>", "utf-8")
    proc = build(repo, str(tmp_path / "uit"))
    assert proc.returncode == 0, proc.stderr
    assert "Content-Security-Policy" in (tmp_path / "uit" / "los.html").read_text("utf-8")
    (repo / "docs" / "kwaad.html").write_text(
        "<html><head></head><body><script>alert(1)</script></body></html>", "utf-8"
    )
    proc = build(repo, str(tmp_path / "uit"))
    assert proc.returncode == 2 and "kwaad.html: fout:" in proc.stderr


# -- item 4 and low: edition text fields are plain text, logo and colours are checked ----


def _edition(tmp_path: Path, content: str, docs: Path | None = None):
    root = tmp_path / "toolbox"
    if not root.exists():
        shutil.copytree(FIXTURE_TOOLBOX, root)
    (root / "edities").mkdir(exist_ok=True)
    (root / "edities" / "teststad.yml").write_text(content, encoding="utf-8")
    taxonomy = load_toolbox(root).corpus.taxonomy
    return load_edition("gemeente:teststad", root, taxonomy, docs or REPO / "docs")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('site_name: "Warmte\\u0007toolbox"\n', "onzichtbaar"),
        ('site_name: "Warmte\\uFFFEtoolbox"\n', "onzichtbaar"),
        ('site_name: "Warmte\\ntoolbox"\n', "onzichtbaar"),
        ("site_name: Warmte <b>toolbox</b>\n", "gewone tekst"),
        ("site_name: '[klik](javascript:alert(1))'\n", "gewone tekst"),
        ("site_name: " + "x" * 81 + "\n", "3 tot 80"),
        ("logo: //evil.example/x.svg\n", "relatief pad"),
        ("logo: /etc/passwd.svg\n", "relatief pad"),
        ("logo: assets/../../geheim.svg\n", "relatief pad"),
        ("logo: assets/bestaat-niet.svg\n", "bestaat niet in docs/"),
        ("logo: assets/logo.gif\n", "relatief pad"),
        ('colours:\n  primary: "#004b87\\n"\n', "hexcode"),
        ('colours:\n  accent: "#004b87;x"\n', "hexcode"),
    ],
)
def test_bad_edition_text_fields(tmp_path, content, words):
    with pytest.raises(EditionError) as caught:
        _edition(tmp_path, content)
    assert "toolbox/edities/teststad.yml:" in str(caught.value) and words in str(caught.value)


def test_good_edition_keeps_quotes_and_an_existing_logo(tmp_path):
    edition = _edition(
        tmp_path,
        'site_name: Warmtetoolbox \'s-Hertogenbosch & "Co"\n'
        "logo: assets/logo-voorbeeldeditie.svg\n"
        "colours: {primary: '#004B87'}\n",
    )
    assert edition.site_name == 'Warmtetoolbox \'s-Hertogenbosch & "Co"'
    assert edition.logo == "assets/logo-voorbeeldeditie.svg"


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.logo_links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and "md-logo" in (values.get("class") or ""):
            self.logo_links.append(values)


@pytest.mark.build
def test_site_name_with_quotes_stays_text_on_every_page(tmp_path):
    from sitecheck import mkdocs_build

    root = tmp_path / "toolbox"
    shutil.copytree(FIXTURE_TOOLBOX, root)
    (root / "edities").mkdir()
    name = 'Warmte "x" onmouseover="alert(1)" style="color:red'
    (root / "edities" / "teststad.yml").write_text(f"site_name: '{name}'\n", encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "site", edition="gemeente:teststad")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    for page in ("index.html", "vragen/index.html", "404.html"):
        parser = _Attributes()
        parser.feed((site / page).read_text("utf-8"))
        assert parser.logo_links, page
        for link in parser.logo_links:
            assert "onmouseover" not in link and "style" not in link, link
            assert link["title"] == name and link["aria-label"] == name
    feed = ET.parse(site / "feeds" / "alles.xml").getroot()
    assert feed.find("channel/title").text.startswith(name)


# -- low: the RSS feed is always well-formed XML ---------------------------------------


def test_rss_drops_characters_xml_forbids():
    corpus = load_toolbox(FIXTURE_TOOLBOX).corpus
    entry = next(iter(corpus))
    hostile = replace(entry, title="Titel\ufffe met \x07bel\x1b en \ud800 <b>&</b>")
    item = ChangeItem(hostile, 1, date(2026, 1, 10), "Wijziging \uffff\x00", "vragen/x/")
    xml = rss([item], "Site \x0b naam", "Beschrijving", "https://example.org/", "feeds/a.xml")
    root = ET.fromstring(xml.encode("utf-8"))
    title = root.find("channel/item/title").text
    assert title == "Titel met bel en  <b>&</b> (versie 1)"
    assert root.find("channel/title").text == "Site  naam"


# -- check validates toolbox/edities/ too ---------------------------------------------


def test_edition_problems_name_file_and_line(tmp_path):
    root = tmp_path / "toolbox"
    shutil.copytree(FIXTURE_TOOLBOX, root)
    folder = root / "edities"
    folder.mkdir()
    (folder / "teststad.yml").write_text("site_name: Goed\ncolours:\n  primary: rood\n", "utf-8")
    (folder / "Test Stad.yml").write_text("site_name: Goed\n", "utf-8")
    (folder / "pijp.yml").symlink_to("/dev/zero")
    os.mkfifo(folder / "fifo.yml")
    (folder / "atlantis.yml").write_text("logo: /etc/passwd.svg\n", "utf-8")
    taxonomy = load_toolbox(root).corpus.taxonomy
    problems = {p.path: p for p in edition_problems(root, taxonomy, base=tmp_path)}
    assert problems["toolbox/edities/teststad.yml"].line == 3
    assert "hexcode" in problems["toolbox/edities/teststad.yml"].message
    assert "hernoem" in problems["toolbox/edities/Test Stad.yml"].message
    assert "gewoon bestand" in problems["toolbox/edities/pijp.yml"].message
    assert "gewoon bestand" in problems["toolbox/edities/fifo.yml"].message
    assert "taxonomie" in problems["toolbox/edities/atlantis.yml"].message
    assert all(p.is_error for p in problems.values())
    (folder / "teststad.yml").write_text("site_name: Warmtetoolbox Teststad\n", "utf-8")
    for name in ("Test Stad.yml", "pijp.yml", "fifo.yml", "atlantis.yml"):
        (folder / name).unlink()
    assert edition_problems(root, taxonomy) == []
    assert edition_problems(REPO / "toolbox", load_toolbox(REPO / "toolbox").corpus.taxonomy) == []


@pytest.mark.build
def test_a_docs_file_on_the_output_path_of_a_generated_page_is_refused(repo, tmp_path):
    """The generated redirect and the docs page would race for one file: say so instead."""
    folder = repo / "docs" / "financiering" / "nationaal-fonds-test"  # an entry at version 1
    folder.mkdir(parents=True)
    (folder / "v1.md").write_text("# Een eigen pagina\n", encoding="utf-8")
    proc = build(repo, str(tmp_path / "uit"))
    assert proc.returncode != 0
    assert "komt in de site op dezelfde plek" in proc.stderr
    assert "financiering/nationaal-fonds-test/v1.md" in proc.stderr
    assert "Traceback" not in proc.stderr
