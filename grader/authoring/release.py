"""Student release: nbgrader generate_assignment from solutions/ into notebooks/.

Steps, each small: refresh the source's fixed opening, let nbgrader strip solutions and hidden
tests, then give the release clean metadata and a Colab badge pointing at its own path.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import nbformat

from grader.authoring import hygiene, opening
from grader.course import nbgrader_api, report
from grader.course.layout import FRAMEWORKS, RELEASE_DIR, SOURCE_DIR, Lesson, lessons, publish_settings
from grader.errors import CourseError


def read(path: Path) -> nbformat.NotebookNode:
    try:
        return nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise CourseError(f"{path}: missing") from None
    except Exception as exc:  # nbformat raises several kinds for a broken file
        raise CourseError(f"{path}: not a readable notebook ({exc})") from exc


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    nbformat.validate(nb)
    with report.atomic_path(path) as tmp:
        nbformat.write(nb, tmp)


def refresh_source(lesson: Lesson) -> list[Path]:
    """Bring the source notebooks' opening up to date; returns the files rewritten."""
    settings = publish_settings(lesson.root)
    changed = []
    for framework in FRAMEWORKS:
        path = lesson.source(framework)
        nb = read(path)
        relative = path.relative_to(lesson.root).as_posix()
        if opening.apply_opening(nb, path, settings, relative):
            write(nb, path)
            changed.append(path)
    return changed


def finish_release(lesson: Lesson, release_dir: Path) -> list[Path]:
    """Clean metadata and point each badge at the notebook's published path in notebooks/."""
    settings = publish_settings(lesson.root)
    finished = []
    for framework in FRAMEWORKS:
        path = release_dir / lesson.assignment_id / lesson.notebook_name(framework)
        nb = hygiene.clean(read(path))
        published = lesson.release(framework).relative_to(lesson.root).as_posix()
        opening.apply_opening(nb, path, settings, published)
        write(nb, path)
        finished.append(path)
    return finished


def generate(lessons_to_release: list[Lesson], root: Path, release_dir: Path) -> None:
    """nbgrader generate_assignment for each lesson, with a throw-away gradebook."""
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        folders = {
            "db_url": nbgrader_api.sqlite_url(Path(tmp) / "gradebook.db"),
            "release_directory": release_dir.resolve(),
        }
        api = nbgrader_api.api(nbgrader_api.course_config(root, **folders))
        with nbgrader_api.quiet_nbgrader_log():
            for lesson in lessons_to_release:
                nbgrader_api.checked(
                    api.generate_assignment(lesson.assignment_id, force=True, create=True),
                    f"generate_assignment {lesson.assignment_id}",
                )


def release(
    root: Path,
    only: list[str] | None = None,
    release_dir: Path | None = None,
    refresh_sources: bool = True,
) -> list[Path]:
    """Regenerate the student release (notebooks/ unless `release_dir` is given).

    `refresh_sources=False` leaves solutions/ untouched, so a test can regenerate into a
    temporary folder and compare without side effects.
    """
    chosen = lessons(root, only)
    if not chosen:
        raise CourseError(f"no lessons in {root / SOURCE_DIR}")
    if refresh_sources:
        for lesson in chosen:
            refresh_source(lesson)
    target = release_dir or root / RELEASE_DIR
    generate(chosen, root, target)
    released = []
    for lesson in chosen:
        released.extend(finish_release(lesson, target))
    return released
