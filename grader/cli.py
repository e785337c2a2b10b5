"""`python -m grader …`: a thin command line over the package's plain functions.

Every user-fixable problem surfaces as one `error: …` line and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import ast
import logging
import os
import sys
from pathlib import Path

from grader.errors import CourseError


def parse_value(text: str):
    """papermill-style -p values: Python literals when they parse (3, 0.5, True), else strings."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def cmd_release(args, root: Path) -> int:
    from grader.authoring.release import release

    for path in release(root, args.assignments or None):
        print(f"released {path.relative_to(root)}")
    return 0


def cmd_check(args, root: Path) -> int:
    from grader.authoring.lint import check

    problems = check(root, args.assignments or None)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "check: all lessons pass pairing and hygiene")
    return 1 if problems else 0


def notebooks_from(paths: list[str], root: Path) -> list[Path]:
    from grader.course.layout import lessons

    if not paths:
        return [p for lesson in lessons(root) for p in lesson.sources()]
    found = []
    for raw in paths:
        path = Path(raw).resolve()
        if path.is_dir():
            found += sorted(path.rglob("*.ipynb"))
        elif path.suffix == ".ipynb" and path.is_file():
            found.append(path)
        else:
            raise CourseError(f"{raw}: not a notebook or a folder of notebooks")
    found = [p for p in found if ".ipynb_checkpoints" not in p.parts]
    if not found:
        raise CourseError(f"no notebooks in {' '.join(paths)}")
    return found


def cmd_run(args, root: Path) -> int:
    from grader import headless
    from grader.course import report

    parameters = {name: parse_value(value) for name, value in args.parameter}
    jobs = []
    for path in notebooks_from(args.paths, root):
        try:
            relative = path.relative_to(root)
        except ValueError:
            relative = Path("external") / path.name
        released = relative.parts[0] == "notebooks"
        jobs.append(headless.RunJob(path, root / "build" / "run" / relative, parameters,
                                    expect_test_failures=released, cell_timeout=args.timeout))
    results = headless.run_jobs(jobs, workers=args.jobs)
    print(report.table(["notebook", "status", "seconds", "detail"],
                       [[r.notebook.relative_to(root) if r.notebook.is_relative_to(root) else r.notebook,
                         r.status, f"{r.seconds:.1f}", r.detail] for r in results]))
    print(f"executed copies: {root / 'build' / 'run'}")
    return 0 if all(r.ok for r in results) else 1


def cmd_samples(args, root: Path) -> int:
    from grader.authoring.samples import build_samples
    from grader.course.layout import lessons

    for path in build_samples(root, lessons(root, args.assignments or None)):
        print(f"wrote {path.relative_to(root)}")
    return 0


def cmd_course(args, root: Path) -> int:
    from grader.jobs.course import run_course

    course = run_course(root, root / "build" / "course", args.jobs, args.assignments or None)
    print(course.summary())
    return course.exit_code


def cmd_autograde(args, root: Path) -> int:
    from grader.batch import results
    from grader.batch.cluster import engine_name
    from grader.batch.model import BatchOptions, Limits
    from grader.batch.plan import parse_shard
    from grader.batch.runner import run_batch
    from grader.course.nbgrader_api import database_url

    out = Path(args.out) if args.out else root / "build" / "grading" / args.assignment
    limits = Limits(cell_timeout=args.cell_timeout, notebook_timeout=args.notebook_timeout,
                    memory_mb=args.memory_limit, output_bytes=args.output_limit)
    db = database_url(args.db) if args.db else None
    shard = parse_shard(args.shard) if args.shard else None
    if shard and args.shard.strip() == "auto":  # said once, so that every task's log names its shard
        print(f"shard {shard[0]}/{shard[1]} (from the {engine_name()})", file=sys.stderr)
    options = BatchOptions(args.assignment, out, args.jobs, args.force, db, shard, not args.no_sandbox,
                           limits, preload=not args.no_preload)
    run = run_batch(root, Path(args.submissions), options)
    paths = results.write_reports(run, out)
    print(results.summary_table(run.results))
    for label, path in paths.items():
        print(f"{label}: {path}")
    print(f"feedback: {out / 'feedback'}")
    return 0


def cmd_shard(args, root: Path) -> int:
    from grader.batch.cluster import shard_from_environment

    i, n = shard_from_environment()
    print(f"{i}/{n}")
    return 0


def cmd_report(args, root: Path) -> int:
    from grader.batch import results
    from grader.batch.cluster import report

    run, paths = report(root, Path(args.root).resolve(), args.assignment, args.db)
    print(results.summary_table(run.results))
    for label, path in paths.items():
        print(f"{label}: {path}")
    return 0


def cmd_site(args, root: Path) -> int:
    from grader.site.build import build_site

    built = build_site(root, Path(args.out) if args.out else None, jobs=args.jobs, run=not args.no_run)
    for warning in built.warnings:
        print(f"sphinx: {warning}")
    print(f"site: {len(built.pages)} pages in {built.seconds:.0f} s: {built.out / 'index.html'}")
    return 0


