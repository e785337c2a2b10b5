"""The preloaded-kernel server: imports a notebook's frameworks once, then forks one fresh kernel per request.

It runs where student code runs (inside the slot's sandbox, where the course repository is hidden),
so it imports nothing of the grader: `zygote.Zygote` passes this file's text to `python -c`.
It never runs student code itself. Each kernel is a fork of it taken before any student code ran,
so a kernel starts as a fresh process that has already done the notebook's first imports; what a
student changes (modules, files, processes) dies with that kernel and is cleaned up after it.

Protocol, one JSON object per line: the server says {"ready": ...} once its imports are done; then
it answers {"op": "fork", "connection_file", "cwd"} with {"pid"} and {"op": "clean"} with {"clean"}.
"""

import ctypes
import importlib
import json
import os
import re
import shutil
import signal
import sys
import time
import traceback

PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4
LIBC = ctypes.CDLL(None, use_errno=True)


def reply(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def preload(plan: dict) -> dict:
    """Do the notebook's own first steps, in its order: literal environment settings, then imports."""
    failed = {}
    for key, value, only_if_unset in plan.get("env", []):
        if only_if_unset:
            os.environ.setdefault(key, value)
        else:
            os.environ[key] = value
    for name in plan.get("modules", []):
        try:
            importlib.import_module(name)
        except Exception as exc:  # the student's own import will fail the same way, in a cell
            failed[name] = f"{type(exc).__name__}: {exc}"[:300]
    import ipykernel.kernelapp  # noqa: F401  (the kernel's own start-up, paid once)

    return failed


def become_kernel(request: dict) -> None:
    """In the forked child: detach from the server and run ipykernel on the given connection file."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        LIBC.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)  # the server is not dumpable; the kernel is as usual
        LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # no kernel outlives its server
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)  # the control pipe is the server's alone
        os.dup2(2, 1)
        os.close(null)
        os.chdir(request["cwd"])
        if "numpy" in sys.modules:  # a fresh process draws its own legacy global seed
            sys.modules["numpy"].random.seed()
        from ipykernel import kernelapp

        launcher = os.path.join(os.path.dirname(os.path.dirname(kernelapp.__file__)), "ipykernel_launcher.py")
        sys.argv = [launcher, "-f", request["connection_file"]]
        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


def others() -> list[int]:
    """Every other process this server could see in its pid namespace (init, pid 1, excepted)."""
    me = os.getpid()
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)]


def mount_points() -> list[str]:
    """Where the sandbox mounted something (the interpreter, the slot's folders, hidden tmpfs):
    none of it is a kernel's to remove, even inside /tmp; the grader empties the slot's own."""
    points = []
    with open("/proc/self/mountinfo") as mounts:
        for line in mounts:
            point = line.split()[4]  # octal escapes for space, tab, newline and backslash
            points.append(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), point))
    return points


def empty(folder: str, keep: list[str]) -> None:
    """Remove what is in `folder`, except `keep` and the paths on the way to it."""
    for entry in os.listdir(folder):
        path = os.path.join(folder, entry)
        if any(k == path or k.startswith(path + "/") for k in keep):
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            for root, dirs, _ in os.walk(path):  # a student may have left folders read-only
                for name in dirs:
                    os.chmod(os.path.join(root, name), 0o700)
            os.chmod(path, 0o700)
            shutil.rmtree(path)
        else:
            os.unlink(path)


def clean(confined: bool, last_kernel: int | None) -> None:
    """Leave nothing of the last kernel for the next one: processes, /tmp, /dev/shm, SysV IPC.

    Confined, this server is alone in its pid, IPC and mount namespaces with its kernels, as their
    uid: kill(-1) reaches every process the kernel left, and /tmp and /dev/shm are the sandbox's own.
    Unconfined, it can only end the kernel's session: the machine's /tmp is not ours to empty.
    """
    if not confined:
        if last_kernel:
            try:
                os.killpg(last_kernel, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + 10
    while others():
        if time.monotonic() > deadline:
            raise RuntimeError(f"processes {others()} outlived kill(-1)")
        time.sleep(0.01)
    for folder in ("/tmp", "/dev/shm"):
        if os.path.isdir(folder):
            empty(folder, mount_points())
    if shutil.which("ipcrm"):
        import subprocess

        subprocess.run(["ipcrm", "--all"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)


def fork_safe_threads() -> int:
    """The threads still running across a fork: a fork copies only the calling thread, so any other
    must be gone by then. Thread pools that stop themselves for a fork (OpenBLAS's, through
    pthread_atfork) pass; so a trial fork is made, and the threads are counted after it."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return len(os.listdir("/proc/self/task"))


def children() -> int:
    """Processes this server started and that still run: a preload must leave none."""
    tasks = os.listdir("/proc/self/task")
    return sum(len(open(f"/proc/self/task/{t}/children").read().split()) for t in tasks)


def serve(plan: dict, confined: bool) -> None:
    if confined and os.getpid() > 10:  # kill(-1) outside a fresh pid namespace would reach the whole uid
        reply({"error": f"confined, but pid {os.getpid()}: not in a pid namespace of its own"})
        sys.exit(2)
    if sys.path and sys.path[0] == "":  # as ipykernel_launcher does; IPython puts it back
        del sys.path[0]
    LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # unconfined: die with the grader's worker
    started = time.perf_counter()
    failed = preload(plan)
    LIBC.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # a kernel (same uid) may not ptrace or poke this process
    threads = fork_safe_threads()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped by the system
    reply({"ready": os.getpid(), "failed": failed, "threads": threads, "children": children(),
           "seconds": round(time.perf_counter() - started, 2)})
    last_kernel = None
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "fork":
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                become_kernel(request)
            last_kernel = pid
            reply({"pid": pid})
        elif request["op"] == "clean":
            try:
                clean(confined, last_kernel)
                reply({"clean": True})
            except Exception as exc:
                reply({"clean": False, "error": f"{type(exc).__name__}: {exc}"[:300]})


if __name__ == "__main__":
    settings = json.loads(sys.argv[1])
    serve(settings["plan"], settings["confined"])
