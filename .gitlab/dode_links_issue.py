"""Keep one GitLab issue (label dode-links) in step with the report of ``make ci-links``.

Usage (in the scheduled job): ``python3 .gitlab/dode_links_issue.py linkrapport.md <status>``
where ``status`` is the exit code of ``make ci-links``: 0 closes an open issue; any other code
with a report (make says 2 for every failed recipe) opens or updates it; without a report the
check itself failed and so does the job. Needs ``LINKS_TOKEN`` (a project access
token with scope ``api``) besides GitLab's own ``CI_API_V4_URL`` and ``CI_PROJECT_ID``.
Standard library only.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

LABEL = "dode-links"
TITLE = "Dode links in de bronnen"
TIMEOUT_S = 30


def _call(env: dict[str, str], method: str, path: str, data: dict | None = None):
    url = f"{env['CI_API_V4_URL'].rstrip('/')}/projects/{env['CI_PROJECT_ID']}{path}"
    body = None if data is None else urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(
        url, data=body, method=method, headers={"PRIVATE-TOKEN": env["LINKS_TOKEN"]}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
        return json.loads(response.read() or b"null")


def main(argv: list[str], env: dict[str, str]) -> int:
    report, status = Path(argv[0]), argv[1]
    missing = [n for n in ("CI_API_V4_URL", "CI_PROJECT_ID", "LINKS_TOKEN") if not env.get(n)]
    if missing:
        print(
            f"fout: variabele(n) {', '.join(missing)} ontbreken; zet LINKS_TOKEN onder "
            "Settings > CI/CD > Variables",
            file=sys.stderr,
        )
        return 2
    if status != "0" and not report.is_file():
        print(f"fout: de linkcontrole zelf mislukte (afsluitcode {status})", file=sys.stderr)
        return 2
    try:
        query = urllib.parse.urlencode({"labels": LABEL, "state": "opened", "per_page": 1})
        open_issues = _call(env, "GET", f"/issues?{query}")
        if status == "0":
            for issue in open_issues:
                iid = issue["iid"]
                _call(env, "POST", f"/issues/{iid}/notes", {"body": "Alle links werken weer."})
                _call(env, "PUT", f"/issues/{iid}", {"state_event": "close"})
                print(f"issue #{iid} gesloten: alle links werken weer")
            return 0
        body = report.read_text(encoding="utf-8")
        if open_issues:
            iid = open_issues[0]["iid"]
            _call(env, "PUT", f"/issues/{iid}", {"description": body})
            print(f"issue #{iid} bijgewerkt")
        else:
            made = _call(
                env, "POST", "/issues", {"title": TITLE, "description": body, "labels": LABEL}
            )
            print(f"issue #{made['iid']} geopend")
    except (urllib.error.URLError, OSError, ValueError, KeyError) as exc:
        print(
            f"fout: de GitLab-API gaf geen bruikbaar antwoord ({type(exc).__name__})",
            file=sys.stderr,
        )
        return 2
    return 1  # dead links: the scheduled job shows red, the issue says which


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(
            "gebruik: dode_links_issue.py <rapport.md> <afsluitcode van make ci-links>",
            file=sys.stderr,
        )
        sys.exit(2)
    sys.exit(main(sys.argv[1:], dict(os.environ)))
