"""Colab readiness: the setup cell installs only what Colab lacks (never torch or tensorflow) and
nothing locally, and every notebook's Colab badge opens that very notebook.

The setup cell is executed as the notebook runs it, with `google.colab` simulated in sys.modules
and subprocess.run intercepted, so nothing is ever installed. tests/test_lessons.py runs each
released notebook whole on a simulated Colab, in a real kernel.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.machinery
import io
import re
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from grader.authoring.opening import BADGE_IMAGE, COLAB_NEEDS_LINE, SETUP_TAG, snippet, tagged
from grader.authoring.release import read, release
from grader.course.layout import PublishSettings, find_root, lessons, publish_settings

ROOT = find_root()
# Colab ships these, built for its own CUDA/TPU runtime: reinstalling one breaks the runtime, and
# torchvision/torchaudio/tf-keras would drag a different torch or tensorflow in with them.
NEVER_ON_COLAB = {"torch", "torchvision", "torchaudio", "tensorflow", "tensorflow-cpu", "tensorflow-gpu",
                  "tf-nightly", "tf-keras", "keras", "numpy", "jax", "jaxlib"}
# Every lesson notebook there is, sources and releases (check reports a missing one).
NOTEBOOKS = [pytest.param(path, id=path.relative_to(ROOT).as_posix())
             for folder in ("solutions", "notebooks") for path in sorted((ROOT / folder).glob("*/*.ipynb"))]


def with_needs(source: str, needs: dict[str, str]) -> str:
    return COLAB_NEEDS_LINE.sub(f"COLAB_NEEDS = {needs!r}", source)


@pytest.fixture
def setup_cell(monkeypatch):
    """run(source, colab=…) executes a setup cell; returns (printed, the pip commands it ran)."""
    commands: list[list[str]] = []

    def fake_run(command, *args, **kwargs):
        commands.append(list(command))
        return subprocess.CompletedProcess(command, 0)

    def run(source: str, colab: bool) -> tuple[str, list[list[str]]]:
        if colab:  # what Colab's kernel has, and nothing else here does
            colab = types.ModuleType("google.colab")
            colab.__spec__ = importlib.machinery.ModuleSpec("google.colab", loader=None)
            monkeypatch.setitem(sys.modules, "google.colab", colab)
        else:
            monkeypatch.setitem(sys.modules, "google.colab", None)  # import would fail, as off Colab
        monkeypatch.setattr(subprocess, "run", fake_run)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(source, "setup-colab cell", "exec"), {"__name__": "__main__"})
        return printed.getvalue(), commands

    return run


def pip_install(*requirements: str) -> list[str]:
    return [sys.executable, "-m", "pip", "install", "--quiet", *requirements]


def test_on_colab_it_installs_exactly_what_is_missing(setup_cell):
    source = with_needs(snippet("colab_setup"), {
        "sklearn": "scikit-learn>=1.9",               # present: Colab has it
        "course_helper_absent": "course-helper==1.0",  # missing
        "absent_pkg.sub": "absent-pkg",                # missing, and so is its parent package
    })
    printed, commands = setup_cell(source, colab=True)
    assert commands == [pip_install("course-helper==1.0", "absent-pkg")]
    assert printed == "Colab: installed course-helper==1.0, absent-pkg\n"


def test_on_colab_with_everything_present_it_installs_nothing(setup_cell):
    source = with_needs(snippet("colab_setup"), {"sklearn": "scikit-learn", "tqdm": "tqdm"})
    printed, commands = setup_cell(source, colab=True)
    assert commands == []
    assert printed == "Colab: installed nothing (all present)\n"


def test_off_colab_it_does_nothing_even_when_something_is_missing(setup_cell):
    source = with_needs(snippet("colab_setup"), {"course_helper_absent": "course-helper==1.0"})
    assert setup_cell(source, colab=False) == ("", [])


def colab_needs_of(cell_source: str) -> dict:
    """The COLAB_NEEDS literal of a setup cell, which must be a dict of str to str."""
    assignments = [node for node in ast.parse(cell_source).body if isinstance(node, ast.Assign)
                   and [getattr(t, "id", None) for t in node.targets] == ["COLAB_NEEDS"]]
    assert len(assignments) == 1, "the setup cell assigns COLAB_NEEDS exactly once"
    needs = ast.literal_eval(assignments[0].value)
    assert isinstance(needs, dict) and all(isinstance(k, str) and isinstance(v, str)
                                           for k, v in needs.items()), f"COLAB_NEEDS = {needs!r}"
    return needs


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_notebook_setup_cell_never_installs_colab_own_frameworks(path):
    [cell] = tagged(read(path), SETUP_TAG)
    for module, requirement in colab_needs_of(cell.source).items():
        named = {module.split(".")[0].replace("_", "-").lower(), Requirement(requirement).name.lower()}
        assert not named & NEVER_ON_COLAB, (
            f"COLAB_NEEDS[{module!r}] = {requirement!r}: Colab ships {sorted(named & NEVER_ON_COLAB)} "
            "built for its own GPU/TPU runtime; installing it again breaks the runtime")


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_notebook_setup_cell_installs_nothing_here_and_nothing_on_a_full_colab(path, setup_cell):
    """Locally it prints nothing; on Colab, with every COLAB_NEEDS module present (they all are in
    the course environment), it installs nothing."""
    [cell] = tagged(read(path), SETUP_TAG)
    assert setup_cell(cell.source, colab=False) == ("", [])
    printed, commands = setup_cell(cell.source, colab=True)
    assert commands == [], f"COLAB_NEEDS names modules the course environment lacks: {commands}"
    assert printed == "Colab: installed nothing (all present)\n"


# --------------------------------------------------------------------------- badges

BADGE = re.compile(r"\[!\[Open In Colab\]\((?P<image>[^)]+)\)\]\((?P<url>[^)]+)\)")


def badges(path: Path) -> list[str]:
    return [m.group("url") for m in BADGE.finditer(read(path).cells[0].source)
            if m.group("image") == BADGE_IMAGE]


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_notebook_badge_opens_that_notebook_on_colab(path):
    relative = path.relative_to(ROOT).as_posix()
    settings = publish_settings(ROOT)
    assert badges(path) == [settings.colab_url(relative)], (
        f"{relative}: its title cell needs exactly one Colab badge, pointing at its own path "
        "(run `python -m grader release`)")
    course = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["course"]
    assert badges(path)[0] == (f"https://colab.research.google.com/github/{course['github_repository']}"
                               f"/blob/{course['github_branch']}/{relative}")


def test_colab_url_is_built_from_the_repository_and_branch():
    fork = PublishSettings("someone/fork", "dev")
    assert fork.colab_url("notebooks/01_x/x_pytorch.ipynb") == (
        "https://colab.research.google.com/github/someone/fork/blob/dev/notebooks/01_x/x_pytorch.ipynb")


@pytest.mark.slow
def test_release_regenerates_every_badge_from_pyproject(course_copy):
    """A fork edits [tool.course] in one place, runs release, and every badge follows."""
    pyproject = course_copy / "pyproject.toml"
    text = pyproject.read_text()
    course = tomllib.loads(text)["tool"]["course"]
    text = text.replace(f'github_repository = "{course["github_repository"]}"',
                        'github_repository = "someone/fork"')
    text = text.replace(f'github_branch = "{course["github_branch"]}"', 'github_branch = "dev"')
    pyproject.write_text(text)
    release(course_copy, ["01_autograd"])
    lesson = lessons(course_copy)[0]
    for path in (*lesson.sources(), *lesson.releases()):
        relative = path.relative_to(course_copy).as_posix()
        assert badges(path) == [f"https://colab.research.google.com/github/someone/fork/blob/dev/{relative}"]
