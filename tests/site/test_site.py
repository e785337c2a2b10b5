"""The side-by-side reader (grader/site, `make site`): built from every lesson, leaking nothing
graded, loading nothing from the network, and read in a real browser.

The site is built once per session into build/site-test/ (under a file lock, so that two xdist
workers share one build) with every lesson's page, but with the outputs of one lesson only:
`SHOWN`'s solutions are run headless (FAST=True, cached by source digest in `make site`'s
build/site-work/executed/, so a run already made is not made again), the other pages show their
cells without outputs. Running all 16+ notebooks again would double what the lesson tests already
spend on them.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import http.server
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest

from grader.authoring.release import read
from grader.course import cells
from grader.course.layout import FRAMEWORKS, find_root, lessons
from grader.errors import CourseError
from grader.site import checks, pages, pairing, runs, safe_cells
from grader.site.build import build_site, complete_pairs
from tests.site.chromium import chromium_page, ensure_chromium

ROOT = find_root()
SHOWN = "01_autograd"  # the lesson whose solution run the test build shows
TEST_DIR = ROOT / "build" / "site-test"
SHOTS = ROOT / "build" / "site-shots"
INPUTS = ("solutions", "notebooks", "docs", "grader", "README.md", "pyproject.toml")


@dataclass
class Site:
    out: Path
    info: dict

    def page(self, relative: str) -> str:
        return (self.out / relative).read_text()


def inputs_digest() -> str:
    """What the site is built from: a changed notebook, guide or line of grader/ rebuilds it."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def site() -> Site:
    TEST_DIR.mkdir(parents=True, exist_ok=True)
    out, stamp = TEST_DIR / "html", TEST_DIR / "inputs.sha256"
    with (TEST_DIR / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker may be building it right now
        wanted = inputs_digest()
        if not (stamp.is_file() and stamp.read_text() == wanted and (out / "build-info.json").is_file()):
            stamp.unlink(missing_ok=True)
            build_site(ROOT, out, work=TEST_DIR / "work", jobs=2, use_course=False,
                       outputs_for={SHOWN}, check=False, cache=ROOT / "build" / "site-work" / "executed")
            stamp.write_text(wanted)
    return Site(out, json.loads((out / "build-info.json").read_text()))


def complete_lessons():
    """The lessons with both notebooks (a lesson being written may have one only)."""
    return complete_pairs(lessons(ROOT))[0]


def built_lessons(site: Site):
    """The lessons the site was built from (another lesson may have been completed since)."""
    return lessons(ROOT, site.info["lessons"])


def releases(site: Site) -> list[Path]:
    return [pages.released_notebook(lesson, fw, TEST_DIR / "work")
            for lesson in built_lessons(site) for fw in FRAMEWORKS]


def expected_headings(lesson) -> list[str]:
    """The `##` headings of a lesson page, in its reading order, as the browser shows their text."""
    by_framework = {fw: pairing.sections(read(lesson.source(fw)).cells[1:]) for fw in FRAMEWORKS}
    ordered = pairing.reading_order(pairing.pair(by_framework))
    return [re.sub(r"[`*]", "", p.heading) for p in ordered if p.heading]


def page_text(html: str) -> str:
    return checks.readable_text(Path("page.html"), html)


# ---------------------------------------------------------------- the cells a page may show


def test_a_page_shows_the_release_stubs_and_no_output_of_a_graded_cell():
    lesson = lessons(ROOT, [SHOWN])[0]
    source, release = read(lesson.source("pytorch")), read(lesson.release("pytorch"))
    fake = [[nbformat.v4.new_output("stream", name="stdout", text=f"output of cell {i}\n")]
            if c.cell_type == "code" else [] for i, c in enumerate(source.cells)]
    shown = safe_cells.publishable_cells(source, release, fake)
    assert len(shown) == len(source.cells)
    graded = [i for i, c in enumerate(source.cells) if safe_cells.is_graded(c)]
    teaching = [i for i, c in enumerate(source.cells) if c.cell_type == "code" and i not in graded]
    assert graded and teaching
    assert all(shown[i].outputs == [] for i in graded), "a graded cell kept an output"
    assert all(shown[i].outputs[0].text == f"output of cell {i}\n" for i in teaching), (
        "a teaching cell lost the output of the solution run")
    for i in graded:
        if cells.is_solution(source.cells[i]):
            assert "# YOUR CODE HERE" in shown[i].source and cells.BEGIN_SOLUTION not in shown[i].source
        assert cells.BEGIN_HIDDEN not in shown[i].source, f"cell {i} shows a hidden test"


def test_a_cell_holding_solution_markers_without_nbgrader_metadata_stops_the_build():
    lesson = lessons(ROOT, [SHOWN])[0]
    source, release = read(lesson.source("pytorch")), read(lesson.release("pytorch"))
    teaching = next(c for c in source.cells if c.cell_type == "code" and not safe_cells.is_graded(c))
    teaching.source += f"\n{cells.BEGIN_SOLUTION}\nsecret = 42\n{cells.END_SOLUTION}"
    with pytest.raises(CourseError, match="not an nbgrader solution or test cell"):
        safe_cells.publishable_cells(source, release, None)


def test_outputs_come_only_from_a_run_of_this_very_source():
    lesson = lessons(ROOT, [SHOWN])[0]
    source = read(lesson.source("pytorch"))
    executed = nbformat.from_dict(json.loads(json.dumps(source)))
    params = next(i for i, c in enumerate(executed.cells) if "parameters" in safe_cells.tags(c))
    injected = nbformat.v4.new_code_cell("FAST = True", metadata={"tags": [safe_cells.INJECTED]})
    executed.cells.insert(params + 1, injected)
    assert safe_cells.executed_outputs(source, executed) is not None, "papermill's injected cell is skipped"
    executed.cells[-1].source += "\n# edited since the run"
    assert safe_cells.executed_outputs(source, executed) is None, "a copy of other sources must be ignored"


def test_framework_noise_and_widget_state_are_dropped_from_outputs():
    noise = nbformat.v4.new_output("stream", name="stderr", text="I0000 cpu_feature_guard.cc: AVX2\n")
    warning = nbformat.v4.new_output("stream", name="stderr", text="UserWarning: shown on purpose\n")
    widget = nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "100%|##| 3/3"})
    assert safe_cells.clean_output(noise) is None
    assert safe_cells.clean_output(warning).text == warning.text
    assert list(safe_cells.clean_output(widget).data) == ["text/plain"]


