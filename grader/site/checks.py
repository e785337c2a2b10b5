"""The two checks every site build runs before anything may be published (tests run them too).

**Nothing graded leaks.** The secret lines of a lesson are the lines strictly inside
`### BEGIN SOLUTION` … `### END SOLUTION` of its solution cells and inside
`### BEGIN HIDDEN TESTS` … `### END HIDDEN TESTS` of its test cells, whitespace collapsed, except
- trivial lines: blank, or made only of brackets, punctuation and quotes (`)`, `],`, `\"\"\"`), or
  a bare keyword statement (`pass`, `return`, `else:`, `try:`, `break`, `continue`, …);
- public lines: those of any lesson's student release, and of the cells of a source notebook
  that nbgrader leaves as they are (no solution, test or task flag: the teaching, which the
  release copies). A solution line `model.train()` may also be a line of a teaching cell.
A secret line leaks when a file of the site holds it as a whole line or, when it has at least
SUBSTRING_MIN characters, anywhere in its text. Files are read as a reader or a crawler reads
them: HTML as its text (tags removed, entities decoded; syntax highlighting splits code into
spans), JSON and notebooks as their decoded strings, other text files as they are; binary files
(images) are skipped. The release is read by the same rule, so no line is both public and secret.

**Nothing comes from the network.** No HTML page loads a script, stylesheet, font, image, frame or
media from an absolute URL (`http:`, `https:`, `//`), no CSS file or style imports one with
`url()` / `@import`, and no JavaScript file holds an absolute URL in a string literal (XML
namespace names such as `http://www.w3.org/2000/svg` excepted: they are names, never fetched).
Links (`<a href>`) may point anywhere: following one is the reader's choice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from grader.course import cells
from grader.course.layout import Lesson

SUBSTRING_MIN = 16
TRIVIAL = re.compile(r"""^[\s()\[\]{},:;.'"`\\]*$""")
KEYWORD_STATEMENTS = {"pass", "return", "break", "continue", "else:", "try:", "finally:", "raise",
                      "...", "return None", "return True", "return False", "yield", "except Exception:"}
REGIONS = ((cells.BEGIN_SOLUTION, cells.END_SOLUTION), (cells.BEGIN_HIDDEN, "### END HIDDEN TESTS"))
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
JS_URL = re.compile(r"""(['"`])((?:[a-z][a-z0-9+.-]*:)?//[^'"`\s]*)\1""", re.IGNORECASE)
XML_NAMESPACE = re.compile(r"^http://www\.w3\.org/")  # a name (createElementNS), never fetched
CSS_LOAD = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*['"]?([^'")\s;]+)""", re.IGNORECASE)
LOADING_ATTRIBUTES = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"),
                      ("iframe", "src"), ("frame", "src"), ("source", "src"), ("source", "srcset"),
                      ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"),
                      ("embed", "src"), ("object", "data"), ("input", "src"), ("image", "href"),
                      ("image", "xlink:href"), ("use", "href"), ("use", "xlink:href")}
TEXT_ATTRIBUTES = {"title", "alt", "aria-label", "content", "value", "data-sync-id"}
BLOCK_TAGS = {"p", "div", "pre", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
              "table", "section", "dt", "dd", "details", "summary", "label", "blockquote", "hr"}


def normalise(line: str) -> str:
    return " ".join(line.split())


def trivial(line: str) -> bool:
    return bool(TRIVIAL.match(line)) or line in KEYWORD_STATEMENTS


@dataclass
class Corpus:
    """The text of some files, as whole lines (a set) and as one string (for substrings)."""

    lines: set[str]
    blob: str

    @classmethod
    def of(cls, texts: Iterable[str]) -> Corpus:
        lines = [normalise(line) for text in texts for line in text.splitlines()]
        lines = [line for line in lines if line]
        return cls(set(lines), "\n".join(lines))

    def holds(self, line: str) -> bool:
        return line in self.lines or (len(line) >= SUBSTRING_MIN and line in self.blob)


def region_lines(source: str, begin: str, end: str) -> list[str]:
    found, inside = [], False
    for line in source.splitlines():
        marker = line.strip()
        if marker == begin:
            inside = True
        elif marker == end:
            inside = False
        elif inside:
            found.append(line)
    return found


