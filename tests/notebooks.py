"""Tiny in-memory notebooks for unit tests, nbgrader-style (nbformat.v4 builders, no files, no kernel)."""

from __future__ import annotations

from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output


def nbgrader(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
             points: float = 0) -> dict:
    meta = {"grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id,
            "schema_version": 3}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def solution_cell(source: str, grade_id: str = "ex1_f") -> NotebookNode:
    return new_code_cell(source, metadata=nbgrader(grade_id, solution=True))


def graded_cell(source: str, grade_id: str = "ex1_f_visible", points: float = 1, outputs=()) -> NotebookNode:
    return new_code_cell(source, metadata=nbgrader(grade_id, grade=True, locked=True, points=points),
                         outputs=list(outputs))


def locked_cell(source: str, grade_id: str = "helpers") -> NotebookNode:
    return new_code_cell(source, metadata=nbgrader(grade_id, locked=True))


def notebook(*cells: NotebookNode) -> NotebookNode:
    return new_notebook(cells=list(cells), metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                    "display_name": "Python 3"}})


def stream(text: str, name: str = "stdout") -> NotebookNode:
    return new_output("stream", name=name, text=text)


def error(ename: str = "AssertionError", evalue: str = "wrong") -> NotebookNode:
    return new_output("error", ename=ename, evalue=evalue, traceback=[f"Traceback ...\n{ename}: {evalue}"])


__all__ = ["error", "graded_cell", "locked_cell", "new_markdown_cell", "nbgrader", "notebook",
           "solution_cell", "stream"]
