"""The batch grader works wherever the course's Python lives, and stops loudly when it cannot start.

Each layout is a real environment: a venv (or a conda-like prefix made with `venv --copies`)
whose site-packages are hard links to this test run's own, so it costs seconds, not an install.
The grader then runs *from* that environment, as an instructor's would, and grades the sample
student who solves everything, confined, to full marks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

from grader.authoring.release import read, write
from grader.batch import sandbox
from tests.conftest import ROOT

ASSIGNMENT = "01_autograd"
pytestmark = [pytest.mark.slow]
needs_sandbox = pytest.mark.skipif(
    not sandbox.sandbox_support().available, reason=f"no sandbox here: {sandbox.sandbox_support().reason}"
)


def link_tree(source: Path, dest: Path) -> None:
    """A copy made of hard links where the file system allows it (seconds for a 3 GB venv)."""
    if dest.exists():
        shutil.rmtree(dest)
    done = subprocess.run(["cp", "-al", str(source), str(dest)], capture_output=True)
    if done.returncode != 0:
        shutil.copytree(source, dest, symlinks=True)


def make_environment(prefix: Path, copies: bool = False) -> Path:
    """A working course environment at `prefix`; returns its python."""
    prefix.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", *(["--copies"] if copies else []), str(prefix)],
        check=True,
    )
    purelib = Path(sysconfig.get_paths()["purelib"])
    link_tree(purelib, prefix / purelib.relative_to(sys.prefix))
    link_tree(Path(sys.prefix) / "share", prefix / "share")  # the python3 kernel spec
    old_shebang = f"#!{Path(sys.prefix) / 'bin' / 'python'}"
    for script in (Path(sys.prefix) / "bin").iterdir():  # alembic, nbgrader, ... (console scripts)
        target = prefix / "bin" / script.name
        if script.is_file() and not target.exists():
            try:
                text = script.read_text()
            except UnicodeDecodeError:
                continue
            if text.startswith(old_shebang):
                target.write_text(text.replace(old_shebang, f"#!{prefix / 'bin' / 'python'}", 1))
                target.chmod(0o755)
    for folder in (prefix, *prefix.parents):  # as `make setup` leaves it: readable by others
        if folder == Path("/") or folder.stat().st_mode & 0o005 == 0o005:
            break
        folder.chmod(folder.stat().st_mode | 0o005)
    return prefix / "bin" / "python"


def quick_alice(folder: Path) -> Path:
    """The sample student who solves everything, handing in the quick run (FAST = True)."""
    for notebook in sorted((ROOT / "data" / "submissions" / "alice" / ASSIGNMENT).glob("*.ipynb")):
        nb = read(notebook)
        for cell in nb.cells:
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = cell.source.replace("FAST = False", "FAST = True")
        write(nb, folder / "alice" / ASSIGNMENT / notebook.name)
    return folder


def autograde(python: Path, submitted: Path, out: Path, *extra: str, home: Path | None = None):
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    if home is not None:
        env["HOME"] = str(home)
    return subprocess.run(
        [
            str(python),
            "-m",
            "grader",
            "autograde",
            str(submitted),
            "--assignment",
            ASSIGNMENT,
            "--out",
            str(out),
            "--jobs",
            "2",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )


def scores(out: Path) -> dict[str, tuple[float, float]]:
    import json

    result = json.loads((out / "results" / "alice.json").read_text())
    return {name: (nb["score"], nb["max"]) for name, nb in result["notebooks"].items()}


LAYOUTS = {
    "this run's own environment (the repository's .venv under make test)": None,
    "a venv outside the repository, under /tmp/…/…": "tmp/deep/er/venv",
    "a venv under $HOME/…/…, with $HOME outside /tmp": "$HOME/venvs/course",
    "a conda-like prefix (venv --copies) outside the repository": "tmp/miniconda3/envs/course",
}


@needs_sandbox
@pytest.mark.parametrize("layout", LAYOUTS, ids=["own", "tmp", "home", "conda"])
def test_full_marks_wherever_the_environment_lives(layout, tmp_path, request):
    where = LAYOUTS[layout]
    # A home folder as instructors have one (/home/NAME, /root): not under /tmp, which the sandbox
    # hides anyway. It is hidden from the kernel, with the venv inside it shown again.
    home = Path(tempfile.mkdtemp(prefix="grader-home-", dir="/var/tmp"))
    request.addfinalizer(lambda: shutil.rmtree(home, ignore_errors=True))
    if where is None:
        python = Path(sys.executable)
    else:
        prefix = home / where.removeprefix("$HOME/") if where.startswith("$HOME/") else tmp_path / where
        python = make_environment(prefix, copies="conda" in where)
    out = tmp_path / "out"
    done = autograde(python, quick_alice(tmp_path / "submitted"), out, home=home)
    assert done.returncode == 0, f"{layout}: exit {done.returncode}\n{done.stderr[-3000:]}"
    found = scores(out)
    assert set(found) == {"autograd_pytorch", "autograd_tensorflow"}
    for name, (score, maximum) in found.items():
        assert maximum > 0 and score == maximum, (
            f"{layout}: {name} scored {score}/{maximum}\n{done.stderr[-2000:]}"
        )


@pytest.mark.parametrize(
    "confined", [pytest.param(True, marks=needs_sandbox), False], ids=["sandbox", "no-sandbox"]
)
def test_a_kernel_that_cannot_start_stops_the_run_before_anything_is_written(confined, tmp_path):
    python = make_environment(tmp_path / "broken" / "venv")
    purelib = python.parent.parent / Path(sysconfig.get_paths()["purelib"]).relative_to(sys.prefix)
    shutil.rmtree(purelib / "ipykernel")
    (purelib / "ipykernel_launcher.py").unlink()
    out = tmp_path / "out"
    done = autograde(
        python, quick_alice(tmp_path / "submitted"), out, *([] if confined else ["--no-sandbox"])
    )
    assert done.returncode == 2, f"exit {done.returncode}\n{done.stderr[-3000:]}"
    message = done.stderr.strip().splitlines()[-1]
    assert message.startswith("error: preflight:") and "ipykernel" in message, message
    assert str(python) in message, f"the message must name the interpreter: {message}"
    assert not (out / "results").exists() or not any((out / "results").iterdir()), "a result file was written"
    assert not (out / "gradebook.db").exists(), "the gradebook was touched"
    assert not (out / "feedback").exists()
