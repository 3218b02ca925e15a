"""Odd but valid inputs pass, and the loaded corpus holds what the files say."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import FIXTURE_TOOLBOX, VALID_QUESTION
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.model.problems import Problem

QUESTION = "toolbox/vragen/hoe-werkt-een-warmtepomp.md"


def test_fixture_toolbox_is_valid(cli):
    result = cli("check")
    assert result.code == 0, result.text
    assert "5 items gecontroleerd: 0 fouten, 0 waarschuwingen." in result.out


def test_utf8_bom_and_crlf_are_valid(workdir: Path, cli):
    text = "\ufeff" + VALID_QUESTION.replace("\n", "\r\n")
    (workdir / QUESTION).write_bytes(text.encode("utf-8"))
    result = cli("check")
    assert result.code == 0, result.text


def test_crlf_keeps_line_numbers(workdir: Path, cli):
    text = VALID_QUESTION.replace("version: 1", "version: nul").replace("\n", "\r\n")
    (workdir / QUESTION).write_bytes(text.encode("utf-8"))
    result = cli("check")
    assert f"{QUESTION}:8: fout: 'version' moet een geheel getal zijn" in result.out


def test_allowed_html_and_code_examples_pass(workdir: Path, cli):
    body = (
        "<abbr title='warmte-koudeopslag'>WKO</abbr> en H<sub>2</sub>, m<sup>2</sup><br>\n\n"
        "<details open><summary>Meer</summary>Tekst</details>\n\n"
        "Zo niet: `<script>` in een codefragment mag wel.\n\n"
        "```html\n<script>alert(1)</script>\n```\n"
    )
    (workdir / QUESTION).write_text(VALID_QUESTION + "\n" + body, encoding="utf-8")
    result = cli("check")
    assert result.code == 0, result.text


def test_quoted_dates_and_folded_summary_are_valid(workdir: Path, cli):
    text = VALID_QUESTION.replace("updated: 2026-01-10", 'updated: "2026-01-10"').replace(
        "summary: Een warmtepomp",
        "summary: >-\n  Een warmtepomp",
    )
    (workdir / QUESTION).write_text(text, encoding="utf-8")
    assert cli("check").code == 0


def test_corpus_holds_typed_values():
    result = load_toolbox(FIXTURE_TOOLBOX, today=date(2026, 6, 1))
    assert result.errors == 0
    question = result.corpus.get("wat-kost-aansluiten-op-een-warmtenet")
    assert question.type == "vragen"
    assert question.url == "vragen/wat-kost-aansluiten-op-een-warmtenet/"
    assert question.updated == date(2026, 1, 10)
    assert question.version == 2
    assert [a.municipality for a in question.asked_in] == ["teststad", "proefdorp"]
    assert question.effort_hours == 16.0
    assert question.changes[0].version == 2
    law = result.corpus.get("warmtewet-test")
    assert result.corpus.referenced_by(law) == (question,)
    assert law.valid_from == date(2014, 1, 1)
    assert law.scope == "national"


def test_review_overdue_depends_on_today():
    corpus = load_toolbox(FIXTURE_TOOLBOX, today=date(2026, 6, 1)).corpus
    law = corpus.get("warmtewet-test")
    assert not law.review_overdue(date(2026, 6, 1))
    assert law.review_overdue(date(2027, 1, 11))


def test_invalid_entry_is_left_out_of_the_corpus(workdir: Path):
    bad = VALID_QUESTION.replace("status: current", "status: klaar")
    (workdir / QUESTION).write_text(bad, encoding="utf-8")
    result = load_toolbox(workdir / "toolbox", today=date(2026, 6, 1))
    assert result.errors == 1
    assert result.corpus.get("hoe-werkt-een-warmtepomp") is None
    assert len(result.corpus) == 5


def test_undeclared_abbreviation_is_a_warning(workdir: Path, cli):
    text = VALID_QUESTION.replace(
        "Meer uitleg.", "Volgens de NEN-norm en het KNMI. Zie [RVO](https://x.nl/ABC)."
    )
    (workdir / QUESTION).write_text(text, encoding="utf-8")
    result = cli("check")
    assert result.code == 0
    assert f"{QUESTION}:19: waarschuwing: afkorting 'NEN' staat niet in de taxonomie" in result.out
    assert "afkorting 'KNMI'" in result.out and "afkorting 'RVO'" in result.out
    assert "'ABC'" not in result.out
    declared = text.replace("NEN-norm", "WUP")
    (workdir / QUESTION).write_text(declared, encoding="utf-8")
    assert "'NEN'" not in cli("check").out


def test_unused_tag_is_a_warning(workdir: Path, cli):
    taxonomy = workdir / "toolbox/taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8").replace(
        "  fase:\n",
        "      zonnewarmte:\n        label: Zonnewarmte\n        description: Warmte van de zon.\n  fase:\n",
    )
    taxonomy.write_text(text, encoding="utf-8")
    result = cli("check")
    assert result.code == 0
    assert (
        "toolbox/taxonomy.yml:1: waarschuwing: tag 'zonnewarmte' wordt door geen enkel item gebruikt"
        in result.out
    )


def test_memo_gives_the_same_result_and_sees_every_edit(tmp_path: Path):
    """A load with the memo (mkdocs serve) equals a fresh load, also after edits."""
    import shutil

    from warmtetoolbox.model.loading import EntryMemo

    root = tmp_path / "toolbox"
    shutil.copytree(FIXTURE_TOOLBOX, root)
    memo = EntryMemo()
    today = date(2026, 6, 1)

    def both():
        fresh = load_toolbox(root, today=today)
        kept = load_toolbox(root, today=today, memo=memo)
        assert kept.corpus.entries == fresh.corpus.entries
        assert kept.problems == fresh.problems
        return kept

    first = both()
    question = root / "vragen" / "wat-kost-aansluiten-op-een-warmtenet.md"
    text = question.read_text(encoding="utf-8")
    question.write_text(text.replace("version: 1", "version: nul"), encoding="utf-8")
    broken = both()
    assert len(broken.corpus) == len(first.corpus) - 1
    assert any("version" in p.message for p in broken.problems)
    question.write_text(text.replace("title: ", "title: Nieuw ", 1), encoding="utf-8")
    edited = both()
    assert any(e.title.startswith("Nieuw ") for e in edited.corpus)


def test_memo_kept_in_a_file_between_processes_gives_the_same_result(tmp_path: Path, monkeypatch):
    """A build reads unchanged files from the previous build's memo file: the same
    result as a fresh load; an edit, another day, other code or a damaged file miss."""
    import shutil

    from warmtetoolbox.model import load_memo, loading
    from warmtetoolbox.model.loading import EntryMemo

    root = tmp_path / "toolbox"
    shutil.copytree(FIXTURE_TOOLBOX, root)
    path = tmp_path / "bouw" / "laden.pickle"
    today = date(2026, 6, 1)
    validated = []
    real = loading._validate_raw
    monkeypatch.setattr(
        loading, "_validate_raw", lambda raw, *rest: validated.append(raw) or real(raw, *rest)
    )

    def load(day=today):
        validated.clear()
        memo = EntryMemo(path)  # a new process: only the file is shared
        kept = load_toolbox(root, today=day, memo=memo)
        memo.save()
        fresh = load_toolbox(root, today=day)
        assert kept.corpus.entries == fresh.corpus.entries and kept.problems == fresh.problems
        return len(validated) - len(fresh_files())

    def fresh_files():
        return list(root.rglob("*.md"))

    assert load() == len(fresh_files())  # the first build validates every file
    assert load() == 0  # the next one none
    question = root / "vragen" / "wat-kost-aansluiten-op-een-warmtenet.md"
    text = question.read_text(encoding="utf-8")
    question.write_text(text.replace("title: ", "title: Nieuw ", 1), encoding="utf-8")
    assert load() == 1  # only the edited file
    assert load(date(2026, 6, 2)) == len(fresh_files())  # another day: review dates
    monkeypatch.setattr(load_memo, "code_digest", lambda: "andere code")
    assert load(date(2026, 6, 2)) == len(fresh_files())
    for damage in (b"", b"geen pickle", path.read_bytes()[:100]):
        path.write_bytes(damage)
        assert load(date(2026, 6, 2)) == len(fresh_files())


def test_memo_file_of_an_edition_holds_only_what_it_shows_as_it_shows_it(tmp_path: Path):
    import dataclasses
    import pickle

    from warmtetoolbox.model.loading import EntryMemo

    path = tmp_path / "laden.pickle"
    memo = EntryMemo(path)
    result = load_toolbox(FIXTURE_TOOLBOX, today=date(2026, 6, 1), memo=memo)
    first, second, third, fourth, *rest = result.corpus
    warnings = (
        (second, "'summary' is moeilijk te lezen"),  # about a field shown unchanged
        (third, f"'summary' noemt {third.title}"),  # quotes what is left out
        (fourth, "'title' is te lang"),  # about the field the edition changes
    )
    for entry, message in warnings:
        key = next(k for k, (_, hit) in memo._results.items() if hit[0] == entry)
        digest, hit = memo._results[key]
        warning = Problem(entry.path, 1, "waarschuwing", message)
        memo._results[key] = (digest, (entry, (warning,), *hit[2:]))
    shown = {
        first.path: first,
        second.path: dataclasses.replace(second, title="Anders getoond"),
        third.path: dataclasses.replace(third, title="Ook anders getoond"),
        fourth.path: dataclasses.replace(fourth, title="Korter"),
    }
    # the rest is left out; the second, third and fourth are shown changed
    memo.save(published=shown)
    data = path.read_bytes()
    _, stored = pickle.loads(data)
    assert sorted(hit[1][0].path for hit in stored.values()) == sorted([first.path, second.path])
    assert second.title.encode() not in data and b"moeilijk te lezen" in data
    assert rest and all(e.path.encode() not in data for e in [third, fourth, *rest])
    again = EntryMemo(path)  # a hit gives the entry as the edition shows it
    corpus = load_toolbox(FIXTURE_TOOLBOX, today=date(2026, 6, 1), memo=again).corpus
    assert corpus.get(second.id).title == "Anders getoond"
    again.save(published={e.path: e for e in corpus})
    everything = {e.path: e for e in result.corpus}
    memo.save(published=everything)
    again = EntryMemo(path)
    load_toolbox(FIXTURE_TOOLBOX, today=date(2026, 6, 1), memo=again)  # every file a hit
    again.save(published={first.path: first})  # the edition now shows one entry
    _, stored = pickle.loads(path.read_bytes())
    assert [hit[1][0].path for hit in stored.values()] == [first.path]


def test_known_ids_add_a_few_ids_to_a_shared_set_without_copying_it():
    from warmtetoolbox.model.validation import KnownIds

    shared = {"a", "b"}
    known = KnownIds(shared, ["b", "c"])
    assert "a" in known and "c" in known and "d" not in known
    assert sorted(known) == ["a", "b", "c"] and len(known) == 3
    shared.add("e")  # a view: the shared set is not copied
    assert "e" in known
    union = known | {"d"}  # set operators give a plain frozenset, asked as often as wanted
    assert "d" in union and "d" in union and isinstance(union, frozenset)


def test_files_validated_on_two_cores_give_the_same_load(monkeypatch, tmp_path):
    """The build validates the files its memo lacks in two processes: the same corpus,
    problems and memo as one process."""
    import os

    from warmtetoolbox.model import loading
    from warmtetoolbox.model.loading import EntryMemo
    from warmtetoolbox.site import forked_call

    monkeypatch.setattr(forked_call, "SPLIT_FROM", 2)
    real = loading._validate_raw
    where = []
    monkeypatch.setattr(
        loading,
        "_validate_raw",
        lambda *args: where.append(os.getpid()) or real(*args),
    )
    today = date(2026, 6, 1)
    alone = load_toolbox(FIXTURE_TOOLBOX, today=today)
    memo = EntryMemo(tmp_path / "laden.pickle")
    where.clear()
    both = load_toolbox(FIXTURE_TOOLBOX, today=today, memo=memo, map_files=forked_call.forked_map)
    assert both.corpus.entries == alone.corpus.entries and both.problems == alone.problems
    assert where == [os.getpid()] * (alone.files // 2)  # the child did the other half
    memo.save()
    again = EntryMemo(tmp_path / "laden.pickle")
    where.clear()
    assert load_toolbox(FIXTURE_TOOLBOX, today=today, memo=again).problems == alone.problems
    assert where == []  # every file came from the memo the two processes filled
