"""The cells a page may show: release-safe by construction.

- A graded cell (an exercise's solution cell, a test cell, a task) is shown as the student release
  has it, found by grade_id: the exercise's stub (`# YOUR CODE HERE`), the visible tests, and no
  hidden test (nbgrader's release removes them). It never shows an output: outputs of solution and
  test cells come from the instructor's solution, and a traceback would print its lines.
- Every other cell (the teaching) is shown as the source has it, with the outputs of the solution
  run when an executed copy of this very source is at hand.
- A non-graded cell that holds nbgrader's solution or hidden-test markers stops the build: it would
  publish what its markers mean to hide.
"""

from __future__ import annotations

import copy
import re

import nbformat
from nbformat import NotebookNode

from grader.course import cells
from grader.course.noise import STDERR_NOISE
from grader.errors import CourseError

GRADED_FLAGS = ("solution", "grade", "task")
MARKERS = (cells.BEGIN_SOLUTION, cells.END_SOLUTION, cells.BEGIN_HIDDEN, "### END HIDDEN TESTS")
# tqdm's widget outputs need ipywidgets' JavaScript from a CDN: their text form is shown instead.
DROPPED_MIME = ("application/vnd.jupyter.widget-view+json", "application/vnd.jupyter.widget-state+json")
INJECTED = "injected-parameters"  # papermill's cell holding the parameters of the run
_NOISE = re.compile(STDERR_NOISE)


def is_graded(cell: NotebookNode) -> bool:
    meta = cells.nbgrader_meta(cell)
    return any(meta.get(flag) for flag in GRADED_FLAGS)


def tags(cell: NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def executed_outputs(source: NotebookNode, executed: NotebookNode) -> list[list] | None:
    """The outputs of each source cell in an executed copy; None if that copy ran other sources."""
    ran = [c for c in executed.cells if INJECTED not in tags(c)]
    if len(ran) != len(source.cells):
        return None
    pairs = zip(source.cells, ran, strict=True)
    if any(a.cell_type != b.cell_type or a.source != b.source for a, b in pairs):
        return None
    return [list(c.get("outputs", [])) if c.cell_type == "code" else [] for c in ran]


def clean_output(output: NotebookNode) -> NotebookNode | None:
    """An output as a reader should see it: without framework start-up noise or widget state."""
    output = copy.deepcopy(output)
    if output.output_type == "stream" and output.get("name") == "stderr":
        kept = [line for line in output.text.splitlines(keepends=True) if not _NOISE.search(line)]
        output.text = "".join(kept)
        return output if output.text.strip() else None
    if output.output_type in ("display_data", "execute_result"):
        for mime in DROPPED_MIME:
            output.data.pop(mime, None)
        return output if output.data else None
    return output


def released_cells(release: NotebookNode) -> dict[str, NotebookNode]:
    found = {}
    for cell in release.cells:
        if is_graded(cell):
            leftover = [m for m in MARKERS if m in cell.source]
            if leftover:
                raise CourseError(f"released cell {cells.grade_id(cell)!r} still holds {leftover[0]!r}")
            found[cells.grade_id(cell) or ""] = cell
    return found


def publishable_cells(source: NotebookNode, release: NotebookNode,
                      outputs: list[list] | None) -> list[NotebookNode]:
    """The source's cells, each replaced by what a reader may see of it (see the module's doc)."""
    released = released_cells(release)
    safe_cells = []
    for index, cell in enumerate(source.cells):
        if is_graded(cell):
            gid = cells.grade_id(cell) or ""
            if gid not in released:
                raise CourseError(f"the release lacks graded cell {gid!r}: run `python -m grader release`")
            shown = copy.deepcopy(released[gid])
        else:
            leftover = [m for m in MARKERS if m in cell.source]
            if leftover:
                raise CourseError(f"cell {index} holds {leftover[0]!r} but is not an nbgrader "
                                  "solution or test cell: mark it in nbgrader's cell toolbar")
            shown = copy.deepcopy(cell)
        shown.metadata = nbformat.from_dict({"tags": tags(cell)})
        if shown.cell_type == "code":
            kept = [] if is_graded(cell) or outputs is None else outputs[index]
            shown.outputs = [o for o in map(clean_output, kept) if o is not None]
            shown.execution_count = None
        safe_cells.append(shown)
    return safe_cells
