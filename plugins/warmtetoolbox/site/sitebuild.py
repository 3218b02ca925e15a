"""Build one edition of the site into a folder, all or nothing, never over someone's files.

The site is built by a real ``mkdocs build --strict`` into a staging folder
``.<out>-bouw-*`` next to the target; only a successful build is moved into place.
A failed or interrupted build leaves the previous site untouched.

``--out`` only ever replaces a folder this command made itself (it holds the marker
file ``.warmtetoolbox-site``) or an empty one. It refuses a file, a symlink, the
repository (the folder with ``mkdocs.yml`` or ``.git``), its parents, and its source
folders (``toolbox/``, ``docs/``, ``plugins/``, ``tests/``) and everything inside them.

Recovery: every staging folder holds ``.warmtetoolbox-bouw`` with the builder's pid.
SIGTERM and SIGINT stop the ``mkdocs`` child and remove the staging folder. After a
hard kill, the next build of the same ``--out`` finds the leftover (marker present,
pid gone): when ``--out`` is missing because the kill fell between the two renames,
it moves the finished new site (or else the previous one) back into place; then it
removes the leftover. Folders without the marker are never touched.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..model.plurals import count
from .child_guard import die_with_parent
from .urls import published_url

MARKER = ".warmtetoolbox-site"
STAGING_MARKER = ".warmtetoolbox-bouw"
SOURCE_FOLDERS = ("toolbox", "docs", "plugins", "tests", ".git")
REPOSITORY_FILES = ("mkdocs.yml", ".git", "taxonomy.yml")
SHOWN_LINES = 30
_STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}
_LEVEL = re.compile(r"^(WARNING|ERROR)\s*-\s*(.*)$")
_REDUNDANT = re.compile(r"^Error building page '.*':$")
_ABORTED = re.compile(r"^Aborted with (\d+) warnings? in strict mode!?$")
_DUTCH_OS = {
    errno.ENOENT: "bestaat niet",
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toestemming",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "is een map",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.EXDEV: "ligt op een ander bestandssysteem",
    errno.ENOTEMPTY: "de map is niet leeg",
}


class BuildFailed(RuntimeError):
    """The build did not succeed; the message is Dutch and says why."""


class BuildInterrupted(BuildFailed):
    """SIGTERM or SIGINT arrived; the child is stopped and the staging folder removed."""


def build_edition(config: Path, edition: str, out: Path, site_url: str | None = None) -> list[str]:
    """Build ``edition`` into ``out``; returns Dutch notices (warnings, recoveries).

    Every edition but the internal one is published: it needs its real address, or its
    sitemap, canonical links and feeds would point nowhere (or at this machine).
    """
    if not config.is_file():
        raise BuildFailed(f"{config} niet gevonden; geef met --config de mkdocs.yml op")
    given = site_url if site_url is not None else os.environ.get("WARMTETOOLBOX_SITE_URL")
    address = published_url(given)
    if address is None and edition != "internal":
        shown = f" ('{given}' is geen openbaar webadres)" if given else ""
        raise BuildFailed(
            f"de editie '{edition}' heeft een webadres nodig{shown}; geef het met --site-url "
            "https://… of zet WARMTETOOLBOX_SITE_URL (bijvoorbeeld https://warmtetoolbox.nl/)"
        )
    root = config.resolve().parent
    try:
        out = Path(os.path.abspath(out))
        out = out.parent.resolve() / out.name
        check_target(out, root)
        notices = recover(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=_prefix(out), dir=out.parent))
        (staging / STAGING_MARKER).write_text(json.dumps({"pid": os.getpid()}), "utf-8")
    except OSError as exc:
        raise BuildFailed(dutch_os_error(exc)) from None
    previous = {sig: signal.signal(sig, _interrupt) for sig in _STOP_SIGNALS}
    try:
        notices += _run_mkdocs(config, edition, staging / "site", address)
        (staging / "site" / MARKER).write_text(
            "Gemaakt door 'warmtetoolbox build'; deze map mag bij een volgende build "
            "worden vervangen.\n",
            encoding="utf-8",
        )
        # no interruption between the two renames
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, set(previous))
        try:
            _swap_into_place(staging / "site", out, staging)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    except BuildInterrupted:
        raise
    except BuildFailed as exc:
        raise BuildFailed("\n".join([str(exc), *notices])) from None
    except OSError as exc:
        raise BuildFailed("\n".join([dutch_os_error(exc), *notices])) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        shutil.rmtree(staging, ignore_errors=True)
    return notices


def _prefix(out: Path) -> str:
    return f".{out.name}-bouw-"


def _interrupt(signum, frame):
    raise BuildInterrupted("de build is onderbroken; de vorige site blijft staan")


def check_target(out: Path, root: Path) -> None:
    """Raise ``BuildFailed`` when ``out`` is not a folder this command may replace."""

    def refuse(reason: str) -> None:
        raise BuildFailed(
            f"--out {out} {reason}; kies een nieuwe of lege map buiten de bronmappen, "
            "bijvoorbeeld --out site-public"
        )

    root = root.resolve()
    if out == root or out in root.parents:
        refuse("is de repository of een map daarboven; die wordt nooit vervangen")
    for folder in SOURCE_FOLDERS:
        if out == root / folder or (root / folder) in out.parents:
            refuse(f"ligt in de bronmap {folder}/; die wordt nooit vervangen")
    if out.is_symlink():
        refuse("is een snelkoppeling (symlink); geef de echte map op")
    if not out.exists():
        return
    if not out.is_dir():
        refuse("is een bestand en geen map; het wordt niet overschreven")
    names = {p.name for p in out.iterdir()}
    if names & {*REPOSITORY_FILES, *SOURCE_FOLDERS}:
        refuse("bevat een repository of bronmap; die wordt nooit vervangen")
    if names and MARKER not in names:
        refuse(
            f"bestaat al en is niet door 'warmtetoolbox build' gemaakt (het bestand {MARKER} "
            "ontbreekt); verwijder de map zelf als die weg mag"
        )


def recover(out: Path) -> list[str]:
    """Finish or undo swaps of killed builds of ``out`` and remove their leftovers."""
    notices = []
    if not out.parent.is_dir():
        return notices
    for staging in sorted(out.parent.glob(_prefix(out) + "*")):
        if staging.is_dir() and not staging.is_symlink() and not any(staging.iterdir()):
            staging.rmdir()  # killed before its marker was written: holds nothing
            continue
        owner = _owner(staging)
        if owner is None or _alive(owner):
            continue  # not ours, or a build that is still running
        if not out.exists() and not out.is_symlink():
            for name in ("site", "vorige"):
                candidate = staging / name
                finished = name == "vorige" or (candidate / MARKER).is_file()
                if finished and candidate.is_dir() and not candidate.is_symlink():
                    os.replace(candidate, out)
                    notices.append(
                        f"waarschuwing: een onderbroken build van {out} is hersteld "
                        f"({'nieuwe' if name == 'site' else 'vorige'} site teruggezet)"
                    )
                    break
        shutil.rmtree(staging, ignore_errors=True)
    return notices


def _owner(staging: Path) -> int | None:
    marker = staging / STAGING_MARKER
    if staging.is_symlink() or not staging.is_dir() or not marker.is_file():
        return None
    try:
        pid = json.loads(marker.read_text("utf-8"))["pid"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return pid if isinstance(pid, int) else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # a live process of another user
    return True


def _child_setup() -> None:  # pragma: no cover - runs in the child
    """Undo the signal mask of the builder; on Linux, stop when the builder dies."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    die_with_parent(os.getppid(), signal.SIGTERM)


