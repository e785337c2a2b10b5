"""Results for instructors from per-student result files: rows, CSV, summary, histograms, reports."""

from __future__ import annotations

import csv

from grader.batch import results
from grader.batch.model import BatchRun, NotebookResult, StudentResult

ALICE_JSON = {"student": "alice", "digest": "ab12", "flags": ["zip held extra files"], "seconds": 4.5,
              "notebooks": {
    "autograd_pytorch": {"status": "ok", "seconds": 4.5, "score": 3.0, "max": 4.0,
                         "tests": {"ex1_f_visible": [1.0, 1.0], "ex1_f_hidden": [0.0, 1.0],
                                   "ex2_g_visible": [2.0, 2.0]}, "flags": ["ex1_f: imports ctypes"]},
    "autograd_tensorflow": {"status": "missing", "score": 0.0, "max": 4.0, "tests": {}, "flags": []},
}}
ALICE = StudentResult.from_json(ALICE_JSON)
BOB = StudentResult("bob", "cd34", [], 2.0, {"autograd_pytorch": NotebookResult(
    "kernel died", 1.0, 4.0, {"ex1_f_visible": [1.0, 1.0], "ex2_g_visible": [None, 2.0]}, [], 2.0)})
EXERCISE_OF = {"ex1_f_visible": "ex1_f", "ex1_f_hidden": "ex1_f", "ex2_g_visible": "ex2_g"}


def test_exercise_rows_add_up_tests_per_exercise_and_keep_a_row_for_missing_notebooks():
    rows = results.exercise_rows([ALICE, BOB], EXERCISE_OF)
    flags = "zip held extra files; ex1_f: imports ctypes"
    assert rows == [
        {"student": "alice", "notebook": "autograd_pytorch", "exercise": "ex1_f", "score": 1.0, "max": 2.0,
         "status": "ok", "flags": flags},
        {"student": "alice", "notebook": "autograd_pytorch", "exercise": "ex2_g", "score": 2.0, "max": 2.0,
         "status": "ok", "flags": flags},
        {"student": "alice", "notebook": "autograd_tensorflow", "exercise": "", "score": 0.0, "max": 4.0,
         "status": "missing", "flags": "zip held extra files"},
        {"student": "bob", "notebook": "autograd_pytorch", "exercise": "ex1_f", "score": 1.0, "max": 1.0,
         "status": "kernel died", "flags": ""},
        {"student": "bob", "notebook": "autograd_pytorch", "exercise": "ex2_g", "score": 0.0, "max": 2.0,
         "status": "kernel died", "flags": ""},
    ]


def test_an_unknown_test_is_its_own_exercise():
    rows = results.exercise_rows([BOB], {})
    assert [r["exercise"] for r in rows] == ["ex1_f_visible", "ex2_g_visible"]


def test_csv_has_the_columns_and_compact_numbers(tmp_path):
    path = tmp_path / "out" / "grades.csv"
    results.write_csv(path, results.exercise_rows([ALICE], EXERCISE_OF))
    with path.open() as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == results.CSV_COLUMNS
    assert [(r["exercise"], r["score"], r["max"]) for r in rows] == [("ex1_f", "1", "2"), ("ex2_g", "2", "2"),
                                                                     ("", "0", "4")]
    assert list(tmp_path.joinpath("out").iterdir()) == [path]  # nothing half-written left behind


def test_summary_table_totals_statuses_and_flag_counts():
    lines = results.summary_table([BOB, ALICE]).splitlines()
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in lines]
    assert cells[0] == ["student", "score", "status", "flags"]
    assert cells[2:] == [["alice", "3/8", "missing", "2"], ["bob", "1/4", "kernel died", "0"]]


def test_a_result_file_reads_back_as_it_was_written():
    assert ALICE.to_json() == ALICE_JSON
    assert list(ALICE.to_json()["notebooks"]["autograd_pytorch"]) == [
        "status", "seconds", "score", "max", "tests", "flags"]
    assert "seconds" not in ALICE.to_json()["notebooks"]["autograd_tensorflow"]  # never run
    assert StudentResult.from_json(BOB.to_json()) == BOB
    assert (ALICE.score, ALICE.max_score) == (3.0, 8.0)


def test_per_exercise_adds_up_tests_and_treats_none_as_zero():
    assert BOB.notebooks["autograd_pytorch"].per_exercise(EXERCISE_OF) == {"ex1_f": (1.0, 1.0),
                                                                           "ex2_g": (0.0, 2.0)}


def test_summary_says_ok_when_every_notebook_is_ok():
    fine = StudentResult("carol", "", [], 0.0, {"a": NotebookResult("ok", 1.0, 1.0)})
    assert "| carol   | 1/1   | ok     | 0     |" in results.summary_table([fine])


def test_histograms_are_written_for_totals_and_exercises(tmp_path):
    rows = results.exercise_rows([ALICE, BOB], EXERCISE_OF)
    written = results.write_histograms(tmp_path / "plots", rows, [ALICE, BOB])
    assert [p.name for p in written] == ["totals.png", "exercises.png"]
    for path in written:
        assert path.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in (tmp_path / "plots").iterdir()) == ["exercises.png", "totals.png"]


def test_without_exercise_rows_only_totals_are_plotted(tmp_path):
    written = results.write_histograms(tmp_path, [], [ALICE])
    assert [p.name for p in written] == ["totals.png"]


def test_write_reports_writes_every_report_of_a_run(tmp_path, monkeypatch):
    # nbgrader's own export needs a real gradebook (and its `alembic` command): the batch tests
    # cover it; here it only has to be asked for the run's gradebook and its file.
    exported = []
    monkeypatch.setattr(results, "nbgrader_export",
                        lambda db_url, path: exported.append(db_url) or path.write_text("student_id\n"))
    run = BatchRun("01_autograd", tmp_path, "sqlite:///gradebook.db", EXERCISE_OF, [ALICE, BOB])
    paths = results.write_reports(run)
    assert sorted(paths) == ["csv", "exercises", "nbgrader_csv", "totals"]
    assert all(path.is_file() for path in paths.values())
    assert exported == ["sqlite:///gradebook.db"]
    assert (tmp_path / "summary.md").read_text() == results.summary_table([ALICE, BOB]) + "\n"
    assert run.by_student()["bob"] is BOB
    elsewhere = results.write_reports(run, tmp_path / "as typed")
    assert elsewhere["csv"] == tmp_path / "as typed" / "grades.csv"
