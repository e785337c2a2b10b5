"""A small Sphinx extension: each run of PyTorch / TensorFlow cells becomes one pair of synced tabs.

pages.py tags every cell of a lesson page with its framework (code cells: the tag `sbs-<fw>`,
which myst-nb turns into the class `tag_sbs-<fw>`; markdown cells: a container of class
`sbs-<fw>`). This transform replaces each run of consecutive tagged nodes by a sphinx-design
tab-set, built as its `tab-set-code` directive builds one: a PyTorch and a TensorFlow tab-item,
synced in the group `framework`, which sphinx-design's JavaScript keeps across pages in the
browser's local storage. sbs.css lays the two tabs out as two columns on a wide screen.
Headings inside a column (`### Exercise …`) become rubrics (docutils has no sections inside a
container): they keep their level, so they render as <h3 class="rubric">.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx_design.shared import create_component

from grader.authoring.opening import LABELS
from grader.course.layout import FRAMEWORKS

STATIC = Path(__file__).parent / "static"
SYNC_GROUP = "framework"


def framework_of(node: nodes.Node) -> str | None:
    if not isinstance(node, nodes.container):
        return None
    for framework in FRAMEWORKS:
        if {f"sbs-{framework}", f"tag_sbs-{framework}"} & set(node["classes"]):
            return framework
    return None


def tab_set(run: list[nodes.Node]) -> nodes.container:
    pair = create_component("tab-set", classes=["sd-tab-set", "sbs-pair"])
    for framework in FRAMEWORKS:
        label = nodes.rubric(LABELS[framework], LABELS[framework],
                             classes=["sd-tab-label", f"sbs-label-{framework}"])
        label["sync_group"], label["sync_id"] = SYNC_GROUP, framework
        content = create_component("tab-content", classes=["sd-tab-content", f"sbs-col-{framework}"],
                                   children=[n for n in run if framework_of(n) == framework])
        pair += create_component("tab-item", classes=["sd-tab-item"], children=[label, content])
    return pair


def regroup(parent: nodes.Element) -> None:
    children, run = [], []
    for child in parent.children:
        if framework_of(child):
            run.append(child)
            continue
        if run:
            children.append(tab_set(run))
            run = []
        children.append(child)
    if run:
        children.append(tab_set(run))
    parent[:] = children


class SideBySide(SphinxTransform):
    default_priority = 500

    def apply(self, **kwargs) -> None:
        parents = {id(n.parent): n.parent for n in self.document.findall(nodes.container)
                   if framework_of(n) and n.parent is not None}
        for parent in parents.values():
            regroup(parent)
        for rubric in self.document.findall(nodes.rubric):
            if "level" in rubric and "heading-level" not in rubric:
                rubric["heading-level"] = min(int(rubric["level"]), 6)


def add_static_path(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict:
    app.add_transform(SideBySide)
    app.connect("builder-inited", add_static_path)
    app.add_css_file("sbs.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
