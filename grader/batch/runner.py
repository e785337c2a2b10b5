"""`grader autograde`: grade hundreds of submissions with stock nbgrader, in parallel and confined.

Flow: intake stages every submission; `plan` picks this shard's students not yet graded; the
preflight checks that a confined kernel can start and import the lesson; a template gradebook is
made once with nbgrader's generate_assignment; each `worker` process grades one student at a time
into a private copy of it, in sandboxed kernels; the main process alone merges results into the
main gradebook (SQLite or PostgreSQL) and writes one result file per student (`Recorder`). A result
file marks a student done, so a run killed at any point resumes where it stopped; --force regrades.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from grader.batch import gradebook, intake, plan, preflight
from grader.batch.model import (
    BatchOptions,
    BatchRun,
    GradeTask,
    NotebookOutcome,
    NotebookResult,
    StudentResult,
    SubmissionOutcome,
)
from grader.batch.sandbox import exposure_warning, sandbox_support
from grader.batch.worker import grade_submission, init_worker, warm_up
from grader.course import nbgrader_api, report
from grader.course.layout import FRAMEWORKS, Lesson, lessons
from grader.errors import CourseError

log = logging.getLogger(__name__)

# This many students in a row whose kernel died at the same cell of the same notebook is the
# grader's fault (an environment or limit problem), not theirs: the batch stops.
SAME_DEATH_STREAK = 3


class GradingStopped(CourseError):
    """The grader's own fault: the batch stops, results already written stay valid."""


def notebook_rows(submission: intake.Submission, outcome: SubmissionOutcome | None, scores: dict,
                  template: gradebook.Template) -> dict[str, NotebookResult]:
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


