"""The course's meaning of nbgrader cell metadata, on nbgrader's own cell helpers."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_markdown_cell

from grader.course import cells
from tests.notebooks import graded_cell, locked_cell, nbgrader, notebook, solution_cell


def test_kinds_of_cells():
    answer = solution_cell("x = 1")
    test = graded_cell("assert x == 1")
    manual = new_code_cell("x = 2", metadata=nbgrader("ex2_manual", grade=True, solution=True, points=2))
    essay = new_markdown_cell("why?", metadata=nbgrader("essay", grade=True, solution=True, points=1))
    task = new_markdown_cell("task", metadata=nbgrader("task", grade=True, locked=True, points=1))
    helper, plain = locked_cell("def h(): ..."), new_code_cell("y = 1")
    assert [cells.is_solution(c) for c in (answer, test, manual, essay, task, helper, plain)] == [
        True, False, True, False, False, False, False]
    assert [cells.is_test(c) for c in (answer, test, manual, essay, task, helper, plain)] == [
        False, True, False, False, False, False, False]
    assert [bool(cells.is_locked(c)) for c in (answer, test, manual, helper, plain)] == [
        False, True, False, True, False]
    assert cells.grade_id(test) == "ex1_f_visible" and cells.points(test) == 1.0
    assert cells.grade_id(plain) is None and cells.points(plain) == 0.0


def test_exercises_gather_their_following_tests():
    nb = notebook(graded_cell("assert True", grade_id="orphan"), solution_cell("a = 1", "ex1_a"),
                  graded_cell("assert a", "ex1_a_visible"), new_markdown_cell("text"),
                  graded_cell("assert a", "ex1_a_hidden"), solution_cell("b = 1", "ex2_b"),
                  graded_cell("assert b", "ex2_b_visible"))
    assert [(e.grade_id, e.solution_index, e.test_indices) for e in cells.exercises(nb)] == [
        ("ex1_a", 1, [2, 4]), ("ex2_b", 5, [6])]


def test_student_answer_and_has_code():
    source = "### BEGIN SOLUTION\ndef f(x):\n    return x\n### END SOLUTION"
    assert cells.student_answer(source) == "def f(x):\n    return x"
    assert cells.has_code("# only a comment\n\n") is False
    assert cells.has_code("# comment\nx = 1") is True
