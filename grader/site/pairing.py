"""The `##` sections of a notebook, and how the sections of a lesson's two notebooks pair up.

A section starts at a `## ` heading line of a markdown cell and runs to the next one; the cells
before the first heading are the preamble (heading None). A markdown cell holding a heading is
split there: the heading line is the section's own, the rest of the cell is its first cell.
Sections pair by heading text. `grader check` requires both notebooks to have the same headings
in the same order; while a lesson is being written they may differ, and then a section found in
one notebook only is kept, with one column left empty.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field

from nbformat import NotebookNode

from grader.course.layout import FRAMEWORKS

SIDE_BY_SIDE = "Side by side"


@dataclass
class Section:
    heading: str | None  # the heading's text without "## "; None for the preamble
    cells: list[NotebookNode] = field(default_factory=list)


@dataclass
class PairedSection:
    heading: str | None
    cells: dict[str, list[NotebookNode]]  # framework -> the cells of that notebook's section

    @property
    def paired(self) -> bool:
        return all(self.cells[fw] for fw in FRAMEWORKS)


def heading_of(line: str) -> str | None:
    return line[3:].strip() if line.startswith("## ") else None


def _markdown(cell: NotebookNode, lines: list[str]) -> NotebookNode | None:
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        return None
    piece = copy.deepcopy(cell)
    piece.source = text
    return piece


def sections(cells: list[NotebookNode]) -> list[Section]:
    """The preamble, then one Section per `## ` heading, in notebook order."""
    found = [Section(None)]
    for cell in cells:
        if cell.cell_type != "markdown" or not any(heading_of(x) for x in cell.source.splitlines()):
            found[-1].cells.append(cell)
            continue
        lines: list[str] = []
        for line in cell.source.splitlines():
            heading = heading_of(line)
            if heading is None:
                lines.append(line)
                continue
            if (piece := _markdown(cell, lines)) is not None:
                found[-1].cells.append(piece)
            found.append(Section(heading))
            lines = []
        if (piece := _markdown(cell, lines)) is not None:
            found[-1].cells.append(piece)
    return found


def pair(by_framework: dict[str, list[Section]]) -> list[PairedSection]:
    """Sections of the two notebooks matched by heading, in the PyTorch notebook's order."""
    first, second = (by_framework[fw] for fw in FRAMEWORKS)
    matcher = difflib.SequenceMatcher(a=[s.heading for s in first], b=[s.heading for s in second],
                                      autojunk=False)
    paired: list[PairedSection] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            paired += [PairedSection(a.heading, {FRAMEWORKS[0]: a.cells, FRAMEWORKS[1]: b.cells})
                       for a, b in zip(first[i1:i2], second[j1:j2], strict=True)]
            continue
        paired += [PairedSection(a.heading, {FRAMEWORKS[0]: a.cells, FRAMEWORKS[1]: []})
                   for a in first[i1:i2]]
        paired += [PairedSection(b.heading, {FRAMEWORKS[0]: [], FRAMEWORKS[1]: b.cells})
                   for b in second[j1:j2]]
    return paired


def reading_order(paired: list[PairedSection]) -> list[PairedSection]:
    """The page's order: the preamble, the "Side by side" summary (the comparison table and the
    figures each notebook measured, which close each notebook) in a prominent place right after
    it, then the lesson's sections in notebook order."""
    summary = [p for p in paired if p.heading == SIDE_BY_SIDE]
    preamble = [p for p in paired if p.heading is None]
    rest = [p for p in paired if p.heading not in (None, SIDE_BY_SIDE)]
    return preamble + summary + rest
