"""`grader autograde`: grade hundreds of submissions with stock nbgrader, in parallel and confined.

Flow: intake stages every submission; a template gradebook is made once with nbgrader's
generate_assignment; each worker process grades one student at a time into a private copy of it,
in sandboxed kernels; the main process alone merges results into the main gradebook (SQLite or
PostgreSQL) and writes one result file per student. A result file marks a student done, so a run
killed at any point resumes where it stopped; --force regrades.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from tqdm import tqdm

from grader.batch import gradebook, intake, preflight, probe
from grader.batch.model import (
    UID_FIRST,
    BatchOptions,
    BatchRun,
    GradeTask,
    Limits,
    NotebookOutcome,
    NotebookResult,
    OutcomeLog,
    StudentResult,
    SubmissionOutcome,
)
from grader.batch.sandbox import confinement, exposure_warning, sandbox_support
from grader.course import nbgrader_api, report
from grader.course.layout import FRAMEWORKS, Lesson, lessons
from grader.errors import CourseError

log = logging.getLogger(__name__)

# Kernels run as uid block + worker slot. Each batch run takes its own block (from its pid), so two
# runs on one machine never share a uid, and with it an RLIMIT_NPROC budget (threads included).
MAX_JOBS = 64
# This many students in a row whose kernel died at the same cell of the same notebook is the
# grader's fault (an environment or limit problem), not theirs: the batch stops.
SAME_DEATH_STREAK = 3


def uid_block(pid: int) -> int:
    return UID_FIRST + (pid % 20_000) * MAX_JOBS


def shard_of(student: str, count: int) -> int:
    """Stable across machines and runs: the same student always lands in the same shard."""
    return int(hashlib.sha256(student.encode()).hexdigest(), 16) % count


def parse_shard(text: str) -> tuple[int, int]:
    if text.strip() == "auto":  # from the engine that started us: Slurm or Kubernetes
        from .cluster import auto_shard

        return auto_shard()
    try:
        i, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise CourseError(f"--shard {text!r}: write it as I/N, e.g. 1/3, or auto") from None
    if not 1 <= i <= n:
        raise CourseError(f"--shard {text!r}: I must be between 1 and N")
    return i, n


# ---------------------------------------------------------------- the worker side

@dataclass
class WorkerSlot:
    """This worker process's slot, 0…jobs-1, set once by the pool initializer: its kernels run as
    uid block + slot, so two workers never share a uid. The one per-process state of a worker."""

    index: int = 0


WORKER = WorkerSlot()


def _init_worker(counter, log_file: str = "") -> None:
    with counter.get_lock():
        WORKER.index = counter.value
        counter.value += 1
    nbgrader_api.ensure_venv_on_path()
    if log_file:  # this worker's and its kernels' chatter go to the log, not the console
        fd = os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)


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


# ---------------------------------------------------------------- the main side

@dataclass
class Template:
    db: Path
    course_id: str
    max_scores: dict[str, float]
    exercise_of: dict[str, str]  # test grade id -> exercise grade id


@contextlib.contextmanager
def course_lock(db_url: str):
    """Shards on several machines prepare one PostgreSQL gradebook: one at a time (advisory lock)."""
    if not db_url.startswith("postgresql"):
        yield
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(724731)"))
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(724731)"))
    engine.dispose()


def generate_into(repo: Path, lesson: Lesson, template_root: Path, db_url: str):
    """nbgrader generate_assignment into the gradebook at `db_url`; returns the config used."""
    config = nbgrader_api.work_config(repo, template_root, db_url=db_url)
    api = nbgrader_api.api(config)
    for attempt in range(3):
        with nbgrader_api.quiet_nbgrader_log():
            result = api.generate_assignment(lesson.assignment_id, force=True, create=True)
        if result.get("success") or attempt == 2:
            nbgrader_api.checked(result, f"generate_assignment {lesson.assignment_id}")
            break
        time.sleep(1 + attempt)
    return config


def prepare_gradebooks(repo: Path, lesson: Lesson, out: Path, main_url: str) -> Template:
    """generate_assignment into a template SQLite gradebook (for workers) and the main gradebook."""
    template_root = out / "template"
    template_db = template_root / "gradebook.db"
    template_root.mkdir(parents=True, exist_ok=True)
    template_db.unlink(missing_ok=True)
    config = generate_into(repo, lesson, template_root, nbgrader_api.sqlite_url(template_db))
    main_file = Path(main_url.removeprefix("sqlite:///")) if main_url.startswith("sqlite:///") else None
    if main_file is not None and not main_file.exists():
        shutil.copy(template_db, main_file)  # a new main gradebook is the template: no second generate
    else:
        with course_lock(main_url):
            generate_into(repo, lesson, template_root, main_url)
    course_id = config.CourseDirectory.course_id
    from nbgrader.api import Gradebook

    with Gradebook(nbgrader_api.sqlite_url(template_db), course_id) as gb:
        max_scores = {nb.name: nb.max_score for nb in gb.find_assignment(lesson.assignment_id).notebooks}
    return Template(template_db, course_id, max_scores, exercise_map(lesson))


def exercise_map(lesson: Lesson) -> dict[str, str]:
    """Test grade id -> the exercise (solution grade id) it belongs to, for both notebooks."""
    from grader.authoring.release import read
    from grader.course import cells

    mapping = {}
    for framework in FRAMEWORKS:
        source = read(lesson.source(framework))
        for exercise in cells.exercises(source):
            for i in exercise.test_indices:
                mapping[cells.grade_id(source.cells[i])] = exercise.grade_id
    return mapping


def sandbox_paths(repo: Path, out: Path, db_url: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a kernel must not see, and the interpreter paths it needs back inside those."""
    hidden = {str(repo.resolve()), str(out.resolve()), str(Path.home()), "/root"}
    if db_url.startswith("sqlite:///"):
        hidden.add(str(Path(db_url.removeprefix("sqlite:///")).resolve().parent))
    visible = {str(Path(sys.prefix).resolve()), str(Path(sys.base_prefix).resolve())}
    return tuple(sorted(hidden)), tuple(sorted(visible))


