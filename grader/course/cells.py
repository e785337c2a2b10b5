"""What nbgrader's cell metadata means for this course: exercises and their test cells.

An exercise is a solution cell whose grade_id starts with `ex`; its test cells follow it and
their grade_ids start with the exercise's grade_id (`ex1_foo` -> `ex1_foo_visible`, `ex1_foo_hidden`).
What a grade, solution or locked cell is, is nbgrader's own definition (nbgrader.utils); this
module adds only the course's meaning on top (code cells only, exercises and their tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nbformat import NotebookNode
from nbgrader.utils import is_grade
from nbgrader.utils import is_locked as is_locked  # nbgrader's, re-exported for the course
from nbgrader.utils import is_solution as nbgrader_solution

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"


def nbgrader_meta(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_solution(cell: NotebookNode) -> bool:
    """A code cell students answer in (nbgrader's solution cell)."""
    return cell.cell_type == "code" and bool(nbgrader_solution(cell))


def is_test(cell: NotebookNode) -> bool:
    """An autograded test: a code cell nbgrader grades that is not itself a solution."""
    return cell.cell_type == "code" and bool(is_grade(cell)) and not nbgrader_solution(cell)


def grade_id(cell: NotebookNode) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def points(cell: NotebookNode) -> float:
    return float(nbgrader_meta(cell).get("points", 0))


def has_code(source: str) -> bool:
    """True when a cell holds more than comments and blank lines."""
    return any(line.strip() and not line.strip().startswith("#") for line in source.splitlines())


@dataclass
class Exercise:
    grade_id: str
    solution_index: int
    test_indices: list[int] = field(default_factory=list)


def exercises(nb: NotebookNode) -> list[Exercise]:
    """The exercises of a notebook, each with the indices of its solution and test cells."""
    found: list[Exercise] = []
    for index, cell in enumerate(nb.cells):
        if is_solution(cell):
            found.append(Exercise(grade_id(cell) or "", index))
        elif is_test(cell) and found:
            found[-1].test_indices.append(index)
    return found


def student_answer(solution_source: str) -> str:
    """The solution as a student would type it: the source without the solution markers."""
    markers = {BEGIN_SOLUTION, END_SOLUTION}
    return "\n".join(line for line in solution_source.splitlines() if line.strip() not in markers)
