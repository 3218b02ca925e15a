"""The FAQ reuse map: which questions recur, where, what reuse saves, and the gaps.

Computed from the corpus only (``asked_in``, ``effort_hours``, status, review dates)
plus near-duplicate pairs from ``duplicates``. Rendering lives in ``pages``; the
open-data exports (JSON, CSV) are built here.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..model.entries import Corpus, Entry
from ..model.taxonomy import Place
from ..model.vocabulary import Vocabulary
from .duplicates import DEFAULT_THRESHOLD, DuplicateFinder, Pair

_SHORT_ANSWER = re.compile(r"^## Kort antwoord[ \t]*\n(.*?)(?=^#{1,2} |\Z)", re.M | re.S)
FTE_HOURS = 1500  # productive hours in one FTE-year, as stated on the page
THEME_FACET = "thema"
GAP_MIN_MUNICIPALITIES = 2


@dataclass(frozen=True)
class QuestionReuse:
    entry: Entry
    asked_count: int
    municipalities: tuple[str, ...]
    regions: tuple[str, ...]
    years: tuple[int, ...]
    contexts: tuple[str, ...]
    hours_saved: float | None

    @property
    def id(self) -> str:
        return self.entry.id


@dataclass(frozen=True)
class Gap:
    id: str
    reason: str


@dataclass(frozen=True)
class Savings:
    hours: float

    @property
    def fte(self) -> float:
        return self.hours / FTE_HOURS


@dataclass(frozen=True)
class ReuseMap:
    questions: tuple[QuestionReuse, ...]  # most reused first
    themes: tuple[tuple[str, tuple[QuestionReuse, ...]], ...]  # theme slug → ranked questions
    municipalities: tuple[Place, ...]  # columns of the matrix, by region then name
    matrix: Mapping[tuple[str, str], int]  # (question id, municipality) → times asked
    savings_by_theme: Mapping[str, Savings]
    savings_by_municipality: Mapping[str, Savings]
    total: Savings
    duplicates: tuple[Pair, ...]
    gaps: tuple[Gap, ...]
    example_data: bool
    estimated_questions: int = 0
    totals: Mapping[str, float] = field(default_factory=dict)

    def theme_matrix(self) -> dict[tuple[str, str], int]:
        """(theme, municipality) → times asked, for the heatmap."""
        cells: dict[tuple[str, str], int] = defaultdict(int)
        for theme, questions in self.themes:
            for q in questions:
                for place in self.municipalities:
                    cells[(theme, place.slug)] += self.matrix.get((q.id, place.slug), 0)
        return dict(cells)

    def as_json(self) -> dict:
        return {
            "questions": [
                {
                    "id": q.id,
                    "title": q.entry.title,
                    "asked_count": q.asked_count,
                    "municipalities": list(q.municipalities),
                    "hours_saved": q.hours_saved,
                }
                for q in self.questions
            ],
            "duplicates": [
                {
                    "a": p.a,
                    "b": p.b,
                    "score": p.score,
                    "reason": p.reason,
                    "concepts": list(p.concepts),
                }
                for p in self.duplicates
            ],
            "gaps": [{"id": g.id, "reason": g.reason} for g in self.gaps],
            "totals": dict(self.totals),
        }


def _pair_json(pair: Pair) -> dict:
    return {
        "a": pair.a,
        "b": pair.b,
        "score": pair.score,
        "reason": pair.reason,
        "concepts": list(pair.concepts),
    }


def _regions(entry: Entry, corpus: Corpus) -> tuple[str, ...]:
    places = corpus.taxonomy.municipalities
    return tuple(
        sorted(
            {places[a.municipality].region for a in entry.asked_in if places[a.municipality].region}
        )
    )


def question_reuse(entry: Entry, corpus: Corpus) -> QuestionReuse:
    count = len(entry.asked_in)
    hours = None
    if entry.effort_hours is not None:
        hours = max(count - 1, 0) * entry.effort_hours
    return QuestionReuse(
        entry=entry,
        asked_count=count,
        municipalities=tuple(sorted({a.municipality for a in entry.asked_in})),
        regions=_regions(entry, corpus),
        years=tuple(sorted({a.year for a in entry.asked_in})),
        contexts=tuple(sorted({a.context for a in entry.asked_in if a.context})),
        hours_saved=hours,
    )


def _rank_key(q: QuestionReuse):
    return (-q.asked_count, -len(q.municipalities), q.entry.title.casefold())


def _municipality_savings(questions) -> dict[str, float]:
    """Each ask after the first saves the question's effort for the asking municipality."""
    saved: dict[str, float] = defaultdict(float)
    for q in questions:
        if q.entry.effort_hours is None:
            continue
        asks = sorted(q.entry.asked_in, key=lambda a: (a.year, a.municipality))
        for ask in asks[1:]:
            saved[ask.municipality] += q.entry.effort_hours
    return dict(saved)


def find_gaps(questions, today: date) -> tuple[Gap, ...]:
    labels = {"draft": "nog een concept", "outdated": "verouderd"}
    gaps = []
    for q in questions:
        if len(q.municipalities) < GAP_MIN_MUNICIPALITIES:
            continue
        status = q.entry.status
        if status in labels:
            gaps.append(
                Gap(
                    q.id,
                    f"{len(q.municipalities)} gemeenten vroegen dit; het antwoord is {labels[status]}",
                )
            )
        elif q.entry.review_overdue(today):
            gaps.append(
                Gap(
                    q.id,
                    f"{len(q.municipalities)} gemeenten vroegen dit; de herziening is verlopen "
                    f"sinds {q.entry.review_by.isoformat()}",
                )
            )
    return tuple(gaps)


