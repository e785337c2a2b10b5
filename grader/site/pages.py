"""The Sphinx source tree of the site, written under the build folder (never committed).

- `lessons/<assignment>.ipynb`: one notebook per lesson pair, made of the release-safe cells of
  both notebooks, section by section: each shared `##` heading once, then that section's PyTorch
  cells and TensorFlow cells, tagged `sbs-pytorch` / `sbs-tensorflow`. myst-nb renders it (markdown,
  code, the solution run's outputs); sphinx_ext.py turns each run of tagged cells into synced tabs;
- `downloads/<assignment>/<notebook>.ipynb`: the student release, offered for download;
- `index.md`: the course index (the README's lesson table), `guides/*.md`: the docs/ guides;
- `conf.py`: one line importing grader/site/sphinx_conf.py.
Files are rewritten only when their content changes, so Sphinx rebuilds only what changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from grader.authoring import release
from grader.authoring.opening import LABELS
from grader.course.layout import FRAMEWORKS, Lesson, publish_settings
from grader.site import pairing, safe_cells
from grader.site.runs import Run

LESSONS_DIR, DOWNLOADS_DIR, GUIDES_DIR = "lessons", "downloads", "guides"
GUIDE_ORDER = ("authoring", "grading")  # the docs/ guides come first, in this order
HIDE_INPUT = {"setup-colab", "setup-device"}  # the fixed opening, identical in every notebook
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)")
TITLE = re.compile(r"^# (\d\d) · (.+?) · (?:PyTorch|TensorFlow)\s*$", re.MULTILINE)
KERNEL_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python", "pygments_lexer": "ipython3"},
}


@dataclass
class SourceTree:
    root: Path  # the Sphinx source folder
    written: set[Path]

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        data = text.encode() if isinstance(text, str) else text
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        self.written.add(path)
        return path

    def remove_others(self) -> None:
        """Drop files of an earlier build that this one did not write (a removed lesson)."""
        for path in sorted(self.root.rglob("*"), reverse=True):
            if path.is_file() and path not in self.written:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def github_url(lesson_root: Path, relative: str) -> str:
    settings = publish_settings(lesson_root)
    return f"https://github.com/{settings.github_repository}/blob/{settings.github_branch}/{relative}"


def markdown_cell(text: str, framework: str | None = None) -> NotebookNode:
    """A markdown cell; a framework's cell is wrapped in a container marking its column."""
    if framework is None:
        return nbformat.v4.new_markdown_cell(text)
    longest = max((len(m) for m in re.findall(r"^\s*(:{3,})", text, re.MULTILINE)), default=2)
    fence = ":" * max(3, longest + 1)
    return nbformat.v4.new_markdown_cell(f"{fence}{{container}} sbs-cell sbs-{framework}\n{text}\n{fence}")


def lesson_link_target(lesson: Lesson, target: str) -> str | None:
    """Where a notebook's relative link points on the site: its twin (a tab of this page), a
    notebook of another lesson (that lesson's page), anything else (the file on GitHub)."""
    path, _, anchor = target.partition("#")
    if not path or re.match(r"^[a-z][a-z0-9+.-]*:", path):
        return None  # an anchor or an absolute URL: left alone
    parts = Path(path).parts
    name = parts[-1]
    for framework in FRAMEWORKS:
        if name.endswith(f"_{framework}.ipynb"):
            if len(parts) == 1:
                return f"?framework={framework}"
            if len(parts) >= 2 and re.match(r"^\d\d_", parts[-2]):
                return f"{parts[-2]}.html?framework={framework}"
    folder = Path(lesson.source(FRAMEWORKS[0]).relative_to(lesson.root)).parent
    resolved = Path(*_normalise((folder / path).parts))
    return github_url(lesson.root, resolved.as_posix()) + (f"#{anchor}" if anchor else "")


def _normalise(parts: tuple[str, ...]) -> list[str]:
    kept: list[str] = []
    for part in parts:
        if part == "..":
            if kept:
                kept.pop()
        elif part != ".":
            kept.append(part)
    return kept


def rewrite_links(text: str, target_of) -> str:
    def replace(match: re.Match) -> str:
        target = target_of(match.group(2))
        return match.group(0) if target is None else f"[{match.group(1)}]({target})"

    return LINK.sub(replace, text)


def topic_of(nb: NotebookNode, lesson: Lesson) -> str:
    title = TITLE.search(nb.cells[0].source) if nb.cells else None
    return title.group(2) if title else lesson.topic.replace("_", " ").capitalize()


def device_line(cells: list[NotebookNode]) -> str | None:
    """What the run printed about versions and device (the setup-device cell's first such line)."""
    for cell in cells:
        if "setup-device" in safe_cells.tags(cell):
            for output in cell.get("outputs", []):
                for line in output.get("text", "").splitlines():
                    if "device:" in line:
                        return line.strip()
    return None


