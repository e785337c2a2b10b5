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
