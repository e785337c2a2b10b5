"""Committed answers: the typical mistakes each exercise's tests must reject, and the alternative
correct answers they must accept.

Layout, one file per answer, each a complete replacement for the exercise's solution cell:

- tests/wrong_answers/<assignment>/<notebook_id>/<grade_id>--<mistake>.py, opening with a comment
  saying why it is wrong;
- tests/right_answers/<assignment>/<notebook_id>/<grade_id>--<approach>.py, opening with a comment
  saying which other correct approach it takes.

The minimum numbers per exercise are the two constants below, and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader.course.layout import Lesson

WRONG_ANSWERS_DIR = Path("tests") / "wrong_answers"
RIGHT_ANSWERS_DIR = Path("tests") / "right_answers"
MIN_WRONG_ANSWERS = 3  # per exercise, that its tests must reject for the right reason
MIN_RIGHT_ANSWERS = 2  # per exercise, other than the solution, that must get full marks
MIN_PER_EXERCISE = MIN_WRONG_ANSWERS  # the older name, kept for callers that import it
KINDS = {"wrong": WRONG_ANSWERS_DIR, "right": RIGHT_ANSWERS_DIR}


@dataclass(frozen=True)
class CommittedAnswer:
    grade_id: str
    name: str  # the mistake (wrong answers) or the approach (right answers)
    path: Path
    kind: str = "wrong"  # "wrong" or "right"

    @property
    def source(self) -> str:
        return self.path.read_text()

    @property
    def label(self) -> str:
        return f"{self.grade_id}--{self.name}"

    @property
    def mistake(self) -> str:
        return self.name


WrongAnswer = CommittedAnswer  # the older name


def answers_folder(lesson: Lesson, framework: str, kind: str) -> Path:
    return lesson.root / KINDS[kind] / lesson.assignment_id / lesson.notebook_id(framework)


def load_answers(lesson: Lesson, framework: str, kind: str) -> dict[str, list[CommittedAnswer]]:
    """Answers of one kind per exercise grade_id, sorted by name."""
    found: dict[str, list[CommittedAnswer]] = {}
    for path in sorted(answers_folder(lesson, framework, kind).glob("*--*.py")):
        grade_id, name = path.stem.split("--", 1)
        found.setdefault(grade_id, []).append(CommittedAnswer(grade_id, name, path, kind))
    return found


def wrong_answers(lesson: Lesson, framework: str) -> dict[str, list[CommittedAnswer]]:
    return load_answers(lesson, framework, "wrong")


def right_answers(lesson: Lesson, framework: str) -> dict[str, list[CommittedAnswer]]:
    return load_answers(lesson, framework, "right")


def committed_answers(lesson: Lesson, framework: str) -> dict[str, list[CommittedAnswer]]:
    """Wrong, then right answers per exercise grade_id."""
    found = wrong_answers(lesson, framework)
    for grade_id, answers in right_answers(lesson, framework).items():
        found.setdefault(grade_id, []).extend(answers)
    return found


def too_few_answers(committed: dict[str, list[CommittedAnswer]], exercise_ids: list[str]) -> list[str]:
    """One line per exercise and kind with fewer committed answers than the minimum."""
    problems = []
    for grade_id in exercise_ids:
        kinds = [a.kind for a in committed.get(grade_id, [])]
        for kind, minimum in (("wrong", MIN_WRONG_ANSWERS), ("right", MIN_RIGHT_ANSWERS)):
            if kinds.count(kind) < minimum:
                problems.append(f"{grade_id}: {kinds.count(kind)} committed {kind} answers; "
                                f"at least {minimum} are required")
    return problems
