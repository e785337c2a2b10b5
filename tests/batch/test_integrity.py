"""Integrity flags, each kind, on tiny in-memory notebooks (a release and a student's copy of it)."""

from __future__ import annotations

import copy

import pytest
from nbformat.v4 import new_code_cell
from nbgrader.utils import compute_checksum

from grader.batch.integrity import checksum_flags, code_flags, locked_names, restore_released_metadata
from tests.notebooks import graded_cell, locked_cell, notebook, solution_cell

HELPERS = "def close(a, b):\n    return abs(a - b) < 1e-6\n\nTOLERANCE = 1e-6\n\nclass Box: pass"


def release():
    cells = [locked_cell(HELPERS), solution_cell("# YOUR CODE HERE\nraise NotImplementedError()"),
             graded_cell("assert close(f(1), 2)"), graded_cell("assert f(0) == 1", grade_id="ex1_f_hidden")]
    for cell in cells:
        if cell.metadata.nbgrader["locked"]:
            cell.metadata.nbgrader["checksum"] = compute_checksum(cell)
    return notebook(*cells)


def submitted(answer: str = "def f(x):\n    return x + 1"):
    nb = copy.deepcopy(release())
    nb.cells[1].source = answer
    return nb


def test_an_honest_submission_has_no_flags():
    nb = submitted()
    assert checksum_flags(nb, release()) == []
    assert code_flags(nb, release()) == []
    assert restore_released_metadata(nb, release()) is False


def test_a_deleted_test_cell_and_a_deleted_locked_cell():
    nb = submitted()
    del nb.cells[3]
    del nb.cells[0]
    assert checksum_flags(nb, release()) == ["deleted locked cell helpers (restored by nbgrader)",
                                             "deleted test cell ex1_f_hidden (restored by nbgrader)"]


def test_an_edited_test_cell_and_an_edited_locked_cell():
    nb = submitted()
    nb.cells[2].source = "assert True"
    nb.cells[0].source = HELPERS.replace("1e-6", "1e9")
    assert checksum_flags(nb, release()) == ["edited locked cell helpers (restored by nbgrader)",
                                             "edited test cell ex1_f_visible (restored by nbgrader)"]


def test_a_re_pointed_test_cell_is_flagged_and_its_metadata_restored():
    nb = submitted()
    nb.cells[2].metadata.nbgrader["grade"] = False
    assert checksum_flags(nb, release()) == [
        "re-pointed test cell ex1_f_visible: its nbgrader metadata was changed (restored)"]
    assert restore_released_metadata(nb, release()) is True
    assert nb.cells[2].metadata.nbgrader == release().cells[2].metadata.nbgrader
    assert checksum_flags(nb, release()) == []


def test_a_test_cell_turned_into_markdown_gets_its_cell_type_back():
    nb = submitted()
    nb.cells[3].cell_type = "markdown"
    nb.cells[3].metadata.nbgrader["points"] = 100
    assert restore_released_metadata(nb, release()) is True
    assert nb.cells[3].cell_type == "code" and nb.cells[3].metadata.nbgrader["points"] == 1


def test_locked_names_are_the_course_cells_top_level_definitions():
    assert locked_names(release()) == {"close", "TOLERANCE", "Box"}


@pytest.mark.parametrize("answer, flag", [
    ("close = lambda a, b: True", "redefines course helper close"),
    ("import numpy as np\nnp.allclose = lambda *a, **k: True", "monkeypatches np.allclose"),
    ("import sys\nsys.modules['torch'] = None", "rewrites sys.modules"),
    ("import math\nmath.pi += 1", "monkeypatches math.pi"),
    ("import torch\ndel torch.allclose", "monkeypatches torch.allclose"),
    ("import builtins", "imports builtins"),
    ("import ctypes", "imports ctypes"),
    ("import socket", "network module socket"),
    ("x = __builtins__", "touches __builtins__"),
    ("import numpy\nsetattr(numpy, 'isclose', None)", "monkeypatches numpy via setattr"),
    ("open('/etc/passwd').read()", "file access outside the submission: '/etc/passwd'"),
    ("open('../secret.txt')", "file access outside the submission: '../secret.txt'"),
    ("import os\nos.system('ls')", "runs a command (os.system)"),
    ("import subprocess\nsubprocess.run(['ls'])", "runs a command (subprocess.run)"),
    ("import os\nos._exit(0)", "process control (os._exit)"),
    ("import signal\nsignal.signal(2, None)", "process control (signal.signal)"),
])
def test_each_kind_of_code_flag(answer, flag):
    assert code_flags(submitted(answer), release()) == [f"ex1_f: {flag}"]


def test_what_code_flags_leave_alone():
    harmless = [
        "def f(x):\n    close = 1\n    return x + close",  # a local name, not the course's helper
        "def close(a, b):\n    return True\ndef f(x):\n    return x",  # the student's own definition
        "open('data.txt')",  # inside the submission
        "import subprocess as sp\nprint('run')",
        "def f(:",  # a syntax error is nbgrader's to report
    ]
    for answer in harmless:
        assert code_flags(submitted(answer), release()) == [], answer


def test_added_cells_are_scanned_and_cells_as_released_are_not():
    nb = submitted()
    nb.cells.append(new_code_cell("import os\nos.kill(1, 9)"))
    nb.cells.append(new_code_cell(release().cells[0].source))  # a copy of a course cell, unlocked
    assert code_flags(nb, release()) == ["cell 4: process control (os.kill)"]


def test_a_flag_is_listed_once_per_cell():
    answer = "import numpy as np\nnp.pi = 3\nnp.pi = 4"
    assert code_flags(submitted(answer), release()) == ["ex1_f: monkeypatches np.pi"]


def test_redefining_a_helper_only_counts_in_solution_cells():
    nb = submitted()
    nb.cells.append(new_code_cell("close = print"))
    assert code_flags(nb, release()) == []
