"""Similar topics in one pass: TF-IDF term vectors, cosine similarity, top-k per entry.

Replaces one more-like-this query per entry. Every entry becomes a sparse vector
(sublinear term frequency × inverse document frequency, unit length, from
``term_vectors``); one sparse matrix product, in blocks of rows so memory stays
bounded at 10,000 entries, gives every pair's cosine, and each row keeps its best
``limit``. Ties go to the smaller id, so a build is reproducible.

The counts are cached per entry (an edit recounts one entry); the IDF depends on all
entries, so the product is always taken over the whole corpus: that is one pass of a
fraction of a second even at 10,000 entries. The finished map is cached too, keyed
by every entry's key, so a build with no content change does no work here.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..model.atomic_files import write_atomically
from ..model.entries import Corpus
from ..model.vocabulary import Vocabulary
from .term_vectors import cache_problem, corpus_counts, corpus_keys

BLOCK_ROWS = 512
# Like more-like-this, an entry asks with its strongest terms only: that keeps the
# product sparse (very common words, in nearly every entry, drop out of the question).
QUERY_TERMS = 30
RESULT_NAME = "vergelijkbaar-{limit}.json"
RESULT_VERSION = 1  # raise when _top_k ranks differently: cached results then go


def similar_topics(
    corpus: Corpus,
    vocabulary: Vocabulary,
    cache_dir: Path | None = None,
    limit: int = 5,
    report: Callable[[str], None] | None = None,
) -> dict[str, tuple[str, ...]]:
    """For every entry of ``corpus``, up to ``limit`` ids of entries about the same things.

    Caches live in ``cache_dir`` (None: no cache); a cache that cannot be written is
    passed once to ``report`` as a Dutch line, and the result comes all the same."""
    problems: list[str] = []
    # the result depends on the entries' keys only: when it is cached, nothing is counted
    ids, keys = corpus_keys(corpus, vocabulary)
    digest = hashlib.sha256(
        "\n".join([f"{RESULT_VERSION} {QUERY_TERMS}", *keys]).encode()
    ).hexdigest()
    result_path = cache_dir / RESULT_NAME.format(limit=limit) if cache_dir is not None else None
    if result_path is not None:
        found = _cached(result_path, digest, set(ids))
        if found is not None:
            return found
    _, counts, _, _ = corpus_counts(
        corpus, vocabulary, cache_dir, problems.append, keyed=(ids, keys)
    )
    result = _top_k(ids, counts, limit)
    if result_path is not None and not problems:
        try:
            write_atomically(result_path, json.dumps({"digest": digest, "similar": result}))
        except OSError as exc:
            problems.append(cache_problem(result_path.parent, exc))
    if problems and report is not None:
        report(problems[0])
    return result


def _top_k(ids: list[str], counts: list[dict[str, int]], limit: int) -> dict[str, tuple[str, ...]]:
    _one_blas_thread()
    import numpy as np
    from scipy import sparse

    n = len(ids)
    if n < 2 or limit < 1:
        return {i: () for i in ids}
    columns: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for row in counts:
        indices.extend([columns.setdefault(term, len(columns)) for term in row])
        data.extend(row.values())
        indptr.append(len(indices))
    column_of = np.asarray(indices, dtype=np.int32)
    tf = 1.0 + np.log(np.asarray(data, dtype=np.float32))  # sublinear term frequency
    matrix = sparse.csr_matrix((tf, column_of, np.asarray(indptr)), shape=(n, len(columns)))
    idf = np.log(n / np.bincount(column_of, minlength=len(columns)).astype(np.float32))
    matrix = matrix @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
    transposed = matrix.T.tocsc()
    query = _key_terms(matrix, QUERY_TERMS)
    keep = min(limit, n - 1)
    result: dict[str, tuple[str, ...]] = {}
    for start in range(0, n, BLOCK_ROWS):
        block = (query[start : start + BLOCK_ROWS] @ transposed).toarray()
        rows = np.arange(block.shape[0])
        block[rows, rows + start] = 0.0  # not similar to itself
        # every candidate at least as good as the keep-th best, ties included; then by
        # score and, as ids are sorted, by id
        thresholds = np.maximum(np.partition(block, n - keep, axis=1)[:, n - keep], 1e-6)
        chosen: list[list[int]] = [[] for _ in rows]
        for offset, col in zip(*np.nonzero(block >= thresholds[:, None]), strict=True):
            chosen[offset].append(int(col))
        for offset, candidates in enumerate(chosen):
            scores = block[offset]
            candidates.sort(key=lambda col: (-float(scores[col]), col))
            result[ids[start + offset]] = tuple(ids[col] for col in candidates[:keep])
    return result


def _one_blas_thread() -> None:
    """Before numpy's first import: no BLAS worker threads. The sparse products here do
    not use them, and the build forks children afterwards (a process with threads
    should not fork)."""
    if "numpy" not in sys.modules:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")


def _key_terms(matrix, keep: int):
    """The same rows, each with only its ``keep`` heaviest terms."""
    import numpy as np
    from scipy import sparse

    indptr, indices, data = [0], [], []
    for row in range(matrix.shape[0]):
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        weights = matrix.data[lo:hi]
        columns = matrix.indices[lo:hi]
        if hi - lo > keep:
            best = np.argpartition(-weights, keep - 1)[:keep]
            weights, columns = weights[best], columns[best]
        indices.append(columns)
        data.append(weights)
        indptr.append(indptr[-1] + len(columns))
    return sparse.csr_matrix(
        (np.concatenate(data), np.concatenate(indices), np.asarray(indptr)), shape=matrix.shape
    )


def _cached(path: Path, digest: str, ids: set[str]) -> dict[str, tuple[str, ...]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("digest") != digest:
        return None
    similar = data.get("similar")
    if not isinstance(similar, dict) or set(similar) != ids:
        return None
    for found in similar.values():
        if not isinstance(found, list) or not all(s in ids for s in found):
            return None
    return {k: tuple(v) for k, v in similar.items()}
