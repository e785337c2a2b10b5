"""An nbgrader API bound to the repository's nbgrader_config.py, with folders overridden.

Releasing into notebooks/ and grading sample submissions under build/ are the same nbgrader
course with different folders; this module is the one place that builds that configuration:
`course_config` for any folders, `work_config` for the one layout every grading step uses.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import warnings
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from grader.course.layout import SOURCE_DIR
from grader.errors import CourseError


def ensure_venv_on_path() -> None:
    """nbgrader runs `alembic` by name when it creates a gradebook: put our interpreter's bin/ first."""
    bin_dir = str(Path(sys.executable).parent)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != bin_dir:
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def course_config(repo: Path, **folders: str | Path) -> Config:
    """The repository's nbgrader config, with CourseDirectory traits overridden (root, db_url, …)."""
    config_file = repo / "nbgrader_config.py"
    if not config_file.is_file():
        raise CourseError(f"{config_file} is missing")
    config = PyFileConfigLoader(config_file.name, path=str(repo)).load_config()
    config.CourseDirectory.root = str(folders.pop("root", repo))
    for name, value in folders.items():
        setattr(config.CourseDirectory, name, str(value))
    return config


def work_config(repo: Path, work: Path, *, db_url: str | None = None,
                submitted: Path | None = None) -> Config:
    """Grading in `work`: sources from the repository's solutions/, the release and (by default) the
    gradebook inside `work`, submissions from `submitted` when given."""
    work = work.resolve()
    folders: dict[str, str | Path] = {
        "root": work, "source_directory": (repo / SOURCE_DIR).resolve(),
        "release_directory": work / "release", "db_url": db_url or sqlite_url(work / "gradebook.db")}
    if submitted is not None:
        folders["submitted_directory"] = submitted.resolve()
    return course_config(repo, **folders)


def api(config: Config):
    """An NbGraderAPI for `config`; imported lazily because nbgrader is slow to import."""
    ensure_venv_on_path()
    from nbgrader.apps import NbGraderAPI
    from sqlalchemy.exc import SAWarning

    # nbgrader 0.9.6 with SQLAlchemy 2.x warns "... not in session" on every autograde;
    # grades are unaffected (measured with 2.0.58 and 2.1.9).
    warnings.filterwarnings("ignore", message=r".*not in session.*", category=SAWarning)

    return NbGraderAPI(config=config)


def database_url(url: str) -> str:
    """Pin PostgreSQL URLs to psycopg 3: SQLAlchemy 2.0 and 2.1 pick different default drivers."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def checked(result: dict, what: str) -> dict:
    """Turn an NbGraderAPI result with success=False into a CourseError carrying nbgrader's log."""
    if not result.get("success"):
        detail = (result.get("error") or result.get("log") or "").strip().splitlines()
        tail = " | ".join(detail[-3:]) if detail else "no detail"
        raise CourseError(f"nbgrader {what} failed: {tail}")
    return result


@contextlib.contextmanager
def quiet_nbgrader_log():
    """nbgrader logs every file it copies at INFO; keep our own tables readable."""
    logger = logging.getLogger("traitlets")
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(previous)
