"""The on-disk Whoosh index: what each entry contributes, and building it atomically.

Index layout under ``root``: one folder per corpus hash (``ix-<hash>``) and a file
``CURRENT`` naming the live one. A new index is written into a temporary folder,
renamed into place, and only then made current by atomically replacing ``CURRENT``;
an interrupted build leaves the previous index untouched. Only changed entries are
re-indexed. Builds take a lock on ``root/.lock``, so simultaneous builds wait for each
other. Every finished index carries a checksum manifest; a damaged one is rebuilt.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile

from ..model.entries import Corpus, Entry
from .analysis import ANALYZER, plain_analyzer, plain_text
from .manifest import MANIFEST, damage, has_manifest, write_manifest

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
    damaged: str | None = None  # what was wrong with the index that was rebuilt (Dutch)

    def warning(self) -> str | None:
        if self.damaged is None:
            return None
        return (
            f"{self.path}: waarschuwing: de zoekindex was beschadigd ({self.damaged}); "
            "opnieuw opgebouwd"
        )


class IndexUnavailable(Exception):
    """The index can neither be opened nor (re)built; the message is Dutch."""


_OS_REASONS = {
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toestemming",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "het schijfquotum is op",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOENT: "een map bestaat niet",
    errno.EEXIST: "er staat al een bestand",
    errno.ENAMETOOLONG: "de padnaam is te lang",
}


def os_reason(exc: OSError) -> str:
    """An OS error in Dutch, without the English text of the system."""
    if not exc.errno:
        return "onbekende systeemfout"
    return _OS_REASONS.get(exc.errno, f"systeemfout {errno.errorcode.get(exc.errno, exc.errno)}")


class _ReadIntoMemory(FileStorage):
    """Whoosh storage that reads each index file into memory when it opens it.

    Whoosh maps segment files with mmap by default: a file truncated underneath a
    running server then kills it with SIGBUS. Read into memory, the open index is
    immune to what happens to the files later (and as fast as mmap); the index
    is small (about 11 MB at 10,000 entries)."""

    def open_file(self, name, **kwargs):
        data = Path(self._fpath(name)).read_bytes()
        return BufferFile(memoryview(data), name=name, onclose=kwargs.get("onclose"))


def open_whoosh(path: Path, readonly: bool = True):
    """Open the Whoosh index in ``path``, read into memory (see ``_ReadIntoMemory``)."""
    storage = _ReadIntoMemory(str(path), supports_mmap=False, readonly=readonly)
    return storage.open_index(INDEX_NAME)


def _current(root: Path) -> tuple[Path | None, str | None]:
    """The live, intact index folder; else None and what was damaged (or None)."""
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None, None
    path = root / name
    if not name.startswith("ix-") or "/" in name or not path.is_dir():
        return None, None
    if not _same_analysis(path) or not has_manifest(path):
        return None, None  # an index of an older version: rebuilt without a warning
    problem = damage(path)
    if problem is not None:
        return None, problem
    try:
        open_whoosh(path).close()
    except Exception:  # Whoosh raises anything from unpickling an unreadable index
        return None, "de inhoudsopgave is onleesbaar"
    return path, None


@contextmanager
def _build_lock(root: Path):
    """One build at a time per index folder, across processes and threads."""
    with (root / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_index(corpus: Corpus, root: Path) -> BuildReport:
    """Make the index under ``root`` match ``corpus``; re-index only changed entries.

    A damaged index (files that differ from its manifest) is rebuilt and reported in
    ``BuildReport.damaged``. Raises ``IndexUnavailable`` when nothing can be built."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        with _build_lock(root):
            return _ensure(corpus, root)
    except OSError as exc:
        raise IndexUnavailable(
            f"{root}: fout: kan de zoekindex niet bouwen ({os_reason(exc)}); "
            "kies een andere map voor de zoekindex (--index-dir, of index_dir in mkdocs.yml) "
            "of maak deze map schrijfbaar"
        ) from None


def _ensure(corpus: Corpus, root: Path) -> BuildReport:
    target_name = f"ix-{corpus_hash(corpus)}"
    current, damaged = _current(root)
    if current is not None and current.name == target_name:
        return BuildReport(current, rebuilt=False)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
    try:
        try:
            added, removed = _write(corpus, current, work)
        except Exception as exc:
            if current is None or isinstance(exc, OSError):
                raise
            # the previous index could not be reused: start afresh
            shutil.rmtree(work)
            work.mkdir()
            added, removed = _write(corpus, None, work)
        final = root / target_name
        if final.exists():
            shutil.rmtree(final)
        os.replace(work, final)
        _point_current(root, target_name)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _remove_old(root, keep=target_name)
    return BuildReport(final, rebuilt=True, added=added, removed=removed, damaged=damaged)


def _write(corpus: Corpus, previous: Path | None, work: Path) -> tuple[int, int]:
    wanted = {e.id: (e, entry_hash(e, corpus)) for e in corpus}
    old: dict[str, str] = {}
    if previous is not None:
        # Copy the index files only: caches computed from the old corpus stay behind.
        ignore = shutil.ignore_patterns("similar-*.json", "*LOCK", "analysis.json", MANIFEST)
        shutil.copytree(previous, work, dirs_exist_ok=True, ignore=ignore)
        ix = open_whoosh(work, readonly=False)
        with ix.searcher() as searcher:
            old = {f["id"]: f["hash"] for f in searcher.all_stored_fields()}
    else:
        storage = FileStorage(str(work), supports_mmap=False)
        ix = storage.create_index(_schema(), indexname=INDEX_NAME)
    stale = [i for i, h in old.items() if i not in wanted or wanted[i][1] != h]
    fresh = [e for i, (e, h) in wanted.items() if old.get(i) != h]
    writer = ix.writer(limitmb=256)
    for entry_id in stale:
        writer.delete_by_term("id", entry_id)
    for entry in fresh:
        writer.add_document(**_document(entry, corpus))
    writer.commit(optimize=len(fresh) > 0.5 * max(len(wanted), 1))
    ix.close()
    write_manifest(work)
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
