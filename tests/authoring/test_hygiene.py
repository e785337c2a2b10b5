"""Hygiene: the cleaner is its own checker, so what release cleans and what check reports agree."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from grader.authoring.hygiene import KERNELSPEC, clean, hygiene_problems
from tests.notebooks import notebook, solution_cell, stream


def clean_notebook():
    nb = notebook(new_markdown_cell("# 01 · Topic · PyTorch"), solution_cell("x = 1"))
    return clean(nb)


def test_a_clean_notebook_has_no_problems_and_cleaning_is_idempotent():
    nb = clean_notebook()
    assert hygiene_problems(nb) == []
    assert clean(nb) == nb
    assert nb.metadata.kernelspec == KERNELSPEC


def broken(kind):
    nb = clean_notebook()
    if kind == "outputs":
        nb.cells[1].outputs = [stream("1\n")]
    elif kind == "execution_count":
        nb.cells[1].execution_count = 4
    elif kind == "cell metadata":
        nb.cells[1].metadata["collapsed"] = True
    elif kind == "kernelspec":
        nb.metadata.kernelspec = {"name": "conda-env", "display_name": "env", "language": "python"}
    elif kind == "language_info":
        nb.metadata.language_info = {"name": "python", "version": "3.11.7"}
    elif kind == "notebook metadata":
        nb.metadata.widgets = {}
    elif kind == "attachments":
        nb.cells[0].attachments = {}
    return nb


@pytest.mark.parametrize("kind, problem", [
    ("outputs", "cell 1 has committed outputs or an execution count"),
    ("execution_count", "cell 1 has committed outputs or an execution count"),
    ("cell metadata", "cell 1 has extra metadata ['collapsed']"),
    ("kernelspec", f"kernelspec is not {KERNELSPEC}"),
    ("language_info", "language_info is not {'name': 'python'}"),
    ("notebook metadata", "notebook metadata has extra keys ['widgets']"),
    ("attachments", "cell 0 has an empty attachments field"),
])
def test_each_thing_clean_changes_is_a_problem_and_clean_fixes_it(kind, problem):
    nb = broken(kind)
    assert hygiene_problems(nb) == [problem]
    assert hygiene_problems(clean(nb)) == []


def test_clean_returns_a_copy():
    nb = broken("outputs")
    clean(nb)
    assert nb.cells[1].outputs


def test_check_agrees_with_clean_on_every_notebook_it_changes():
    for kind in ("outputs", "execution_count", "cell metadata", "kernelspec", "language_info",
                 "notebook metadata", "attachments"):
        nb = broken(kind)
        assert (hygiene_problems(nb) == []) == (clean(nb) == nb), kind
    code = new_code_cell("y = 2")
    code.outputs = []
    assert hygiene_problems(clean(notebook(code))) == []