def test_sections_pair_by_heading_and_a_heading_cell_is_split():
    def nb(*sources):
        return [nbformat.v4.new_markdown_cell(s) if s.startswith(("#", "intro")) else
                nbformat.v4.new_code_cell(s) for s in sources]

    torch_cells = nb("intro", "## A\ntext of A", "a = 1", "## Only in PyTorch", "p = 1",
                     "## Side by side", "t")
    tf_cells = nb("intro", "## A", "a = 2", "## Side by side", "t")
    paired = pairing.reading_order(pairing.pair({"pytorch": pairing.sections(torch_cells),
                                                 "tensorflow": pairing.sections(tf_cells)}))
    assert [p.heading for p in paired] == [None, "Side by side", "A", "Only in PyTorch"]
    section_a = paired[2]
    assert [c.source for c in section_a.cells["pytorch"]] == ["text of A", "a = 1"]
    assert [c.source for c in section_a.cells["tensorflow"]] == ["a = 2"]
    assert paired[3].cells["tensorflow"] == [] and not paired[3].paired


# ---------------------------------------------------------------- the built site


@pytest.mark.slow
def test_the_site_has_a_page_per_lesson_the_guides_and_no_build_warning(site):
    assert site.info["warnings"] == [], "Sphinx warned:\n" + "\n".join(site.info["warnings"])
    index = site.page("index.html")
    for assignment, why in site.info["skipped"].items():
        assert why.endswith("missing"), f"{assignment} has no page: {why}"
    # Every complete lesson has a page, unless its pair was completed while the site was built.
    started = (site.out / "build-info.json").stat().st_mtime - site.info["seconds"]
    complete = [lesson for lesson in complete_lessons()
                if all(path.stat().st_mtime < started for path in lesson.sources())]
    assert complete, "no lesson to check"
    for lesson in complete:
        page = f"lessons/{lesson.assignment_id}.html"
        assert (site.out / page).is_file(), f"no page for {lesson.assignment_id}"
        assert f'href="{page}"' in index, f"the index does not link {page}"
        html = site.page(page)
        for framework in FRAMEWORKS:
            name = lesson.notebook_name(framework)
            published = lesson.release(framework).relative_to(ROOT).as_posix()
            colab = pages.publish_settings(ROOT).colab_url(published)
            assert colab in html, f"{page}: no Open in Colab link for {name}"
            assert re.search(rf'href="\.\./_downloads/[0-9a-f]+/{re.escape(name)}"', html), (
                f"{page}: no download link for {name}")
    for guide in sorted(p for p in (ROOT / "docs").glob("*.md") if p.stat().st_mtime < started):
        assert (site.out / "guides" / f"{guide.stem}.html").is_file(), f"{guide.name} is not rendered"
        assert f'href="guides/{guide.stem}.html"' in index, f"the index does not link {guide.name}"