def short_answer(body: str) -> str:
    """The text of the body's ``## Kort antwoord`` section ('' when it has none)."""
    match = _SHORT_ANSWER.search(body)
    return match.group(1).strip() if match else ""


def _texts(entry: Entry) -> tuple[str, str, str]:
    return entry.title, entry.summary, short_answer(entry.body)


def find_duplicates(corpus: Corpus, threshold: float = DEFAULT_THRESHOLD) -> tuple[Pair, ...]:
    questions = corpus.of_type("vragen")
    finder = DuplicateFinder(
        Vocabulary.from_taxonomy(corpus.taxonomy),
        {e.id: _texts(e) for e in questions},
        background=[_texts(e) for e in corpus if e.type != "vragen"],
    )
    distinct = [(e.id, other) for e in questions for other in e.not_duplicate_of]
    return tuple(finder.pairs(threshold, distinct))


def compute(corpus: Corpus, today: date, duplicates: tuple[Pair, ...] | None = None) -> ReuseMap:
    """The reuse map of ``corpus``; pass ``duplicates`` to reuse pairs computed earlier."""
    questions = tuple(
        sorted((question_reuse(e, corpus) for e in corpus.of_type("vragen")), key=_rank_key)
    )
    theme_facet = corpus.taxonomy.facet(THEME_FACET)
    theme_slugs = theme_facet.tags if theme_facet else ()
    themes = tuple(
        (slug, tuple(q for q in questions if slug in q.entry.tags)) for slug in theme_slugs
    )
    places = corpus.taxonomy.municipalities
    used = {m for q in questions for m in q.municipalities}
    columns = tuple(
        sorted((places[m] for m in used), key=lambda p: (p.region or "", p.label.casefold()))
    )
    matrix: dict[tuple[str, str], int] = defaultdict(int)
    for q in questions:
        for ask in q.entry.asked_in:
            matrix[(q.id, ask.municipality)] += 1
    by_theme = {slug: Savings(sum(q.hours_saved or 0 for q in members)) for slug, members in themes}
    by_municipality = {m: Savings(h) for m, h in _municipality_savings(questions).items()}
    total = Savings(sum(q.hours_saved or 0 for q in questions))
    if duplicates is None:
        duplicates = find_duplicates(corpus)
    estimated = sum(1 for q in questions if q.hours_saved is not None)
    totals = {
        "questions": len(questions),
        "questions_asked": sum(1 for q in questions if q.asked_count),
        "asked": sum(q.asked_count for q in questions),
        "reused_questions": sum(1 for q in questions if len(q.municipalities) >= 2),
        "municipalities": len(columns),
        "questions_with_effort": estimated,
        "hours_saved": round(total.hours, 1),
        "fte_saved": round(total.fte, 2),
        "fte_hours": FTE_HOURS,
    }
    return ReuseMap(
        questions=questions,
        themes=themes,
        municipalities=columns,
        matrix=dict(matrix),
        savings_by_theme=by_theme,
        savings_by_municipality=by_municipality,
        total=total,
        duplicates=duplicates,
        gaps=find_gaps(questions, today),
        example_data=any(p.example for p in columns),
        estimated_questions=estimated,
        totals=totals,
    )


def to_json(reuse: ReuseMap) -> str:
    return json.dumps(reuse.as_json(), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "id", "titel", "status", "keer_gesteld", "aantal_gemeenten", "gemeenten", "regio's",
    "jaren", "uren_uitzoekwerk", "uren_bespaard", "thema's", "voorbeeldgegevens",
)  # fmt: skip


def to_csv(reuse: ReuseMap, corpus: Corpus) -> str:
    """One row per question; Dutch column names; values as plain data."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    places = corpus.taxonomy.municipalities
    for q in reuse.questions:
        themes = [t for t in q.entry.tags if corpus.taxonomy.tags[t].facet == THEME_FACET]
        writer.writerow(
            [
                q.id,
                _csv_safe(q.entry.title),
                q.entry.status,
                q.asked_count,
                len(q.municipalities),
                ";".join(q.municipalities),
                ";".join(q.regions),
                ";".join(str(y) for y in q.years),
                "" if q.entry.effort_hours is None else f"{q.entry.effort_hours:g}",
                "" if q.hours_saved is None else f"{q.hours_saved:g}",
                ";".join(themes),
                "ja" if any(places[m].example for m in q.municipalities) else "nee",
            ]
        )
    return out.getvalue()


def _csv_safe(value: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def duplicate_warnings(corpus: Corpus, pairs) -> list:
    """``check`` warnings: the newer question of a pair looks like the older one."""
    from ..model.problems import warning

    problems = []
    for pair in pairs:
        a, b = corpus.get(pair.a), corpus.get(pair.b)
        newer, older = (a, b) if (a.updated, a.id) > (b.updated, b.id) else (b, a)
        score = f"{pair.score:.2f}".replace(".", ",")
        problems.append(
            warning(
                newer.path,
                1,
                f"lijkt op vragen/{older.id} ({score}; {pair.reason}) — vul die aan in plaats "
                "van een nieuwe vraag",
            )
        )
    return problems
