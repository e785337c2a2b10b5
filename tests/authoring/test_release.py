"""The student release and the sample submissions are generated artefacts: they must be current."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from grader.authoring.release import release
from grader.authoring.samples import SUBMISSIONS_DIR, build_samples
from grader.course import cells
from grader.course.layout import lessons


def notebook_files(folder: Path) -> dict[str, dict]:
    return {p.relative_to(folder).as_posix(): json.loads(p.read_text())
            for p in sorted(folder.rglob("*.ipynb"))}


@pytest.fixture(scope="module")
def regenerated(root, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("release")
    release(root, release_dir=target, refresh_sources=False)
    return target


def test_notebooks_folder_equals_a_fresh_release(root, regenerated):
    committed, fresh = notebook_files(root / "notebooks"), notebook_files(regenerated)
    assert sorted(committed) == sorted(fresh), "notebooks/ has missing or extra files: run make release"
    stale = [name for name in fresh if committed[name] != fresh[name]]
    assert not stale, f"notebooks/ is out of date for {stale}: run `python -m grader release`"


def test_release_holds_no_solutions_and_no_hidden_tests(root):
    for path in (root / "notebooks").rglob("*.ipynb"):
        text = path.read_text()
        for marker in (cells.BEGIN_SOLUTION, cells.BEGIN_HIDDEN, "END HIDDEN TESTS"):
            assert marker not in text, f"{path.name} leaks {marker!r} to students"
        nb = nbformat.read(path, as_version=4)
        stubs = [c for c in nb.cells if cells.is_solution(c)]
        assert stubs and all("raise NotImplementedError()" in c.source for c in stubs), (
            f"{path.name}: every solution cell must be a stub in the release")


def test_no_outputs_are_committed(root):
    for folder in ("solutions", "notebooks", "data/submissions"):
        for path in (root / folder).rglob("*.ipynb"):
            nb = nbformat.read(path, as_version=4)
            dirty = [i for i, c in enumerate(nb.cells)
                     if c.cell_type == "code" and (c.outputs or c.execution_count)]
            assert not dirty, f"{path.relative_to(root)} has outputs in cells {dirty}"


def test_sample_submissions_are_current(root, tmp_path):
    build_samples(root, lessons(root), tmp_path)
    committed, fresh = notebook_files(root / SUBMISSIONS_DIR), notebook_files(tmp_path)
    assert sorted(committed) == sorted(fresh), "data/submissions/ differs: run `python -m grader samples`"
    stale = [name for name in fresh if committed[name] != fresh[name]]
    assert not stale, f"data/submissions/ is out of date for {stale}: run `python -m grader samples`"


def test_readme_links_every_released_notebook_with_its_colab_badge(root):
    from grader.course.layout import publish_settings

    readme = (root / "README.md").read_text()
    settings = publish_settings(root)
    for lesson in lessons(root):
        for path in lesson.releases():
            relative = path.relative_to(root).as_posix()
            assert f"]({relative})" in readme, f"README's lesson table lacks {relative}"
            assert settings.colab_url(relative) in readme, f"README lacks the Colab badge of {relative}"
