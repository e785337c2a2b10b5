"""Before any grading: can a kernel start, confined exactly as a student's will be, and import the lesson?

A grading environment that cannot start kernels (ipykernel missing from the interpreter the
kernel spec names, a venv the kernel's uid cannot reach, a library that fails to import) would
otherwise grade every student 0 with "kernel died". The preflight stops the run first, with one
message naming the cause and the fix, before any gradebook row, result file or feedback exists.

Two steps: the kernel's interpreter runs `import ipykernel_launcher` under the same confinement
(its stderr names the cause), then one real kernel, started by the same preprocessor as a
student's, imports every module the lesson imports and fingerprints the helpers its tests trust
(the baseline for `probe`).
"""

from __future__ import annotations

import ast
import logging
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from grader.batch import probe
from grader.batch.model import BatchOptions, Limits
from grader.batch.sandbox import confinement
from grader.batch.worker import execution_config
from grader.course import cells
from grader.course.layout import FRAMEWORKS, Lesson
from grader.errors import CourseError

log = logging.getLogger(__name__)
OPTIONAL_ROOTS = {"google", "__future__"}  # Colab's module: imported only where it exists
# Importing torch, TensorFlow and Keras in one cold kernel on a busy 2-core machine can take
# minutes: the canary gets this long, whatever the per-cell limit of the students' notebooks.
CANARY_TIMEOUT = 600


@dataclass(frozen=True)
class Preflight:
    python: str  # the interpreter the kernel spec runs
    modules: tuple[str, ...]  # what the canary imported
    baseline: dict[str, list]  # helper -> fingerprint in a pristine kernel
    seconds: float


def required_imports(notebooks: list[NotebookNode]) -> tuple[str, ...]:
    """Top-level packages the course's own cells import unconditionally.

    Only imports at the top level of a cell count: one inside a function, an `if` or a `try` is
    optional (torch_xla on a TPU, jax where installed, Colab's module).
    """
    found: dict[str, None] = {}
    for nb in notebooks:
        for cell in nb.cells:
            if cell.cell_type != "code" or cells.is_solution(cell):
                continue
            tree = probe.parsed(cell)
            for node in tree.body if tree else ():
                if isinstance(node, ast.Import):
                    found.update((alias.name.split(".")[0], None) for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found[node.module.split(".")[0]] = None
    return tuple(m for m in found if m not in OPTIONAL_ROOTS and m not in sys.builtin_module_names)


def kernel_python() -> tuple[str, str]:
    """The interpreter the `python3` kernel spec starts, and where that spec lives."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel as exc:
        raise CourseError(
            f"no `python3` kernel spec: install ipykernel into the course's environment ({sys.prefix}): {exc}"
        ) from exc
    command = spec.argv[0]
    if command in {"python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"}:
        command = sys.executable  # what jupyter_client does with a bare `python`
    return command, spec.resource_dir


def import_check(
    python: str, spec_dir: str, modules: tuple[str, ...], confine: list[str], as_whom: str
) -> None:
    """Step 1: the kernel's interpreter, confined, finds ipykernel and every module (stderr kept)."""
    check = (
        "import importlib.util, sys, ipykernel_launcher\n"
        f"missing = [m for m in {list(modules)!r} if importlib.util.find_spec(m) is None]\n"
        "sys.exit('cannot find ' + ', '.join(missing) + ' from ' + sys.prefix if missing else 0)\n"
    )
    try:
        done = subprocess.run([*confine, python, "-c", check], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CourseError(
            f"preflight: the grading kernel's interpreter {python} could not be run: {exc}"
        ) from exc
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).strip().splitlines() if line.strip()]
        cause = lines[-1] if lines else f"exit code {done.returncode}"
        raise CourseError(import_failure(cause, python, spec_dir, as_whom))


def import_failure(cause: str, python: str, spec_dir: str, as_whom: str) -> str:
    """What went wrong in step 1, and the fix: bubblewrap's own failure is not a broken environment."""
    if cause.startswith("bwrap:"):
        return (
            f"preflight: the sandbox cannot start here ({cause}). bubblewrap needs user namespaces and "
            "mounts, which a container's default seccomp profile or missing capabilities forbid; see "
            "docs/scale-out.md for the settings that allow it, or grade with --no-sandbox where the "
            "machine itself is the boundary."
        )
    return (
        f"preflight: the grading kernel cannot start: {python} ({as_whom}) failed to import "
        f"ipykernel or the lesson's modules: {cause}. The kernel spec in {spec_dir} runs {python}; "
        "install ipykernel and the course's requirements into that environment (make setup), and make "
        "every folder of it readable by other users (chmod -R o+rX), since confined kernels run as "
        "an unprivileged uid."
    )


