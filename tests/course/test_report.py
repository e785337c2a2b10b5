"""Tables for the terminal and files written atomically (grader.course.report)."""

from __future__ import annotations

import json

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
