"""`make course`: release, then grade the sample students with the batch grader, and report.

Each notebook runs once per purpose. Grading executes every sample submission once, and that run
is the proof: alice (the solutions) must earn full marks in every notebook, carol (the release,
untouched) must score 0 with her notebook run to the end and every test failing, bob shows
typical mistakes. The executed notebooks stay in build/course/executed*/ for reading (the site
shows alice's outputs).

The console shows one progress bar and the final tables; everything else (kernel chatter, TF's
C++ logs, nbgrader's log) goes to build/course/course.log, whose path the summary prints.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tqdm import tqdm

from grader import headless
from grader.authoring import release
from grader.authoring.release import read
from grader.authoring.samples import SUBMISSIONS_DIR
from grader.course import report
from grader.course.layout import Lesson, lessons
from grader.errors import CourseError

log = logging.getLogger(__name__)
SOLVES_EVERYTHING, HANDS_IN_THE_RELEASE = "alice", "carol"


@dataclass
class NotebookRun:
    """One sample student's notebook as grading executed it."""

    assignment: str
    notebook: str
    student: str
    status: str
    score: float
    max_score: float
    seconds: float
    exercises: dict[str, tuple[float, float]] = field(default_factory=dict)  # exercise -> (score, max)
    verdict: str = "ok"  # the course's check of this run: "ok" or what is wrong
    detail: str = ""


@dataclass
class LessonGrading:
    lesson: Lesson
    runs: list[NotebookRun]
    seconds: float


@contextlib.contextmanager
def quiet_console(log_path: Path):
    """Library logging and Python warnings go to the course log, not the console."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(log_path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    previous = root.level, list(root.handlers)
    root.handlers = [handler]
    root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    try:
        yield
    finally:
        logging.captureWarnings(False)
        root.handlers = previous[1]
        root.setLevel(previous[0])
        handler.close()


def judge(run: NotebookRun, executed: Path | None) -> None:
    """What grading this sample must show: the course's rule for each sample student."""
    if run.status != "ok":
        run.verdict = f"status {run.status}"
    elif run.student == SOLVES_EVERYTHING and not (run.max_score > 0 and run.score == run.max_score):
        lost = {e: s for e, s in run.exercises.items() if s[0] < s[1]}
        run.verdict = f"the solution scored {run.score:g}/{run.max_score:g}: {lost}"
    elif run.student == HANDS_IN_THE_RELEASE:
        if run.score != 0:
            run.verdict = f"the blank release earned {run.score:g} points"
        elif executed is None or not executed.is_file():
            run.verdict = "no executed notebook"
        else:
            status, run.detail = headless.judge_release(read(executed))
            if status != "ok":
                run.verdict = run.detail


def grade_lesson(
    root: Path, lesson: Lesson, build: Path, baseline: dict, sandbox: bool, log_path: Path
) -> LessonGrading:
    from grader.batch.model import BatchOptions
    from grader.batch.runner import run_batch

    started = time.perf_counter()
    out = build / "grading" / lesson.assignment_id
    options = BatchOptions(
        lesson.assignment_id,
        out,
        jobs=1,
        force=True,
        sandbox=sandbox,
        progress=False,
        threads=1,
        baseline=baseline,
        log_file=log_path,
        warn_unconfined=False,
    )
    graded = run_batch(root, root / SUBMISSIONS_DIR, options)
    runs = []
    for result in graded.results:
        for notebook, row in sorted(result.notebooks.items()):
            run = NotebookRun(
                lesson.assignment_id,
                notebook,
                result.student,
                row.status,
                row.score,
                row.max,
                row.seconds or 0.0,
                row.per_exercise(graded.exercise_of),
            )
            executed = keep_executed(out, build, run)
            judge(run, executed)
            runs.append(run)
    return LessonGrading(lesson, runs, time.perf_counter() - started)


