"""Sample submissions built from the release, the solutions and the committed wrong answers.

Built, not hand-edited, so they stay in step with the lessons; `samples` writes them and a test
checks the committed copies are current.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grader.authoring.release import read, write
from grader.authoring.wrong_answers import wrong_answers
from grader.course import cells
from grader.course.layout import FRAMEWORKS, Lesson
from grader.errors import CourseError

STUDENTS_FILE = Path("data") / "sample_students.toml"
SUBMISSIONS_DIR = Path("data") / "submissions"


@dataclass(frozen=True)
class SampleStudent:
    student_id: str
    about: str
    answers: str  # "solution" or "blank"
    mistakes: tuple[str, ...]


def sample_students(root: Path) -> list[SampleStudent]:
    path = root / STUDENTS_FILE
    try:
        table = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CourseError(f"{path}: {exc}") from exc
    students = []
    for student_id, spec in table.items():
        if spec.get("answers") not in ("solution", "blank"):
            raise CourseError(f"{path}: [{student_id}] answers must be 'solution' or 'blank'")
        students.append(SampleStudent(student_id, spec.get("about", ""), spec["answers"],
                                      tuple(spec.get("mistakes", []))))
    return students


def submission(release_nb: nbformat.NotebookNode, source_nb: nbformat.NotebookNode,
               answers: dict[str, str]) -> nbformat.NotebookNode:
    """The release with the solution cells named in `answers` filled in by a student."""
    nb = nbformat.from_dict(release_nb)
    for cell in nb.cells:
        if cells.is_solution(cell) and cells.grade_id(cell) in answers:
            cell.source = answers[cells.grade_id(cell)]
    return nb


def answers_for(student: SampleStudent, lesson: Lesson, framework: str,
                source_nb: nbformat.NotebookNode) -> dict[str, str]:
    if student.answers == "blank":
        return {}
    chosen = {cells.grade_id(c): cells.student_answer(c.source)
              for c in source_nb.cells if cells.is_solution(c)}
    committed = wrong_answers(lesson, framework)
    for grade_id in chosen:
        if any(grade_id.startswith(prefix + "_") for prefix in student.mistakes):
            if not committed.get(grade_id):
                raise CourseError(f"{student.student_id}: no wrong answer committed for {grade_id}")
            chosen[grade_id] = committed[grade_id][0].source
    return chosen


def quick_run(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as a student hands it in after a quick run: `FAST = True` in its parameters cell.

    A student may do that, and it keeps `make course` short; `make bench` grades `FAST = False`.
    """
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace("FAST = False", "FAST = True")
    return nb


def build_samples(root: Path, lessons_: list[Lesson], out_dir: Path | None = None) -> list[Path]:
    """Write every sample student's submission of every lesson; returns the files written."""
    out_dir = out_dir or root / SUBMISSIONS_DIR
    written = []
    for student in sample_students(root):
        for lesson in lessons_:
            for framework in FRAMEWORKS:
                source_nb = read(lesson.source(framework))
                nb = quick_run(submission(read(lesson.release(framework)), source_nb,
                                          answers_for(student, lesson, framework, source_nb)))
                path = out_dir / student.student_id / lesson.assignment_id / lesson.notebook_name(framework)
                write(nb, path)
                written.append(path)
    return written
