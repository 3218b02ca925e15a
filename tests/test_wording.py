"""No lazy plurals anywhere users read: "fout(en)", "gemeente(n)", "vraag/vragen"."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "warmtetoolbox"
# a Dutch word with its plural ending in brackets, as text ("fout(en) ", "gemeente(n))")
LAZY = re.compile(
    r"(?<=[\s\"'>])(?!https?\()[a-zà-ÿ]{3,}\((?:en|n|s|'s)\)(?=[\s),;:\"'<])"
    r"|\b(?:resultaat/resultaten|item/items)\b"
)


def test_no_lazy_plurals_in_code_or_templates():
    hits = []
    for path in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.j2"), *PACKAGE.rglob("*.js")]:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if LAZY.search(line) and not line.lstrip().startswith("#"):
                hits.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert hits == []
