"""Preloaded kernels: pay for a notebook's framework imports once per worker, not once per student.

A grading worker keeps, per notebook kind, one server process (`zygote_server`) that has done the
notebook's first steps: its literal `os.environ` settings and its imports of the heavy libraries in
`PRELOADABLE` (plus ipykernel itself). Each student's kernel is a fork of that server, taken before
any student code ran, and is used for one notebook only: two students never share a kernel or any
state. Confined, the server lives in the slot's sandbox: its kernels see the slot folder, into which
the student's files are moved for the run and out of which they are moved back; after each kernel
the server kills every process left in its namespaces and empties /tmp, /dev/shm and SysV IPC.

What is preloaded comes from the notebook being graded, read statically (`preload_plan`): only
imports that come before any code that could change what they load (sys.path, non-literal
environment changes, magics) are taken, so a kernel starts as if it had run those lines itself.
"""

from __future__ import annotations

import ast
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from grader.batch.sandbox import confinement

log = logging.getLogger(__name__)

# Libraries a fork may copy once imported: each starts no thread at import (the server checks).
PRELOADABLE = frozenset({"numpy", "scipy", "sklearn", "torch", "tensorflow", "keras"})
# Names whose use before an import could change what that import loads.
UNSAFE_BEFORE_IMPORT = ("sys.path", "sys.modules", "os.environ", "os.putenv", "importlib.reload",
                        "site.addsitedir", "os.chdir")
SERVER_SOURCE = Path(__file__).with_name("zygote_server.py")
STARTUP_TIMEOUT = 300.0  # s: importing TensorFlow and torch on a cold page cache
REQUEST_TIMEOUT = 30.0
MAX_SERVERS = 3  # per worker: the notebooks of one lesson, with room for a student's variant


class ZygoteError(RuntimeError):
    """A preloaded-kernel server could not start or answer: the worker starts kernels cold instead."""


@dataclass(frozen=True)
class PreloadPlan:
    """The first steps of a notebook that its kernel's server does ahead: env settings, then imports."""

    env: tuple[tuple[str, str, bool], ...] = ()  # (key, value, only if unset), in the notebook's order
    modules: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"env": [list(e) for e in self.env], "modules": list(self.modules)}


def dotted(node: ast.AST) -> str:
    """`os.environ.setdefault` for the attribute chain of a name, else ""."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def literal_env(statement: ast.stmt) -> tuple[str, str, bool] | None:
    """`os.environ["K"] = "V"` or `os.environ.setdefault("K", "V")` with string literals."""
    def text(node: ast.AST) -> str | None:
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None

    if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
            and isinstance(target := statement.targets[0], ast.Subscript)
            and dotted(target.value) == "os.environ"):
        key, value = text(target.slice), text(statement.value)
        return (key, value, False) if key is not None and value is not None else None
    if (isinstance(statement, ast.Expr) and isinstance(call := statement.value, ast.Call)
            and dotted(call.func) == "os.environ.setdefault" and len(call.args) == 2 and not call.keywords):
        key, value = text(call.args[0]), text(call.args[1])
        return (key, value, True) if key is not None and value is not None else None
    return None


def touches_imports(statement: ast.stmt) -> bool:
    """Whether running `statement` could change what a later import loads."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return False  # a definition runs nothing yet
    for node in ast.walk(statement):
        name = dotted(node) if isinstance(node, (ast.Attribute, ast.Name)) else ""
        if any(name == unsafe or name.startswith(unsafe + ".") for unsafe in UNSAFE_BEFORE_IMPORT):
            return True
    return False


def imported_modules(statement: ast.stmt) -> list[str]:
    if isinstance(statement, ast.Import):
        return [alias.name for alias in statement.names]
    if isinstance(statement, ast.ImportFrom) and statement.level == 0 and statement.module:
        return [statement.module]
    return []


def preload_plan(nb) -> PreloadPlan:
    """What a kernel for `nb` may have imported before its first cell, as `nb` itself would.

    Code cells are read in order, top-level statements only; the walk stops at a cell that is not
    plain Python (a magic, `!pip`) or at a statement that could change what a later import loads.
    Literal environment settings before the last preloaded import are kept, in order.
    """
    env: list[tuple[str, str, bool]] = []
    modules: list[str] = []
    kept_env = 0
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        try:
            body = ast.parse(cell.source).body
        except SyntaxError:
            break
        stopped = False
        for statement in body:
            setting = literal_env(statement)
            if setting is not None:
                env.append(setting)
                continue
            if touches_imports(statement):
                stopped = True
                break
            for name in imported_modules(statement):
                if name.split(".")[0] in PRELOADABLE and name not in modules:
                    modules.append(name)
                    kept_env = len(env)
        if stopped:
            break
    return PreloadPlan(tuple(env[:kept_env]), tuple(modules))


