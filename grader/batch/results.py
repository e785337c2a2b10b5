"""Batch results for instructors: one CSV row per exercise, a summary table, histograms, nbgrader export.

Everything is computed from the per-student result files, so a resumed or sharded run reports the
same way; every file is written atomically.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

from grader.batch.model import BatchRun, StudentResult
from grader.course import report

CSV_COLUMNS = ["student", "notebook", "exercise", "score", "max", "status", "flags"]


def exercise_rows(results: list[StudentResult], exercise_of: dict[str, str]) -> list[dict]:
    rows = []
    for result in results:
        for notebook, nb in sorted(result.notebooks.items()):
            flags = "; ".join(result.flags + nb.flags)
            per_exercise = nb.per_exercise(exercise_of)
            if not per_exercise:  # missing or unreadable notebook: one row carries the status
                rows.append({"student": result.student, "notebook": notebook, "exercise": "",
                             "score": nb.score, "max": nb.max, "status": nb.status, "flags": flags})
            for exercise, (score, maximum) in sorted(per_exercise.items()):
                rows.append({"student": result.student, "notebook": notebook, "exercise": exercise,
                             "score": score, "max": maximum, "status": nb.status, "flags": flags})
    return rows


def write_csv(path: Path, rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows({k: (f"{v:g}" if isinstance(v, float) else v) for k, v in row.items()} for row in rows)
    report.write_atomic(path, buffer.getvalue())


def summary_table(results: list[StudentResult]) -> str:
    rows = []
    for result in sorted(results, key=lambda r: r.student):
        notebooks = result.notebooks.values()
        statuses = sorted({nb.status for nb in notebooks} - {"ok"})
        flags = len(result.flags) + sum(len(nb.flags) for nb in notebooks)
        rows.append([result.student, f"{result.score:g}/{result.max_score:g}", ", ".join(statuses) or "ok",
                     flags])
    return report.table(["student", "score", "status", "flags"], rows)


def write_histograms(folder: Path, rows: list[dict], results: list[StudentResult]) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    per_exercise: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        if row["exercise"] and row["max"]:
            per_exercise[f"{row['notebook']}: {row['exercise']}"].append(row["score"] / row["max"])
    totals = [r.score for r in results]
    figures = [("totals.png", "Total score per student", {"all notebooks": totals}, "points")]
    if per_exercise:
        figures.append(("exercises.png", "Score per exercise (fraction of its points)", per_exercise,
                        "fraction of points"))
    for name, title, series, xlabel in figures:
        count = len(series)
        fig, axes = plt.subplots(count, 1, figsize=(7, 1.8 * count + 1), squeeze=False)
        for ax, (label, values) in zip(axes[:, 0], sorted(series.items()), strict=True):
            ax.hist(values, bins=10, color="#4c72b0")
            ax.set_title(label, fontsize=9)
            ax.set_ylabel("students")
        axes[-1, 0].set_xlabel(xlabel)
        fig.suptitle(title)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=90)
        plt.close(fig)
        path = folder / name
        report.write_atomic(path, buffer.getvalue())
        written.append(path)
    return written


def nbgrader_export(db_url: str, path: Path) -> None:
    """nbgrader's own CSV export of the whole gradebook (every shard that wrote to it)."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins import CsvExportPlugin

    plugin = CsvExportPlugin()
    with report.atomic_path(path) as tmp, Gradebook(db_url) as gb:
        plugin.to = str(tmp)
        plugin.export(gb)


def write_reports(run: BatchRun, out: Path | None = None) -> dict[str, Path]:
    """grades.csv, nbgrader's export, the histograms and summary.md, in `out` (the run's own folder,
    by default; the CLI passes the folder as the user wrote it, so the paths it prints read the same)."""
    out, results, db_url = out or run.out, run.results, run.db_url
    rows = exercise_rows(results, run.exercise_of)
    paths = {"csv": out / "grades.csv", "nbgrader_csv": out / "nbgrader_export.csv"}
    write_csv(paths["csv"], rows)
    nbgrader_export(db_url, paths["nbgrader_csv"])
    for png in write_histograms(out / "plots", rows, results):
        paths[png.stem] = png
    report.write_atomic(out / "summary.md", summary_table(results) + "\n")
    return paths
