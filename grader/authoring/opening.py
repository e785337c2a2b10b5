"""The fixed opening of every notebook: twin link, Colab badge and the two setup cells.

Each is derived, never hand-maintained: the badge from [tool.course] and the notebook's own
path, the setup cells from grader/authoring/snippets/. `release` writes them with `apply_opening`;
`check` applies it to a copy and reports what it would change (the formatter is the checker), plus
what it cannot fix (a missing title, badge, twin link or tagged cell).
"""

from __future__ import annotations

import ast
import copy
import re
from importlib import resources
from pathlib import Path

from nbformat import NotebookNode

from grader.course.layout import FRAMEWORKS, PublishSettings, framework_of

BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
BADGE_LINE = re.compile(r"^.*colab-badge\.svg.*$", re.MULTILINE)
TWIN_LINE = re.compile(r"^Twin notebook: .*$", re.MULTILINE)
COLAB_NEEDS_LINE = re.compile(r"^COLAB_NEEDS = .*$", re.MULTILINE)
SETUP_TAG = "setup-colab"
DEVICE_TAG = "setup-device"
LABELS = {"pytorch": "PyTorch", "tensorflow": "TensorFlow"}
# Colab ships these (matched to its own CUDA/TPU runtime): reinstalling them breaks the runtime.
NEVER_INSTALL_ON_COLAB = {"torch", "tensorflow", "keras", "numpy", "jax"}


def colab_needs(source: str) -> dict:
    """The COLAB_NEEDS literal of a setup cell ({} when absent or not a literal)."""
    found = COLAB_NEEDS_LINE.search(source)
    if not found:
        return {}
    try:
        value = ast.literal_eval(found.group(0).split("=", 1)[1].split("#", 1)[0].strip())
    except (ValueError, SyntaxError):
        return {}
    return value if isinstance(value, dict) else {}


def snippet(name: str) -> str:
    return resources.files("grader.authoring.snippets").joinpath(f"{name}.py").read_text().rstrip("\n")


def badge_markdown(settings: PublishSettings, relative_path: str) -> str:
    return f"[![Open In Colab]({BADGE_IMAGE})]({settings.colab_url(relative_path)})"


def twin_markdown(notebook: Path) -> str:
    framework = framework_of(notebook)
    twin = next(fw for fw in FRAMEWORKS if fw != framework)
    topic = notebook.stem.rsplit("_", 1)[0]
    return f"Twin notebook: [{LABELS[twin]} version]({topic}_{twin}.ipynb)"


def tagged(nb: NotebookNode, tag: str) -> list[NotebookNode]:
    return [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]


def expected_setup(current: str) -> str:
    """The canonical Colab cell, keeping this lesson's own COLAB_NEEDS line."""
    canonical = snippet("colab_setup")
    needs = COLAB_NEEDS_LINE.search(current)
    return COLAB_NEEDS_LINE.sub(lambda _: needs.group(0), canonical) if needs else canonical


def apply_opening(nb: NotebookNode, notebook: Path, settings: PublishSettings, relative_path: str) -> bool:
    """Rewrite badge, twin link and setup cells in place; True if anything changed."""
    before = [c.source for c in nb.cells]
    title = nb.cells[0]
    title.source = BADGE_LINE.sub(badge_markdown(settings, relative_path), title.source)
    title.source = TWIN_LINE.sub(twin_markdown(notebook), title.source)
    for cell in tagged(nb, SETUP_TAG):
        cell.source = expected_setup(cell.source)
    for cell in tagged(nb, DEVICE_TAG):
        cell.source = snippet(f"device_{framework_of(notebook)}")
    return before != [c.source for c in nb.cells]


def opening_problems(
    nb: NotebookNode, notebook: Path, settings: PublishSettings, relative_path: str
) -> list[str]:
    """What differs from the fixed opening, as readable lines (empty when all is well)."""
    problems = []
    title = nb.cells[0] if nb.cells else None
    if title is None or title.cell_type != "markdown" or not title.source.startswith("# "):
        return ["the first cell is not a markdown title ('# NN · Topic · Framework')"]
    fixed = copy.deepcopy(nb)
    apply_opening(fixed, notebook, settings, relative_path)
    badge = BADGE_LINE.search(title.source)
    if not badge or badge.group(0) != BADGE_LINE.search(fixed.cells[0].source).group(0):
        problems.append(f"the Colab badge does not point at {relative_path} (run `python -m grader release`)")
    twin = TWIN_LINE.search(title.source)
    if not twin or twin.group(0) != TWIN_LINE.search(fixed.cells[0].source).group(0):
        problems.append("the title cell lacks the line linking to the twin notebook")
    for tag in (SETUP_TAG, DEVICE_TAG):
        found = tagged(nb, tag)
        if len(found) != 1:
            problems.append(f"expected one cell tagged {tag!r}, found {len(found)}")
            continue
        if tag == SETUP_TAG:
            banned = sorted(NEVER_INSTALL_ON_COLAB & {k.split(".")[0] for k in colab_needs(found[0].source)})
            if banned:
                problems.append(f"COLAB_NEEDS must never install {banned}: Colab ships its own builds")
        if found[0].source != tagged(fixed, tag)[0].source:
            problems.append(f"the {tag!r} cell differs from grader/authoring/snippets "
                            "(run `python -m grader release`)")
    params = tagged(nb, "parameters")
    if len(params) != 1:
        problems.append(f"expected one cell tagged 'parameters', found {len(params)}")
    else:
        for name in ("FAST", "SEED", "DEVICE"):
            if not re.search(rf"^{name}\s*=", params[0].source, re.MULTILINE):
                problems.append(f"the parameters cell does not set {name}")
    return problems
