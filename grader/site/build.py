"""`python -m grader site` and `make site`: the side-by-side reader, built into build/site/.

Steps: gather the executed solution notebooks (runs.py), write the Sphinx source tree (pages.py),
run Sphinx's HTML builder in this process, then check the result (checks.py): a page holding a
line of a solution or of a hidden test, or loading anything from the network, fails the build.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import report
from grader.course.layout import FRAMEWORKS, Lesson, lessons
from grader.errors import CourseError
from grader.site import checks, pages, runs

log = logging.getLogger(__name__)


@dataclass
class SiteBuild:
    out: Path
    seconds: float
    pages: list[Path]
    runs: dict[Path, runs.Run]
    layout: dict  # assignment -> the page's paired sections, in reading order
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # assignment -> why it has no page


def complete_pairs(chosen: list[Lesson]) -> tuple[list[Lesson], dict[str, str]]:
    """The lessons with both notebooks; a lesson being written may have one only (`grader check`
    fails on it): it gets no page until its pair is complete, and the build says so."""
    complete, skipped = [], {}
    for lesson in chosen:
        missing = [p.relative_to(lesson.root).as_posix() for p in lesson.sources() if not p.is_file()]
        if missing:
            skipped[lesson.assignment_id] = f"{', '.join(missing)} missing"
        else:
            complete.append(lesson)
    return complete, skipped


def sphinx_build(srcdir: Path, out: Path, doctrees: Path) -> list[str]:
    """Sphinx's HTML builder, quiet; returns its warnings (one string each)."""
    from sphinx.application import Sphinx

    status, warning = io.StringIO(), io.StringIO()
    app = Sphinx(str(srcdir), str(srcdir), str(out), str(doctrees), "html",
                 status=status, warning=warning, freshenv=False, keep_going=True)
    app.build()
    if app.statuscode:
        raise CourseError(f"sphinx failed:\n{warning.getvalue()[-4000:]}")
    return [w for w in warning.getvalue().splitlines() if w.strip()]


def problems_of(site: Path, chosen: list[Lesson], work: Path) -> list[str]:
    releases = [pages.released_notebook(lesson, fw, work) for lesson in chosen for fw in FRAMEWORKS]
    return checks.leaks(site, checks.secret_lines(chosen, releases)) + checks.external_references(site)


def build_site(root: Path, out: Path | None = None, *, work: Path | None = None, jobs: int = 1,
               run: bool = True, use_course: bool = True, outputs_for: set[str] | None = None,
               chosen: list[Lesson] | None = None, check: bool = True,
               cache: Path | None = None) -> SiteBuild:
    """Build the site; `outputs_for` limits the lessons whose outputs are shown (tests: one);
    `check=False` leaves the checks to the caller (the tests report what they find); our own
    solution runs are cached in `cache` (default build/site-work/executed)."""
    started = time.perf_counter()
    out = out or root / "build" / "site"
    work = work or root / "build" / "site-work"
    chosen, skipped = complete_pairs(chosen if chosen is not None else lessons(root))
    for assignment, why in skipped.items():
        log.warning("site: no page for %s: %s", assignment, why)
    if not chosen:
        raise CourseError(f"no lessons in {root / 'solutions'}")
    cache = cache or root / "build" / "site-work" / "executed"
    gathered = runs.gather(chosen, cache, use_course=use_course, run=run, jobs=jobs, only=outputs_for)
    layout = pages.write_tree(root, chosen, gathered, work, work / "src")
    # Sphinx writes under the work folder (myst-nb puts its jupyter_execute/ beside the output;
    # the doctrees kept there let it re-read only the sources that changed), then the result
    # replaces `out`: no page of a removed lesson, no stale download survives.
    html = work / "html"
    if html.exists():
        shutil.rmtree(html)
    warnings = sphinx_build(work / "src", html, work / "doctrees")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(html, out)
    seconds = time.perf_counter() - started
    report.write_json(out / "build-info.json", {
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "hardware": runs.hardware(),
        "lessons": [lesson.assignment_id for lesson in chosen],
        "runs": {str(source.relative_to(root)): {"origin": r.origin, "started": r.started,
                                                  "seconds": r.seconds, "parameters": r.parameters,
                                                  "note": r.note}
                 for source, r in gathered.items()},
        "warnings": warnings,
        "skipped": skipped,
    })
    problems = problems_of(out, chosen, work) if check else []
    if problems:
        shutil.rmtree(out)  # a site that leaks must not lie around to be uploaded by mistake
        raise CourseError("the site was not published (removed):\n" + "\n".join(problems[:30]))
    built = sorted(out.rglob("*.html"))
    return SiteBuild(out, time.perf_counter() - started, built, gathered, layout, warnings, skipped)
