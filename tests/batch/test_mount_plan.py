"""The sandbox's mount plan, as a pure function: no root, no bubblewrap, no kernel.

The rule: the root read-only; /tmp and every hidden folder empty; the interpreter shown again
read-only wherever it sits; the submission folder writable; and every folder bubblewrap must
create inside a tmpfs to reach a bind target made 0755 first (bwrap makes them 0700 root, which
an unprivileged kernel cannot cross: the bug that graded every student 0 with a venv in /tmp).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from grader.batch.sandbox import mount_plan


def steps(args: list[str]) -> list[tuple[str, ...]]:
    """bwrap arguments grouped into (flag, operands…) steps, `--perms` merged into the next one."""
    arity = {"--ro-bind": 2, "--bind": 2, "--dev": 1, "--proc": 1, "--tmpfs": 1, "--dir": 1, "--perms": 1}
    out, i, perms = [], 0, None
    while i < len(args):
        flag, n = args[i], arity[args[i]]
        operands = tuple(args[i + 1 : i + 1 + n])
        i += 1 + n
        if flag == "--perms":
            perms = operands[0]
            continue
        out.append((flag, *operands, *((f"perms={perms}",) if perms else ())))
        perms = None
    return out


@pytest.fixture
def tree():
    """A folder tree outside /tmp (the plan hides /tmp whole, so nothing there needs its own tmpfs)."""
    root = Path(tempfile.mkdtemp(prefix="mount-plan-", dir="/var/tmp"))
    for folder in (
        "repo/.venv",
        "home/me/venvs/course",
        "home/me/miniconda3/envs/course",
        "out/work/alice",
        "opt/python",
        "sockets",
    ):
        (root / folder).mkdir(parents=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def reachable(plan: list[tuple[str, ...]], target: Path, tmpfs_roots: list[Path]) -> list[str]:
    """Folders between a tmpfs and `target` that the plan leaves for bwrap to create as 0700."""
    made = {Path(s[1]) for s in plan if s[0] == "--dir" and "perms=0755" in s}
    bound = {Path(s[2]) for s in plan if s[0] in ("--ro-bind", "--bind")}
    missing = []
    for root in tmpfs_roots:
        if target.is_relative_to(root) and target != root:
            for parent in target.parents:
                if parent == root:
                    break
                if parent not in made and parent not in bound:
                    missing.append(str(parent))
    return missing


def test_a_venv_deep_under_a_hidden_folder_is_reachable(tree):
    repo, home, out = tree / "repo", tree / "home/me", tree / "out"
    venv = home / "venvs/course"
    plan = steps(mount_plan([repo, home, out], [venv], out / "work/alice"))
    assert ("--tmpfs", str(home.resolve()), "perms=0755") in plan
    assert ("--ro-bind", str(venv.resolve()), str(venv.resolve())) in plan
    assert reachable(plan, venv.resolve(), [home.resolve()]) == [], plan
    order = [s[1] if s[0] != "--ro-bind" else s[2] for s in plan]
    assert order.index(str(home.resolve())) < order.index(str(venv.resolve())), "a tmpfs must come first"


def test_the_submission_folder_is_writable_and_every_parent_is_0755(tree):
    out = tree / "out"
    own = out / "work/alice"
    plan = steps(mount_plan([out], [], own))
    assert ("--bind", str(own.resolve()), str(own.resolve())) in plan
    assert reachable(plan, own.resolve(), [out.resolve()]) == []


def test_folders_below_tmp_are_made_0755_too(tmp_path):
    own = tmp_path / "out" / "work" / "alice"
    own.mkdir(parents=True)
    plan = steps(mount_plan([tmp_path / "out"], [], own))
    assert ("--tmpfs", "/tmp", "perms=1777") in plan
    assert not [s for s in plan if s[0] == "--tmpfs" and s[1] != "/tmp"], "all of it is under /tmp already"
    assert reachable(plan, own.resolve(), [Path("/tmp")]) == []


def test_a_venv_inside_the_hidden_repository_needs_no_parent(tree):
    repo = tree / "repo"
    plan = steps(mount_plan([repo], [repo / ".venv"], tree / "out/work/alice"))
    assert ("--ro-bind", str((repo / ".venv").resolve()), str((repo / ".venv").resolve())) in plan
    assert not [s for s in plan if s[0] == "--dir" and Path(s[1]).is_relative_to(repo.resolve())]


def test_visible_paths_outside_hidden_ones_are_not_bound_again(tree):
    plan = steps(mount_plan([tree / "repo"], [Path("/usr")], tree / "out/work/alice"))
    assert not [s for s in plan if s[0] == "--ro-bind" and s[2] == "/usr"], "/usr shows through the root"


def test_a_hidden_folder_inside_another_is_one_tmpfs(tree):
    home = tree / "home/me"
    plan = steps(mount_plan([home, home / "venvs"], [], tree / "out/work/alice"))
    tmpfs = [s[1] for s in plan if s[0] == "--tmpfs"]
    assert str(home.resolve()) in tmpfs and str((home / "venvs").resolve()) not in tmpfs


def test_a_conda_env_inside_its_base_installation(tree):
    home = tree / "home/me"
    base, env = home / "miniconda3", home / "miniconda3/envs/course"
    plan = steps(mount_plan([home], [base, env], tree / "out/work/alice"))
    assert ("--ro-bind", str(base.resolve()), str(base.resolve())) in plan
    assert not [s for s in plan if s[0] == "--ro-bind" and s[2] == str(env.resolve())], (
        "the env shows through its base installation's bind"
    )


def test_a_symlinked_venv_is_shown_where_it_is_named_and_where_it_leads(tree):
    home = tree / "home/me"
    (home / "link").symlink_to(tree / "opt/python")
    plan = steps(mount_plan([home, tree / "opt"], [home / "link"], tree / "out/work/alice"))
    targets = {s[2] for s in plan if s[0] == "--ro-bind"}
    assert {str(home / "link"), str((tree / "opt/python").resolve())} <= targets


def test_the_socket_folder_is_writable(tree):
    sockets = tree / "sockets"
    plan = steps(mount_plan([], [], tree / "out/work/alice", sockets))
    assert ("--bind", str(sockets.resolve()), str(sockets.resolve())) in plan
