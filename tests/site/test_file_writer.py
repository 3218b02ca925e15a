"""Generated files written by a forked child: the same bytes as written here, and every
file there when the child cannot write or dies."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from warmtetoolbox.site.file_writer import BackgroundWriter


def files_in(root):
    return [
        (str(root / "vragen" / f"item-{n}" / "v1" / "index.html"), f"<p>Versie {n} é</p>")
        for n in range(50)
    ] + [(str(root / "feeds" / "alles.json"), b'{"items": []}')]


def test_the_child_writes_every_file_with_its_folders(tmp_path):
    files = files_in(tmp_path)
    writer = BackgroundWriter(files)
    assert writer.finish() is True
    for path, content in files:
        expected = content.encode("utf-8") if isinstance(content, str) else content
        assert Path(path).read_bytes() == expected


def test_what_the_child_cannot_write_is_written_here_and_names_the_file(tmp_path):
    (tmp_path / "geen-map").write_text("een bestand, geen map", encoding="utf-8")
    bad = str(tmp_path / "geen-map" / "index.html")
    files = [*files_in(tmp_path), (bad, "x")]
    writer = BackgroundWriter(files)
    with pytest.raises(OSError) as caught:
        writer.finish()
    assert caught.value.filename == bad or bad.startswith(str(caught.value.filename))


def test_a_child_that_dies_costs_no_file(tmp_path):
    files = files_in(tmp_path)
    writer = BackgroundWriter(files)
    os.kill(writer._proc.pid, signal.SIGKILL)
    writer.finish()  # True if it was done before the kill; either way every file is there
    for path, content in files:
        expected = content.encode("utf-8") if isinstance(content, str) else content
        assert Path(path).read_bytes() == expected


def test_a_file_half_written_by_the_child_is_written_whole_here(tmp_path, monkeypatch):
    import warmtetoolbox.site.file_writer as module

    files = files_in(tmp_path)
    real = module.write_file

    def fail_halfway(path, content):
        if path == files[25][0] and os.getpid() != parent:
            raise OSError(28, "No space left on device", path)
        real(path, content)

    parent = os.getpid()
    monkeypatch.setattr(module, "write_file", fail_halfway)
    writer = BackgroundWriter(files)
    assert writer.finish() is False
    assert all(os.path.exists(path) for path, _ in files)


def test_when_no_child_can_be_started_every_file_is_written_here(tmp_path, monkeypatch):
    import multiprocessing

    def refuse(self):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", refuse)
    files = files_in(tmp_path)
    assert BackgroundWriter(files).finish() is False
    assert all(Path(path).exists() for path, _ in files)


def test_a_child_killed_halfway_leaves_no_file_half_written(tmp_path, monkeypatch):
    import time

    import warmtetoolbox.site.file_writer as module

    files = [(str(tmp_path / f"d{n}" / "index.html"), f"<p>{n}</p>" * 500) for n in range(200)]
    real = module.write_file

    def slow(path, content):
        time.sleep(0.005)
        real(path, content)

    monkeypatch.setattr(module, "write_file", slow)
    writer = BackgroundWriter(files)
    time.sleep(0.2)
    os.kill(writer._proc.pid, signal.SIGKILL)  # about a quarter written
    monkeypatch.setattr(module, "write_file", real)
    assert writer.finish() is False
    for path, content in files:
        assert Path(path).read_text("utf-8") == content