def ns_pids(pid: int) -> list[int]:
    """The pid of a process in each pid namespace it belongs to, outermost first."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("NSpid:"):
                return [int(p) for p in line.split()[1:]]
    return [pid]


class ForkedKernel:
    """A kernel forked by a server, seen by jupyter_client's LocalProvisioner as its `Popen`.

    It is the server's child, not ours: the system reaps it, so its exit status is not known here
    (`returncode` is -1 once it is gone).
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int, zygote: Zygote):
        import psutil

        self.pid = pid
        self.returncode: int | None = None
        self._zygote = zygote
        self._process = psutil.Process(pid)

    def poll(self) -> int | None:
        import psutil

        if self.returncode is None:
            try:
                gone = self._process.status() == psutil.STATUS_ZOMBIE
            except psutil.NoSuchProcess:
                gone = True
            if gone:
                self.returncode = -1
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def watched(self) -> list:
        """What the watchdog counts: the kernel and all it started, strays that left it included."""
        return self._zygote.kernel_processes(self._process)


@dataclass(frozen=True)
class Confinement:
    """Where a confined server lives: the slot's folder and socket folder, and the kernel's limits."""

    folder: Path
    socket_dir: Path
    hidden: tuple[str, ...]
    visible: tuple[str, ...]
    uid: int
    max_processes: int
    threads: int


class Zygote:
    """One preloaded-kernel server process, and the line protocol to it."""

    def __init__(self, python: str, plan: PreloadPlan, confined: Confinement | None):
        self.plan, self.confined = plan, confined
        settings = {"plan": plan.as_dict(), "confined": confined is not None}
        command = [python, "-c", SERVER_SOURCE.read_text(), json.dumps(settings)]
        if confined is not None:
            command = confinement(confined.folder, list(confined.hidden), list(confined.visible),
                                  str(confined.socket_dir), confined.uid, confined.max_processes,
                                  confined.threads) + command
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        cwd=confined.folder if confined else None)
        self._buffer = b""
        try:
            ready = self.request(None, STARTUP_TIMEOUT)
            if "ready" not in ready:
                raise ZygoteError(ready.get("error") or f"unexpected answer {ready}")
            if ready["threads"] != 1 or ready["children"]:
                raise ZygoteError(f"importing {', '.join(plan.modules)} left {ready['threads'] - 1} "
                                  f"threads and {ready['children']} processes running: a fork copies "
                                  "neither, and processes would be shared between students")
        except BaseException:
            self.stop()
            raise
        self.pid = self.host_pid(ready["ready"])
        self.failed: dict[str, str] = ready["failed"]
        log.info("preloaded kernels for %s: %s s (%s)", ", ".join(plan.modules) or "ipykernel",
                 ready["seconds"], "confined" if confined else "unconfined")

    def host_pid(self, pid: int) -> int:
        """Our pid for the process the server calls `pid` (its own or a kernel's)."""
        if self.confined is None:
            return pid
        import psutil

        for _ in range(100):  # a just-forked child shows up in /proc a moment later
            for process in psutil.Process(self.process.pid).children(recursive=True):
                try:
                    inside = ns_pids(process.pid)
                except OSError:
                    continue
                if len(inside) > 1 and inside[-1] == pid:
                    return process.pid
            time.sleep(0.01)
        raise ZygoteError(f"no process {pid} in the server's namespace")

    def request(self, message: dict | None, timeout: float) -> dict:
        """Send `message` (None: only read) and return the server's one-line answer."""
        if message is not None:
            try:
                self.process.stdin.write((json.dumps(message) + "\n").encode())
                self.process.stdin.flush()
            except (BrokenPipeError, OSError) as exc:
                raise ZygoteError(f"the server is gone ({exc})") from None
        deadline = time.monotonic() + timeout
        out = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ZygoteError(f"no answer within {timeout:g} s")
            if select.select([out], [], [], left)[0]:
                chunk = os.read(out, 65536)
                if not chunk:
                    raise ZygoteError(f"the server exited (status {self.process.wait()})")
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def alive(self) -> bool:
        return self.process.poll() is None

    def fork(self, connection_file: str, cwd: str) -> ForkedKernel:
        """A kernel on `connection_file`, working in `cwd`; ZygoteError (a RuntimeError, so the
        kernel counts as not started: the grader's fault, never the student's) if there is none."""
        import psutil

        answer = self.request({"op": "fork", "connection_file": connection_file, "cwd": cwd},
                              REQUEST_TIMEOUT)
        try:
            return ForkedKernel(self.host_pid(answer["pid"]), self)
        except psutil.NoSuchProcess:
            raise ZygoteError("the forked kernel exited at once (see the log)") from None

    def clean(self) -> bool:
        """Remove all the last kernel left; False (and the reason logged) when that did not work."""
        try:
            answer = self.request({"op": "clean"}, REQUEST_TIMEOUT)
        except ZygoteError as exc:
            answer = {"clean": False, "error": str(exc)}
        if not answer.get("clean"):
            log.warning("preloaded-kernel server retired: %s", answer.get("error"))
        return bool(answer.get("clean"))

    def kernel_processes(self, kernel) -> list:
        """The kernel's process tree; confined, every process in the sandbox but the server's own."""
        import psutil

        if self.confined is None:
            return [kernel, *kernel.children(recursive=True)]
        tree = psutil.Process(self.process.pid).children(recursive=True)
        return [p for p in tree if p.pid != self.pid and not self.is_bwrap(p)]

    @staticmethod
    def is_bwrap(process) -> bool:
        import psutil

        try:
            return process.name() == "bwrap"
        except psutil.NoSuchProcess:
            return True  # gone: nothing to count

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:  # a request still buffered for a server that is gone
                pass


