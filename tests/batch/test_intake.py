"""Intake maps what an LMS hands out to students and notebooks, without running anything."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from grader.batch.intake import canonical_name, discover
from grader.errors import CourseError
from tests.conftest import ROOT

ALICE = ROOT / "data" / "submissions" / "alice" / "01_autograd"
EXPECTED = ["autograd_pytorch.ipynb", "autograd_tensorflow.ipynb"]


def canvas_folder(folder):
    """Canvas-style flat download: <student>_<ids>_<original name>, resubmissions suffixed -1."""
    folder.mkdir()
    shutil.copy(ALICE / "autograd_pytorch.ipynb", folder / "smithjane_1234_5678_autograd_pytorch.ipynb")
    resubmitted = "smithjane_1234_5679_autograd_tensorflow-1.ipynb"
    shutil.copy(ALICE / "autograd_tensorflow.ipynb", folder / resubmitted)
    shutil.copy(ALICE / "autograd_pytorch.ipynb", folder / "doejohn_4321_8765_autograd_pytorch.ipynb")
    (folder / "README.txt").write_text("exported by the LMS")
    return folder


@pytest.mark.parametrize("filename, name", [
    ("autograd_pytorch.ipynb", "autograd_pytorch.ipynb"),
    ("Autograd_PyTorch (1).ipynb", "autograd_pytorch.ipynb"),
    ("smithjane_12_34_autograd_tensorflow-2.ipynb", "autograd_tensorflow.ipynb"),
    ("autograd.ipynb", None),
    ("notes_autograd_pytorch.txt", "autograd_pytorch.ipynb"),  # the caller checks the suffix
])
def test_canonical_names(filename, name):
    assert canonical_name(filename, EXPECTED) == name


def test_flat_lms_download_is_grouped_by_student(tmp_path):
    submissions, skipped = discover(canvas_folder(tmp_path / "canvas"), "01_autograd", EXPECTED,
                                    tmp_path / "staged")
    by_student = {s.student: s for s in submissions}
    assert sorted(by_student) == ["doejohn", "smithjane"]
    assert sorted(by_student["smithjane"].files) == EXPECTED
    assert by_student["doejohn"].problems == {"autograd_tensorflow.ipynb": "missing notebook"}
    assert any("README.txt" in line for line in skipped), skipped
    assert (tmp_path / "staged" / "smithjane" / "01_autograd" / "autograd_tensorflow.ipynb").is_file()


def test_a_zip_of_the_download_gives_the_same_submissions(tmp_path):
    folder = canvas_folder(tmp_path / "canvas")
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in folder.iterdir():
            zf.write(path, f"canvas/{path.name}")
    from_zip, _ = discover(archive, "01_autograd", EXPECTED, tmp_path / "staged_zip")
    from_folder, _ = discover(folder, "01_autograd", EXPECTED, tmp_path / "staged_dir")
    assert [(s.student, sorted(s.files), s.digest()) for s in from_zip] == \
        [(s.student, sorted(s.files), s.digest()) for s in from_folder]


def test_a_zip_member_escaping_the_archive_is_refused(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../outside.ipynb", "{}")
    with pytest.raises(CourseError, match="escapes the archive"):
        discover(archive, "01_autograd", EXPECTED, tmp_path / "staged")
    assert not (tmp_path.parent / "outside.ipynb").exists()


def test_bad_student_ids_are_reported_not_staged(tmp_path):
    folder = tmp_path / "submitted"
    (folder / "bad id!" / "01_autograd").mkdir(parents=True)
    shutil.copy(ALICE / "autograd_pytorch.ipynb", folder / "bad id!" / "01_autograd")
    (folder / "ok_student" / "01_autograd").mkdir(parents=True)
    shutil.copy(ALICE / "autograd_pytorch.ipynb", folder / "ok_student" / "01_autograd")
    submissions, skipped = discover(folder, "01_autograd", EXPECTED, tmp_path / "staged")
    assert [s.student for s in submissions] == ["ok_student"]
    assert any("not a usable student id" in line for line in skipped)


# ------------------------------------------------ edge cases, on tiny notebooks written here

def tiny(path, *, outputs=True):
    """A one-cell notebook with an output and an attachment, which staging must drop."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    printed = [new_output("stream", name="stdout", text="1\n")] if outputs else []
    cell = new_code_cell("x = 1", outputs=printed, execution_count=3)
    note = new_markdown_cell("![a](attachment:a.png)", attachments={"a.png": {"image/png": "iVBORw0KGgo="}})
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(new_notebook(cells=[cell, note]), path)
    return path


def one_student(tmp_path, *names):
    folder = tmp_path / "submitted"
    for name in names:
        tiny(folder / "alice" / "01_autograd" / name)
    return folder