def canary(modules: tuple[str, ...], names: list[str]) -> NotebookNode:
    """Step 2's notebook: import everything the lesson imports, write a file, fingerprint helpers."""
    imports = "".join(f"import {m}\n" for m in modules)
    write = "with open('preflight-write-check.txt', 'w') as handle:\n    handle.write('ok')\n"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(imports + write + probe.baseline_source(names))]
    return nb


def run_preflight(
    config, own: Path, modules: tuple[str, ...], names: list[str], confine: list[str] | None, uid: int | None
) -> Preflight:
    """Both steps, or a CourseError that says what is wrong and how to fix it."""
    from grader.batch.model import OutcomeLog
    from grader.batch.preprocessors import SandboxedExecute

    started = time.perf_counter()
    python, spec_dir = kernel_python()
    if own.exists():
        shutil.rmtree(own)
    own.mkdir(parents=True)
    as_whom = f"as uid {uid} inside the sandbox" if uid is not None else "as you, without a sandbox"
    if confine is not None:
        import os

        os.chown(own, uid, uid)
    import_check(python, spec_dir, modules, confine or [], as_whom)
    config.Execute.timeout = max(config.Execute.timeout or 0, CANARY_TIMEOUT)
    config.SandboxKernelManager.notebook_timeout = max(config.SandboxKernelManager.notebook_timeout,
                                                       float(CANARY_TIMEOUT))
    log_of_run = OutcomeLog()
    config.SandboxedExecute.outcomes = log_of_run
    executor = SandboxedExecute(config=config)
    nb = canary(modules, names)
    resources = {"metadata": {"path": str(own)}, "unique_key": "preflight"}
    executor.preprocess(nb, resources)
    outcome = log_of_run.of(resources)
    cell = nb.cells[0]
    errors = [f"{o.get('ename')}: {o.get('evalue')}" for o in cell.get("outputs", []) if o.get("ename")]
    baseline = probe.marked_json(cell)
    if errors or baseline is None or outcome.status != "ok":
        cause = outcome.fault or "; ".join(errors) or outcome.status or "the canary printed nothing"
        raise CourseError(
            f"preflight: a grading kernel ({python}, {as_whom}) could not run the canary cell that imports "
            f"{', '.join(modules) or 'nothing'}: {cause}. Nothing was graded; fix the environment and "
            "re-run."
        )
    if not (own / "preflight-write-check.txt").is_file():
        raise CourseError(f"preflight: the grading kernel could not write to its submission folder {own}")
    shutil.rmtree(own, ignore_errors=True)
    seconds = time.perf_counter() - started
    log.info("preflight passed in %.1f s: %s imports %s", seconds, python, ", ".join(modules))
    return Preflight(python, modules, baseline, seconds)


# ---------------------------------------------------------------- for a batch run

def lesson_reliance(lesson: Lesson) -> dict[str, probe.TestReliance]:
    """What each notebook's tests (hidden ones included) rely on, from the sources."""
    from grader.authoring.release import read

    return {lesson.notebook_id(fw): probe.reliance(read(lesson.source(fw))) for fw in FRAMEWORKS}


def preflight_baseline(repo: Path, chosen: list[Lesson], own: Path, *, sandbox: bool, limits: Limits,
                       uid: int, threads: int, hidden: tuple[str, ...], visible: tuple[str, ...],
                       log_file: Path | str | None) -> dict:
    """One preflight for `chosen` lessons: the union of their imports and of the helpers their tests
    trust; returns those helpers' pristine fingerprints (the baseline)."""
    from traitlets.config import Config

    from grader.authoring.release import read

    config = execution_config(Config(), sandbox=sandbox, limits=limits, uid=uid, threads=threads,
                              hidden=hidden, visible=visible, probe_specs={})
    config.SandboxKernelManager.kernel_log = str(log_file or "")
    notebooks = [read(p) for lesson in chosen for p in (*lesson.sources(), *lesson.releases()) if p.is_file()]
    names = sorted({n for lesson in chosen for r in lesson_reliance(lesson).values() for n in r.names()})
    confine = (confinement(own, list(hidden), list(visible), None, uid, limits.max_processes, threads)
               if sandbox else None)
    checked = run_preflight(config, own, required_imports(notebooks), names, confine,
                            uid if sandbox else None)
    return checked.baseline


def check_environment(repo: Path, lesson: Lesson, out: Path, options: BatchOptions,
                      hidden: tuple[str, ...], visible: tuple[str, ...], uid: int,
                      threads: int) -> dict[str, dict]:
    """The preflight; returns each notebook's probe spec (its helpers' pristine fingerprints)."""
    baseline = preflight_baseline(repo, [lesson], out / "work" / ".preflight", sandbox=options.sandbox,
                                  limits=options.limits, uid=uid, threads=threads, hidden=hidden,
                                  visible=visible, log_file=options.log_file)
    return {notebook: r.spec(baseline) for notebook, r in lesson_reliance(lesson).items()}
