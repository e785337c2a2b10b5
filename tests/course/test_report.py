"""Tables for the terminal and files written atomically (grader.course.report)."""

from __future__ import annotations

import json
import os
import stat

import pytest

from grader.course import report


def test_table_is_aligned_markdown():
    assert report.table(["name", "n"], [["a", 1], ["longer", 22]]).splitlines() == [
        "| name   | n  |",
        "|--------|----|",
        "| a      | 1  |",
        "| longer | 22 |",
    ]


def test_write_atomic_creates_folders_and_replaces(tmp_path):
    path = tmp_path / "a" / "b" / "file.txt"
    report.write_atomic(path, "one")
    report.write_atomic(path, "two")
    assert path.read_text() == "two"
    assert list(path.parent.iterdir()) == [path]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "file.txt"
    report.write_atomic(path, "old")

    class Unwritable:
        def __str__(self):
            raise RuntimeError("boom")

    with pytest.raises(TypeError):
        report.write_atomic(path, Unwritable())  # type: ignore[arg-type]
    assert path.read_text() == "old"
    assert list(tmp_path.iterdir()) == [path]


def test_write_json_is_indented_and_stringifies_paths(tmp_path):
    path = tmp_path / "r.json"
    report.write_json(path, {"path": tmp_path, "n": 1})
    assert json.loads(path.read_text()) == {"path": str(tmp_path), "n": 1}
    assert path.read_text().endswith("}\n") and '\n  "n": 1' in path.read_text()


def test_atomic_writes_leave_no_temporary_file_and_a_normal_mode(tmp_path):
    target = tmp_path / "deep" / "report.md"
    report.write_atomic(target, "text\n")
    report.write_atomic(tmp_path / "plot.png", b"\x89PNG")
    assert target.read_text() == "text\n" and (tmp_path / "plot.png").read_bytes() == b"\x89PNG"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask, "reports are shared files, not private ones"
    with pytest.raises(RuntimeError), report.atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed")
    assert target.read_text() == "text\n", "a failed write leaves the old file as it was"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["deep", "plot.png", "report.md"]