def test_staging_drops_outputs_counts_and_attachments(tmp_path):
    import nbformat

    folder = one_student(tmp_path, "autograd_pytorch.ipynb")
    (submission,), _ = discover(folder, "01_autograd", EXPECTED, tmp_path / "staged")
    staged = nbformat.read(submission.files["autograd_pytorch.ipynb"], as_version=4)
    assert staged.cells[0].outputs == [] and staged.cells[0].execution_count is None
    assert "attachments" not in staged.cells[1]
    assert submission.problems == {"autograd_tensorflow.ipynb": "missing notebook"}


def test_unreadable_notebooks_become_problems_not_crashes(tmp_path):
    folder = tmp_path / "submitted" / "alice" / "01_autograd"
    folder.mkdir(parents=True)
    (folder / "autograd_pytorch.ipynb").write_text("{not json")
    (folder / "autograd_tensorflow.ipynb").write_text('{"cells": "nope", "nbformat": 4}')
    (submission,), _ = discover(tmp_path / "submitted", "01_autograd", EXPECTED, tmp_path / "staged")
    assert submission.files == {}
    assert submission.problems["autograd_pytorch.ipynb"].startswith("invalid notebook: not readable JSON")
    assert submission.problems["autograd_tensorflow.ipynb"].startswith("invalid notebook: ")


def test_an_nbformat_3_notebook_is_converted_and_flagged(tmp_path):
    import json

    folder = tmp_path / "submitted" / "alice" / "01_autograd"
    folder.mkdir(parents=True)
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "code", "input": "x = 1", "language": "python", "outputs": [], "metadata": {}}]}]}
    (folder / "autograd_pytorch.ipynb").write_text(json.dumps(v3))
    (submission,), _ = discover(tmp_path / "submitted", "01_autograd", EXPECTED, tmp_path / "staged")
    assert "autograd_pytorch.ipynb" in submission.files
    assert "autograd_pytorch.ipynb: converted from nbformat 3" in submission.flags


def test_extra_duplicate_renamed_and_checkpoint_files(tmp_path):
    folder = one_student(tmp_path, "autograd_pytorch.ipynb", "Autograd_PyTorch (1).ipynb")
    base = folder / "alice" / "01_autograd"
    (base / "notes.txt").write_text("mine")
    tiny(base / ".ipynb_checkpoints" / "autograd_tensorflow-checkpoint.ipynb")
    (submission,), _ = discover(folder, "01_autograd", EXPECTED, tmp_path / "staged")
    assert sorted(submission.flags) == [
        "Autograd_PyTorch (1).ipynb taken as autograd_pytorch.ipynb",
        "duplicate autograd_pytorch.ipynb ignored: autograd_pytorch.ipynb",
        "extra file ignored: notes.txt"]
    assert submission.problems == {"autograd_tensorflow.ipynb": "missing notebook"}


def test_the_digest_follows_the_submitted_bytes(tmp_path):
    folder = one_student(tmp_path, "autograd_pytorch.ipynb")
    (first,), _ = discover(folder, "01_autograd", EXPECTED, tmp_path / "staged")
    (again,), _ = discover(folder, "01_autograd", EXPECTED, tmp_path / "staged2")
    tiny(folder / "alice" / "01_autograd" / "autograd_pytorch.ipynb", outputs=False)
    (changed,), _ = discover(folder, "01_autograd", EXPECTED, tmp_path / "staged3")
    assert first.digest() == again.digest() != changed.digest()


def test_hidden_entries_and_stray_files_at_the_top(tmp_path):
    folder = one_student(tmp_path, "autograd_pytorch.ipynb")
    (folder / ".DS_Store").write_text("")
    (folder / "__MACOSX").mkdir()
    (folder / "grades.xlsx").write_text("")
    submissions, skipped = discover(folder, "01_autograd", EXPECTED, tmp_path / "staged")
    assert [s.student for s in submissions] == ["alice"]
    assert skipped == ["grades.xlsx: not a student folder or a <student>_…_<notebook>.ipynb file"]


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "nothing-here", "no such file or folder"),
    (lambda p: (p / "empty").mkdir() or p / "empty", "no submissions found"),
    (lambda p: (p / "plain.zip").write_text("not a zip") and p / "plain.zip", "not a zip file"),
])
def test_unusable_input_is_a_clear_error(tmp_path, make, message):
    with pytest.raises(CourseError, match=message):
        discover(make(tmp_path), "01_autograd", EXPECTED, tmp_path / "staged")


def test_a_zip_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    from grader.batch import intake

    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("alice/01_autograd/autograd_pytorch.ipynb", "x" * 2000)
    monkeypatch.setattr(intake, "MAX_ZIP_BYTES", 1000)
    with pytest.raises(CourseError, match="unpacks to more than"):
        discover(archive, "01_autograd", EXPECTED, tmp_path / "staged")
