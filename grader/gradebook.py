"""Grading with stock nbgrader into a gradebook of our own, and reading scores back out of it.

The course job grades data/submissions/ this way; nothing here computes a score itself.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from . import nbgrader_course
from .course import FRAMEWORKS, SOURCE_DIR, Lesson


@dataclass(frozen=True)
class NotebookScore:
    student: str
    assignment: str
    notebook: str
    score: float
    max_score: float
    exercise_scores: dict[str, tuple[float, float]]  # test grade_id -> (score, max)


def grading_config(root: Path, work_dir: Path, submissions_dir: Path):
    """nbgrader config whose source is solutions/ and whose every other folder lives in work_dir."""
    return nbgrader_course.course_config(
        root,
        root=work_dir.resolve(),
        source_directory=(root / SOURCE_DIR).resolve(),
        release_directory=(work_dir / "release").resolve(),
        submitted_directory=submissions_dir.resolve(),
        db_url=nbgrader_course.sqlite_url(work_dir / "gradebook.db"),
    )


def autograde(root: Path, lessons_: list[Lesson], submissions_dir: Path, work_dir: Path,
              students: list[str] | None = None, fresh: bool = True) -> list[NotebookScore]:
    """Stock nbgrader: generate_assignment (fills the gradebook) then autograde each submission."""
    if fresh and work_dir.exists():
        shutil.rmtree(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    config = grading_config(root, work_dir, submissions_dir)
    api = nbgrader_course.api(config)
    students = students or sorted(p.name for p in submissions_dir.iterdir() if p.is_dir())
    with nbgrader_course.quiet_nbgrader_log():
        for lesson in lessons_:
            nbgrader_course.checked(api.generate_assignment(lesson.assignment_id),
                                    f"generate_assignment {lesson.assignment_id}")
            for student in students:
                if (submissions_dir / student / lesson.assignment_id).is_dir():
                    nbgrader_course.checked(api.autograde(lesson.assignment_id, student),
                                            f"autograde {lesson.assignment_id} for {student}")
    return scores(config.CourseDirectory.db_url, lessons_, students)


def scores(db_url: str, lessons_: list[Lesson], students: list[str]) -> list[NotebookScore]:
    from nbgrader.api import Gradebook, MissingEntry

    found = []
    with Gradebook(db_url) as gb:
        for lesson in lessons_:
            for student in students:
                for notebook in (lesson.notebook_id(fw) for fw in FRAMEWORKS):
                    try:
                        nb = gb.find_submission_notebook(notebook, lesson.assignment_id, student)
                    except MissingEntry:
                        continue
                    per_test = {g.name: (g.score or 0.0, g.max_score) for g in nb.grades
                                if g.cell_type == "code" and g.max_score}
                    found.append(NotebookScore(student, lesson.assignment_id, notebook,
                                               nb.score, nb.max_score, per_test))
    return found
