"""The on-disk Whoosh index: what each entry contributes, and building it atomically.

Index layout under ``root``: one folder per corpus hash (``ix-<hash>``) and a file
``CURRENT`` naming the live one. A new index is written into a temporary folder,
renamed into place, and only then made current by atomically replacing ``CURRENT``;
an interrupted build leaves the previous index untouched. Only changed entries are
re-indexed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from ..model.entries import Corpus, Entry
from .analysis import ANALYZER, plain_analyzer, plain_text

ANALYSIS_VERSION = "5"  # bump when the analysis or schema changes: forces a rebuild
# Field weights, applied by repeating a field's text in the one searched field
# ("content"): one posting list per term keeps queries fast at 10,000 entries.
FIELD_WEIGHTS = {"title": 3, "tags": 2, "summary": 2, "body": 1}
INDEX_NAME = "toolbox"


def _schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        hash=STORED(),
        type=ID(),
        status=ID(),
        content=TEXT(analyzer=ANALYZER, phrase=False),
        spelling=TEXT(analyzer=plain_analyzer(), phrase=False),
        tag=KEYWORD(commas=True),
        audience=KEYWORD(commas=True),
        municipality=KEYWORD(commas=True),
    )


def entry_hash(entry: Entry, corpus: Corpus) -> str:
    tag_labels = [corpus.taxonomy.tags[t].label for t in entry.tags if t in corpus.taxonomy.tags]
    return hashlib.sha256(f"{entry!r}{tag_labels!r}".encode()).hexdigest()[:20]


def corpus_hash(corpus: Corpus) -> str:
    digest = hashlib.sha256(ANALYSIS_VERSION.encode())
    digest.update(repr(corpus.taxonomy).encode())
    for entry in corpus:
        digest.update(entry_hash(entry, corpus).encode())
    return digest.hexdigest()[:24]


def _document(entry: Entry, corpus: Corpus) -> dict:
    tags = corpus.taxonomy.tags
    tag_text = " ".join(tags[t].label for t in entry.tags if t in tags)
    body = plain_text(entry.body)
    fields = {"title": entry.title, "tags": tag_text, "summary": entry.summary, "body": body}
    content = " \n".join(" \n".join([text] * FIELD_WEIGHTS[name]) for name, text in fields.items())
    return {
        "id": entry.id,
        "hash": entry_hash(entry, corpus),
        "type": entry.type,
        "status": entry.status,
        "content": content,
        "spelling": f"{entry.title} {entry.summary} {tag_text} {body}",
        "tag": ",".join(entry.tags),
        "audience": ",".join(entry.audience),
        "municipality": ",".join(sorted({a.municipality for a in entry.asked_in})),
    }


@dataclass(frozen=True)
class BuildReport:
    path: Path
    rebuilt: bool
    added: int = 0
    removed: int = 0


def _current(root: Path) -> Path | None:
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = root / name
    if not name or not _same_analysis(path):
        return None
    try:
        return path if whoosh_index.exists_in(path, INDEX_NAME) else None
    except Exception:  # Whoosh raises anything from unpickling an unreadable index
        return None


def ensure_index(corpus: Corpus, root: Path) -> BuildReport:
    """Make the index under ``root`` match ``corpus``; re-index only changed entries."""
    target_name = f"ix-{corpus_hash(corpus)}"
    current = _current(root)
    if current is not None and current.name == target_name:
        return BuildReport(current, rebuilt=False)
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
    try:
        added, removed = _write(corpus, current, work)
        final = root / target_name
        if final.exists():
            shutil.rmtree(final)
        os.replace(work, final)
        _point_current(root, target_name)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _remove_old(root, keep=target_name)
    return BuildReport(final, rebuilt=True, added=added, removed=removed)


def _write(corpus: Corpus, previous: Path | None, work: Path) -> tuple[int, int]:
    wanted = {e.id: (e, entry_hash(e, corpus)) for e in corpus}
    old: dict[str, str] = {}
    if previous is not None and _same_analysis(previous):
        # Copy the index files only: caches computed from the old corpus stay behind.
        ignore = shutil.ignore_patterns("similar-*.json", "*LOCK", "analysis.json")
        shutil.copytree(previous, work, dirs_exist_ok=True, ignore=ignore)
        ix = whoosh_index.open_dir(str(work), indexname=INDEX_NAME)
        with ix.searcher() as searcher:
            old = {f["id"]: f["hash"] for f in searcher.all_stored_fields()}
    else:
        ix = whoosh_index.create_in(str(work), _schema(), indexname=INDEX_NAME)
    stale = [i for i, h in old.items() if i not in wanted or wanted[i][1] != h]
    fresh = [e for i, (e, h) in wanted.items() if old.get(i) != h]
    writer = ix.writer(limitmb=256)
    for entry_id in stale:
        writer.delete_by_term("id", entry_id)
    for entry in fresh:
        writer.add_document(**_document(entry, corpus))
    writer.commit(optimize=len(fresh) > 0.5 * max(len(wanted), 1))
    (work / "analysis.json").write_text(json.dumps({"version": ANALYSIS_VERSION}))
    return len(fresh), len(stale)


def _same_analysis(path: Path) -> bool:
    try:
        return json.loads((path / "analysis.json").read_text())["version"] == ANALYSIS_VERSION
    except (OSError, ValueError, KeyError):
        return False


def _point_current(root: Path, name: str) -> None:
    pointer = root / f".CURRENT-{os.getpid()}"
    pointer.write_text(name, encoding="utf-8")
    os.replace(pointer, root / "CURRENT")


def _remove_old(root: Path, keep: str) -> None:
    for child in root.iterdir():
        if child.is_dir() and child.name.startswith("ix-") and child.name != keep:
            shutil.rmtree(child, ignore_errors=True)