@dataclass(frozen=True)
class Recorder:
    """The main process's side of one student: what it needs to record a result, in one place."""

    lesson: Lesson
    template: gradebook.Template
    main_url: str
    out: Path
    digests: dict[str, str]  # student -> digest of what was graded (resume)

    def record(self, submission: intake.Submission, outcome: SubmissionOutcome | None,
               work: Path | None) -> StudentResult:
        """Merge into the main gradebook, copy feedback, then write the result file (last: it marks
        the student done). `work` is the worker's private nbgrader root; None when nothing ran."""
        assignment, student = self.lesson.assignment_id, submission.student
        scores: dict = {}
        if work is not None and outcome is not None and not outcome.error:
            private = nbgrader_api.sqlite_url(work / "gradebook.db")
            gradebook.merge_submission(self.main_url, private, self.template.course_id, assignment, student)
            scores = {s.notebook: s for s in gradebook.scores(private, [self.lesson], [student])}
            for notebook in scores:
                html = work / "feedback" / student / assignment / f"{notebook}.html"
                if html.is_file():
                    report.write_atomic(self.out / "feedback" / student / html.name, html.read_text())
        else:
            gradebook.record_empty_submission(self.main_url, self.template.course_id, assignment, student)
        result = StudentResult(student, self.digests[student], submission.flags,
                               round(outcome.seconds if outcome else 0.0, 2),
                               notebook_rows(submission, outcome, scores, self.template))
        report.write_json(plan.result_path(self.out, student), result.to_json())
        return result


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
    lesson = lessons(repo, [options.assignment])[0]
    out = options.out_dir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    main_url = nbgrader_api.database_url(options.db_url) if options.db_url else \
        nbgrader_api.sqlite_url(out / "gradebook.db")
    hidden, visible = plan.sandbox_paths(repo, out, main_url)
    uid_base = plan.uid_block(os.getpid())
    staged = out / "staged"
    intake.reset_staging(staged)
    expected = [lesson.notebook_name(fw) for fw in FRAMEWORKS]
    submissions, unrecognised = intake.discover(submissions_path, lesson.assignment_id, expected, staged)
    for line in unrecognised:
        log.warning("skipped: %s", line)
    if options.shard:
        submissions = [s for s in submissions if plan.in_shard(s.student, options.shard)]
    digests, todo = plan.to_grade(submissions, out, options.force)
    jobs = max(1, min(options.jobs, len(todo) or 1, plan.MAX_JOBS))
    threads = options.threads or max(1, (os.cpu_count() or 1) // jobs)
    gradable = [s for s in todo if s.files]
    log_file = str(options.log_file or "")
    pool = start_pool(jobs, log_file) if gradable else None
    try:
        specs, template, fonts = prepare(repo, lesson, out, options, bool(gradable), hidden, visible,
                                         uid_base, threads)
        gradebook.prepare_main(repo, lesson, template, main_url)
        recorder = Recorder(lesson, template, main_url, out, digests)

        def task_for(s: intake.Submission) -> GradeTask:
            return GradeTask(repo, lesson.assignment_id, s.student, staged, out / "work" / s.student,
                             template.db, template.course_id, options.sandbox, options.limits, threads,
                             hidden, visible, tuple(Path(n).stem for n in sorted(s.files)), uid_base,
                             specs, fonts, log_file, options.preload)

        with tqdm(total=len(todo), desc=f"grading {lesson.assignment_id}", unit="student",
                  disable=not options.progress) as bar:

            def finish(submission: intake.Submission, outcome: SubmissionOutcome | None) -> None:
                work = task_for(submission).work if outcome is not None else None
                recorder.record(submission, outcome, work)
                bar.update()

            for submission in (s for s in todo if not s.files):
                finish(submission, None)
            if pool is not None:
                grade_in_pool(pool, [task_for(s) for s in gradable], {s.student: s for s in gradable},
                              finish)
    except BaseException:
        if pool is not None:
            stop_pool(pool)  # whatever stopped the run, no worker outlives it
        raise
    results = []
    for s in submissions:
        try:
            results.append(StudentResult.from_json(json.loads(plan.result_path(out, s.student).read_text())))
        except (OSError, ValueError, KeyError):
            continue
    return BatchRun(lesson.assignment_id, out, main_url, template.exercise_of, results, unrecognised)


def prepare(repo: Path, lesson: Lesson, out: Path, options: BatchOptions, gradable: bool,
            hidden: tuple[str, ...], visible: tuple[str, ...], uid_base: int,
            threads: int) -> tuple[dict, gradebook.Template, str]:
    """The preflight's specs, the template gradebook and the sandbox's font cache. While the
    preflight's one kernel imports the lesson (one core), the workers start and import nbgrader and
    the template is generated: nothing the main gradebook or a result sees."""
    with ThreadPoolExecutor(max_workers=1) as side:
        template_ready = side.submit(gradebook.prepare_template, repo, lesson, out)
        fonts_ready = (side.submit(matplotlib_cache, out / "matplotlib") if gradable and options.sandbox
                       else None)
        if not gradable:
            specs = {}
        elif options.baseline is not None:
            specs = {nb: r.spec(options.baseline) for nb, r in preflight.lesson_reliance(lesson).items()}
        else:
            specs = preflight.check_environment(repo, lesson, out, options, hidden, visible, uid_base,
                                                threads)
        return specs, template_ready.result(), fonts_ready.result() if fonts_ready else ""


def start_pool(jobs: int, log_file: str) -> ProcessPoolExecutor:
    """`jobs` spawned workers, each told its slot (its kernels' uid) and already importing nbgrader."""
    context = multiprocessing.get_context("spawn")
    counter = context.Value("i", 0)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=init_worker,
                               initargs=(counter, log_file))
    for _ in range(jobs):
        pool.submit(warm_up)
    return pool


def grade_in_pool(pool: ProcessPoolExecutor, tasks: list[GradeTask],
                  submission_of: dict[str, intake.Submission], finish) -> None:
    """Each worker grades one student at a time; `finish` records each result as it comes. A crash
    or a streak of identical kernel deaths raises GradingStopped (the caller stops the pool)."""
    futures = {pool.submit(grade_submission, task): submission_of[task.student] for task in tasks}
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
    except GradingStopped as exc:
        raise GradingStopped(f"grading stopped: {exc}. Results already written are kept; fix the "
                             "cause and run the same command again to resume.") from exc.__cause__
    pool.shutdown()


def matplotlib_cache(folder: Path) -> str:
    """matplotlib's font list, built once (a fresh kernel home would rebuild it, for seconds)."""
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
