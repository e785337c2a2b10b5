"""The order `make course` grades lessons in, on tiny lessons in tmp_path: no kernel."""

from __future__ import annotations

import json
from pathlib import Path

from grader.authoring.release import write
from grader.course.layout import FRAMEWORKS, Lesson
from grader.jobs.course import longest_first
from tests.notebooks import notebook, solution_cell


def lesson_with_code(root: Path, assignment: str, lines: int) -> Lesson:
    lesson = Lesson(root, assignment)
    for framework in FRAMEWORKS:
        write(notebook(solution_cell("x = 1\n" * lines)), lesson.source(framework))
    return lesson


def test_the_last_run_orders_the_lessons_longest_first_and_a_new_lesson_leads(tmp_path):
    small, big, new = (lesson_with_code(tmp_path, a, n) for a, n in
                       (("01_small", 1), ("02_big", 50), ("03_new", 5)))
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"runs": [
        {"assignment": "01_small", "seconds": 30.0}, {"assignment": "01_small", "seconds": 40.0},
        {"assignment": "02_big", "seconds": 60.0}]}))
    # 01_small took 70 s, 02_big 60 s: the measured seconds win over the size of the code
    order = longest_first([small, big, new], report)
    assert [x.assignment_id for x in order] == ["03_new", "01_small", "02_big"]


def test_without_a_last_run_the_largest_code_goes_first(tmp_path):
    small, big, middle = (lesson_with_code(tmp_path, a, n) for a, n in
                          (("01_small", 1), ("02_big", 50), ("03_middle", 5)))
    for missing_or_broken in ("", "{not json"):
        report = tmp_path / "report.json"
        if missing_or_broken:
            report.write_text(missing_or_broken)
        order = longest_first([small, big, middle], report)
        assert [x.assignment_id for x in order] == ["02_big", "03_middle", "01_small"]
