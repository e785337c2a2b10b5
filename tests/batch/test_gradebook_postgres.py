"""Merging into a PostgreSQL gradebook that other shards share: a real server (tests/postgres.py).

A shard's generate_assignment re-creates, cell by cell, a notebook that has no submission yet; a
submission another shard added meanwhile lacked the cells not yet made (CI: "No such taskcomment").
So merges wait for the course lock that generate_assignment holds.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, text

from grader.batch import gradebook
from tests import postgres

postgres_url = postgres.postgres_url  # the fixture: a throwaway server (tests/postgres.py)
pytestmark = pytest.mark.slow
COURSE, ASSIGNMENT, NOTEBOOK = "course", "a1", "nb"


def make_assignment(url: str) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(url, COURSE) as gb:
        gb.add_assignment(ASSIGNMENT)
        gb.add_notebook(NOTEBOOK, ASSIGNMENT)
        gb.add_grade_cell("test_1", NOTEBOOK, ASSIGNMENT, max_score=2, cell_type="code")
        gb.add_task_cell("task_1", NOTEBOOK, ASSIGNMENT, max_score=1, cell_type="markdown")


def graded_privately(url: str, student: str, score: float) -> None:
    from nbgrader.api import Gradebook

    make_assignment(url)
    with Gradebook(url, COURSE) as gb:
        gb.add_student(student)
        gb.add_submission(ASSIGNMENT, student)
        grade = gb.find_grade("test_1", NOTEBOOK, ASSIGNMENT, student)
        grade.auto_score = score
        gb.db.commit()


def waiting_for_lock(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        waiting = connection.execute(
            text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).scalar()
    engine.dispose()
    return int(waiting)


def test_a_merge_waits_while_another_shard_holds_the_course_lock(postgres_url, tmp_path):
    from nbgrader.api import Gradebook

    make_assignment(postgres_url)
    private = f"sqlite:///{tmp_path / 'private.db'}"
    graded_privately(private, "bob", 2.0)
    merge = threading.Thread(target=gradebook.merge_submission,
                             args=(postgres_url, private, COURSE, ASSIGNMENT, "bob"))
    with gradebook.course_lock(postgres_url):  # as a shard's generate_assignment holds it
        merge.start()
        for _ in range(200):
            if waiting_for_lock(postgres_url):
                break
            merge.join(0.05)
        assert merge.is_alive() and waiting_for_lock(postgres_url) == 1, \
            "the merge went ahead while another shard held the course lock"
        with Gradebook(postgres_url, COURSE) as gb:
            assert [s.student.id for s in gb.find_assignment(ASSIGNMENT).submissions] == []
    merge.join(30)
    assert not merge.is_alive()
    with Gradebook(postgres_url, COURSE) as gb:
        merged = gb.find_submission_notebook(NOTEBOOK, ASSIGNMENT, "bob")
        assert merged.score == 2.0
        assert gb.find_comment("task_1", NOTEBOOK, ASSIGNMENT, "bob") is not None
