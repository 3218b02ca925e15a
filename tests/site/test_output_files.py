"""The generated files of a build: written by a child in a full build, by MkDocs
otherwise; a file that cannot be written stops the build with a Dutch message."""

from __future__ import annotations

import pytest
from warmtetoolbox.site.csp import policy_meta
from warmtetoolbox.site.output_files import OutputError, OutputFiles

REDIRECT = f"<html><head>{policy_meta(())}</head><body>verhuisd</body></html>"


def test_a_full_build_writes_generated_files_itself_and_trusts_their_policy(tmp_path):
    output = OutputFiles(parallel=True)
    page, feed = str(tmp_path / "a" / "v1" / "index.html"), str(tmp_path / "feeds" / "a.xml")
    assert output.generated(page, REDIRECT) and output.generated(feed, "<rss/>")
    output.start()
    output.finish()
    assert (tmp_path / "a" / "v1" / "index.html").read_text("utf-8") == REDIRECT
    assert output.protected == [page]


def test_a_served_build_leaves_generated_files_to_mkdocs(tmp_path):
    output = OutputFiles(parallel=False)
    assert not output.generated(str(tmp_path / "x.html"), REDIRECT)
    output.start()
    output.finish()
    assert not (tmp_path / "x.html").exists() and output.protected == []


def test_a_file_that_cannot_be_written_gives_a_dutch_message_with_its_path(tmp_path):
    (tmp_path / "bestand").write_text("geen map", encoding="utf-8")
    output = OutputFiles(parallel=True)
    output.generated(str(tmp_path / "bestand" / "index.html"), REDIRECT)
    output.start()
    with pytest.raises(OutputError) as caught:
        output.finish()
    message = str(caught.value)
    assert "kan niet schrijven in de site-map" in message and "bestand" in message
    assert "exists" not in message.lower()  # no English OS text