def keep_executed(out: Path, build: Path, run: NotebookRun) -> Path | None:
    """Copy what grading executed for alice (the solutions) and carol (the release) into build/."""
    graded = (
        out / "work" / run.student / "autograded" / run.student / run.assignment / f"{run.notebook}.ipynb"
    )
    if not graded.is_file():
        return None
    folder = {SOLVES_EVERYTHING: "executed", HANDS_IN_THE_RELEASE: "executed-release"}.get(run.student)
    if folder is None:
        return graded
    target = build / folder / run.assignment / graded.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(graded, target)
    return target


def course_preflight(root: Path, chosen: list[Lesson], build: Path, sandbox: bool, log_path: Path) -> dict:
    """One preflight for every lesson: the union of their imports and of the helpers their tests trust."""
    from grader.batch.model import Limits
    from grader.batch.plan import sandbox_paths, uid_block
    from grader.batch.preflight import preflight_baseline

    out = build / "grading"
    hidden, visible = sandbox_paths(root, out, "sqlite:///" + str(out / "gradebook.db"))
    return preflight_baseline(root, chosen, out / ".preflight", sandbox=sandbox, limits=Limits(),
                              uid=uid_block(os.getpid()), threads=1, hidden=hidden, visible=visible,
                              log_file=log_path)


@dataclass
class CourseRun:
    """What `make course` hands back: every sample notebook's run, where the time went, and where
    the reports and the log are."""

    runs: list[NotebookRun]
    timing: dict[str, float]  # release, preflight, grading, total (seconds)
    build: Path
    log_path: Path

    @property
    def failed(self) -> list[NotebookRun]:
        return [r for r in self.runs if r.verdict != "ok"]

    @property
    def exit_code(self) -> int:
        """0 when every sample graded as the course requires."""
        return 1 if self.failed or not self.runs else 0

    def summary(self) -> str:
        """The console's final tables and totals."""
        lines = [report.table(*run_table(self.runs)), "", report.table(*student_table(self.runs))]
        lines += [f"FAILED {r.student} {r.assignment}/{r.notebook}: {r.verdict}" for r in self.failed]
        t = self.timing
        lines += [f"\n{len(self.runs) - len(self.failed)}/{len(self.runs)} sample notebooks graded as "
                  f"expected; release {t['release']:.0f} s, preflight {t['preflight']:.0f} s, total "
                  f"{t['total']:.0f} s",
                  f"report: {self.build / 'report.md'} (also .json, .html)\nlog: {self.log_path}"]
        return "\n".join(lines)


def run_course(root: Path, build: Path, workers: int, only: list[str] | None = None) -> CourseRun:
    """Release, one preflight, grade every lesson's samples, write the reports. A fault of the
    grader's own raises CourseError naming the log."""
    from grader.batch.sandbox import sandbox_support

    started = time.perf_counter()
    chosen = lessons(root, only)
    build.mkdir(parents=True, exist_ok=True)
    log_path = (build / "course.log").resolve()
    log_path.unlink(missing_ok=True)
    support = sandbox_support()
    with quiet_console(log_path):
        t = time.perf_counter()
        released = release.release(root, only)
        release_seconds = time.perf_counter() - t
        log.info("release: %d notebooks regenerated in notebooks/ (%.0f s)", len(released), release_seconds)
        if not support.available:
            log.warning("sandbox unavailable (%s): grading the samples with --no-sandbox", support.reason)
        t = time.perf_counter()
        try:
            baseline = course_preflight(root, chosen, build, support.available, log_path)
        except CourseError as exc:
            raise CourseError(f"{exc}\nlog: {log_path}") from None
        preflight_seconds = time.perf_counter() - t
        gradings = grade_all(root, chosen, build, baseline, support.available, log_path, workers)
    if isinstance(gradings, CourseError):
        raise CourseError(f"{gradings}\nlog: {log_path}")
    timing = {
        "release": release_seconds,
        "preflight": preflight_seconds,
        "grading": sum(g.seconds for g in gradings),
        "total": time.perf_counter() - started,
    }
    write_reports(build, gradings, timing, log_path, support.available)
    return CourseRun([run for g in gradings for run in g.runs], timing, build, log_path)