@pytest.mark.slow
def test_no_solution_or_hidden_test_line_appears_anywhere_in_the_site(site):
    secrets = checks.secret_lines(built_lessons(site), releases(site))
    # Counted per pair: a line both notebooks share is kept once, under the first (with Keras 3,
    # most lines of the TensorFlow notebook are the PyTorch one's).
    for lesson in built_lessons(site):
        origins = {source.relative_to(ROOT).as_posix() for source in lesson.sources()}
        found = sum(o in origins for o in secrets.values())
        assert found >= 10, f"{lesson.assignment_id}: only {found} secret lines to check"
    assert checks.leaks(site.out, secrets) == []
    # The search is not blind: on a real page it finds the lines it should (syntax-highlighted code)…
    page = checks.Corpus.of([page_text(site.page(f"lessons/{SHOWN}.html"))])
    stubs = [c for lesson in lessons(ROOT, [SHOWN]) for fw in FRAMEWORKS
             for c in read(lesson.release(fw)).cells if cells.is_solution(c)]
    assert stubs and page.blob.count("# YOUR CODE HERE") >= len(stubs), "the exercise stubs are missing"
    visible = next(c for c in read(lessons(ROOT, [SHOWN])[0].release("pytorch")).cells
                   if cells.is_test(c) and cells.has_code(c.source))
    assert all(page.holds(checks.normalise(line)) for line in visible.source.splitlines() if line.strip())
    # …and a planted secret is found, whether highlighted in HTML, in a JSON string or in a notebook.
    line, origin = next(iter(secrets.items()))
    planted = site.out.parent / "planted"
    planted.mkdir(exist_ok=True)
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    (planted / "page.html").write_text(highlight(f"    {line}\n", PythonLexer(), HtmlFormatter()))
    (planted / "data.json").write_text(json.dumps({"text": f"{line}\n"}))
    (planted / "x.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(f"x = 1\n  {line}")])))
    found = checks.leaks(planted, {line: origin})
    assert len(found) == 3 and all(origin in f for f in found), found


@pytest.mark.slow
def test_the_site_loads_nothing_from_the_network_and_every_local_link_resolves(site):
    assert checks.external_references(site.out) == []
    broken = []
    for page in site.out.rglob("*.html"):
        for target in re.findall(r'(?:href|src)="([^"#?]+)', page.read_text()):
            external = re.match(r"^[a-z][a-z0-9+.-]*:|^//", target)
            if not external and not (page.parent / unquote(target)).exists():
                broken.append(f"{page.relative_to(site.out)} -> {target}")
    assert not broken, f"broken local links: {broken[:10]}"
    # The check itself catches each kind of network load, and leaves plain links alone.
    planted = site.out.parent / "planted-net"
    planted.mkdir(exist_ok=True)
    (planted / "page.html").write_text(
        '<script src="https://cdn.example.org/x.js"></script><link rel="stylesheet" '
        'href="//fonts.example.org/css"><img srcset="a.png 1x, https://img.example.org/b.png 2x">'
        '<div style="background: url(https://img.example.org/c.png)"></div><a href="https://example.org">ok</a>')
    (planted / "style.css").write_text("@import url('https://fonts.example.org/font.css');")
    (planted / "app.js").write_text('const s = document.createElement("script"); s.src = "https://x.example.org/a.js";')
    found = checks.external_references(planted)
    assert len(found) == 6 and not any("//example.org" in f for f in found), found


@pytest.mark.slow
def test_the_shown_lesson_is_stamped_with_its_run_and_the_others_say_they_show_no_outputs(site):
    html = page_text(site.page(f"lessons/{SHOWN}.html"))
    assert html.count("solution run of 20") == 2, "both columns should date their solution run"
    assert runs.hardware() in html, "the hardware of the run should be named"
    assert "device:" in html, "the device the run used should be shown"
    device_output = "device: cpu" if "no GPU" in runs.hardware() else "device:"
    assert device_output in html
    for lesson in built_lessons(site):
        if lesson.assignment_id != SHOWN:
            other = page_text(site.page(f"lessons/{lesson.assignment_id}.html"))
            assert other.count("this build shows no outputs for this lesson") == 2
    recorded = site.info["runs"][f"solutions/{SHOWN}/{lessons(ROOT, [SHOWN])[0].notebook_name('pytorch')}"]
    assert recorded["origin"] == "site build" and recorded["parameters"] == {"FAST": True}


# ---------------------------------------------------------------- in Chromium


@contextlib.contextmanager
def served(folder: Path):
    """The site over HTTP on loopback, as GitHub Pages would serve it."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def watch(page, base: str) -> list[str]:
    """Console errors, page errors, failed or refused requests and HTTP errors, as they happen."""
    problems: list[str] = []
    host = urlparse(base).netloc

    def request(r):
        if urlparse(r.url).netloc != host and not r.url.startswith("data:"):
            problems.append(f"request to another host: {r.url}")

    page.on("request", request)
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: aborted_icon(r) or problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    return problems


def aborted_icon(r) -> bool:
    """Chromium fetches the icon on its own schedule and aborts it when the test navigates on; a
    missing icon would still show as an HTTP error."""
    return r.url.endswith("/favicon.svg") and "ERR_ABORTED" in (r.failure or "")


def visit(page, url: str | None) -> None:
    """Open `url` (None: reload) once the page is parsed (load: a long page can parse for more than
    networkidle's 500 quiet ms on a busy machine) and its last request (the icon) is done."""
    if url is None:
        page.reload(wait_until="load")
    else:
        page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


LAYOUT = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top + scrollY,
    right: r.right, w: r.width, h: r.height, shown: getComputedStyle(e).display !== 'none'}; };
  const text = e => { const c = e.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());
    return c.textContent.trim(); };
  return {
    headings: [...document.querySelectorAll('section > h2')].map(h => ({text: text(h), y: box(h).y})),
    pairs: [...document.querySelectorAll('.sbs-pair')].map(p => ({
      pytorch: box(p.querySelector(':scope > .sbs-col-pytorch')),
      tensorflow: box(p.querySelector(':scope > .sbs-col-tensorflow')),
      exercises: ['pytorch', 'tensorflow'].map(fw => [...p.querySelectorAll(
        `:scope > .sbs-col-${fw} h3.rubric`)].map(h => [text(h), box(h).y])
        .filter(([t]) => t.startsWith('Exercise')).sort((a, b) => a[1] - b[1])
        .map(([t]) => t.split(':')[0]))})),
  };
}"""


@pytest.mark.slow
def test_every_page_in_chromium_two_columns_when_wide_synced_persistent_tabs_when_narrow(site, tmp_path):
    chromium = ensure_chromium()
    SHOTS.mkdir(parents=True, exist_ok=True)
    all_lessons = built_lessons(site)
    lesson_pages = [f"lessons/{lesson.assignment_id}.html" for lesson in all_lessons]
    guides = sorted(p.relative_to(site.out).as_posix() for p in (site.out / "guides").glob("*.html"))
    others = ["index.html", *guides]
    with served(site.out) as base, \
            chromium_page(chromium, tmp_path / "profile", width=1400, height=1000) as page:
        problems = watch(page, base)
        for relative in others:
            visit(page, f"{base}/{relative}")
            assert not problems, f"{relative}: {problems}"
        # Wide: both columns of every pair visible side by side, tops aligned; headings in order.
        for lesson, relative in zip(all_lessons, lesson_pages, strict=True):
            visit(page, f"{base}/{relative}")
            assert not problems, f"{relative}: {problems}"
            layout = page.evaluate(LAYOUT)
            texts = [h["text"] for h in layout["headings"]]
            assert texts == expected_headings(lesson), f"{relative}: headings {texts}"
            ys = [h["y"] for h in layout["headings"]]
            assert ys == sorted(ys), f"{relative}: headings out of vertical order"
            assert layout["pairs"], f"{relative}: no side-by-side pair"
            for number, pair in enumerate(layout["pairs"]):
                left, right = pair["pytorch"], pair["tensorflow"]
                assert left["shown"] and right["shown"] and left["w"] > 350 and right["w"] > 350, (
                    f"{relative}: pair {number} does not show both columns: {pair}")
                assert left["right"] <= right["x"] and abs(left["y"] - right["y"]) < 2, (
                    f"{relative}: pair {number} is not two aligned columns: {left} {right}")
                assert pair["exercises"][0] == pair["exercises"][1], (
                    f"{relative}: pair {number}: exercises in another order: {pair['exercises']}")
        visit(page, f"{base}/lessons/{SHOWN}.html")
        page.screenshot(path=SHOTS / "lesson-wide-1400.png")  # title, links, the run's stamp, columns

        # Narrow: tabs. PyTorch first; a click on TensorFlow switches every pair, and the next page.
        page.set_viewport_size({"width": 400, "height": 900})
        visit(page, None)
        shown = "fw => [...document.querySelectorAll('.sbs-pair')].map(p => getComputedStyle(" \
                "p.querySelector(`:scope > .sbs-col-${fw}`)).display !== 'none')"
        assert all(page.evaluate(shown, "pytorch")) and not any(page.evaluate(shown, "tensorflow"))
        label = page.locator(".sbs-pair").first.locator("label.sbs-label-tensorflow")
        assert label.is_visible(), "at 400 px the framework tabs should be visible"
        label.click()
        assert all(page.evaluate(shown, "tensorflow")) and not any(page.evaluate(shown, "pytorch")), (
            "one click on TensorFlow should switch every pair of the page")
        page.locator("h3.rubric:visible", has_text="Exercise 1").first.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -120)")
        page.screenshot(path=SHOTS / "lesson-narrow-400.png")
        following = next(p for p in lesson_pages if p != f"lessons/{SHOWN}.html")
        visit(page, f"{base}/{following}")
        assert all(page.evaluate(shown, "tensorflow")) and not any(page.evaluate(shown, "pytorch")), (
            f"{following}: the choice of TensorFlow did not persist to the next page")
        assert not problems, problems
    for shot in ("lesson-wide-1400.png", "lesson-narrow-400.png"):
        assert (SHOTS / shot).stat().st_size > 10_000, f"{shot} looks empty"
