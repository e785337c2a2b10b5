"""Do an exercise's tests reject its wrong answers? One kernel per notebook, never a full rerun.

The source notebook (hidden tests included) runs cell by cell. At each exercise, every committed
wrong answer is executed in place of the solution, followed by the exercise's test cells; then the
real solution runs and the notebook carries on. A test cell fails the way nbgrader fails it: an
error, or any output on stderr.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import cells
from .headless import DEFAULT_PARAMETERS


@dataclass(frozen=True)
class Verdict:
    grade_id: str
    answer: str  # the wrong answer's label, or "solution"
    failed_tests: tuple[str, ...]  # grade ids of the test cells that failed
    total_tests: int

    @property
    def rejected(self) -> bool:
        return bool(self.failed_tests)


def test_failed(cell: nbformat.NotebookNode) -> bool:
    return any(o.get("output_type") == "error" or
               (o.get("output_type") == "stream" and o.get("name") == "stderr")
               for o in cell.get("outputs", []))


def first_error(cell: nbformat.NotebookNode) -> str:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.ename}: {output.evalue}"[:300]
    return ""


def check_answers(notebook: Path, answers: dict[str, list[tuple[str, str]]], workdir: Path,
                  parameters: dict | None = None, cell_timeout: int = 120) -> list[Verdict]:
    """Verdicts for every (label, source) wrong answer, plus one 'solution' verdict per exercise."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    # papermill's loader adds the metadata its parameterizer expects (tags on every cell).
    nb = parameterize_notebook(load_notebook_node(str(notebook)),
                               {**DEFAULT_PARAMETERS, **(parameters or {})})
    by_solution = {e.solution_index: e for e in cells.exercises(nb)}
    workdir.mkdir(parents=True, exist_ok=True)
    client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(workdir)}})
    verdicts: list[Verdict] = []

    def run(cell: nbformat.NotebookNode, index: int) -> nbformat.NotebookNode:
        try:
            client.execute_cell(cell, index)
        except CellTimeoutError:
            cell.outputs.append(nbformat.v4.new_output("error", ename="CellTimeoutError",
                                                       evalue="cell timed out", traceback=[]))
        return cell

    def run_tests(exercise: cells.Exercise) -> tuple[str, ...]:
        failed = []
        for i in exercise.test_indices:
            test = run(copy.deepcopy(nb.cells[i]), i)
            if test_failed(test):
                failed.append(cells.grade_id(nb.cells[i]) or str(i))
        return tuple(failed)

    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            exercise = by_solution.get(index)
            if exercise is not None:
                for label, source in answers.get(exercise.grade_id, []):
                    wrong = copy.deepcopy(cell)
                    wrong.source = source
                    run(wrong, index)
                    verdicts.append(Verdict(exercise.grade_id, label, run_tests(exercise),
                                            len(exercise.test_indices)))
            if cell.cell_type != "code":
                continue
            try:
                run(cell, index)
            except DeadKernelError as exc:
                raise RuntimeError(f"{notebook.name}: the kernel died at cell {index}") from exc
            if exercise is not None:
                verdicts.append(Verdict(exercise.grade_id, "solution", run_tests(exercise),
                                        len(exercise.test_indices)))
    return verdicts
