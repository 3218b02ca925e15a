"""The work on rendered pages that runs in other processes: Pagefind's service filled
page by page, and the CSP scan in a child process. Both must give what the in-process
versions give, and fail closed."""

from __future__ import annotations

import gzip
import json
import os
import signal
from dataclasses import replace

import pytest
from warmtetoolbox.site import csp
from warmtetoolbox.site.csp_worker import BackgroundCheck, CheckError
from warmtetoolbox.site.page_checks import PageChecks
from warmtetoolbox.site.pagefind_index import PagefindError, index_site, plan
from warmtetoolbox.site.pagefind_live import LiveIndex

TYPES = ("aanpak", "financiering", "praktijk", "regelgeving", "vragen")


def page(title: str, words: str, head: str = "") -> str:
    return (
        f"<!doctype html><html lang=nl><head><title>{title}</title>{head}</head><body>"
        f"<nav>menu</nav><article data-pagefind-body><h1>{title}</h1><p>{words}</p>"
        "</article></body></html>"
    )


def indexed_urls(index_dir) -> set[str]:
    urls = set()
    for fragment in (index_dir / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{") :])["url"])
    return urls


def site_pages() -> dict[str, str]:
    """Entry pages and pages a glob of entry pages must leave out."""
    pages = {
        f"{folder}/item-{n}{end}/index.html": page(f"Item {n}{end}", f"warmtepomp woord{n}{end}")
        for n, folder in enumerate(TYPES)
        for end in "a7z"
    }
    pages["vragen/index.html"] = page("Vragen", "overzicht warmtepomp")
    pages["vragen/item-1a/v1/index.html"] = page("Versie", "warmtepomp versie")
    pages["tags/isde/index.html"] = page("Tag", "warmtepomp tag")
    pages["index.html"] = page("Start", "warmtepomp start")
    return pages


def test_holds_picks_the_pages_the_glob_picks(tmp_path):
    """Bundle.holds (live) and the Pagefind glob (from disk) choose the same pages, for
    one index and for every part of a split one."""
    pages = site_pages()
    ids = [uri.split("/")[1] for uri in pages if uri.count("/") == 2 and uri[0] != "t"]
    for bundles in (plan(ids), plan(ids, 5)):
        site = tmp_path / f"site{len(bundles)}"
        for uri, html in pages.items():
            (site / uri).parent.mkdir(parents=True, exist_ok=True)
            (site / uri).write_text(html, encoding="utf-8")
        index_site(site, bundles)
        for bundle in bundles:
            held = {"/" + uri.removesuffix("index.html") for uri in pages if bundle.holds(uri)}
            assert held and held == indexed_urls(site / bundle.subdir), bundle.glob


def test_live_index_equals_an_index_of_the_written_pages(tmp_path):
    pages = site_pages()
    entries = {uri: html for uri, html in pages.items() if plan(["x"])[0].holds(uri)}
    live = LiveIndex()
    for uri, html in entries.items():
        live.add("/" + uri.removesuffix("index.html"), html)
    assert live.write(tmp_path / "live") == len(entries) == 15
    manifest = json.loads((tmp_path / "live" / "pagefind-entry.json").read_text())
    assert manifest["languages"]["nl"]["page_count"] == 15
    assert indexed_urls(tmp_path / "live") == {
        "/" + uri.removesuffix("index.html") for uri in entries
    }


def test_live_index_reports_a_lost_service_in_dutch(tmp_path):
    live = LiveIndex()
    live.add("/vragen/a/", page("A", "warmte"))
    os.kill(live._proc.pid, signal.SIGKILL)
    with pytest.raises(PagefindError, match="Pagefind"):
        live.write(tmp_path / "kwijt")


def test_a_page_after_the_write_request_is_refused(tmp_path):
    live = LiveIndex()
    live.add("/vragen/a/", page("A", "warmte"))
    live.start_write(tmp_path / "idx")
    with pytest.raises(PagefindError, match="na het schrijven"):
        live.add("/vragen/b/", page("B", "warmte"))
    live.write(tmp_path / "idx")


THEME = "window.thema=1"
ALLOWED = frozenset({csp.script_hash(THEME)})


def test_background_check_passes_clean_pages_and_names_a_foreign_one():
    check = BackgroundCheck()
    theme = f"<script>{THEME}</script><script src='x.js'></script>"
    for n in range(300):
        check.submit(f"vragen/p{n}.md", page(f"P{n}", "tekst", theme), ALLOWED)
    check.submit("docs/eigen.md", page("Eigen", "<img src=x onerror=alert(1)>", theme), ALLOWED)
    check.submit("docs/ander.md", page("Ander", "<SCRIPT>alert(2)</SCRIPT>"), ALLOWED)
    problems = check.finish()
    assert len(problems) == 2
    assert problems[0].startswith("docs/eigen.md: fout: ") and "onerror" in problems[0]
    assert problems[1].startswith("docs/ander.md: fout: ") and "alert(2)" in problems[1]


def test_background_check_finds_what_the_in_process_check_finds():
    pages = [
        page("A", "<p>tekst</p>"),
        page("B", "x", f"<script>{THEME}</script>"),
        page("C", "x", "<script type=application/json>{}</script>"),
        page("D", "<div title='a>b' onclick='x()'>"),
        page("E", "x", "<script>alert(1)"),
        page("F", "<!-- <script>alert(1)</script> -->"),
        page("G", "<textarea><script>alert(1)</script></textarea>"),
    ]
    check = BackgroundCheck()
    for n, html in enumerate(pages):
        check.submit(str(n), html, ALLOWED)
    found = {p.split(":")[0] for p in check.finish()}
    expected = {str(n) for n, html in enumerate(pages) if csp.foreign_code(html, ALLOWED, "")}
    assert found == expected and found  # the hostile ones, as the in-process scan says


def test_a_lost_check_fails_closed():
    check = BackgroundCheck()
    check.submit("a.md", page("A", "x"), ALLOWED)
    os.kill(check._proc.pid, signal.SIGKILL)
    with pytest.raises(CheckError, match="CSP-controle"):
        check.finish()


def test_page_checks_give_the_policy_at_once_and_fail_after_the_last_page(tmp_path):
    checks = PageChecks(plan(["a"]), expected=(1,), site_dir=tmp_path, live_index=True)
    checks.content("vragen/a/index.html", "<div data-pagefind-body><p>warmte</p></div>")
    out = checks.page(page("A", "warmte", f"<script>{THEME}</script>"), "a", ALLOWED)
    assert csp.script_hash(THEME) in out[: out.index("</head>")]
    assert checks.page(page("Over", "x"), "over", None) == page("Over", "x")
    checks.page(page("X", "<script>alert(1)</script>"), "docs/x.md", ALLOWED)
    with pytest.raises(CheckError, match=r"docs/x\.md"):
        checks.finish()
    assert indexed_urls(tmp_path / "pagefind") == {"/vragen/a/"}  # the index was written


def fragments(index_dir) -> dict[str, dict]:
    found = {}
    for fragment in (index_dir / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        found[record["url"]] = record
    return found


@pytest.mark.build
def test_the_live_index_holds_what_an_index_of_the_built_pages_holds(tmp_path):
    """The live index gets each entry page's content only, before the theme is put
    around it; Pagefind must find in it exactly what it finds in the written page."""
    from conftest import REPO
    from sitecheck import mkdocs_build

    out = tmp_path / "site"
    result = mkdocs_build(REPO / "toolbox", out)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "leest de pagina's na de bouw" not in result.stderr  # the live index was used
    (bundle,) = plan(p.name for t in TYPES for p in (out / t).iterdir() if p.is_dir())
    index_site(out, (replace(bundle, subdir="van-schijf"),))
    live, written = fragments(out / "pagefind"), fragments(out / "van-schijf")
    assert len(live) > 50 and live.keys() == written.keys()
    for url, record in written.items():
        assert live[url] == record, url


def part_pages(bundles, count: int) -> list[tuple[int, str]]:
    """``count`` entry pages per part of ``bundles``: (part, dest_uri)."""
    pages = []
    for part, bundle in enumerate(bundles):
        for n in range(count):
            pages.append(
                (part, f"vragen/item-{n}{sorted(bundle.ends)[n % len(bundle.ends)]}/index.html")
            )
    return pages


def body(uri: str) -> str:
    return f"<div data-pagefind-body><h1>{uri}</h1><p>warmtepomp {uri.split('/')[1]}</p></div>"


def test_every_part_is_made_live_when_pages_come_part_by_part(tmp_path):
    bundles = plan([f"x{c}" for c in "abcdefghij"], 3)  # four parts
    assert len(bundles) == 4
    pages = part_pages(bundles, 5)
    checks = PageChecks(bundles, expected=(5, 5, 5, 5), site_dir=tmp_path, live_index=True)
    for _, uri in pages:
        checks.content(uri, body(uri))
    assert checks.finish() == ()  # nothing left to index from disk
    for part, bundle in enumerate(bundles):
        urls = {"/" + uri.removesuffix("index.html") for p, uri in pages if p == part}
        assert indexed_urls(tmp_path / bundle.subdir) == urls


def test_interleaved_parts_beyond_the_limit_are_left_to_the_disk_run(tmp_path):
    bundles = plan([f"x{c}" for c in "abcdefghij"], 3)
    pages = part_pages(bundles, 4)
    interleaved = [pages[i] for n in range(4) for i in range(n, len(pages), 4)]
    said = []
    checks = PageChecks(bundles, (4, 4, 4, 4), tmp_path, live_index=True, report=said.append)
    for _, uri in interleaved:
        checks.content(uri, body(uri))
    remaining = checks.finish()
    assert remaining == bundles[PageChecks.MAX_LIVE :]  # at most two services at a time
    assert len(said) == 2 and all("leest de pagina's na de bouw" in line for line in said)
    for part in range(PageChecks.MAX_LIVE):
        assert len(indexed_urls(tmp_path / bundles[part].subdir)) == 4


def test_a_hanging_check_ends_in_an_error_not_a_hang(monkeypatch):
    from warmtetoolbox.site import csp_worker

    monkeypatch.setattr(csp_worker, "TIMEOUT_S", 2)
    check = BackgroundCheck()
    check.submit("a.md", page("A", "x"), ALLOWED)
    os.kill(check._proc.pid, signal.SIGSTOP)
    try:
        with pytest.raises(CheckError, match="niet klaar"):
            check.finish()
    finally:
        check.close()
    assert check._proc.poll() is not None  # the child is gone


def test_every_foreign_page_is_counted_beyond_the_ones_named():
    check = BackgroundCheck()
    for n in range(25):
        check.submit(f"docs/p{n}.md", page("P", "<script>alert(1)</script>"), ALLOWED)
    problems = check.finish()
    assert len(problems) == 20 and problems[-1].endswith("(en nog 5 pagina's)")


def test_the_check_gives_no_verdict_when_its_input_ends_early():
    import io
    import pickle

    from warmtetoolbox.site.csp_worker import _serve

    data = pickle.dumps(("a.md", page("A", "x"), tuple(ALLOWED)))
    out = io.BytesIO()
    assert _serve(io.BytesIO(len(data).to_bytes(4, "big") + data), out) == 3
    assert out.getvalue() == b""  # no answer that could read as "every page passed"


def test_a_pagefind_that_stops_at_once_gives_a_dutch_error(monkeypatch, tmp_path):
    from warmtetoolbox.site import pagefind_live

    monkeypatch.setattr(pagefind_live, "executable", lambda: "/bin/true")
    with pytest.raises(PagefindError, match="Pagefind is onverwacht gestopt"):
        LiveIndex()
