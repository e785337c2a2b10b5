"""nbgrader gradebooks: a lesson's template and main gradebook, merges, and scores read back.

`autograde` is stock nbgrader grading into a gradebook of our own (the lesson tests use it); the
batch grader prepares its gradebooks here. Nothing here computes a score itself.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from grader.course import nbgrader_api
from grader.course.layout import FRAMEWORKS, Lesson
from grader.errors import CourseError


@dataclass(frozen=True)
class NotebookScore:
    student: str
    assignment: str
    notebook: str
    score: float
    max_score: float
    exercise_scores: dict[str, tuple[float, float]]  # test grade_id -> (score, max)


def autograde(root: Path, lessons_: list[Lesson], submissions_dir: Path, work_dir: Path,
              students: list[str] | None = None, fresh: bool = True) -> list[NotebookScore]:
    """Stock nbgrader: generate_assignment (fills the gradebook) then autograde each submission."""
    if fresh and work_dir.exists():
        shutil.rmtree(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    config = nbgrader_api.work_config(root, work_dir, submitted=submissions_dir)
    api = nbgrader_api.api(config)
    students = students or sorted(p.name for p in submissions_dir.iterdir() if p.is_dir())
    with nbgrader_api.quiet_nbgrader_log():
        for lesson in lessons_:
            nbgrader_api.checked(api.generate_assignment(lesson.assignment_id),
                                 f"generate_assignment {lesson.assignment_id}")
            for student in students:
                if (submissions_dir / student / lesson.assignment_id).is_dir():
                    nbgrader_api.checked(api.autograde(lesson.assignment_id, student),
                                         f"autograde {lesson.assignment_id} for {student}")
    return scores(config.CourseDirectory.db_url, lessons_, students)


def scores(db_url: str, lessons_: list[Lesson], students: list[str]) -> list[NotebookScore]:
    from nbgrader.api import Gradebook, MissingEntry

    found = []
    with Gradebook(db_url) as gb:
        for lesson in lessons_:
            for student in students:
                for notebook in (lesson.notebook_id(fw) for fw in FRAMEWORKS):
                    try:
                        nb = gb.find_submission_notebook(notebook, lesson.assignment_id, student)
                    except MissingEntry:
                        continue
                    per_test = {g.name: (g.score or 0.0, g.max_score) for g in nb.grades
                                if g.cell_type == "code" and g.max_score}
                    found.append(NotebookScore(student, lesson.assignment_id, notebook,
                                               nb.score, nb.max_score, per_test))
    return found


def merge_submission(main_url: str, private_url: str, course_id: str, assignment: str, student: str) -> None:
    """Copy one student's autograde results from a worker's private gradebook into the main one.

    Upsert: a re-graded student updates their auto scores in place (manual grades an instructor
    already gave are kept); nothing is duplicated. Only the main process calls this, so a SQLite
    main gradebook never sees two writers. Shards sharing PostgreSQL merge under the course lock:
    another shard's generate_assignment re-creates a notebook that has no submission yet, cell by
    cell, and a submission added meanwhile would lack the cells not yet made.
    """
    from nbgrader.api import Gradebook, MissingEntry

    with course_lock(main_url), Gradebook(private_url, course_id) as private, \
            Gradebook(main_url, course_id) as main:
        source = private.find_submission(assignment, student)
        main.update_or_create_student(student)
        try:
            target = main.find_submission(assignment, student)
        except MissingEntry:
            target = main.add_submission(assignment, student, timestamp=source.timestamp)
        target.timestamp = source.timestamp
        for notebook in source.notebooks:
            for grade in notebook.grades:
                merged = main.find_grade(grade.name, notebook.name, assignment, student)
                merged.auto_score = grade.auto_score
                merged.needs_manual_grade = grade.needs_manual_grade
            for comment in notebook.comments:
                merged_comment = main.find_comment(comment.name, notebook.name, assignment, student)
                merged_comment.auto_comment = comment.auto_comment
        main.db.commit()


def record_empty_submission(main_url: str, course_id: str, assignment: str, student: str) -> None:
    """A student with no gradable notebook still appears in the gradebook (and in nbgrader export)."""
    from nbgrader.api import Gradebook, MissingEntry

    with course_lock(main_url), Gradebook(main_url, course_id) as main:
        main.update_or_create_student(student)
        try:
            main.find_submission(assignment, student)
        except MissingEntry:
            main.add_submission(assignment, student)


# ---------------------------------------------------------------- a batch run's gradebooks

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


def prepare_template(repo: Path, lesson: Lesson, out: Path) -> Template:
    """generate_assignment into a template SQLite gradebook, which each worker copies. It lies in
    `out/template/`, never in the main gradebook, so it may be made while the preflight runs."""
    template_root = out / "template"
    template_db = template_root / "gradebook.db"
    template_root.mkdir(parents=True, exist_ok=True)
    template_db.unlink(missing_ok=True)
    config = generate_into(repo, lesson, template_root, nbgrader_api.sqlite_url(template_db))
    course_id = config.CourseDirectory.course_id
    from nbgrader.api import Gradebook

    with Gradebook(nbgrader_api.sqlite_url(template_db), course_id) as gb:
        max_scores = {nb.name: nb.max_score for nb in gb.find_assignment(lesson.assignment_id).notebooks}
    return Template(template_db, course_id, max_scores, exercise_map(lesson))


def prepare_main(repo: Path, lesson: Lesson, template: Template, main_url: str) -> None:
    """The lesson's rows in the main gradebook: a new SQLite one is a copy of the template (no second
    generate); an existing one, or PostgreSQL shared by shards, is generated into."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    main_file = Path(main_url.removeprefix("sqlite:///")) if main_url.startswith("sqlite:///") else None
    if main_file is not None and not main_file.exists():
        shutil.copy(template.db, main_file)
        return
    try:
        with course_lock(main_url):
            generate_into(repo, lesson, template.db.parent, main_url)
    except OperationalError as exc:
        shown = make_url(main_url).render_as_string(hide_password=True)
        reason = " ".join(str(exc.orig or exc).split())[:300]
        raise CourseError(f"cannot open the main gradebook {shown}: {reason}") from None


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