def grade_all(
    root: Path, chosen: list[Lesson], build: Path, baseline: dict, sandbox: bool, log_path: Path, workers: int
) -> list[LessonGrading] | CourseError:
    """Lessons graded `workers` at a time, one kernel each, so every core stays busy to the end.

    The longest lessons start first (by the last run's report), so no long one is left running alone.
    """
    bar = tqdm(total=len(chosen), desc="grading the sample students", unit="lesson")
    found: dict[str, LessonGrading] = {}
    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = {
                pool.submit(grade_lesson, root, lesson, build, baseline, sandbox, log_path): lesson
                for lesson in longest_first(chosen, build / "report.json")
            }
            for future in as_completed(futures):
                try:
                    grading = future.result()
                except Exception as exc:  # stop the rest; the grader's own fault gets one line, no traceback
                    pool.shutdown(wait=False, cancel_futures=True)
                    if isinstance(exc, CourseError):
                        raise
                    lesson = futures[future].assignment_id
                    log.exception("grading %s failed", lesson)
                    raise CourseError(f"the grader failed while grading {lesson}: {type(exc).__name__}: "
                                      f"{exc} (traceback in the log)") from exc
                found[grading.lesson.assignment_id] = grading
                bar.update()
    except CourseError as exc:
        return exc
    finally:
        bar.close()
    return [found[lesson.assignment_id] for lesson in chosen]