def _run_mkdocs(config: Path, edition: str, target: Path, site_url: str | None) -> list[str]:
    env = {**os.environ, "WARMTETOOLBOX_EDITION": edition, "NO_MKDOCS_2_WARNING": "1"}
    env["WARMTETOOLBOX_SITE_URL"] = site_url or ""
    # No -q: it would hide warnings from the --strict counter.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    command += ["-f", str(config), "-d", str(target)]
    # A signal that arrives while the child is being started must still stop it.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        proc = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            preexec_fn=_child_setup,
        )
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        output, _ = proc.communicate()
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    lines = attention_lines(output)
    if proc.returncode != 0:
        detail = "\n".join(lines[-SHOWN_LINES:]) or f"mkdocs stopte met code {proc.returncode}"
        raise BuildFailed(
            f"de build van editie '{edition}' is mislukt; de vorige site blijft staan\n{detail}"
        )
    return lines


def attention_lines(output: str) -> list[str]:
    """The warnings and errors of a mkdocs run, each with a Dutch prefix; nothing else."""
    shown = []
    for raw in output.splitlines():
        line = raw.strip()
        level = _LEVEL.match(line)
        aborted = _ABORTED.match(line)
        if level:
            message = level.group(2).strip()
            if _REDUNDANT.match(message):
                continue  # the next line names the page in Dutch
            if re.search(r"(^|: )(fout|waarschuwing): ", message):
                shown.append(message)  # our own problems are Dutch already
            else:
                prefix = "fout" if level.group(1) == "ERROR" else "waarschuwing"
                shown.append(f"{prefix}: {message}")
        elif aborted:
            shown.append(
                f"fout: afgebroken door {count(int(aborted.group(1)), 'waarschuwing', 'waarschuwingen')} "
                "in strikte modus"
            )
    return list(dict.fromkeys(shown))  # a warning repeated per page is shown once


def _swap_into_place(built: Path, out: Path, staging: Path) -> None:
    """Replace ``out`` by ``built`` with two renames; the old site goes last."""
    if out.exists():
        old = staging / "vorige"
        os.replace(out, old)
        try:
            os.replace(built, out)
        except OSError:
            os.replace(old, out)
            raise
    else:
        os.replace(built, out)


def dutch_os_error(exc: OSError) -> str:
    reason = _DUTCH_OS.get(exc.errno or 0, f"systeemfout {exc.errno}")
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{reason}; controleer het pad en de rechten"
