"""Shared fixtures: the real repository, and scratch copies of it for tests that break things."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.course.layout import find_root
from grader.course.nbgrader_api import ensure_venv_on_path

ROOT = find_root(Path(__file__).parent)
ensure_venv_on_path()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def copy_course(dest: Path, assignments: list[str] | None = None) -> Path:
    """A minimal course tree (config, lessons, release, committed answers) that a test may edit."""
    for name in ("nbgrader_config.py", "pyproject.toml"):
        shutil.copy(ROOT / name, dest / name)
    for folder in ("solutions", "notebooks", "tests/wrong_answers", "tests/right_answers"):
        for lesson in sorted((ROOT / folder).iterdir()) if (ROOT / folder).is_dir() else []:
            if lesson.is_dir() and (assignments is None or lesson.name in assignments):
                shutil.copytree(lesson, dest / folder / lesson.name)
    return dest


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    return copy_course(tmp_path, ["01_autograd"])
