"""The CSP of a build applied to HTML files that reach the site as they are."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from conftest import REPO
from warmtetoolbox.site.csp import ForeignScript
from warmtetoolbox.site.site_policy import SitePolicy, has_policy

THEME = [
    str(REPO / "plugins" / "warmtetoolbox" / "integrations" / "material"),
    str(Path(material.__file__).parent / "templates"),
]
PLAIN = "<html><head><title>t</title></head><body><p>Hoi</p></body></html>"


def policy(enabled=True) -> SitePolicy:
    made = SitePolicy()
    made.use(enabled, THEME, None)
    return made


def test_files_without_a_policy_get_one_and_files_written_with_one_are_not_read(tmp_path):
    (tmp_path / "los.html").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "diep.html").write_text(PLAIN, encoding="utf-8")
    done = tmp_path / "gedaan.html"
    done.write_text(PLAIN, encoding="utf-8")  # a file the build says it protected itself
    policy().protect_folder(tmp_path, [str(done)], lambda name: "../" * name.count("/"))
    assert has_policy((tmp_path / "los.html").read_text("utf-8"))
    assert has_policy((tmp_path / "map" / "diep.html").read_text("utf-8"))
    assert done.read_text("utf-8") == PLAIN


def test_a_foreign_script_in_a_copied_file_is_refused_with_its_name(tmp_path):
    bad = "<html><head></head><body><script>alert(1)</script></body></html>"
    (tmp_path / "kwaad.html").write_text(bad, encoding="utf-8")
    with pytest.raises(ForeignScript, match=r"kwaad\.html: fout:"):
        policy().protect_folder(tmp_path, [], lambda name: "")


def test_switched_off_nothing_is_touched(tmp_path):
    (tmp_path / "los.html").write_text(PLAIN, encoding="utf-8")
    off = policy(enabled=False)
    off.protect_folder(tmp_path, [], lambda name: "")
    assert (tmp_path / "los.html").read_text("utf-8") == PLAIN
    assert off.allowed("") is None and off.protect(PLAIN, "", "x") == PLAIN


def test_the_theme_is_read_again_when_its_folders_change():
    made = policy()
    before = made.allowed("")
    made.use(True, [], None)
    assert before and made.allowed("") == frozenset()


def test_a_file_that_says_it_has_a_policy_is_still_checked(tmp_path):
    """Only files the build wrote itself are trusted: a meta text in a comment, or a
    policy of the file's own, does not let a foreign script through."""
    sneaky = (
        '<html><head><!-- http-equiv="Content-Security-Policy" --></head>'
        "<body><script>fetch('https://elders.example')</script></body></html>"
    )
    (tmp_path / "stiekem.html").write_text(sneaky, encoding="utf-8")
    with pytest.raises(ForeignScript, match=r"stiekem\.html: fout:"):
        policy().protect_folder(tmp_path, [], lambda name: "")


def test_a_file_with_a_policy_of_its_own_gets_this_one_too_once(tmp_path):
    own = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="script-src *">'
        "</head><body><p>Hoi</p></body></html>"
    )
    (tmp_path / "eigen.html").write_text(own, encoding="utf-8")
    made = policy()
    made.protect_folder(tmp_path, [], lambda name: "")
    once = (tmp_path / "eigen.html").read_text("utf-8")
    assert once.count("Content-Security-Policy") == 2 and "script-src 'self'" in once
    made.protect_folder(tmp_path, [], lambda name: "")  # a later build: left as it is
    assert (tmp_path / "eigen.html").read_text("utf-8") == once
