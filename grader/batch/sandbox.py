"""Confined kernels for grading: student code must not see the course, the network or other students.

On Linux, as root, each kernel runs under bubblewrap: the course repository, the grader's home and
the grading folder are hidden (only the interpreter and the submission's own folder are mounted),
there is no network namespace to talk through, and the kernel runs as an unprivileged uid with a
process limit. It talks to the grader over IPC (Unix) sockets in its own folder. A watchdog kills the
kernel above a memory cap, a process count or the whole-notebook time limit, and records why.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Any, Bool, Float, Integer, List, Unicode

from grader.batch.model import Limits

# Environment variables a kernel keeps; everything else (tokens, DB passwords) is dropped.
KEPT_ENV = ("PATH", "LANG", "LC_ALL", "TZ", "TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS")


@dataclass(frozen=True)
class SandboxSupport:
    available: bool
    reason: str  # why not, when unavailable


def sandbox_support() -> SandboxSupport:
    """Whether confined kernels can be had on this machine, and if not, why."""
    if not sys.platform.startswith("linux"):
        return SandboxSupport(False, "the sandbox needs Linux namespaces")
    if shutil.which("bwrap") is None:
        return SandboxSupport(False, "bubblewrap (bwrap) is not installed: apt-get install bubblewrap")
    if os.geteuid() != 0:
        return SandboxSupport(False, "switching kernels to an unprivileged uid needs root")
    return SandboxSupport(True, "")


def exposure_warning() -> str:
    return ("WARNING: --no-sandbox: student code runs as you, with your network, and can read "
            "solutions/, the gradebook, other students' submissions and your files.")


def in_use(processes: list) -> tuple[int, int]:
    """Memory the process tree really holds (the sum of unique set sizes, USS) and its task count
    (threads included, as RLIMIT_NPROC counts them). A process that ends meanwhile counts nothing:
    in a fork bomb some always do, and skipping the whole reading would never reach the limit.

    Plain RSS counts the copy-on-write pages a forked child shares with its parent once per
    child, which would call a fork a memory bomb.
    """
    import psutil

    memory = tasks = 0
    for process in processes:
        try:
            try:
                memory += process.memory_full_info().uss
            except (psutil.AccessDenied, AttributeError):
                memory += process.memory_info().rss
            tasks += process.num_threads()
        except psutil.NoSuchProcess:
            continue
    return memory, tasks


@dataclass(frozen=True)
class Mount:
    """One bwrap mount: an empty tmpfs, a read-only bind or a writable bind, at `path`."""

    kind: str  # "tmpfs" | "ro-bind" | "bind"
    path: Path
    source: Path | None = None

    @property
    def depth(self) -> int:
        return len(self.path.parts)


KIND_ORDER = {"tmpfs": 0, "ro-bind": 1, "bind": 2}


def covering(applied: list[Mount], path: Path) -> Mount | None:
    """The mount that decides what `path` shows: the deepest applied one at or above it."""
    found = [m for m in applied if path == m.path or path.is_relative_to(m.path)]
    return max(found, key=lambda m: m.depth) if found else None


def mount_plan(hidden: list[str] | list[Path], visible: list[str] | list[Path], own: Path,
               socket_dir: Path | None = None) -> list[str]:
    """bwrap arguments for the kernel's file system view, the one place that rule is written.

    The root is read-only; /tmp and every `hidden` folder are empty tmpfs; each `visible` path
    (the interpreter: venv or conda prefix, base prefix) shows again read-only wherever it sits,
    however deep under a hidden folder; `own` (the submission folder) and `socket_dir` are
    writable. bubblewrap creates the missing parents of a bind target inside a tmpfs as 0700
    root, which an unprivileged kernel cannot cross, so every such parent is made 0755 first.
    Mounts are applied parents first, so a deeper mount always wins over the one above it.
    """
    wanted = [Mount("tmpfs", Path("/tmp"))]
    wanted += [Mount("tmpfs", Path(h).resolve()) for h in hidden if Path(h).exists()]
    for path in visible:
        if Path(path).exists():  # both the path as named and where its symlinks lead
            for target in dict.fromkeys((Path(os.path.abspath(path)), Path(path).resolve())):
                wanted.append(Mount("ro-bind", target, Path(path).resolve()))
    own = own.resolve()
    wanted.append(Mount("bind", own, own))
    if socket_dir is not None:
        wanted.append(Mount("bind", socket_dir.resolve(), socket_dir.resolve()))
    args = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    applied: list[Mount] = []
    for mount in sorted(dict.fromkeys(wanted), key=lambda m: (m.depth, KIND_ORDER[m.kind], str(m.path))):
        cover = covering(applied, mount.path)
        if mount.kind == "tmpfs":
            if cover is not None and cover.kind == "tmpfs":
                continue  # already hidden by a tmpfs above it
            args += ["--perms", "1777" if mount.path == Path("/tmp") else "0755", "--tmpfs", str(mount.path)]
        else:
            if mount.kind == "ro-bind" and (cover is None or cover.kind == "ro-bind"):
                continue  # already visible, read-only, through the root or a bind above it
            if cover is not None and cover.kind == "tmpfs":
                between = [p for p in reversed(mount.path.parents) if p.is_relative_to(cover.path)
                           and p != cover.path]
                for parent in between:
                    args += ["--perms", "0755", "--dir", str(parent)]
            flag = "--ro-bind" if mount.kind == "ro-bind" else "--bind"
            args += [flag, str(mount.source or mount.path), str(mount.path)]
        applied.append(mount)
    return args


def confinement(own: Path, hidden: list[str], visible: list[str], socket_dir: str | None, uid: int,
                max_processes: int, threads: int = 0) -> list[str]:
    """The whole command prefix that confines a kernel (or the preflight's probe) as `uid`."""
    own = own.resolve()
    args = ["bwrap", *mount_plan(hidden, visible, own, Path(socket_dir) if socket_dir else None),
            "--chdir", str(own), "--clearenv"]
    env = {k: os.environ[k] for k in KEPT_ENV if k in os.environ}
    env.update(HOME=f"{own}/.home", MPLCONFIGDIR=f"{own}/.home/matplotlib", PYTHONNOUSERSITE="1")
    if threads:
        env.update(OMP_NUM_THREADS=str(threads), TF_NUM_INTRAOP_THREADS=str(threads),
                   TF_NUM_INTEROP_THREADS="1")
    for key, value in env.items():
        args += ["--setenv", key, value]
    return args + ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                   "--die-with-parent", "--new-session", "--",
                   "prlimit", f"--nproc={max_processes}:{max_processes}", "--",
                   "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--no-new-privs", "--"]


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager that wraps the kernel command in bubblewrap and watches the kernel."""

    confine = Bool(True, help="Run the kernel under bubblewrap as `uid`.").tag(config=True)
    own_dir = Unicode("", help="The submission's folder: the only writable path.").tag(config=True)
    hidden_paths = List(Unicode(), help="Folders hidden from the kernel (empty tmpfs).").tag(config=True)
    visible_paths = List(Unicode(), help="Read-only paths shown again inside hidden ones.").tag(config=True)
    socket_dir = Unicode("", help="Short folder for IPC sockets (Unix paths <= 108 bytes).").tag(config=True)
    uid = Integer(60001, help="Unprivileged uid (and gid) of the kernel.").tag(config=True)
    max_processes = Integer(512, help="RLIMIT_NPROC: processes and threads.").tag(config=True)
    memory_limit_mb = Integer(4096, help="Kill the kernel above this RSS (process tree).").tag(config=True)
    notebook_timeout = Float(Limits.notebook_timeout,
                             help="Kill the kernel this long after it started (s).").tag(config=True)
    threads = Integer(0, help="OMP/TF thread count for the kernel (0: leave unset).").tag(config=True)
    kernel_log = Unicode("", help="File that receives the kernel process's own stdout and stderr "
                         "(its start-up banner, TF's C++ logs); empty: inherit the grader's."
                         ).tag(config=True)

    zygote = Any(None, allow_none=True, help="A zygote.Zygote to fork this kernel from, already "
                 "confined (None: start the kernel command cold).")

    limit_reason: str | None = None
    _watchdog: threading.Thread | None = None
    _stop_watchdog: threading.Event | None = None

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        if not self.confine:
            return command
        os.chmod(self.connection_file, 0o644)  # the kernel's uid must read its connection file
        return command if self.zygote is not None else self.bwrap_prefix() + command

    def bwrap_prefix(self) -> list[str]:
        return confinement(Path(self.own_dir), self.hidden_paths, self.visible_paths,
                           self.socket_dir or None, self.uid, self.max_processes, self.threads)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        if self.zygote is not None:  # LocalProvisioner drives the fork as it would drive a Popen
            process = self.zygote.fork(self.connection_file, self.own_dir)
            self.provisioner.process = process
            self.provisioner.pid = self.provisioner.pgid = process.pid  # the fork leads its own session
            self._reconcile_connection_info(self.provisioner.connection_info)
            return None
        if self.kernel_log:
            with open(self.kernel_log, "ab") as log:  # the child keeps its own copy of the descriptor
                kw.setdefault("stdout", log)
                kw.setdefault("stderr", log)
                return await super()._async_launch_kernel(kernel_cmd, **kw)
        return await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_post_start_kernel(self, **kw) -> None:
        await super()._async_post_start_kernel(**kw)
        self.start_watchdog()

    def start_watchdog(self) -> None:
        process = getattr(self.provisioner, "process", None)
        if process is None:
            return
        self._stop_watchdog = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, args=(process, self._stop_watchdog),
                                          daemon=True, name="kernel-watchdog")
        self._watchdog.start()

    def _watch(self, process, stop: threading.Event) -> None:
        import psutil

        started = time.monotonic()
        limit_bytes = self.memory_limit_mb * 1024 * 1024
        try:
            root = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        watched = getattr(process, "watched", None)  # a forked kernel says what belongs to it
        while not stop.wait(0.1):
            try:
                tree = watched() if watched else [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                if not root.is_running():
                    return
                continue  # a child that ended while the tree was listed
            except psutil.Error:
                continue
            used, tasks = in_use(tree)
            if not root.is_running():
                return
            reason = None
            if tasks >= self.max_processes - 8:
                reason = f"process limit ({self.max_processes} processes)"
            elif used > limit_bytes:
                reason = f"memory limit ({self.memory_limit_mb} MB)"
            elif time.monotonic() - started > self.notebook_timeout:
                reason = f"notebook timeout ({self.notebook_timeout:g} s)"
            if reason:
                self.limit_reason = reason
                for member in reversed(tree):
                    try:
                        member.kill()
                    except psutil.Error:
                        pass
                return

    async def _async_shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
        if self._stop_watchdog is not None:
            self._stop_watchdog.set()
        await super()._async_shutdown_kernel(now=now, restart=restart)