def longest_first(chosen: list[Lesson], last_report: Path) -> list[Lesson]:
    """The lessons by the seconds their samples took in the last run; without one (a fresh clone),
    by the size of their code, a fair proxy (lesson 04's compiles aside) that keeps the two
    heaviest from starting last. A lesson the last run did not grade goes first."""
    try:
        seconds: Counter[str] = Counter()
        for r in json.loads(last_report.read_text())["runs"]:
            seconds[r["assignment"]] += float(r["seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return sorted(chosen, key=lambda lesson: -code_size(lesson))
    return sorted(chosen, key=lambda lesson: -seconds.get(lesson.assignment_id, float("inf")))


def code_size(lesson: Lesson) -> int:
    """Characters of code in the lesson's two sources."""
    return sum(len(cell.source) for path in lesson.sources() if path.is_file()
               for cell in read(path).cells if cell.cell_type == "code")


def run_table(runs: list[NotebookRun]) -> tuple[list[str], list[list]]:
    headers = ["assignment", "notebook", "student", "status", "score", "seconds", "check"]
    rows = [
        [
            r.assignment,
            r.notebook,
            r.student,
            r.status,
            f"{r.score:g}/{r.max_score:g}",
            f"{r.seconds:.1f}",
            r.verdict if r.verdict == "ok" else f"FAILED: {r.verdict}"[:90],
        ]
        for r in runs
    ]
    return headers, rows


def student_table(runs: list[NotebookRun]) -> tuple[list[str], list[list]]:
    students = sorted({r.student for r in runs})
    rows = []
    for student in students:
        mine = [r for r in runs if r.student == student]
        rows.append(
            [
                student,
                f"{sum(r.score for r in mine):g}/{sum(r.max_score for r in mine):g}",
                f"{sum(r.seconds for r in mine):.0f}",
            ]
        )
    return ["student", "score (all lessons)", "seconds"], rows


def exercise_table(runs: list[NotebookRun]) -> tuple[list[str], list[list]]:
    students = sorted({r.student for r in runs})
    cells: dict[tuple[str, str, str], dict[str, str]] = {}
    for r in runs:
        for exercise, (score, maximum) in sorted(r.exercises.items()):
            cells.setdefault((r.assignment, r.notebook, exercise), {})[r.student] = f"{score:g}/{maximum:g}"
    rows = [[a, n, e, *(by.get(s, "") for s in students)] for (a, n, e), by in sorted(cells.items())]
    return ["assignment", "notebook", "exercise", *students], rows


def write_reports(
    build: Path, gradings: list[LessonGrading], timing: dict, log_path: Path, sandbox: bool
) -> None:
    """report.md and report.json (tables), report.html with the same tables and two plots."""
    import mistune

    runs = [run for g in gradings for run in g.runs]
    timing_rows = [
        ["release", f"{timing['release']:.1f}"],
        ["preflight (one confined kernel)", f"{timing['preflight']:.1f}"],
    ]
    timing_rows += [[f"grading {g.lesson.assignment_id} (3 students)", f"{g.seconds:.1f}"] for g in gradings]
    timing_rows.append(["total wall time", f"{timing['total']:.1f}"])
    plots = write_plots(build / "plots", runs)
    markdown = (
        "\n\n".join(
            [
                "# Course run",
                f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
                f"Python {sys.version.split()[0]}; sample students graded with `grader autograde` "
                f"({'sandboxed' if sandbox else 'without a sandbox'}), lessons two at a time, one kernel "
                "each, as handed in (`FAST = True`).",
                "## Sample notebooks",
                report.table(*run_table(runs)),
                "## Students",
                report.table(*student_table(runs)),
                "## Per exercise",
                report.table(*exercise_table(runs)),
                "## Where the time went",
                report.table(["step", "seconds"], timing_rows),
                f"Full log: `{log_path}`",
            ]
        )
        + "\n"
    )
    report.write_atomic(build / "report.md", markdown)
    images = "".join(f'<h2>{title}</h2><img src="plots/{path.name}" alt="{title}">' for title, path in plots)
    report.write_atomic(
        build / "report.html",
        "<!doctype html><html><head><meta charset='utf-8'><title>Course run</title>"
        "<style>body{font-family:sans-serif;max-width:70em;margin:auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style>"
        f"</head><body>{mistune.html(markdown)}{images}</body></html>\n",
    )
    report.write_json(
        build / "report.json",
        {
            "runs": [asdict(r) for r in runs],
            "timing": timing,
            "sandbox": sandbox,
            "log": str(log_path),
        },
    )


def write_plots(folder: Path, runs: list[NotebookRun]) -> list[tuple[str, Path]]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    notebooks = sorted({(r.assignment, r.notebook) for r in runs})
    students = sorted({r.student for r in runs})
    seconds = {(r.assignment, r.notebook, r.student): r.seconds for r in runs}
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(notebooks) + 1.5))
    height = 0.8 / max(1, len(students))
    for i, student in enumerate(students):
        ax.barh(
            [k + i * height for k in range(len(notebooks))],
            [seconds.get((a, n, student), 0.0) for a, n in notebooks],
            height=height,
            label=student,
        )
    ax.set_yticks(
        [k + 0.4 - height / 2 for k in range(len(notebooks))], [n for _, n in notebooks], fontsize=8
    )
    ax.set_xlabel("seconds graded (kernel start, imports and every cell)")
    ax.legend()
    fig.tight_layout()
    written.append(("Seconds per notebook", _save(fig, folder / "notebook_seconds.png")))
    exercises = sorted({(r.notebook, e) for r in runs for e in r.exercises})
    fig, ax = plt.subplots(figsize=(9, 0.3 * len(exercises) + 1.5))
    height = 0.8 / max(1, len(students))
    for i, student in enumerate(students):
        fraction = {
            (r.notebook, e): s / m if m else 0.0
            for r in runs
            if r.student == student
            for e, (s, m) in r.exercises.items()
        }
        ax.barh(
            [k + i * height for k in range(len(exercises))],
            [fraction.get(x, 0.0) for x in exercises],
            height=height,
            label=student,
        )
    ax.set_yticks(
        [k + 0.4 - height / 2 for k in range(len(exercises))], [f"{n}: {e}" for n, e in exercises], fontsize=7
    )
    ax.set_xlabel("fraction of the exercise's points")
    ax.legend()
    fig.tight_layout()
    written.append(("Sample scores per exercise", _save(fig, folder / "exercise_scores.png")))
    plt.close("all")
    return written


def _save(fig, path: Path) -> Path:
    with report.atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=90)
    return path