def secret_candidates(notebook: Path) -> list[str]:
    """Every line inside a solution region or a hidden-test region of a source notebook."""
    nb = nbformat.read(notebook, as_version=4)
    found = []
    for cell in nb.cells:
        meta = cells.nbgrader_meta(cell)
        if meta.get("solution") or meta.get("grade"):
            for begin, end in REGIONS:
                found += region_lines(cell.source, begin, end)
    return found


def notebook_texts(notebook: Path, teaching_only: bool = False) -> list[str]:
    flags = ("solution", "grade", "task")
    return [cell.source for cell in nbformat.read(notebook, as_version=4).cells
            if not (teaching_only and any(cells.nbgrader_meta(cell).get(f) for f in flags))]


def secret_lines(lessons: list[Lesson], releases: list[Path]) -> dict[str, str]:
    """The secret lines of `lessons` (see the module's doc), each with the notebook it comes from."""
    texts = [text for path in releases for text in notebook_texts(path)]
    texts += [text for lesson in lessons for path in lesson.sources() for text in notebook_texts(path, True)]
    public = Corpus.of(texts)
    secrets: dict[str, str] = {}
    for lesson in lessons:
        for notebook in lesson.sources():
            for line in map(normalise, secret_candidates(notebook)):
                if line and not trivial(line) and not public.holds(line):
                    secrets.setdefault(line, notebook.relative_to(lesson.root).as_posix())
    return secrets


class _Page(HTMLParser):
    """The text of an HTML page, and the absolute URLs it loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.loads: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        self._style = tag == "style"
        for name, value in attrs:
            if not value:
                continue
            if name in TEXT_ATTRIBUTES:
                self.parts.append(f"\n{value}\n")
            if (tag, name) in LOADING_ATTRIBUTES:
                urls = [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]
                self.loads += [f"<{tag} {name}={u}>" for u in urls if EXTERNAL.match(u)]
            if name == "style":
                self.loads += [f"style {u}" for u in css_loads(value)]

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            self.loads += [f"<style> {u}" for u in css_loads(data)]
        self.parts.append(data)


def css_loads(css: str) -> list[str]:
    return [u for u in CSS_LOAD.findall(css) if EXTERNAL.match(u)]


def json_strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def readable_text(path: Path, raw: str) -> str:
    """What a reader or a crawler gets from a file (see the module's doc)."""
    if path.suffix in (".html", ".htm", ".svg", ".xml"):
        page = _Page()
        page.feed(raw)
        return "".join(page.parts)
    if path.suffix in (".json", ".ipynb", ".js"):
        body = raw
        if path.suffix == ".js" and (m := re.match(r"^\s*Search\.setIndex\((.*)\)\s*;?\s*$", raw, re.DOTALL)):
            body = m.group(1)
        try:
            return raw + "\n" + "\n".join(json_strings(json.loads(body)))
        except ValueError:
            return raw
    return raw


def text_files(site: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(site.rglob("*")):
        if path.is_file():
            try:
                yield path, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # images, fonts, compressed inventories


def leaks(site: Path, secrets: dict[str, str]) -> list[str]:
    """`file: line (from notebook)` for every secret line found in the site; empty when none."""
    found = []
    for path, raw in text_files(site):
        corpus = Corpus.of([readable_text(path, raw)])
        found += [f"{path.relative_to(site)}: {line!r} (a graded line of {origin})"
                  for line, origin in secrets.items() if corpus.holds(line)]
    return found


def external_references(site: Path) -> list[str]:
    """Every load of a resource from another host (see the module's doc); empty when none."""
    found = []
    for path, raw in text_files(site):
        where = path.relative_to(site)
        if path.suffix in (".html", ".htm"):
            page = _Page()
            page.feed(raw)
            found += [f"{where}: loads {load}" for load in page.loads]
        elif path.suffix == ".css":
            found += [f"{where}: loads {url}" for url in css_loads(raw)]
        elif path.suffix == ".js":
            urls = [url for _, url in JS_URL.findall(raw) if not XML_NAMESPACE.match(url)]
            found += [f"{where}: names {url}" for url in urls]
    return found
