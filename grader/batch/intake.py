"""Intake: find each student's notebooks in whatever the instructor has, and stage them cleanly.

Accepted: nbgrader's submitted/<student>/<assignment>/ layout; a folder of per-student folders;
a flat folder of LMS downloads named `<student>_<anything>_<notebook>.ipynb` (Canvas style); or a
zip of any of these. Every notebook is parsed and re-written (outputs and attachments dropped), so
nothing broken reaches nbgrader: problems become status rows, and the batch goes on.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from grader.errors import CourseError

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
COPY_SUFFIX = re.compile(r"(\s*\(\d+\)|-\d+)$")  # "name (1).ipynb", Canvas "name-2.ipynb"
LARGE_FILE_BYTES = 5_000_000
MAX_ZIP_BYTES = 2_000_000_000


@dataclass
class Submission:
    student: str
    files: dict[str, Path] = field(default_factory=dict)  # expected notebook name -> file found
    problems: dict[str, str] = field(default_factory=dict)  # notebook name -> status
    flags: list[str] = field(default_factory=list)
    submitted_bytes: dict[str, str] = field(default_factory=dict)  # file name -> sha256 of its bytes

    def digest(self) -> str:
        """Changes when any submitted byte changes: a resumed run regrades changed submissions.

        Taken over the files as submitted, not as staged: converting an nbformat 3 notebook
        makes new random cell ids every time.
        """
        sha = hashlib.sha256()
        for name, file_hash in sorted(self.submitted_bytes.items()):
            sha.update(f"{name}\0{file_hash}\n".encode())
        return sha.hexdigest()[:16]


def canonical_name(filename: str, expected: list[str]) -> str | None:
    """The expected notebook a file name stands for (case, copy suffixes and LMS prefixes ignored)."""
    stem = COPY_SUFFIX.sub("", Path(filename).stem).lower()
    for name in expected:
        target = Path(name).stem.lower()
        if stem == target or stem.endswith("_" + target):
            return name
    return None


def safe_extract(archive: Path, dest: Path) -> Path:
    """Unzip without letting a member escape `dest` (zip-slip) or fill the disk."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = zf.infolist()
            if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
                raise CourseError(f"{archive.name}: unpacks to more than {MAX_ZIP_BYTES / 1e9:.0f} GB")
            for member in members:
                target = (dest / member.filename).resolve()
                if not target.is_relative_to(dest.resolve()):
                    raise CourseError(f"{archive.name}: member {member.filename!r} escapes the archive")
            zf.extractall(dest)
    except zipfile.BadZipFile as exc:
        raise CourseError(f"{archive.name}: not a zip file ({exc})") from exc
    entries = [p for p in dest.iterdir() if p.name != "__MACOSX"]
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else dest


def group_files(root: Path, assignment: str, expected: list[str]) -> tuple[dict[str, list[Path]], list[str]]:
    """Files per student id, and lines for whatever could not be attributed to a student."""
    per_student: dict[str, list[Path]] = {}
    unrecognised: list[str] = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name == "__MACOSX":
            continue
        if entry.is_dir():
            folder = entry / assignment if (entry / assignment).is_dir() else entry
            per_student.setdefault(entry.name, []).extend(
                sorted(p for p in folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts))
        elif canonical_name(entry.name, expected) and "_" in entry.stem:
            student = entry.name.split("_", 1)[0]
            per_student.setdefault(student, []).append(entry)
        else:
            unrecognised.append(f"{entry.name}: not a student folder or a <student>_…_<notebook>.ipynb file")
    return per_student, unrecognised


def stage_notebook(source: Path, dest: Path, submission: Submission, name: str) -> None:
    """Parse, clean and re-write one notebook; a notebook that cannot be read becomes a problem."""
    try:
        with open(source, encoding="utf-8") as handle:
            raw = nbformat.reads(handle.read(), as_version=nbformat.NO_CONVERT)
        version = raw.get("nbformat", 0)
        nb = nbformat.convert(raw, 4) if version != 4 else raw
    except (UnicodeDecodeError, ValueError) as exc:  # json errors are ValueErrors
        submission.problems[name] = f"invalid notebook: not readable JSON ({str(exc).splitlines()[0][:80]})"
        return
    except Exception as exc:  # nbformat's own errors for wrong structure
        submission.problems[name] = f"invalid notebook: {type(exc).__name__}: {str(exc)[:80]}"
        return
    if version != 4:
        submission.flags.append(f"{name}: converted from nbformat {version}")
    if source.stat().st_size > LARGE_FILE_BYTES:
        submission.flags.append(f"{name}: large file ({source.stat().st_size / 1e6:.0f} MB), outputs dropped")
    for cell in nb.cells:
        cell.pop("attachments", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)


def discover(
    path: Path, assignment: str, expected: list[str], staging: Path
) -> tuple[list[Submission], list[str]]:
    """Submissions found under `path` (a folder or a zip), staged as nbgrader's layout in `staging`."""
    if not path.exists():
        raise CourseError(f"{path}: no such file or folder")
    with tempfile.TemporaryDirectory(prefix="intake-") as tmp:
        root = safe_extract(path, Path(tmp)) if path.is_file() else path
        if path.is_file() and not zipfile.is_zipfile(path):
            raise CourseError(f"{path}: give a folder of submissions or a .zip")
        per_student, unrecognised = group_files(root, assignment, expected)
        if not per_student:
            raise CourseError(f"{path}: no submissions found (expected <student>/{assignment}/*.ipynb, "
                              "per-student folders, or <student>_…_<notebook>.ipynb files)")
        submissions = []
        for student, files in sorted(per_student.items()):
            submission = Submission(student)
            if not STUDENT_ID.match(student):
                unrecognised.append(f"{student!r}: not a usable student id (letters, digits, . _ -)")
                continue
            for file in files:
                submission.submitted_bytes[file.name] = hashlib.sha256(file.read_bytes()).hexdigest()
                name = canonical_name(file.name, expected) if file.suffix == ".ipynb" else None
                if name is None:
                    submission.flags.append(f"extra file ignored: {file.name}")
                elif name in submission.files:
                    submission.flags.append(f"duplicate {name} ignored: {file.name}")
                else:
                    if file.name != name:
                        submission.flags.append(f"{file.name} taken as {name}")
                    dest = staging / student / assignment / name
                    stage_notebook(file, dest, submission, name)
                    if name not in submission.problems:
                        submission.files[name] = dest
            for name in expected:
                if name not in submission.files and name not in submission.problems:
                    submission.problems[name] = "missing notebook"
            submissions.append(submission)
    return submissions, unrecognised


def reset_staging(staging: Path) -> None:
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
