"""The worker side of `grader autograde`: one process of the pool grades one student at a time.

Each student is graded by stock nbgrader (autograde, then generate_feedback) into a private copy of
the template gradebook, in sandboxed kernels; the main process merges the result (see `runner`).
"""

from __future__ import annotations

import atexit
import re
import shutil
import time
from dataclasses import dataclass

from grader.batch.model import GradeTask, Limits, OutcomeLog, SubmissionOutcome
from grader.batch.zygote import KernelForks, slot_confinement
from grader.course import nbgrader_api
from grader.headless import output_to


@dataclass
class WorkerSlot:
    """This worker process's slot, 0…jobs-1, set once by the pool initializer: its kernels run as
    uid block + slot, so two workers never share a uid. With it, the worker's preloaded-kernel
    servers, started with its first student and ended with the process."""

    index: int = 0
    forks: KernelForks | None = None

    def kernel_forks(self, task: GradeTask) -> KernelForks | None:
        if not task.preload:
            return None
        if self.forks is None:
            confined = slot_confinement(
                task.work.parent / f".slot-{self.index}", hidden=task.hidden, visible=task.visible,
                uid=task.uid_base + self.index, max_processes=task.limits.max_processes,
                threads=task.threads) if task.sandbox else None
            self.forks = KernelForks(confined)
            atexit.register(self.forks.stop)
        return self.forks


WORKER = WorkerSlot()


def init_worker(counter, log_file: str = "") -> None:
    with counter.get_lock():
        WORKER.index = counter.value
        counter.value += 1
    nbgrader_api.ensure_venv_on_path()
    if log_file:  # this worker's and its kernels' chatter go to the log, not the console
        output_to(log_file)


def warm_up() -> None:
    """Import what grading a student needs, ahead of the first one (run while the preflight runs)."""
    import nbconvert.preprocessors  # noqa: F401
    import nbgrader.apps  # noqa: F401
    import nbgrader.preprocessors  # noqa: F401

    import grader.batch.preprocessors  # noqa: F401


def execution_config(config, *, sandbox: bool, limits: Limits, uid: int, threads: int,
                     hidden: tuple[str, ...], visible: tuple[str, ...], probe_specs: dict):
    """How a kernel is started and watched: the same for a student's notebook and the preflight."""
    config.Execute.timeout = limits.cell_timeout
    config.SandboxedExecute.probe_specs = probe_specs
    km = config.SandboxKernelManager
    km.confine, km.uid, km.threads = sandbox, uid, threads
    km.max_processes, km.memory_limit_mb = limits.max_processes, limits.memory_mb
    km.notebook_timeout = limits.notebook_timeout
    km.hidden_paths, km.visible_paths = list(hidden), list(visible)
    return config


def worker_config(task: GradeTask, outcomes: OutcomeLog):
    from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        GetGrades,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    from grader.batch.preprocessors import (
        CapOutputBytes,
        RedactHiddenTests,
        SandboxedExecute,
        StderrNotScored,
    )

    config = nbgrader_api.work_config(task.repo, task.work, submitted=task.staged)
    config.Autograde.autograde_preprocessors = [
        SandboxedExecute, IgnorePattern, StderrNotScored, CapOutputBytes, ClearMetadataPreprocessor,
        LimitOutput, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
    config.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, RedactHiddenTests]
    config.CapOutputBytes.max_bytes = task.limits.output_bytes
    config.LimitOutput.max_lines = task.limits.output_lines
    config.SandboxedExecute.matplotlib_cache = task.matplotlib_cache
    config.SandboxedExecute.outcomes = config.CapOutputBytes.outcomes = outcomes
    config.SandboxedExecute.forks = WORKER.kernel_forks(task)
    return execution_config(config, sandbox=task.sandbox, limits=task.limits,
                            uid=task.uid_base + WORKER.index, threads=task.threads, hidden=task.hidden,
                            visible=task.visible, probe_specs=task.probe_specs)


def hold_for_manual_grading(db_url: str, assignment: str, student: str,
                            withheld: dict[str, list[str]]) -> None:
    """Cells whose points were withheld (a patched helper) are marked as nbgrader's manual-grade work."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        for notebook, names in withheld.items():
            for name in names:
                gb.find_grade(name, notebook, assignment, student).needs_manual_grade = True
        gb.db.commit()


def check_integrity(task: GradeTask, notebook_id: str) -> list[str]:
    """Flags for manual review; re-pointed graded cells get their metadata back before grading."""
    from grader.authoring.release import read, write
    from grader.batch.integrity import checksum_flags, code_flags, restore_released_metadata

    path = task.staged / task.student / task.assignment / f"{notebook_id}.ipynb"
    nb = read(path)
    release = read(task.template_db.parent / "release" / task.assignment / f"{notebook_id}.ipynb")
    flags = checksum_flags(nb, release) + code_flags(nb, release)
    if restore_released_metadata(nb, release):
        write(nb, path)
    return flags


def root_cause(result: dict) -> str:
    """The line of nbgrader's log that names the real error, not its closing summary."""
    text = "\n".join([result.get("log") or "", result.get("error") or ""])
    causes = [line.strip() for line in text.splitlines()
              if re.match(r"^\s*[\w.]*(Error|Exception)\b.*:", line) and "NbGraderException" not in line]
    return (causes[-1] if causes else text.strip().splitlines()[-1] if text.strip() else "no detail")[:300]


def grade_submission(task: GradeTask) -> SubmissionOutcome:
    """Grade one student in this worker: integrity flags, then nbgrader autograde and feedback."""
    if task.work.exists():
        shutil.rmtree(task.work)
    task.work.mkdir(parents=True)
    shutil.copy(task.template_db, task.work / "gradebook.db")
    flags = {nb: check_integrity(task, nb) for nb in task.notebooks}
    outcomes = OutcomeLog()
    api = nbgrader_api.api(worker_config(task, outcomes))
    started = time.perf_counter()
    with nbgrader_api.quiet_nbgrader_log():
        graded = api.autograde(task.assignment, task.student, force=True, create=True)
        if graded.get("success"):
            api.generate_feedback(task.assignment, task.student, force=True)
    outcome = SubmissionOutcome(task.student, flags, dict(outcomes), time.perf_counter() - started)
    if not graded.get("success"):
        outcome.error = f"nbgrader autograde failed: {root_cause(graded)}"
        return outcome
    withheld = {name: o.withheld for name, o in outcome.outcomes.items() if o.withheld}
    if withheld:
        hold_for_manual_grading(nbgrader_api.sqlite_url(task.work / "gradebook.db"), task.assignment,
                                task.student, withheld)
    return outcome
