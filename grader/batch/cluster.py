"""Scale-out on existing engines: `--shard auto` reads the shard from Slurm or Kubernetes.

The grader has no scheduler of its own. An engine starts one copy of `grader autograde` per shard
(a Slurm job array task, a Kubernetes Indexed Job pod), every copy writes into one PostgreSQL
gradebook, and `--shard auto` turns what the engine put in the environment into the grader's
1-based `I/N` (see `plan.shard_of`: a student always lands in the same shard):

- Slurm job arrays: `SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_MIN`, `SLURM_ARRAY_TASK_COUNT` and
  `SLURM_ARRAY_TASK_STEP`. Task ids need not start at 0 or 1 (`--array=5-7` is three shards) and
  may step (`--array=0-8:4`); I = (ID - MIN) / STEP + 1, N = COUNT. A list that is not one evenly
  spaced range (`--array=1,2,7`) is refused.
- Kubernetes Indexed Jobs: `JOB_COMPLETION_INDEX` (0-based) and `GRADER_SHARD_COUNT`, which
  Kubernetes does not provide: the manifest sets it to the Job's `completions`.

`GRADER_SHARD_COUNT`, when set under Slurm, must agree with the array's own count: it guards
against a lone task resubmitted with `sbatch --array=K` (whose count would be 1); rerun a task with
`scontrol requeue`, or pass `--shard I/N` explicitly.

`python -m grader report ROOT --assignment A --db URL` is the final step: one report over every
task's results under ROOT, plus nbgrader's export of the shared gradebook (`report` below);
`python -m grader shard` prints the shard `--shard auto` would pick.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from ..errors import CourseError
from .model import BatchRun, StudentResult

COUNT_VARIABLE = "GRADER_SHARD_COUNT"
SLURM_VARIABLES = ("SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX",
                   "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_STEP")
KUBERNETES_INDEX = "JOB_COMPLETION_INDEX"


def _integer(env: Mapping[str, str], name: str, minimum: int) -> int:
    raw = env.get(name)
    if raw is None or not raw.strip():
        raise CourseError(f"--shard auto: {name} is not set")
    try:
        value = int(raw.strip())
    except ValueError:
        raise CourseError(f"--shard auto: {name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise CourseError(f"--shard auto: {name}={value} must be at least {minimum}")
    return value


def _slurm_shard(env: Mapping[str, str]) -> tuple[int, int]:
    task = _integer(env, "SLURM_ARRAY_TASK_ID", 0)
    first = _integer(env, "SLURM_ARRAY_TASK_MIN", 0)
    count = _integer(env, "SLURM_ARRAY_TASK_COUNT", 1)
    step = _integer(env, "SLURM_ARRAY_TASK_STEP", 1) if env.get("SLURM_ARRAY_TASK_STEP") else 1
    last = _integer(env, "SLURM_ARRAY_TASK_MAX", 0) if env.get("SLURM_ARRAY_TASK_MAX") else None
    where = (f"SLURM_ARRAY_TASK_ID={task} (MIN={first}, MAX={'?' if last is None else last}, "
             f"STEP={step}, COUNT={count})")
    if last is not None and last != first + (count - 1) * step:
        raise CourseError(f"--shard auto: {where} is not one evenly spaced range of task ids; submit "
                          "the array as --array=FIRST-LAST[:STEP], or pass --shard I/N")
    offset = task - first
    if offset < 0 or offset % step or offset // step >= count:
        raise CourseError(f"--shard auto: {where} is not a task of that array")
    if env.get(COUNT_VARIABLE) and _integer(env, COUNT_VARIABLE, 1) != count:
        raise CourseError(f"--shard auto: {COUNT_VARIABLE}={env[COUNT_VARIABLE]} but the Slurm array has "
                          f"{count} task(s) ({where}); a lone task resubmitted with sbatch --array=K is an "
                          "array of one: use scontrol requeue, or pass --shard I/N")
    return offset // step + 1, count


def _kubernetes_shard(env: Mapping[str, str]) -> tuple[int, int]:
    index = _integer(env, KUBERNETES_INDEX, 0)
    if not env.get(COUNT_VARIABLE):
        raise CourseError(f"--shard auto: {KUBERNETES_INDEX}={index} is set but {COUNT_VARIABLE} is not: "
                          f"set {COUNT_VARIABLE} in the Job's pod template to the Job's completions")
    count = _integer(env, COUNT_VARIABLE, 1)
    if index >= count:
        raise CourseError(f"--shard auto: {KUBERNETES_INDEX}={index} but {COUNT_VARIABLE}={count}: the "
                          f"index must be below the count (is {COUNT_VARIABLE} the Job's completions?)")
    return index + 1, count


def shard_from_environment(env: Mapping[str, str] | None = None) -> tuple[int, int]:
    """(I, N), 1-based, from a Slurm job array or a Kubernetes Indexed Job; CourseError otherwise."""
    env = os.environ if env is None else env
    slurm, kubernetes = "SLURM_ARRAY_TASK_ID" in env, KUBERNETES_INDEX in env
    if slurm and kubernetes:
        raise CourseError(f"--shard auto: both SLURM_ARRAY_TASK_ID and {KUBERNETES_INDEX} are set; "
                          "pass --shard I/N to say which shard this is")
    if slurm:
        return _slurm_shard(env)
    if kubernetes:
        return _kubernetes_shard(env)
    raise CourseError(f"--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor {KUBERNETES_INDEX} "
                      "(a Kubernetes Indexed Job) is set; outside those, pass --shard I/N")


def engine_name(env: Mapping[str, str] | None = None) -> str:
    """Which engine `--shard auto` read, in words (for the line each task's log starts with)."""
    env = os.environ if env is None else env
    return "Slurm array task" if "SLURM_ARRAY_TASK_ID" in env else "Kubernetes completion index"


# ---------------------------------------------------------------- the final step

def gather_results(root: Path) -> list[StudentResult]:
    """Every student's result file from every task folder under `root` (ROOT/<task>/results/)."""
    found: dict[str, tuple[Path, StudentResult]] = {}
    for path in sorted(root.glob("*/results/*.json")):
        try:
            result = StudentResult.from_json(json.loads(path.read_text()))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CourseError(f"{path}: unreadable result file: {exc}") from None
        if result.student in found:
            raise CourseError(f"{result.student} has results in two task folders "
                              f"({found[result.student][0].parent.parent} and {path.parent.parent}): the "
                              "shard count changed between runs; remove the stale folder and report again")
        found[result.student] = (path, result)
    if not found:
        raise CourseError(f"no result files under {root}/*/results/: did the grading tasks run?")
    return [result for _, result in sorted(found.values(), key=lambda item: item[1].student)]


def report(repo: Path, root: Path, assignment: str, db_url: str) -> tuple[BatchRun, dict[str, Path]]:
    """One report (grades.csv, summary.md, plots, nbgrader_export.csv) over every shard's results."""
    from ..course.layout import lessons
    from ..course.nbgrader_api import database_url
    from . import results
    from .gradebook import exercise_map

    graded = gather_results(root)
    exercise_of = exercise_map(lessons(repo, [assignment])[0])
    run = BatchRun(assignment, root, database_url(db_url), exercise_of, graded)
    return run, results.write_reports(run)
