"""Show that ``check`` is linear and that what it accepts renders in seconds.

Part 1 times ``check``'s validation of the pathological bodies from issue 11 (each about
1 MB, refused). Part 2 builds, for every bounded element, the largest body ``check``
still accepts and times Python-Markdown on it with the site's extensions.

    .venv/bin/python scripts/bench_check_bounds.py
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import VALID_QUESTION  # noqa: E402
from warmtetoolbox.model.loading import split_source, validate_source  # noqa: E402
from warmtetoolbox.model.schema import BODY_LIMITS  # noqa: E402
from warmtetoolbox.model.taxonomy import load_taxonomy  # noqa: E402

TAXONOMY, _ = load_taxonomy(ROOT / "tests/fixtures/toolbox/taxonomy.yml", "taxonomy.yml")
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in CONFIG["markdown_extensions"]]
EXTENSIONS = [e for e in EXTENSIONS if e != "abbr"]  # applied by our own one-pass step

PATHOLOGICAL = {
    "'<' x 1,000,000": "<" * 1_000_000,
    "'](' x 450,000": "](" * 450_000,
    "'`a' x 500,000": "`a" * 500_000,
    "'[' x 1,000,000": "[" * 1_000_000,
    "'*a' x 500,000": "*a" * 500_000,
    "'<br>' x 250,000": "<br>" * 250_000,
    "'<a ' lines x 100,000": "<a \n" * 100_000,
    "'## a' + 4,900 spaces + 'x'": "## a" + " " * 4_900 + "x",
}

_L = BODY_LIMITS
AT_LIMIT = {
    "'[' per line": "[\n" * _L["brackets"],
    "'![' per line": "![\n" * (_L["brackets"] // 2),
    "unclosed '<br '": "<br \n" * _L["html"],
    "'<![CDATA['": "<![CDATA[\n" * (_L["brackets"] // 2),
    "code spans": "`a` \n" * (_L["code"] // 2),
    "emphasis": "*a* \n" * (_L["emphasis"] // 2),
    "entities": "&amp; \n" * _L["escapes"],
    "hard breaks": "a\\\n" * _L["escapes"],
    "links": "[a](https://example.nl)\n" * _L["links"],
    "headings": "# a\n\n" * (_L["headings"] - 2),
    "setext headings": "a\n=\n\n" * (_L["headings"] - 2),
    "admonitions": "!!! note\n    a\n" * _L["blocks"],
    "details": "??? note\n    a\n" * _L["blocks"],
    "list items": "- a\n" * _L["list_items"],
    "definition lines": ": a\n" * _L["blocks"],
    "table rows": "|a|b|\n|-|-|\n" + "|a|b|\n" * (_L["lines"] - 20),
    "long plain lines": ("woord " * 800 + "\n\n") * 200,
    "nested list": "".join("    " * i + "- a\n" for i in range(_L["nesting"])),
}


def entry(body: str) -> bytes:
    return VALID_QUESTION.replace("Isoleer eerst.", body).encode("utf-8")


def check(raw: bytes):
    source, problems = split_source(raw, "vragen", "hoe-werkt-een-warmtepomp", "x.md")
    if source is None:
        return problems
    return validate_source(source, TAXONOMY, date.today(), set())[1]


def main() -> None:
    print("1. check on pathological bodies (all refused):")
    for name, body in PATHOLOGICAL.items():
        start = time.perf_counter()
        problems = check(entry(body))
        took = time.perf_counter() - start
        first = next((p.message for p in problems if p.is_error), "GEEN FOUT")
        print(f"   {name:32} {took:6.2f} s  {first[:70]}")
    print("2. Markdown on the largest bodies check accepts:")
    for name, body in AT_LIMIT.items():
        errors = [p for p in check(entry(body)) if p.is_error]
        start = time.perf_counter()
        markdown.markdown(VALID_QUESTION.split("---\n", 2)[2] + body, extensions=EXTENSIONS)
        took = time.perf_counter() - start
        verdict = "aanvaard" if not errors else f"GEWEIGERD: {errors[0].message[:50]}"
        print(f"   {name:32} {took:6.2f} s  {verdict}")


if __name__ == "__main__":
    main()
