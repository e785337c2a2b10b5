"""The executed solution notebooks whose outputs the pages show, and where and when they ran.

In order of preference, for each source notebook:
1. `make course`'s executed copy, `build/course/executed/<assignment>/<notebook>.ipynb`, when it
   ran exactly the current source (every cell's source is compared);
2. our own earlier run, `build/site-work/executed/<assignment>/<notebook stem>-<digest>.ipynb`,
   cached by the digest of the source file and the parameters;
3. a new headless run (papermill through grader.headless, FAST=True), cached as in 2.
A notebook with none of these (or whose run failed) is shown without outputs, and its page says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import platform
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property
from pathlib import Path

import nbformat

from grader import headless
from grader.course import report
from grader.course.layout import FRAMEWORKS, Lesson
from grader.site.safe_cells import executed_outputs

log = logging.getLogger(__name__)

PARAMETERS = {"FAST": True}
COURSE_EXECUTED = Path("build") / "course" / "executed"


@dataclass
class Run:
    source: Path
    executed: Path | None = None
    origin: str = ""  # "make course" or "site build"
    started: str | None = None  # ISO 8601, UTC
    seconds: float | None = None
    parameters: dict = field(default_factory=dict)
    hardware: str = ""
    note: str = ""  # why there are no outputs

    @cached_property
    def outputs(self) -> list[list] | None:
        if self.executed is None:
            return None
        return executed_outputs(nbformat.read(self.source, as_version=4),
                                nbformat.read(self.executed, as_version=4))


@cache
def hardware() -> str:
    """This machine in a few words: CPU model, cores, memory, GPUs."""
    cpu = platform.processor() or platform.machine()
    try:
        names = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    parts = [cpu, f"{os.cpu_count()} cores"]
    try:
        parts.append(f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB RAM")
    except (ValueError, OSError, AttributeError):
        pass
    gpus = []
    if shutil.which("nvidia-smi"):
        try:
            listed = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True, timeout=20)
            gpus = [line.split(":", 1)[1].split("(UUID")[0].strip()
                    for line in listed.stdout.splitlines() if ":" in line]
        except (OSError, subprocess.SubprocessError):
            gpus = []
    parts.append(", ".join(gpus) if gpus else "no GPU")
    return ", ".join(parts)


def digest(source: Path, parameters: dict) -> str:
    content = source.read_bytes() + json.dumps(parameters, sort_keys=True).encode()
    return hashlib.sha256(content).hexdigest()[:12]


def cached_path(cache: Path, lesson: Lesson, framework: str, key: str) -> Path:
    return cache / lesson.assignment_id / f"{lesson.notebook_id(framework)}-{key}.ipynb"


def papermill_run(source: Path, executed: Path, origin: str, machine: str) -> Run | None:
    """A Run from an executed copy when it ran exactly this source (else None)."""
    try:
        nb = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        return None
    if executed_outputs(nbformat.read(source, as_version=4), nb) is None:
        return None
    meta = nb.metadata.get("papermill", {})
    if meta.get("exception"):
        return None
    return Run(source, executed, origin, meta.get("start_time"), meta.get("duration"),
               dict(meta.get("parameters", {})), machine)


def from_cache(source: Path, executed: Path) -> Run | None:
    info = executed.with_suffix(".json")
    if not executed.is_file() or not info.is_file():
        return None
    run = papermill_run(source, executed, "site build", json.loads(info.read_text()).get("hardware", ""))
    return run


def gather(lessons: list[Lesson], cache: Path, *, use_course: bool = True, run: bool = True,
           jobs: int = 1, only: set[str] | None = None) -> dict[Path, Run]:
    """A Run for every notebook of `lessons` (outputs only for assignments in `only`, if given);
    our own runs are cached in `cache`."""
    found: dict[Path, Run] = {}
    todo: list[tuple[Lesson, str, Path]] = []
    for lesson in lessons:
        for framework in FRAMEWORKS:
            source = lesson.source(framework)
            if only is not None and lesson.assignment_id not in only:
                found[source] = Run(source, note="this build shows no outputs for this lesson")
                continue
            course = lesson.root / COURSE_EXECUTED / lesson.assignment_id / lesson.notebook_name(framework)
            chosen = papermill_run(source, course, "make course", hardware()) if use_course else None
            cached = cached_path(cache, lesson, framework, digest(source, PARAMETERS))
            chosen = chosen or from_cache(source, cached)
            if chosen:
                found[source] = chosen
            elif run:
                todo.append((lesson, framework, cached))
            else:
                found[source] = Run(source, note="no executed copy of this notebook was at hand")
    if todo:
        found.update(execute(todo, jobs))
    return found


def execute(todo: list[tuple[Lesson, str, Path]], jobs: int) -> dict[Path, Run]:
    """Run the solutions headless; a failed run leaves its notebook without outputs."""
    for _, _, cached in todo:
        for stale in cached.parent.glob(cached.name.rsplit("-", 1)[0] + "-*"):
            stale.unlink()
    log.info("site: running %d solution notebook(s) headless (FAST=True) …", len(todo))
    results = headless.run_jobs([headless.RunJob(lesson.source(fw), cached, PARAMETERS)
                                 for lesson, fw, cached in todo], workers=jobs)
    found = {}
    for (lesson, framework, cached), result in zip(todo, results, strict=True):
        source = lesson.source(framework)
        if not result.ok:
            log.warning("site: %s: %s: %s; shown without outputs", source.name, result.status, result.detail)
            # The detail stays in the terminal: a failing test's message may quote a hidden test.
            found[source] = Run(source, note=f"the solution run failed ({result.status})")
            continue
        started = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=result.seconds)
        info = Run(source, cached, "site build", started.isoformat(timespec="seconds"),
                   round(result.seconds, 1), dict(PARAMETERS), hardware())
        report.write_json(cached.with_suffix(".json"),
                          {k: v for k, v in asdict(info).items() if k not in ("source", "executed")})
        found[source] = papermill_run(source, cached, "site build", info.hardware) or Run(
            source, note="its source changed while it ran")
    return found
