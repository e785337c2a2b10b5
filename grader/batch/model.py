"""What the batch grader is told and what it hands back, as plain dataclasses.

`Limits` is the one place of every grading default: the CLI's option defaults, nbgrader_config.py's
cell timeout (for stock nbgrader), the sandbox's kernel manager and the answer check read them here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# Kernels run as uid block + worker slot (see runner.uid_block).
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
