"""Course discovery: where the repository is, which lessons exist, how they pair up.

Every other module asks this one, so that the layout (solutions/NN_topic/topic_framework.ipynb)
is written down exactly once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from grader.errors import CourseError

FRAMEWORKS = ("pytorch", "tensorflow")
SOURCE_DIR = "solutions"
RELEASE_DIR = "notebooks"
ASSIGNMENT_PATTERN = re.compile(r"^\d\d_[a-z0-9_]+$")


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder up from `start` holding nbgrader_config.py."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "nbgrader_config.py").is_file() and (folder / SOURCE_DIR).is_dir():
            return folder
    package_root = Path(__file__).resolve().parents[2]
    if (package_root / "nbgrader_config.py").is_file():
        return package_root
    raise CourseError(f"no course found: no folder above {here} holds nbgrader_config.py and {SOURCE_DIR}/")


@dataclass(frozen=True)
class Lesson:
    """One nbgrader assignment: a folder holding a PyTorch and a TensorFlow notebook."""

    root: Path
    assignment_id: str

    @property
    def topic(self) -> str:
        return self.assignment_id.split("_", 1)[1]

    @property
    def number(self) -> str:
        return self.assignment_id.split("_", 1)[0]

    def source(self, framework: str) -> Path:
        return self.root / SOURCE_DIR / self.assignment_id / self.notebook_name(framework)

    def release(self, framework: str) -> Path:
        return self.root / RELEASE_DIR / self.assignment_id / self.notebook_name(framework)

    def notebook_name(self, framework: str) -> str:
        return f"{self.topic}_{framework}.ipynb"

    def notebook_id(self, framework: str) -> str:
        return f"{self.topic}_{framework}"

    def sources(self) -> list[Path]:
        return [self.source(fw) for fw in FRAMEWORKS]

    def releases(self) -> list[Path]:
        return [self.release(fw) for fw in FRAMEWORKS]


def lessons(root: Path, only: list[str] | None = None) -> list[Lesson]:
    """All lessons in solutions/, in order; `only` selects assignment ids and rejects unknown ones."""
    source = root / SOURCE_DIR
    found = sorted(
        p.name for p in source.iterdir() if p.is_dir() and ASSIGNMENT_PATTERN.match(p.name)
    ) if source.is_dir() else []
    if only:
        unknown = sorted(set(only) - set(found))
        if unknown:
            raise CourseError(
                f"unknown assignment(s) {', '.join(unknown)}; known: {', '.join(found) or 'none'}"
            )
        found = [a for a in found if a in only]
    return [Lesson(root, a) for a in found]


def framework_of(notebook: Path) -> str:
    """'pytorch' or 'tensorflow', from the file name's suffix."""
    for fw in FRAMEWORKS:
        if notebook.stem.endswith(f"_{fw}"):
            return fw
    raise CourseError(f"{notebook.name}: a lesson notebook's name ends in _pytorch or _tensorflow")


@dataclass(frozen=True)
class PublishSettings:
    github_repository: str
    github_branch: str

    def colab_url(self, relative_path: str) -> str:
        return (
            "https://colab.research.google.com/github/"
            f"{self.github_repository}/blob/{self.github_branch}/{relative_path}"
        )


@cache
def publish_settings(root: Path) -> PublishSettings:
    """[tool.course] of pyproject.toml: the one place naming where the course is published."""
    try:
        table = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["course"]
        return PublishSettings(table["github_repository"], table["github_branch"])
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise CourseError(f"pyproject.toml: [tool.course] github_repository/github_branch: {exc}") from exc