def stamp(run: Run, cells: list[NotebookNode]) -> str:
    """One table cell saying where this column's outputs come from."""
    if run.executed is None or run.outputs is None:
        return f"no outputs: {run.note or 'not executed'}"
    when = (run.started or "")[:16].replace("T", " ") + " UTC" if run.started else "an unknown date"
    parameters = ", ".join(f"{k}={v}" for k, v in run.parameters.items()) or "defaults"
    seconds = f", {run.seconds:.0f} s" if run.seconds is not None else ""
    device = device_line(cells)
    return (f"solution run of {when} ({run.origin}, papermill, {parameters}{seconds})"
            + (f"; `{device}`" if device else ""))


def released_notebook(lesson: Lesson, framework: str, work: Path) -> Path:
    """The student release of this notebook: notebooks/ when it has every graded cell of the
    source, else a release regenerated under the build folder (a lesson being written)."""
    committed = lesson.release(framework)
    source = release.read(lesson.source(framework))
    wanted = {c.metadata.get("nbgrader", {}).get("grade_id") for c in source.cells if safe_cells.is_graded(c)}

    def complete(path: Path, newer_than_sources: bool = False) -> bool:
        if not path.is_file():
            return False
        if newer_than_sources and any(path.stat().st_mtime < s.stat().st_mtime for s in lesson.sources()):
            return False
        return wanted <= {c.metadata.get("nbgrader", {}).get("grade_id") for c in release.read(path).cells}

    if complete(committed):
        return committed
    regenerated = work / "release" / lesson.assignment_id / lesson.notebook_name(framework)
    if not complete(regenerated, newer_than_sources=True):  # one regeneration serves both notebooks
        release.release(lesson.root, [lesson.assignment_id], release_dir=work / "release",
                        refresh_sources=False)
    return regenerated


def launch_table(lesson: Lesson, releases: dict[str, Path], stamps: dict[str, str], tree: SourceTree) -> str:
    settings = publish_settings(lesson.root)
    rows = {"Notebook (student release)": [], "Run it": [], "Download": [], "Outputs shown": []}
    for framework in FRAMEWORKS:
        name = lesson.notebook_name(framework)
        published = lesson.release(framework).relative_to(lesson.root).as_posix()
        download = f"{DOWNLOADS_DIR}/{lesson.assignment_id}/{name}"
        tree.write(download, releases[framework].read_bytes())
        rows["Notebook (student release)"].append(f"[{name}]({github_url(lesson.root, published)})")
        rows["Run it"].append(f"{{bdg-link-warning}}`Open in Colab <{settings.colab_url(published)}>`")
        rows["Download"].append(f"{{download}}`{name} <../{download}>`")
        rows["Outputs shown"].append(stamps[framework])
    lines = ["| | " + " | ".join(LABELS[fw] for fw in FRAMEWORKS) + " |", "|---|---|---|"]
    lines += [f"| {label} | " + " | ".join(v.replace("|", "\\|") for v in values) + " |"
              for label, values in rows.items()]
    return "\n".join(lines)


def lesson_notebook(lesson: Lesson, runs: dict[Path, Run], work: Path, tree: SourceTree) -> tuple[str, list]:
    """The combined notebook of one lesson; returns its topic and the page's paired sections."""
    shown, releases, stamps, sources = {}, {}, {}, {}
    for framework in FRAMEWORKS:
        source = release.read(lesson.source(framework))
        releases[framework] = released_notebook(lesson, framework, work)
        run = runs[lesson.source(framework)]
        released = release.read(releases[framework])
        shown[framework] = safe_cells.publishable_cells(source, released, run.outputs)
        stamps[framework] = stamp(run, shown[framework])
        sources[framework] = source
    topic = topic_of(sources[FRAMEWORKS[0]], lesson)
    by_framework = {fw: pairing.sections(shown[fw][1:]) for fw in FRAMEWORKS}  # [1:]: the title cell
    paired = pairing.reading_order(pairing.pair(by_framework))
    hardware = sorted({runs[lesson.source(fw)].hardware for fw in FRAMEWORKS} - {""})
    header = [f"# {lesson.number} · {topic}", "",
              "PyTorch on the left, TensorFlow on the right, section by section; on a narrow screen, "
              "tabs (your choice of framework is kept from page to page). Exercises show the stub a "
              "student starts from; the outputs are those of the instructor's solution run.", "",
              launch_table(lesson, releases, stamps, tree)]
    if hardware:
        header += ["", f"Hardware of the run: {'; '.join(hardware)}."]
    cells = [markdown_cell("\n".join(header))]
    for section in paired:
        if section.heading is not None:
            note = ("\n\nThe closing section of both notebooks, shown first: the comparison table and "
                    "the figures each run measured." if section.heading == pairing.SIDE_BY_SIDE else "")
            cells.append(markdown_cell(f"## {section.heading}{note}"))
        for framework in FRAMEWORKS:
            column = section.cells[framework] or [
                nbformat.v4.new_markdown_cell(f"*The {LABELS[framework]} notebook has no such section.*")]
            cells += [page_cell(lesson, cell, framework) for cell in column]
    for number, cell in enumerate(cells):  # the two notebooks share cell ids: number them afresh
        cell.id = f"cell-{number:03d}"
    nb = nbformat.v4.new_notebook(cells=cells, metadata=KERNEL_METADATA)
    tree.write(f"{LESSONS_DIR}/{lesson.assignment_id}.ipynb", nbformat.writes(nb))
    return topic, paired


