"""What the batch grader is told and what it hands back, as plain dataclasses.

`Limits` is the one place of every grading default: the CLI's option defaults, nbgrader_config.py's
cell timeout (for stock nbgrader), the sandbox's kernel manager and the answer check read them here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# Kernels run as uid block + worker slot (see plan.uid_block).
UID_FIRST = 100_000


@dataclass(frozen=True)
class Limits:
    cell_timeout: int = 120  # s per cell; also stock nbgrader's (nbgrader_config.py)
    notebook_timeout: float = 900.0
    memory_mb: int = 4096
    max_processes: int = 512
    output_bytes: int = 2_000_000
    output_lines: int = 1000


@dataclass(frozen=True)
class BatchOptions:
    assignment: str
    out_dir: Path
    jobs: int = os.cpu_count() or 1
    force: bool = False
    db_url: str | None = None
    shard: tuple[int, int] | None = None  # (i, n), 1-based
    sandbox: bool = True
    limits: Limits = field(default_factory=Limits)
    progress: bool = True
    threads: int = 0  # per kernel; 0: the cores shared out between the jobs
    baseline: dict | None = None  # helpers' pristine fingerprints from a preflight already run
    log_file: Path | None = None  # kernels' and workers' own output (default: the console)
    warn_unconfined: bool = True  # say what --no-sandbox exposes
    preload: bool = True  # fork kernels from a server that did the notebook's imports (zygote.py)


@dataclass(frozen=True)
class GradeTask:
    repo: Path
    assignment: str
    student: str
    staged: Path  # nbgrader "submitted" folder: staged/<student>/<assignment>/
    work: Path  # this student's private nbgrader root
    template_db: Path
    course_id: str
    sandbox: bool
    limits: Limits
    threads: int
    hidden: tuple[str, ...]
    visible: tuple[str, ...]
    notebooks: tuple[str, ...]  # notebook ids present in the submission
    uid_base: int = UID_FIRST
    probe_specs: dict = field(default_factory=dict)  # notebook id -> what its tests rely on
    matplotlib_cache: str = ""
    log_file: str = ""
    preload: bool = True


# ---------------------------------------------------------------- what a worker hands back

@dataclass
class NotebookOutcome:
    """What the worker's preprocessors saw while grading one notebook (before any score is read)."""

    status: str = "ok"  # or "kernel died", "memory limit", "cell timeout (…)", "grader fault", …
    flags: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)  # test grade ids whose points were withheld
    seconds: float = 0.0
    died_at: int | None = None  # first cell that did not finish, when the kernel died
    fault: str | None = None  # the grader's own fault (a kernel that never started): the batch stops


class OutcomeLog(dict[str, NotebookOutcome]):
    """Per notebook name ("autograd_pytorch"), its NotebookOutcome: one log per graded submission.

    It reaches the preprocessors through their `outcomes` config trait. traitlets deep-copies config
    values into each configurable, so copying returns the log itself: every preprocessor of one
    nbgrader run writes into the one log its caller holds, and no module global carries results.
    """

    def __deepcopy__(self, memo) -> OutcomeLog:
        return self

    def of(self, resources: dict | None) -> NotebookOutcome:
        name = (resources or {}).get("unique_key") or "notebook"
        return self.setdefault(name, NotebookOutcome())


@dataclass
class SubmissionOutcome:
    """A worker's answer for one student: integrity flags, what each notebook's run saw, or an error."""

    student: str
    flags: dict[str, list[str]]  # notebook id -> integrity flags
    outcomes: dict[str, NotebookOutcome]
    seconds: float
    error: str | None = None  # nbgrader's autograde failed for this student

    def faults(self) -> list[str]:
        return [f"{name}: {o.fault}" for name, o in self.outcomes.items() if o.fault]


# ---------------------------------------------------------------- what a batch run hands back

@dataclass
class NotebookResult:
    """One notebook of one student, as its result file records it."""

    status: str
    score: float
    max: float
    tests: dict[str, list] = field(default_factory=dict)  # test grade id -> [score, max]
    flags: list[str] = field(default_factory=list)
    seconds: float | None = None  # None: never run (missing or unreadable)

    def per_exercise(self, exercise_of: dict[str, str]) -> dict[str, tuple[float, float]]:
        """(score, max) per exercise, adding up its tests (a test of no known exercise stands alone)."""
        buckets: dict[str, list[float]] = {}
        for test, (score, maximum) in self.tests.items():
            bucket = buckets.setdefault(exercise_of.get(test, test), [0.0, 0.0])
            bucket[0] += score or 0.0
            bucket[1] += maximum or 0.0
        return {name: (score, maximum) for name, (score, maximum) in buckets.items()}

    def to_json(self) -> dict:
        head = {"status": self.status} | ({} if self.seconds is None else {"seconds": self.seconds})
        return head | {"score": self.score, "max": self.max, "tests": self.tests, "flags": self.flags}

    @classmethod
    def from_json(cls, data: dict) -> NotebookResult:
        return cls(data["status"], data["score"], data["max"], data.get("tests", {}), data.get("flags", []),
                   data.get("seconds"))


@dataclass
class StudentResult:
    """One student's result file (results/<student>.json): it marks the student done."""

    student: str
    digest: str
    flags: list[str]
    seconds: float
    notebooks: dict[str, NotebookResult]

    @property
    def score(self) -> float:
        return sum(nb.score for nb in self.notebooks.values())

    @property
    def max_score(self) -> float:
        return sum(nb.max for nb in self.notebooks.values())

    def to_json(self) -> dict:
        return {"student": self.student, "digest": self.digest, "flags": self.flags, "seconds": self.seconds,
                "notebooks": {name: nb.to_json() for name, nb in self.notebooks.items()}}

    @classmethod
    def from_json(cls, data: dict) -> StudentResult:
        return cls(data["student"], data.get("digest", ""), data.get("flags", []), data.get("seconds", 0.0),
                   {name: NotebookResult.from_json(nb) for name, nb in data["notebooks"].items()})


@dataclass
class BatchRun:
    """What run_batch hands the reports and the CLI: every student's result and where it all is."""

    assignment: str
    out: Path
    db_url: str  # the main gradebook
    exercise_of: dict[str, str]  # test grade id -> exercise grade id
    results: list[StudentResult]
    skipped: list[str] = field(default_factory=list)  # inputs that were not a student's submission

    def by_student(self) -> dict[str, StudentResult]:
        return {r.student: r for r in self.results}
