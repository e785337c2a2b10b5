"""`check`: the course's house rules for every lesson pair (docs/authoring.md).

Pairing (same headings, grade ids and points), hygiene (no outputs, clean metadata), the fixed
opening, and exercise structure (visible and hidden tests, enough wrong and right answers).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from grader.authoring import hygiene, opening
from grader.authoring.release import read
from grader.authoring.wrong_answers import committed_answers, too_few_answers
from grader.course import cells
from grader.course.layout import FRAMEWORKS, Lesson, lessons, publish_settings

MIN_EXERCISES = 4
TITLE = re.compile(r"^# (\d\d) · .+ · (PyTorch|TensorFlow)$", re.MULTILINE)
SIDE_BY_SIDE = "## Side by side"


def headings(nb: nbformat.NotebookNode) -> list[str]:
    return [line.strip() for c in nb.cells if c.cell_type == "markdown"
            for line in c.source.splitlines() if line.startswith("## ")]


def graded(nb: nbformat.NotebookNode) -> list[tuple[str, float]]:
    return [(cells.grade_id(c) or "", cells.points(c)) for c in nb.cells
            if cells.is_grade(c) or cells.is_solution(c)]


def exercise_problems(nb: nbformat.NotebookNode, lesson: Lesson, framework: str) -> list[str]:
    problems = []
    found = cells.exercises(nb)
    if len(found) < MIN_EXERCISES:
        problems.append(f"{len(found)} exercises; at least {MIN_EXERCISES} are required")
    committed = committed_answers(lesson, framework)
    for exercise in found:
        tests = [nb.cells[i] for i in exercise.test_indices]
        if not exercise.grade_id.startswith("ex"):
            problems.append(f"solution cell {exercise.grade_id!r}: exercise grade ids start with 'ex'")
        if not tests:
            problems.append(f"{exercise.grade_id}: no autograded test cell follows it")
        for test in tests:
            if not (cells.grade_id(test) or "").startswith(exercise.grade_id + "_"):
                problems.append(f"test {cells.grade_id(test)!r} should be named {exercise.grade_id}_…")
            if cells.points(test) <= 0:
                problems.append(f"test {cells.grade_id(test)!r} carries no points")
        if not any(cells.BEGIN_HIDDEN in t.source for t in tests):
            problems.append(f"{exercise.grade_id}: no hidden tests")
        if not any(cells.BEGIN_HIDDEN not in t.source and "assert" in t.source for t in tests):
            problems.append(f"{exercise.grade_id}: no visible test cell with asserts")
    problems += too_few_answers(committed, [e.grade_id for e in found])
    unknown = set(committed) - {e.grade_id for e in found}
    if unknown:
        problems.append(f"committed answers for unknown exercises: {sorted(unknown)}")
    return problems


def notebook_problems(lesson: Lesson, framework: str) -> list[str]:
    path = lesson.source(framework)
    nb = read(path)
    relative = path.relative_to(lesson.root).as_posix()
    problems = hygiene.hygiene_problems(nb)
    problems += opening.opening_problems(nb, path, publish_settings(lesson.root), relative)
    title = TITLE.search(nb.cells[0].source) if nb.cells else None
    if not title or title.group(1) != lesson.number or title.group(2) != opening.LABELS[framework]:
        problems.append(f"title should read '# {lesson.number} · <Topic> · {opening.LABELS[framework]}'")
    found = headings(nb)
    if not found or found[-1] != SIDE_BY_SIDE:
        problems.append(f"the last section must be '{SIDE_BY_SIDE}'")
    problems += exercise_problems(nb, lesson, framework)
    return [f"{relative}: {p}" for p in problems]


def pairing_problems(lesson: Lesson) -> list[str]:
    torch_nb, tf_nb = (read(lesson.source(fw)) for fw in FRAMEWORKS)
    problems = []
    if headings(torch_nb) != headings(tf_nb):
        problems.append(f"section headings differ: {headings(torch_nb)} vs {headings(tf_nb)}")
    if graded(torch_nb) != graded(tf_nb):
        problems.append(f"grade ids/points differ: {graded(torch_nb)} vs {graded(tf_nb)}")
    return [f"solutions/{lesson.assignment_id}: {p}" for p in problems]


def release_problems(lesson: Lesson) -> list[str]:
    missing = [p for p in lesson.releases() if not p.is_file()]
    return [f"{p.relative_to(lesson.root)}: missing (run `python -m grader release`)" for p in missing]


def stray_notebooks(root: Path, lesson: Lesson) -> list[str]:
    expected = {p.name for p in lesson.sources()}
    folder = root / "solutions" / lesson.assignment_id
    return [f"{p.relative_to(root)}: not a <topic>_pytorch/_tensorflow notebook of this lesson"
            for p in sorted(folder.glob("*.ipynb")) if p.name not in expected]


def check(root: Path, only: list[str] | None = None) -> list[str]:
    """Every problem found, one readable line each; empty when the course is clean."""
    found = lessons(root, only)
    if not found:
        return [f"{root / 'solutions'}: no lessons (folders named NN_topic)"]
    problems: list[str] = []
    for lesson in found:
        problems += stray_notebooks(root, lesson)
        missing = [p for p in lesson.sources() if not p.is_file()]
        problems += [f"{p.relative_to(root)}: missing (a lesson has both frameworks)" for p in missing]
        for framework in FRAMEWORKS:
            if lesson.source(framework).is_file():
                problems += notebook_problems(lesson, framework)
        if not missing:
            problems += pairing_problems(lesson)
        problems += release_problems(lesson)
    return problems
