"""One dependency list: pyproject.toml; environment.yml and the Makefile only point at it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import yaml
from packaging.requirements import Requirement

from grader.course.layout import find_root

ROOT = find_root()
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def requirements() -> list[Requirement]:
    project = PYPROJECT["project"]
    extras = [r for group in project.get("optional-dependencies", {}).values() for r in group]
    return [Requirement(r) for r in project["dependencies"] + extras]


def test_environment_yml_installs_this_project_and_nothing_else_from_pip():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert pip_sections == [["-e .[dev]"]], (
        f"environment.yml's pip section must install the project itself, got {pip_sections}")
    names = {re.split(r"[=<>! ]", d)[0] for d in conda}
    assert names == {"python", "pip"}, (
        f"conda dependencies besides python/pip would duplicate pyproject.toml: {sorted(names)}")
    python = next(d for d in conda if d.startswith("python"))
    version = python.split("=", 1)[1]
    assert Requirement(f"python{PYPROJECT['project']['requires-python']}").specifier.contains(
        version + ".0"), f"environment.yml's {python} is outside requires-python"


def test_torch_is_pinned_exactly_and_every_dependency_is_pinned_or_capped():
    reqs = requirements()
    torch = [r for r in reqs if r.name == "torch"]
    assert [str(r.specifier) for r in torch] == ["==2.13.0"], "torch must be pinned exactly (CPU wheel)"
    loose = [str(r) for r in reqs if not any(s.operator in ("==", "<", "<=", "~=") for s in r.specifier)]
    assert not loose, f"dependencies without a pin or an upper bound: {loose}"
    named = {r.name.lower() for r in reqs}
    for needed in ("keras", "nbgrader", "papermill", "jupyterlab", "matplotlib", "pytest", "onnx",
                   "onnxruntime", "onnxscript", "ai-edge-litert", "tqdm", "scikit-learn"):
        assert needed in named, f"{needed} is missing from pyproject.toml"
    assert {"tensorflow", "tensorflow-cpu"} & named, "TensorFlow is missing from pyproject.toml"


def test_makefile_installs_the_torch_pin_read_from_pyproject():
    out = subprocess.run(["make", "-s", "-n", "--always-make", "setup"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    torch_line = next(line for line in out.splitlines() if "torch==" in line)
    assert "'torch==2.13.0'" in torch_line, f"make setup must install the exact pin first: {torch_line}"
    lines = out.splitlines()
    assert lines.index(torch_line) < next(i for i, line in enumerate(lines) if "-e '.[dev]'" in line), (
        "torch must be installed before the project, or pip resolves a CUDA build")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in ci and "make test" in readme and "make course" in readme


def test_xdist_groups_keep_a_module_fixture_on_one_worker(tmp_path):
    """`make test` runs `--dist loadgroup`: each whole-course or whole-lesson fixture must be built
    once. pytest 9.2 with pytest-xdist 3.8 silently sent a group's tests to both workers, and CI
    built the whole course twice (about 20 minutes of CPU)."""
    (tmp_path / "test_grouped.py").write_text(
        "import os, pytest\n"
        "pytestmark = [pytest.mark.xdist_group('course')]\n"
        "@pytest.fixture(scope='module')\n"
        "def built():\n"
        "    with open('setups.log', 'a') as f:\n"
        "        f.write(os.environ['PYTEST_XDIST_WORKER'] + '\\n')\n"
        + "".join(f"def test_{i}(built): pass\n" for i in range(4)))
    (tmp_path / "test_other.py").write_text("".join(f"def test_{i}(): pass\n" for i in range(4)))
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup",
                           "-p", "no:cacheprovider", "-o", "addopts=", tmp_path], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
    setups = (tmp_path / "setups.log").read_text().split()
    assert len(setups) == 1, f"the module fixture was built on {setups}: xdist_group did not group"