def result_path(out: Path, student: str) -> Path:
    return out / "results" / f"{student}.json"


def is_done(out: Path, submission: intake.Submission, digest: str) -> bool:
    path = result_path(out, submission.student)
    try:
        return json.loads(path.read_text()).get("digest") == digest
    except (OSError, ValueError):
        return False


def notebook_rows(submission: intake.Submission, outcome: SubmissionOutcome | None, scores: dict,
                  template: Template) -> dict[str, NotebookResult]:
    """Per notebook: status, score, max, per-test scores, flags (the content of a result file)."""
    rows = {}
    for name in sorted(set(submission.files) | set(submission.problems)):
        notebook = Path(name).stem
        maximum = template.max_scores.get(notebook, 0.0)
        if name in submission.problems:
            rows[notebook] = NotebookResult(submission.problems[name], 0.0, maximum)
            continue
        found = scores.get(notebook)
        seen = (outcome.outcomes.get(notebook) if outcome else None) or NotebookOutcome()
        rows[notebook] = NotebookResult(
            status=outcome.error if outcome and outcome.error else seen.status,
            seconds=seen.seconds,
            score=found.score if found else 0.0,
            max=found.max_score if found else maximum,
            tests={k: list(v) for k, v in (found.exercise_scores if found else {}).items()},
            flags=(outcome.flags.get(notebook, []) if outcome else []) + seen.flags,
        )
    return rows


