"""The fixed opening: check applies the same rewrite as release, to a copy, so they cannot disagree."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from grader.authoring.opening import (
    DEVICE_TAG,
    SETUP_TAG,
    apply_opening,
    badge_markdown,
    expected_setup,
    opening_problems,
    snippet,
    twin_markdown,
)
from grader.course.layout import PublishSettings
from tests.notebooks import notebook

SETTINGS = PublishSettings("someone/course", "main")
PATH = Path("solutions/01_autograd/autograd_pytorch.ipynb")
RELATIVE = PATH.as_posix()


def tagged_cell(source: str, tag: str):
    return new_code_cell(source, metadata={"tags": [tag]})


def opened():
    title = f"# 01 · Autograd · PyTorch\n\n{badge_markdown(SETTINGS, RELATIVE)}\n\n{twin_markdown(PATH)}"
    return notebook(new_markdown_cell(title), tagged_cell(expected_setup(""), SETUP_TAG),
                    tagged_cell(snippet("device_pytorch"), DEVICE_TAG),
                    tagged_cell("FAST = False\nSEED = 0\nDEVICE = 'cpu'", "parameters"))


def problems(nb):
    return opening_problems(nb, PATH, SETTINGS, RELATIVE)


def test_the_opening_as_release_writes_it_passes_and_apply_changes_nothing():
    nb = opened()
    assert problems(nb) == []
    assert apply_opening(copy.deepcopy(nb), PATH, SETTINGS, RELATIVE) is False


@pytest.mark.parametrize("breaking, problem", [
    (lambda nb: setattr(nb.cells[0], "source", nb.cells[0].source.replace("solutions/01", "elsewhere/01")),
     f"the Colab badge does not point at {RELATIVE}"),
    (lambda nb: setattr(nb.cells[0], "source", nb.cells[0].source.replace("TensorFlow version", "TF")),
     "the title cell lacks the line linking to the twin notebook"),
    (lambda nb: setattr(nb.cells[1], "source", nb.cells[1].source + "\nprint('mine')"),
     "the 'setup-colab' cell differs from grader/authoring/snippets"),
    (lambda nb: setattr(nb.cells[2], "source", "DEVICE = 'cuda'"),
     "the 'setup-device' cell differs from grader/authoring/snippets"),
])
def test_what_release_would_rewrite_is_reported_and_release_fixes_it(breaking, problem):
    nb = opened()
    breaking(nb)
    assert [p.split(" (run")[0] for p in problems(nb)] == [problem]
    assert apply_opening(nb, PATH, SETTINGS, RELATIVE) is True
    assert problems(nb) == []


def test_what_release_cannot_fix_is_reported_and_stays():
    nb = opened()
    nb.cells[0].source = "# 01 · Autograd · PyTorch"  # no badge, no twin link
    del nb.cells[3]
    nb.cells[1].source = nb.cells[1].source.replace("COLAB_NEEDS = {}", 'COLAB_NEEDS = {"torch": "torch"}')
    expected = [f"the Colab badge does not point at {RELATIVE} (run `python -m grader release`)",
                "the title cell lacks the line linking to the twin notebook",
                "COLAB_NEEDS must never install ['torch']: Colab ships its own builds",
                "expected one cell tagged 'parameters', found 0"]
    assert problems(nb) == expected
    apply_opening(nb, PATH, SETTINGS, RELATIVE)
    assert problems(nb) == expected


def test_a_notebook_without_a_title():
    assert problems(notebook(new_code_cell("x = 1"))) == [
        "the first cell is not a markdown title ('# NN · Topic · Framework')"]
