"""Sharded grading into one PostgreSQL gradebook: a real server, installed and started by the test.

Two shards run at the same time as two processes (as two machines would) and write into the same
database; nbgrader's own export then sees every student exactly once with the right score.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pytest

from grader.batch import sandbox
from grader.batch.plan import shard_of
from grader.batch.results import nbgrader_export
from grader.course.nbgrader_api import database_url
from tests import postgres
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "batch" / "submitted"
STUDENTS = ("good", "exception", "misnamed", "extra_files")
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("batch"),
              pytest.mark.skipif(not sandbox.sandbox_support().available, reason="needs the sandbox")]
postgres_url = postgres.postgres_url  # the fixture: a throwaway server (tests/postgres.py)


def test_two_concurrent_shards_grade_into_one_postgres_gradebook(postgres_url, tmp_path):
    submitted = tmp_path / "submitted"
    for student in STUDENTS:
        shutil.copytree(FIXTURES / student, submitted / student)
    shards = {i: sorted(s for s in STUDENTS if shard_of(s, 2) == i - 1) for i in (1, 2)}
    assert all(shards.values()), f"both shards should get students: {shards}"
    processes = [subprocess.Popen(
        [sys.executable, "-m", "grader", "autograde", str(submitted), "--assignment", "01_autograd",
         "--db", postgres_url, "--shard", f"{i}/2", "--jobs", "1", "--out", str(tmp_path / f"shard{i}")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for i in (1, 2)]
    for process in processes:
        output, _ = process.communicate(timeout=900)
        assert process.returncode == 0, output[-3000:]
    for i, students in shards.items():
        folder = tmp_path / f"shard{i}" / "results"
        results = {p.stem: json.loads(p.read_text()) for p in folder.glob("*.json")}
        assert sorted(results) == students, f"shard {i} graded {sorted(results)}, expected {students}"
        statuses = {s: r["notebooks"]["autograd_pytorch"]["status"] for s, r in results.items()}
        assert set(statuses.values()) == {"ok"}, f"shard {i}: {statuses}"
    export = tmp_path / "export.csv"
    # After both shards: nbgrader's view of the shared gradebook.
    nbgrader_export(database_url(postgres_url), export)
    with open(export) as handle:
        rows = [r for r in csv.DictReader(handle) if r["assignment"] == "01_autograd"]
    scores = {r["student_id"]: float(r["score"]) for r in rows}
    assert len(rows) == len(STUDENTS), f"each student exactly once: {[r['student_id'] for r in rows]}"
    assert scores == {"good": 12, "exception": 9, "misnamed": 12, "extra_files": 12}