def cmd_bench(args, root: Path) -> int:
    from grader.jobs.bench import run_bench

    if args.students < 1 or args.rounds < 1:
        raise CourseError("bench: --students and --rounds must be at least 1")
    print(run_bench(root, root / "build" / "bench", args.students, args.jobs, args.rounds))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from grader.batch.model import Limits
    from grader.headless import RunJob

    parser = argparse.ArgumentParser(prog="python -m grader", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    jobs_default = os.cpu_count() or 1

    p = sub.add_parser("release", help="regenerate notebooks/ from solutions/ with nbgrader")
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("check", help="pairing and hygiene of every lesson pair")
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("run", help="execute notebooks headless with papermill")
    p.add_argument("paths", nargs="*", metavar="PATH", help="notebooks or folders (default: all solutions)")
    p.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    p.add_argument("--jobs", type=int, default=jobs_default)
    p.add_argument("--timeout", type=int, default=RunJob.cell_timeout, help="per-cell timeout in seconds")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("samples", help="rebuild data/submissions/ from the release and wrong answers")
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    p.set_defaults(func=cmd_samples)

    p = sub.add_parser("autograde", help="grade many submissions: parallel, sandboxed, resumable")
    p.add_argument("submissions", metavar="SUBMISSIONS",
                   help="submitted/ (nbgrader layout), a folder of student folders or LMS files, or a .zip")
    p.add_argument("--assignment", required=True, metavar="ID")
    p.add_argument("--jobs", type=int, default=jobs_default)
    p.add_argument("--force", action="store_true", help="regrade students already graded")
    p.add_argument("--db", metavar="URL", help="main gradebook (default: SQLite in the output folder)")
    p.add_argument("--shard", metavar="I/N|auto", help="grade only shard I of N (stable per student); "
                   "auto: from a Slurm job array or a Kubernetes Indexed Job (docs/scale-out.md)")
    p.add_argument("--out", metavar="DIR", help="results folder (default build/grading/ASSIGNMENT)")
    p.add_argument("--no-sandbox", action="store_true", help="run student code unconfined (warns)")
    p.add_argument("--no-preload", action="store_true", help="start every kernel cold, instead of forking "
                   "it from a per-worker server that already imported the notebook's frameworks")
    limits = Limits()  # every default lives there
    p.add_argument("--cell-timeout", type=int, default=limits.cell_timeout, metavar="S")
    p.add_argument("--notebook-timeout", type=float, default=limits.notebook_timeout, metavar="S")
    p.add_argument("--memory-limit", type=int, default=limits.memory_mb, metavar="MB")
    p.add_argument("--output-limit", type=int, default=limits.output_bytes, metavar="BYTES")
    p.set_defaults(func=cmd_autograde)

    p = sub.add_parser("shard", help="print the shard --shard auto picks here (Slurm, Kubernetes), as I/N")
    p.set_defaults(func=cmd_shard)

    p = sub.add_parser("report", help="after a cluster run: one report over every task folder's results")
    p.add_argument("root", metavar="ROOT", help="the folder holding one --out folder per task")
    p.add_argument("--assignment", required=True, metavar="ID")
    p.add_argument("--db", required=True, metavar="URL", help="the gradebook every task wrote into")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("bench", help="stock nbgrader vs grader autograde vs papermill (build/bench)")
    p.add_argument("--students", type=int, default=20)
    p.add_argument("--rounds", type=int, default=2, help="interleaved rounds of the three methods")
    p.add_argument("--jobs", type=int, default=2)
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("site", help="the side-by-side reader: a static website in build/site")
    p.add_argument("--out", metavar="DIR", help="output folder (default build/site)")
    p.add_argument("--jobs", type=int, default=jobs_default, help="notebooks run at once, if any must run")
    p.add_argument("--no-run", action="store_true", help="never run a notebook: show the outputs at hand")
    p.set_defaults(func=cmd_site)

    p = sub.add_parser("course", help="release, run everything headless, grade the samples, report")
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    p.add_argument("--jobs", type=int, default=jobs_default)
    p.set_defaults(func=cmd_course)
    return parser


class ConsoleLines(logging.Filter):
    """What of the library's logging the console shows: every warning, and the progress lines
    (INFO) of the commands' own jobs (`make course`, `make bench`, the site build). The rest (the
    preflight's detail, say) stays in the log files those jobs keep."""

    SPEAKERS = ("grader.jobs", "grader.site")

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING or record.name.startswith(self.SPEAKERS)


class CurrentStderr(logging.StreamHandler):
    """A handler on whatever `sys.stderr` is when a line is written, not the one it had when made:
    in-process callers (pytest's capsys, a caller redirecting stderr) see the lines too."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass  # always the current sys.stderr


def show_library_logging() -> None:
    """The library logs (logging.getLogger(__name__)); what the console shows of it reaches stderr
    as plain lines, as the messages of the command line do. Only the `grader` loggers: nbgrader's
    own stay as they are."""
    logger = logging.getLogger("grader")
    if not logger.handlers:
        handler = CurrentStderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.addFilter(ConsoleLines())
        logger.addHandler(handler)
    for speaker in ConsoleLines.SPEAKERS:
        logging.getLogger(speaker).setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    show_library_logging()
    if getattr(args, "jobs", 1) < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    try:
        from grader.course.layout import find_root

        return args.func(args, find_root())
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