def page_cell(lesson: Lesson, cell: NotebookNode, framework: str) -> NotebookNode:
    if cell.cell_type == "markdown":
        return markdown_cell(rewrite_links(cell.source, lambda t: lesson_link_target(lesson, t)), framework)
    cell = nbformat.from_dict(cell)
    own = safe_cells.tags(cell)
    cell.metadata["tags"] = own + [f"sbs-{framework}"] + (["hide-input"] if HIDE_INPUT & set(own) else [])
    return cell


def readme_topics(root: Path) -> tuple[str, dict[str, str]]:
    """The README's opening paragraph, and the topic column of its lesson table by number."""
    text = (root / "README.md").read_text() if (root / "README.md").is_file() else ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    intro = next((p for p in paragraphs if not p.startswith(("#", "|", "```"))), "")
    topics = {m.group(1): m.group(2).strip()
              for m in re.finditer(r"^\|\s*(\d\d)\s*\|([^|]*)\|", text, re.MULTILINE)}
    return intro, topics


def guide_link_target(root: Path, docs: Path, target: str) -> str | None:
    path, _, anchor = target.partition("#")
    if not path or re.match(r"^[a-z][a-z0-9+.-]*:", path):
        return None
    if "/" not in path and path.endswith(".md") and (docs / path).is_file():
        return path[:-3] + ".html" + (f"#{anchor}" if anchor else "")  # another guide
    resolved = Path(*_normalise(Path("docs", path).parts)).as_posix()
    return github_url(root, resolved) + (f"#{anchor}" if anchor else "")


def guides(root: Path, tree: SourceTree) -> list[str]:
    docs = root / "docs"
    found = sorted(docs.glob("*.md")) if docs.is_dir() else []
    found.sort(key=lambda p: (GUIDE_ORDER.index(p.stem) if p.stem in GUIDE_ORDER else len(GUIDE_ORDER),
                              p.name))
    names = []
    for path in found:
        text = rewrite_links(path.read_text(), lambda t: guide_link_target(root, docs, t))
        tree.write(f"{GUIDES_DIR}/{path.name}", text)
        names.append(f"{GUIDES_DIR}/{path.stem}")
    return names


def index_page(root: Path, lessons: list[Lesson], topics: dict[str, str], guide_pages: list[str],
               tree: SourceTree) -> None:
    intro, readme = readme_topics(root)
    settings = publish_settings(root)
    rows = []
    for lesson in lessons:
        links = []
        for framework in FRAMEWORKS:
            published = lesson.release(framework).relative_to(root).as_posix()
            download = f"{DOWNLOADS_DIR}/{lesson.assignment_id}/{lesson.notebook_name(framework)}"
            links.append(f"{{bdg-link-warning}}`Colab <{settings.colab_url(published)}>` "
                         f"{{download}}`.ipynb <{download}>`")
        topic = readme.get(lesson.number, topics[lesson.assignment_id])
        rows.append(f"| {lesson.number} | {{doc}}`{topics[lesson.assignment_id]} <{LESSONS_DIR}/"
                    f"{lesson.assignment_id}>` | {topic} | " + " | ".join(links) + " |")
    lesson_pages = "\n".join(f"{LESSONS_DIR}/{lesson.assignment_id}" for lesson in lessons)
    guide_list = "\n".join(f"- {{doc}}`{page}`" for page in guide_pages)
    text = "\n".join([
        "# PyTorch and TensorFlow, side by side", "", intro, "",
        "Each lesson page below shows both notebooks of a pair, section by section: two columns on a "
        "wide screen, synced tabs on a narrow one. Exercises show the stub a student starts from, "
        "never the solution; the outputs are those of the instructor's solution run, dated, with the "
        "hardware named.", "",
        "## Lessons", "",
        "| # | Side by side | Topic | PyTorch | TensorFlow |", "|---|---|---|---|---|", *rows, "",
        *(["## Guides", "", guide_list, ""] if guide_pages else []),
        "```{toctree}", ":hidden:", ":caption: Lessons", "", lesson_pages, "```", "",
        *(["```{toctree}", ":hidden:", ":caption: Guides", "", *guide_pages, "```", ""]
          if guide_pages else []),
    ])
    tree.write("index.md", text)


CONF = ('"""Sphinx configuration of the course site: generated; the settings live in '
        'grader/site/sphinx_conf.py."""\n\nfrom grader.site.sphinx_conf import *  # noqa: F403\n')


def write_tree(root: Path, lessons: list[Lesson], runs: dict[Path, Run], work: Path, srcdir: Path) -> dict:
    """Write the whole source tree; returns each lesson's paired sections (for checks and tests)."""
    tree = SourceTree(srcdir, set())
    tree.write("conf.py", CONF)
    topics, layout = {}, {}
    for lesson in lessons:
        topics[lesson.assignment_id], layout[lesson.assignment_id] = lesson_notebook(lesson, runs, work, tree)
    guide_pages = guides(root, tree)
    index_page(root, lessons, topics, guide_pages, tree)
    tree.remove_others()
    return layout
