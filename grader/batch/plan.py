"""Who this run grades and as whom: shards, resume digests, uid blocks, what a kernel may see.

Plain functions of the submissions and the options; nothing here starts a process.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
from pathlib import Path

from grader.batch import intake
from grader.batch.model import UID_FIRST
from grader.errors import CourseError

# Kernels run as uid block + worker slot. Each batch run takes its own block (from its pid, and its
# place among the runs of that process: `make course` grades two lessons at once in one process),
# so two runs on one machine never share a uid, and with it an RLIMIT_NPROC budget (threads included).
MAX_JOBS = 64
RUNS_PER_PROCESS = 8  # blocks one process cycles through; more at once than this never happen
_runs = itertools.count()


def uid_block(pid: int, run: int | None = None) -> int:
    """The first uid of a run's block; `run` defaults to the next run of this process."""
    run = next(_runs) if run is None else run
    return UID_FIRST + ((pid % 20_000) * RUNS_PER_PROCESS + run % RUNS_PER_PROCESS) * MAX_JOBS


def shard_of(student: str, count: int) -> int:
    """Stable across machines and runs: the same student always lands in the same shard."""
    return int(hashlib.sha256(student.encode()).hexdigest(), 16) % count


def parse_shard(text: str) -> tuple[int, int]:
    if text.strip() == "auto":  # from the engine that started us: Slurm or Kubernetes
        from grader.batch.cluster import shard_from_environment

        return shard_from_environment()
    try:
        i, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise CourseError(f"--shard {text!r}: write it as I/N, e.g. 1/3, or auto") from None
    if not 1 <= i <= n:
        raise CourseError(f"--shard {text!r}: I must be between 1 and N")
    return i, n


def sandbox_paths(repo: Path, out: Path, db_url: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a kernel must not see, and the interpreter paths it needs back inside those."""
    hidden = {str(repo.resolve()), str(out.resolve()), str(Path.home()), "/root"}
    if db_url.startswith("sqlite:///"):
        hidden.add(str(Path(db_url.removeprefix("sqlite:///")).resolve().parent))
    visible = {str(Path(sys.prefix).resolve()), str(Path(sys.base_prefix).resolve())}
    return tuple(sorted(hidden)), tuple(sorted(visible))


def result_path(out: Path, student: str) -> Path:
    """A student's result file; written last, it marks the student done."""
    return out / "results" / f"{student}.json"


def is_done(out: Path, submission: intake.Submission, digest: str) -> bool:
    path = result_path(out, submission.student)
    try:
        return json.loads(path.read_text()).get("digest") == digest
    except (OSError, ValueError):
        return False


def in_shard(student: str, shard: tuple[int, int]) -> bool:
    """Whether `student` belongs to shard (I, N), 1-based."""
    i, n = shard
    return shard_of(student, n) == i - 1


def to_grade(submissions: list[intake.Submission], out: Path,
             force: bool) -> tuple[dict[str, str], list[intake.Submission]]:
    """Each student's content digest, and those not yet graded at that digest (all with --force)."""
    digests = {s.student: s.digest() for s in submissions}
    return digests, [s for s in submissions if force or not is_done(out, s, digests[s.student])]
