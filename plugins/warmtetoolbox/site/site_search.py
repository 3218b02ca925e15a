"""The site's own search (Pagefind): what each entry page tells the index, and the word data.

Pagefind runs over the built HTML of an edition and ships a small, split index to the
browser. It cannot expand queries, so the toolbox's vocabulary reaches it at index time:
every entry page carries, in elements that readers do not see, its filters (type,
theme, audience, phase), its metadata for the result list, its summary and tag labels
at a higher weight, and the other phrasings of what it says at a low weight
(``model.expansions``). Only current entry pages are indexed: listing pages,
version pages, feeds and Begrippen never push an entry out of the results.

``search_words`` is the data the search page loads: Dutch stop words (dropped from
queries), a compact term list for "Bedoelde u …?" (loaded only when nothing is found)
and the Begrippen definitions shown beside results. Nothing here depends on MkDocs or
on the theme: the markup is plain HTML attributes and the page is plain JavaScript.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape
from pathlib import Path

from ..model import schema
from ..model.entries import Corpus, Entry
from ..model.expansions import expansions
from ..model.vocabulary import Vocabulary, fold, words
from ..search.stopwords import dutch_stop_words
from .generated import GeneratedPage
from .pagefind_index import SHARD_PAGES, Bundle, plan
from .rendering import render

# Sections the toolbox adds below an entry's own text; they describe other entries
# or the entry's administration and are left out of its search text.
_APPENDIX_IDS = (
    "gesteld-door",
    "zie-ook",
    "wat-is-er-veranderd",
    "versiegeschiedenis",
    "vergelijkbare-onderwerpen",
    "hier-naar-verwezen",
    "over-dit-item",
)
_APPENDIX = re.compile(r'<h2 id="(?:' + "|".join(_APPENDIX_IDS) + r')"')
MAX_TERMS = 15_000
MIN_TERM_LENGTH = 4
EXPANSION_SEPARATOR = " · "
BODY_PER_GROUP = 4  # other phrasings per concept the body mentions (the title's: all)


def _hidden(attribute: str, text: str) -> str:
    return f"<span {attribute}>{escape(text)}</span>"


def entry_markup(entry: Entry, corpus: Corpus, vocabulary: Vocabulary, html: str) -> str:
    """The rendered content of an entry page, marked up for the Pagefind index."""
    taxonomy = corpus.taxonomy
    entry_type = schema.TYPES[entry.type]
    # Metadata and filters sit in an ignored element: Pagefind still reads them there,
    # but their words (such as the slug 'vragen') do not count as the page's text.
    parts = [
        '<div data-pagefind-body class="wtb-search-body">',
        "<div data-pagefind-ignore hidden>",
        _hidden('data-pagefind-meta="title"', entry.title),
        _hidden('data-pagefind-meta="samenvatting"', entry.summary),
        _hidden('data-pagefind-meta="soort"', entry_type.label),
        _hidden('data-pagefind-filter="soort"', entry.type),
    ]
    if entry.status != "current":
        parts.append(_hidden('data-pagefind-meta="status"', _status_label(entry.status)))
    for slug in entry.tags:
        tag = taxonomy.tags.get(slug)
        if tag and tag.facet in ("thema", "fase"):
            parts.append(_hidden(f'data-pagefind-filter="{tag.facet}"', slug))
    for audience in entry.audience:
        parts.append(_hidden('data-pagefind-filter="doelgroep"', audience))
    parts.append("</div>")
    labels = [taxonomy.tags[t].label for t in entry.tags if t in taxonomy.tags]
    parts.append(
        f'<div hidden data-pagefind-weight="3">{escape(entry.summary)} '
        f"{escape(' '.join(labels))}</div>"
    )
    # Other phrasings of what the title says weigh like the title; of the rest, little.
    # They are joined with EXPANSION_SEPARATOR, which the search page uses to tell an
    # excerpt taken from them (not worth showing) from one taken from the text.
    headline = expansions(" ".join([entry.title, *labels]), vocabulary)
    rest = [
        e
        for e in expansions(
            " ".join([entry.title, entry.summary, *labels, entry.body]), vocabulary, BODY_PER_GROUP
        )
        if e not in headline
    ]
    for weight, extra in (("5", headline), ("0.5", rest)):
        if extra:
            text = escape(EXPANSION_SEPARATOR.join(extra))
            parts.append(f'<div hidden data-pagefind-weight="{weight}">{text}</div>')
    # the type and status badges are shown with each result already, not searched text
    html = html.replace('<p class="wtb-badges">', '<p class="wtb-badges" data-pagefind-ignore>', 1)
    appendix = _APPENDIX.search(html)
    if appendix:
        html = (
            f"{html[: appendix.start()]}<div data-pagefind-ignore>{html[appendix.start() :]}</div>"
        )
    parts.append(html)
    parts.append("</div>")
    return "".join(parts)


def _status_label(status: str) -> str:
    return schema.LABELS["status"].get(status, status)


def search_words(corpus: Corpus, vocabulary: Vocabulary, stop_words: frozenset[str]) -> dict:
    """Stop words, suggestion terms (most frequent first) and Begrippen for the search page."""
    counts: Counter[str] = Counter()
    for entry in corpus:
        labels = [corpus.taxonomy.tags[t].label for t in entry.tags if t in corpus.taxonomy.tags]
        text = " ".join([entry.title, entry.summary, *labels, entry.body])
        counts.update({w for w in words(text) if len(w) >= MIN_TERM_LENGTH and w not in stop_words})
    for group in vocabulary.groups:
        for phrase in group:
            counts.update(w for w in phrase if len(w) >= MIN_TERM_LENGTH)
    terms = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:MAX_TERMS]
    # a query that is an abbreviation or a term from Begrippen shows its definition
    explained = {**corpus.taxonomy.terms, **corpus.taxonomy.abbreviations}
    glossary = [
        {"term": word, "key": fold(word), "definition": " ".join(text.split())}
        for word, text in sorted(explained.items())
    ]
    groups = [[" ".join(phrase) for phrase in group] for group in vocabulary.groups]
    return {
        "stopwoorden": sorted(stop_words),
        "groepen": groups,
        "termen": terms,
        "begrippen": glossary,
    }


SEARCH_PAGE = "zoeken/index.md"
SCRIPT = "assets/javascripts/zoeken.js"
STATIC = Path(__file__).parent / "static"


def search_bundles(corpus: Corpus, shard_pages: int = SHARD_PAGES) -> tuple[Bundle, ...]:
    """The Pagefind indexes of an edition: the search page loads them, the build fills them."""
    return plan((entry.id for entry in corpus), shard_pages)


def search_pages(corpus: Corpus, site, shard_pages: int = SHARD_PAGES) -> list[GeneratedPage]:
    """The search page, its script and its word files (``site`` is the SiteContext)."""
    vocabulary = Vocabulary.from_taxonomy(corpus.taxonomy)
    data = search_words(corpus, vocabulary, dutch_stop_words())
    taxonomy = corpus.taxonomy
    facet_options = {
        key: [(slug, taxonomy.tags[slug].label) for slug in facet.tags]
        for facet in taxonomy.facets
        if (key := facet.key) in ("thema", "fase")
    }
    filters = [
        ("soort", "Soort", [(t.folder, t.plural) for t in schema.TYPES.values()]),
        ("thema", "Thema", facet_options.get("thema", [])),
        ("doelgroep", "Voor", [(k, a.label) for k, a in taxonomy.audiences.items()]),
        ("fase", "Fase", facet_options.get("fase", [])),
    ]
    # "Staat uw vraag er niet bij?": the prefilled "Nieuwe vraag" form, with a repository
    ask = site.forge.new_question_url("zoeken/") if site.forge else ""
    bundles = search_bundles(corpus, shard_pages)
    page = render(
        "search.md.j2", site=site.at(SEARCH_PAGE), filters=filters, ask=ask, bundles=bundles
    )
    words_file = {k: data[k] for k in ("stopwoorden", "groepen", "begrippen")}
    return [
        GeneratedPage(SEARCH_PAGE, page),
        GeneratedPage("zoeken/woorden.json", json.dumps(words_file, ensure_ascii=False)),
        GeneratedPage("zoeken/termen.json", json.dumps(data["termen"], ensure_ascii=False)),
        GeneratedPage(SCRIPT, (STATIC / "zoeken.js").read_text(encoding="utf-8")),
    ]
