"""Stock nbgrader, run from a copy of the repository root, with the committed nbgrader_config.py.

This is what an instructor types; it also pins down two settings of that config: a deleted test
cell is restored (add_missing_cells), and a TensorFlow notice on stderr inside a test cell does not
zero it (IgnorePattern).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grader.authoring.release import read, write
from grader.course import cells
from tests.conftest import ROOT, copy_course

NOTEBOOK = "autograd_pytorch.ipynb"
ASSIGNMENT = "01_autograd"
NOISE = "I0000 port.cc:153] oneDNN custom operations are on. You may see slightly different numbers."


def nbgrader(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=cwd,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stderr[-3000:]}"
    return result


def submit(course: Path, student: str, nb: nbformat.NotebookNode) -> None:
    write(nb, course / "submitted" / student / ASSIGNMENT / NOTEBOOK)


@pytest.mark.slow
@pytest.mark.xdist_group("stock_nbgrader")
def test_stock_nbgrader_commands_work_from_the_repository_root(tmp_path):
    course = copy_course(tmp_path, [ASSIGNMENT])
    shutil.rmtree(course / "notebooks")
    alice = read(ROOT / "data/submissions/alice" / ASSIGNMENT / NOTEBOOK)
    submit(course, "alice", alice)
    submit(course, "bob", read(ROOT / "data/submissions/bob" / ASSIGNMENT / NOTEBOOK))

    deleter = nbformat.from_dict(alice)  # deletes a hidden test cell before submitting
    deleter.cells = [c for c in deleter.cells if cells.grade_id(c) != "ex2_accumulate_hidden"]
    submit(course, "deleter", deleter)

    noisy = nbformat.from_dict(alice)  # the tested function writes a TF start-up notice to stderr
    for cell in noisy.cells:
        if cells.grade_id(cell) == "ex1_value_and_grad":
            cell.source = "import sys\n" + cell.source.replace(
                '"""\n', f'"""\n    print({NOISE!r}, file=sys.stderr)\n', 1)
    submit(course, "noisy", noisy)

    nbgrader("generate_assignment", ASSIGNMENT, "--force", cwd=course)
    assert (course / "notebooks" / ASSIGNMENT / NOTEBOOK).is_file(), "release goes to notebooks/"
    nbgrader("autograde", ASSIGNMENT, "--force", cwd=course)
    nbgrader("generate_feedback", ASSIGNMENT, "--force", cwd=course)
    nbgrader("export", cwd=course)

    with open(course / "grades.csv") as handle:
        rows = {r["student_id"]: r for r in csv.DictReader(handle) if r["assignment"] == ASSIGNMENT}
    maximum = float(rows["alice"]["max_score"])
    # Only the PyTorch notebook was submitted: half the assignment's points.
    assert float(rows["alice"]["score"]) == maximum / 2 == 12
    assert float(rows["bob"]["score"]) == 7, "bob's two wrong answers each lose their exercise's points"
    assert float(rows["deleter"]["score"]) == 12, "the deleted test cell must be restored and run"
    assert float(rows["noisy"]["score"]) == 12, "framework noise on stderr must not zero a test cell"
    restored = read(course / "autograded/deleter" / ASSIGNMENT / NOTEBOOK)
    assert any(cells.grade_id(c) == "ex2_accumulate_hidden" for c in restored.cells)
    assert (course / "feedback/alice" / ASSIGNMENT / "autograd_pytorch.html").is_file()