def finish_student(submission: intake.Submission, digest: str, outcome: SubmissionOutcome | None,
                   task: GradeTask | None, template: Template, main_url: str, lesson: Lesson,
                   out: Path) -> StudentResult:
    """Merge into the main gradebook, copy feedback, then write the result file (last: it marks done)."""
    scores: dict = {}
    if task is not None and outcome is not None and not outcome.error:
        private = nbgrader_api.sqlite_url(task.work / "gradebook.db")
        gradebook.merge_submission(main_url, private, template.course_id, lesson.assignment_id,
                                   submission.student)
        scores = {s.notebook: s for s in gradebook.scores(private, [lesson], [submission.student])}
        for notebook in scores:
            html = task.work / "feedback" / submission.student / lesson.assignment_id / f"{notebook}.html"
            if html.is_file():
                report.write_atomic(out / "feedback" / submission.student / html.name, html.read_text())
    else:
        gradebook.record_empty_submission(main_url, template.course_id, lesson.assignment_id,
                                          submission.student)
    result = StudentResult(submission.student, digest, submission.flags,
                           round(outcome.seconds if outcome else 0.0, 2),
                           notebook_rows(submission, outcome, scores, template))
    report.write_json(result_path(out, submission.student), result.to_json())
    return result


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
    checked = preflight.run_preflight(config, own, preflight.required_imports(notebooks), names, confine,
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


class GradingStopped(CourseError):
    """The grader's own fault: the batch stops, results already written stay valid."""


def death_of(outcome: SubmissionOutcome) -> tuple | None:
    """(notebook, cell) pairs where an unexplained kernel death happened, or None."""
    from grader.batch.preprocessors import KERNEL_DIED

    deaths = tuple(sorted((name, o.died_at) for name, o in outcome.outcomes.items()
                          if o.status == KERNEL_DIED))
    return deaths or None


def run_batch(repo: Path, submissions_path: Path, options: BatchOptions) -> BatchRun:
    """Grade every submission not yet graded (all with --force); returns every student's result.

    Stops with GradingStopped (never a zero) when the fault is the grader's: a kernel that cannot
    start (found by the preflight before anything is written, or later for one student), a worker
    that crashed, or SAME_DEATH_STREAK students in a row whose kernels died at the same cell.
    """
    support = sandbox_support()
    if options.sandbox and not support.available:
        raise CourseError(f"cannot confine student code: {support.reason}. Re-run with --no-sandbox "
                          "to grade without isolation (student code then runs as you).")
    if not options.sandbox and options.warn_unconfined:
        log.warning(exposure_warning())
    found = lessons(repo, [options.assignment])
    lesson = found[0]
    out = options.out_dir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    main_url = nbgrader_api.database_url(options.db_url) if options.db_url else \
        nbgrader_api.sqlite_url(out / "gradebook.db")
    hidden, visible = sandbox_paths(repo, out, main_url)
    uid_base = uid_block(os.getpid())
    staged = out / "staged"
    intake.reset_staging(staged)
    expected = [lesson.notebook_name(fw) for fw in FRAMEWORKS]
    submissions, unrecognised = intake.discover(submissions_path, lesson.assignment_id, expected, staged)
    for line in unrecognised:
        log.warning("skipped: %s", line)
    if options.shard:
        i, n = options.shard
        submissions = [s for s in submissions if shard_of(s.student, n) == i - 1]
    digests = {s.student: s.digest() for s in submissions}
    todo = [s for s in submissions if options.force or not is_done(out, s, digests[s.student])]
    jobs = max(1, min(options.jobs, len(todo) or 1, MAX_JOBS))
    threads = options.threads or max(1, (os.cpu_count() or 1) // jobs)
    gradable = [s for s in todo if s.files]
    if not gradable:
        specs = {}
    elif options.baseline is not None:
        specs = {nb: r.spec(options.baseline) for nb, r in lesson_reliance(lesson).items()}
    else:
        specs = check_environment(repo, lesson, out, options, hidden, visible, uid_base, threads)
    template = prepare_gradebooks(repo, lesson, out, main_url)
    fonts = matplotlib_cache(out / "matplotlib") if gradable and options.sandbox else ""
    log_file = str(options.log_file or "")

    def task_for(s: intake.Submission) -> GradeTask:
        return GradeTask(repo, lesson.assignment_id, s.student, staged, out / "work" / s.student,
                         template.db, template.course_id, options.sandbox, options.limits, threads,
                         hidden, visible, tuple(Path(n).stem for n in sorted(s.files)), uid_base, specs,
                         fonts, log_file)

    def finish(submission: intake.Submission, outcome: SubmissionOutcome | None) -> None:
        task = task_for(submission) if outcome is not None else None
        finish_student(submission, digests[submission.student], outcome, task, template, main_url,
                       lesson, out)
        bar.update()

    bar = tqdm(total=len(todo), desc=f"grading {lesson.assignment_id}", unit="student",
               disable=not options.progress)
    for submission in (s for s in todo if not s.files):
        finish(submission, None)
    if gradable:
        context = multiprocessing.get_context("spawn")
        counter = context.Value("i", 0)
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                   initargs=(counter, log_file))
        futures = {pool.submit(grade_submission, task_for(s)): s for s in gradable}
        streak: list[tuple[intake.Submission, SubmissionOutcome]] = []  # same death, results held back
        try:
            for future in as_completed(futures):
                submission = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:  # the grader's own crash: stop, never a zero
                    raise GradingStopped(f"the grader crashed while grading {submission.student}: "
                                         f"{type(exc).__name__}: {exc}"[:400]) from exc
                faults = outcome.faults()
                if faults:
                    raise GradingStopped(f"grading {submission.student}: {'; '.join(faults)}")
                death = death_of(outcome)
                if streak and death != death_of(streak[0][1]):
                    for held in streak:
                        finish(*held)
                    streak.clear()
                if death is None:
                    finish(submission, outcome)
                    continue
                streak.append((submission, outcome))
                if len(streak) >= SAME_DEATH_STREAK:
                    where = ", ".join(f"{nb} cell {cell}" for nb, cell in death)
                    raise GradingStopped(
                        f"{len(streak)} students in a row ({', '.join(s.student for s, _ in streak)}) "
                        f"had their kernel die at the same place ({where}): that is the grading "
                        "environment's fault (memory, processes, a library), not theirs; none of them "
                        "was recorded")
            for held in streak:
                finish(*held)
        except (GradingStopped, KeyboardInterrupt) as exc:
            stop_pool(pool)
            bar.close()
            if isinstance(exc, GradingStopped):
                raise GradingStopped(f"grading stopped: {exc}. Results already written are kept; fix the "
                                     "cause and run the same command again to resume.") from exc.__cause__
            raise
        pool.shutdown()
    bar.close()
    results = []
    for s in submissions:
        try:
            results.append(StudentResult.from_json(json.loads(result_path(out, s.student).read_text())))
        except (OSError, ValueError, KeyError):
            continue
    return BatchRun(lesson.assignment_id, out, main_url, template.exercise_of, results, unrecognised)


def matplotlib_cache(folder: Path) -> str:
    """matplotlib's font list, built once (a fresh kernel home would rebuild it, for seconds)."""
    import subprocess

    if not list(folder.glob("fontlist-*.json")):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], capture_output=True,
                       env={**os.environ, "MPLCONFIGDIR": str(folder)}, timeout=300)
    return str(folder) if list(folder.glob("fontlist-*.json")) else ""


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop now: cancel what has not started and kill the workers (their kernels die with them)."""
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def summary_options(options: BatchOptions) -> dict:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(options).items()}
