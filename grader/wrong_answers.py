"""Committed wrong answers: the typical student mistakes each exercise's tests must reject.

Layout: tests/wrong_answers/<assignment>/<notebook_id>/<grade_id>--<mistake>.py, each file a
complete replacement for the exercise's solution cell, opening with a comment saying why it is
wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .course import Lesson

WRONG_ANSWERS_DIR = Path("tests") / "wrong_answers"
MIN_PER_EXERCISE = 2


@dataclass(frozen=True)
class WrongAnswer:
    grade_id: str
    mistake: str
    path: Path

    @property
    def source(self) -> str:
        return self.path.read_text()

    @property
    def label(self) -> str:
        return f"{self.grade_id}--{self.mistake}"


def wrong_answers(lesson: Lesson, framework: str) -> dict[str, list[WrongAnswer]]:
    """Wrong answers per exercise grade_id, sorted by mistake name."""
    folder = lesson.root / WRONG_ANSWERS_DIR / lesson.assignment_id / lesson.notebook_id(framework)
    found: dict[str, list[WrongAnswer]] = {}
    for path in sorted(folder.glob("*--*.py")):
        grade_id, mistake = path.stem.split("--", 1)
        found.setdefault(grade_id, []).append(WrongAnswer(grade_id, mistake, path))
    return found
