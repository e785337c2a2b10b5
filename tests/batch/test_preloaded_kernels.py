"""Preloaded kernels on a real server: each student's kernel is a fresh fork, and nothing one
student's kernel leaves (module state, environment, files in /tmp, processes) reaches the next.

The confined tests need root and bubblewrap, as grading does; the unconfined ones run anywhere.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from traitlets.config import Config

from grader.batch import plan, sandbox
from grader.batch.model import Limits, OutcomeLog
from grader.batch.preprocessors import KERNEL_DIED, SandboxedExecute
from grader.batch.worker import execution_config
from grader.batch.zygote import KernelForks, slot_confinement
from grader.course.nbgrader_api import ensure_venv_on_path
from tests.conftest import ROOT
from tests.notebooks import graded_cell, notebook, solution_cell

pytestmark = pytest.mark.slow
NAME = "lesson_pytorch"
UID = 100_000 + 63  # the last slot of the first uid block: no batch run in these tests uses it
needs_sandbox = pytest.mark.skipif(not sandbox.sandbox_support().available,
                                   reason=f"no sandbox here: {sandbox.sandbox_support().reason}")

LEAVE_TRACES = """\
import os, subprocess, numpy
numpy.left_by = "first student"
os.environ["LEFT_BY"] = "first student"
for folder in ("/tmp", "."):  # /dev/shm is not writable in the sandbox
    with open(os.path.join(folder, "left_by_first"), "w") as f:
        f.write("x")
subprocess.Popen(["sleep", "600"], start_new_session=True)  # a stray outside the kernel's group
print(json.dumps({"server": os.getppid()}))"""

LOOK_AROUND = """\
import os, numpy
def cmdlines():
    found = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            found.append(open(f"/proc/{pid}/cmdline").read().replace("\\0", " "))
        except OSError:
            pass
    return found
print(json.dumps({"server": os.getppid(), "numpy": getattr(numpy, "left_by", None),
                  "env": os.environ.get("LEFT_BY"), "tmp": os.listdir("/tmp"),
                  "cwd": sorted(os.listdir(".")),
                  "sleepers": [c for c in cmdlines() if "sleep 600" in c]}))"""


def student(source: str):
    return notebook(solution_cell("import json\n" + source), graded_cell("print('graded')", "ex1_test"))


LIMITS = Limits(cell_timeout=60)


def run(nb, own: Path, forks: KernelForks, confined: bool, limits: Limits = LIMITS):
    """Grade `nb` in `own` as a worker would, with kernels forked by `forks`: (outcome, what it printed)."""
    ensure_venv_on_path()
    log = OutcomeLog()
    hidden, visible = plan.sandbox_paths(ROOT, own.parent, "sqlite:///" + str(own.parent / "gradebook.db"))
    config = execution_config(Config(), sandbox=confined, limits=limits, uid=UID,
                              threads=1, hidden=hidden if confined else (),
                              visible=visible if confined else (), probe_specs={})
    config.SandboxedExecute.outcomes = log
    config.SandboxedExecute.forks = forks
    own.mkdir(parents=True, exist_ok=True)
    (own / "data.txt").write_text("the student's own file")
    resources = {"unique_key": NAME, "metadata": {"path": str(own)}}
    executed, _ = SandboxedExecute(config=config).preprocess(nb, resources)
    said = [json.loads(o.text) for o in executed.cells[0].get("outputs", [])
            if o.get("name") == "stdout" and o.text.startswith("{")]
    return log[NAME], said[0] if said else None


@pytest.fixture
def forks(request, tmp_path):
    confined = request.param
    if confined and not sandbox.sandbox_support().available:
        pytest.skip(f"no sandbox here: {sandbox.sandbox_support().reason}")
    hidden, visible = plan.sandbox_paths(ROOT, tmp_path, "sqlite:///" + str(tmp_path / "gradebook.db"))
    # An environment straight under /tmp (a fresh clone's .venv there, as in CI): shown read-only
    # inside the sandbox's own /tmp, it must survive the clean-up of /tmp after every kernel.
    env_in_tmp = Path(tempfile.mkdtemp(prefix="env-", dir="/tmp"))
    visible = (*visible, str(env_in_tmp))
    slot = slot_confinement(tmp_path / ".slot-0", hidden=hidden, visible=visible, uid=UID,
                            max_processes=256, threads=1) if confined else None
    servers = KernelForks(slot)
    yield servers
    servers.stop()
    env_in_tmp.rmdir()


@pytest.mark.parametrize("forks", [True, False], ids=["confined", "unconfined"], indirect=True)
def test_the_next_students_kernel_is_a_fresh_fork_that_sees_nothing_of_the_last(forks, tmp_path):
    confined = forks.confined is not None
    first, traces = run(student(LEAVE_TRACES), tmp_path / "work" / "first", forks, confined)
    server = list(forks.servers.values())
    second, seen = run(student(LOOK_AROUND), tmp_path / "work" / "second", forks, confined)
    assert list(forks.servers.values()) == server, "the server cleaned up after the first kernel and stayed"
    assert first.status == second.status == "ok", (first, second)
    assert len(forks.servers) == 1, "both notebooks preload numpy: one server"
    assert seen["server"] == traces["server"], "both kernels were forked by the same server"
    assert seen["numpy"] is None and seen["env"] is None, seen
    assert "left_by_first" not in seen["cwd"] and "data.txt" in seen["cwd"], seen["cwd"]
    assert (tmp_path / "work" / "first" / "left_by_first").exists(), "a kernel's own files stay its own"
    assert (tmp_path / "work" / "second" / "data.txt").exists(), "files lent to the kernel came back"
    if confined:
        assert "left_by_first" not in seen["tmp"], seen
        assert seen["sleepers"] == [], "a stray the first kernel left was not killed"


@pytest.mark.parametrize("forks", [True], ids=["confined"], indirect=True)
def test_a_student_who_kills_the_server_loses_only_their_own_run(forks, tmp_path):
    killer = student("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nimport time\ntime.sleep(5)")
    outcome, _ = run(killer, tmp_path / "work" / "killer", forks, confined=True)
    assert outcome.status == KERNEL_DIED, outcome
    after, seen = run(student(LOOK_AROUND), tmp_path / "work" / "next", forks, confined=True)
    assert after.status == "ok", after
    assert seen["numpy"] is None


@pytest.mark.parametrize("forks", [True], ids=["confined"], indirect=True)
def test_the_memory_limit_holds_for_a_forked_kernel(forks, tmp_path):
    bomb = student("import numpy\nhoard = []\nwhile True:\n    hoard.append(b'x' * 100_000_000)")
    outcome, _ = run(bomb, tmp_path / "work" / "bomb", forks, True, Limits(cell_timeout=60, memory_mb=800))
    assert outcome.status == "memory limit (800 MB)", outcome
    assert forks.servers, "the server outlives a kernel the watchdog killed"
