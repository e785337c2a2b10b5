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
from traitlets import Bool, Float, Integer, List, Unicode

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


def memory_in_use(processes: list) -> int:
    """Memory the process tree really holds: the sum of unique set sizes (USS).

    Plain RSS counts the copy-on-write pages a forked child shares with its parent once per
    child, which would call a fork a memory bomb.
    """
    import psutil

    total = 0
    for process in processes:
        try:
            total += process.memory_full_info().uss
        except (psutil.AccessDenied, AttributeError):
            total += process.memory_info().rss
    return total


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
    notebook_timeout = Float(600.0, help="Kill the kernel this long after it started (s).").tag(config=True)
    threads = Integer(0, help="OMP/TF thread count for the kernel (0: leave unset).").tag(config=True)

    limit_reason: str | None = None
    _watchdog: threading.Thread | None = None
    _stop_watchdog: threading.Event | None = None

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        if not self.confine:
            return command
        os.chmod(self.connection_file, 0o644)  # the kernel's uid must read its connection file
        return self.bwrap_prefix() + command

    def bwrap_prefix(self) -> list[str]:
        own = str(Path(self.own_dir).resolve())
        args = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--perms", "1777", "--tmpfs", "/tmp"]
        for hidden in self.hidden_paths:
            if Path(hidden).exists():
                args += ["--tmpfs", hidden]
        for visible in self.visible_paths:
            if Path(visible).exists():
                args += ["--ro-bind", visible, visible]
        # Inside every tmpfs we mount (/tmp included), bwrap would create the folders leading to
        # a bind target as 0700 root, and the kernel's uid could not reach its own folder.
        mounted = [Path("/tmp"), *(Path(h) for h in self.hidden_paths)]
        for ancestor in reversed(Path(own).parents):
            if any(ancestor.is_relative_to(m) and ancestor != m for m in mounted):
                args += ["--perms", "0755", "--dir", str(ancestor)]
        args += ["--bind", own, own]
        if self.socket_dir:
            args += ["--bind", self.socket_dir, self.socket_dir]
        args += ["--chdir", own, "--clearenv"]
        env = {k: os.environ[k] for k in KEPT_ENV if k in os.environ}
        env.update(HOME=f"{own}/.home", MPLCONFIGDIR=f"{own}/.home/matplotlib", PYTHONNOUSERSITE="1")
        if self.threads:
            env.update(OMP_NUM_THREADS=str(self.threads), TF_NUM_INTRAOP_THREADS=str(self.threads),
                       TF_NUM_INTEROP_THREADS="1")
        for key, value in env.items():
            args += ["--setenv", key, value]
        args += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                 "--die-with-parent", "--new-session", "--",
                 "prlimit", f"--nproc={self.max_processes}:{self.max_processes}", "--",
                 "setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                 "--no-new-privs", "--"]
        return args

    async def _async_post_start_kernel(self, **kw) -> None:
        await super()._async_post_start_kernel(**kw)
        self.start_watchdog()

    def start_watchdog(self) -> None:
        process = getattr(self.provisioner, "process", None)
        if process is None:
            return
        self._stop_watchdog = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, args=(process.pid, self._stop_watchdog),
                                          daemon=True, name="kernel-watchdog")
        self._watchdog.start()

    def _watch(self, pid: int, stop: threading.Event) -> None:
        import psutil

        started = time.monotonic()
        limit_bytes = self.memory_limit_mb * 1024 * 1024
        try:
            root = psutil.Process(pid)
        except psutil.NoSuchProcess:
            return
        while not stop.wait(0.1):
            try:
                tree = [root, *root.children(recursive=True)]
                used = memory_in_use(tree)
                tasks = sum(p.num_threads() for p in tree)  # RLIMIT_NPROC counts threads too
            except psutil.NoSuchProcess:
                return
            except psutil.Error:
                continue
            reason = None
            if tasks >= self.max_processes - 8:
                reason = f"process limit ({self.max_processes} processes)"
            elif used > limit_bytes:
                reason = f"memory limit ({self.memory_limit_mb} MB)"
            elif time.monotonic() - started > self.notebook_timeout:
                reason = f"notebook timeout ({self.notebook_timeout:g} s)"
            if reason:
                self.limit_reason = reason
                for process in reversed(tree):
                    try:
                        process.kill()
                    except psutil.Error:
                        pass
                return

    async def _async_shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
        if self._stop_watchdog is not None:
            self._stop_watchdog.set()
        await super()._async_shutdown_kernel(now=now, restart=restart)
