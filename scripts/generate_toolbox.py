"""Generate a valid toolbox of N entries for benchmarks.

    python scripts/generate_toolbox.py 1000 /tmp/toolbox-1000

Entries are spread over the five types, use tags, audiences and municipalities from
the repository's taxonomy, and carry realistic Dutch text. The output passes
``warmtetoolbox check``. A fixed seed makes every run the same.
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

WORDS = [
    "warmtenet",
    "warmtepomp",
    "isolatie",
    "woning",
    "wijk",
    "buurt",
    "bewoners",
    "gemeente",
    "netbeheerder",
    "aardgas",
    "aansluiting",
    "kosten",
    "subsidie",
    "lening",
    "vastrecht",
    "tarief",
    "bron",
    "restwarmte",
    "aquathermie",
    "bodem",
    "geothermie",
    "temperatuur",
    "radiatoren",
    "vloerverwarming",
    "ventilatie",
    "kozijnen",
    "dak",
    "spouwmuur",
    "glas",
    "energielabel",
    "corporatie",
    "huurders",
    "eigenaren",
    "vereniging",
    "planning",
    "fase",
    "onderzoek",
    "haalbaarheid",
    "uitvoering",
    "participatie",
    "communicatie",
    "raad",
    "college",
    "besluit",
    "kaders",
    "omgevingsplan",
    "capaciteit",
    "regio",
    "samenwerking",
    "kennis",
    "leernetwerk",
    "data",
    "kaart",
    "analyse",
    "scenario",
    "investering",
    "rendement",
    "onderhoud",
    "riolering",
    "straat",
    "herinrichting",
    "elektriciteitsnet",
    "congestie",
    "transformator",
    "buitenunit",
    "geluid",
    "ruimte",
    "monument",
    "gevel",
    "vergunning",
    "comfort",
    "koken",
    "inductie",
    "overstap",
    "voorlichting",
    "avond",
    "enquête",
    "animo",
    "draagvlak",
    "contract",
    "exploitant",
    "warmtebedrijf",
    "levering",
]


@functools.cache
def vocabulary() -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Words and their frequencies in the repository's own entries (realistic Dutch)."""
    counts = Counter(WORDS)
    for path in (REPO / "toolbox").glob("*/*.md"):
        text = path.read_text(encoding="utf-8").split("---", 2)[-1]
        counts.update(w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]{2,}", text))
    words, weights = zip(*counts.most_common(), strict=True)
    return words, weights


def sentence(rng: random.Random, n: int) -> str:
    words, weights = vocabulary()
    return " ".join(rng.choices(words, weights, k=n)).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(10, 18)) for _ in range(sentences))


def entry_text(rng: random.Random, entry_type: str, index: int, ids: list[str], taxonomy: dict):
    from warmtetoolbox.model.schema import TYPES

    facets = taxonomy["facets"]
    tags = [rng.choice(list(facets["thema"]["tags"])), rng.choice(list(facets["fase"]["tags"]))]
    tags.append(rng.choice(list(facets["techniek"]["tags"])))
    updated = date(2024, 1, 1) + timedelta(days=rng.randint(0, 600))
    title = f"{sentence(rng, rng.randint(4, 8))[:-1]} {index}"
    if entry_type == "vragen":
        title += "?"
    meta = {
        "title": title[:120],
        "summary": sentence(rng, rng.randint(12, 24))[:300],
        "tags": sorted(set(tags)),
        "audience": rng.sample(["residents", "officers", "council", "professionals"], 2),
        "visibility": "public" if rng.random() < 0.85 else "internal",
        "status": rng.choice(["current"] * 8 + ["draft", "outdated"]),
        "version": 1,
        "updated": updated.isoformat(),
        "owner": "Benchmarkredactie",
    }
    if entry_type in ("regelgeving", "financiering"):
        meta["review_by"] = (updated + timedelta(days=365)).isoformat()
        meta["sources"] = [{"title": "Rijksoverheid", "url": "https://www.rijksoverheid.nl/"}]
    if entry_type == "vragen":
        places = list(taxonomy["municipalities"])
        meta["asked_in"] = [
            {"municipality": m, "year": rng.randint(2019, 2025), "context": "bewonersavond"}
            for m in rng.sample(places, rng.randint(1, min(5, len(places))))
        ]
        meta["effort_hours"] = rng.randint(4, 60)
    if ids:
        meta["related"] = sorted(set(rng.sample(ids, min(3, len(ids)))))
    sections = "\n".join(
        f"## {section}\n\n{paragraph(rng, rng.randint(3, 6))}\n"
        for section in TYPES[entry_type].sections
    )
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{sections}"


def generate(count: int, out: Path, seed: int = 42, only_type: str | None = None) -> Path:
    """Write ``count`` entries (of ``only_type``, or mixed) and the repository's taxonomy."""
    from warmtetoolbox.model.schema import TYPES

    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy(REPO / "toolbox" / "taxonomy.yml", out / "taxonomy.yml")
    taxonomy = yaml.safe_load((out / "taxonomy.yml").read_text(encoding="utf-8"))
    types = list(TYPES)
    weights = [50, 12, 12, 14, 12]
    ids: list[str] = []
    for index in range(count):
        entry_type = only_type or rng.choices(types, weights)[0]
        entry_id = f"{entry_type}-item-{index:05d}"
        folder = out / entry_type
        folder.mkdir(exist_ok=True)
        text = entry_text(rng, entry_type, index, ids[-200:], taxonomy)
        (folder / f"{entry_id}.md").write_text(text, encoding="utf-8")
        ids.append(entry_id)
    return out


def run_for_sizes(description: str, bench, default_sizes=(1000, 10000)) -> None:
    """Command line of the benchmarks: ``bench(size, workdir)`` for each ``--sizes``."""
    import tempfile

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(default_sizes))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            bench(size, Path(tmp))


def main() -> None:
    parser = argparse.ArgumentParser(description="Genereer een geldige toolbox voor benchmarks.")
    parser.add_argument("count", type=int, help="aantal items")
    parser.add_argument("out", type=Path, help="doelmap (wordt overschreven)")
    args = parser.parse_args()
    generate(args.count, args.out)
    print(f"{args.count} items geschreven in {args.out}")


if __name__ == "__main__":
    main()