@dataclass
class KernelForks:
    """A worker's preloaded-kernel servers, one per (interpreter, preload plan), started on first use.

    `confined` is the sandbox the servers live in (None: --no-sandbox). A server that fails to
    start is not retried in this worker; its notebooks get cold kernels, as without preloading.
    """

    confined: Confinement | None = None
    servers: OrderedDict = field(default_factory=OrderedDict)
    refused: set = field(default_factory=set)

    def __deepcopy__(self, memo) -> KernelForks:
        return self  # traitlets deep-copies config values; live servers are one per worker

    def server_for(self, argv: list[str], nb) -> Zygote | None:
        if len(argv) < 3 or argv[1:3] != ["-m", "ipykernel_launcher"]:
            return None  # not an ipykernel: nothing to preload
        key = (argv[0], preload_plan(nb))
        server = self.servers.get(key)
        if server is not None and not server.alive():
            self.retire(server)
            server = None
        if server is None:
            if key in self.refused:
                return None
            try:
                server = Zygote(argv[0], key[1], self.confined)
            except (ZygoteError, OSError) as exc:
                log.warning("no preloaded kernels for %s (cold kernels instead): %s",
                            ", ".join(key[1].modules) or "ipykernel", exc)
                self.refused.add(key)
                return None
            self.servers[key] = server
            while len(self.servers) > MAX_SERVERS:
                self.servers.popitem(last=False)[1].stop()
        self.servers.move_to_end(key)
        return server

    def retire(self, server: Zygote) -> None:
        for key, value in list(self.servers.items()):
            if value is server:
                del self.servers[key]
        server.stop()

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()
        self.servers.clear()
        if self.confined is not None:
            shutil.rmtree(self.confined.socket_dir, ignore_errors=True)


def slot_confinement(folder: Path, *, hidden: tuple[str, ...], visible: tuple[str, ...], uid: int,
                     max_processes: int, threads: int) -> Confinement:
    """A slot's sandbox: `folder` (emptied), and a short socket folder (Unix paths <= 108 bytes)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sockets = Path(tempfile.mkdtemp(prefix="gz-", dir="/tmp"))
    for path in (folder, sockets):
        os.chown(path, uid, uid)
    return Confinement(folder, sockets, tuple(hidden), tuple(visible), uid, max_processes, threads)


def lend(own: Path, folder: Path) -> None:
    """Move the submission's files into the slot folder, where the server's kernels can see them."""
    for entry in own.iterdir():
        shutil.move(entry, folder / entry.name)


def empty(folder: Path) -> None:
    """Remove everything in `folder` (the slot's sockets, and whatever a kernel put beside them)."""
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def give_back(folder: Path, own: Path) -> None:
    """Move everything the kernel left in the slot folder back into the submission's folder."""
    for entry in folder.iterdir():
        shutil.move(entry, own / entry.name)
