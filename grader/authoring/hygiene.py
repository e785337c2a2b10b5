"""Clean notebook metadata, in the spirit of tensorflow/docs nbfmt: no outputs, no noise.

`clean` is what release applies; `hygiene_problems` is what check reports for a source notebook.
"""

from __future__ import annotations

import copy

from nbformat import NotebookNode

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python"}
CELL_METADATA_KEPT = ("nbgrader", "tags")


def clean(nb: NotebookNode) -> NotebookNode:
    """A copy with standard notebook metadata, only nbgrader/tags cell metadata, and no outputs."""
    nb = copy.deepcopy(nb)
    nb.metadata = NotebookNode(
        kernelspec=NotebookNode(KERNELSPEC), language_info=NotebookNode(LANGUAGE_INFO)
    )
    for cell in nb.cells:
        cell.metadata = NotebookNode(
            {k: v for k, v in cell.metadata.items() if k in CELL_METADATA_KEPT}
        )
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        if "attachments" in cell and not cell.attachments:
            del cell["attachments"]
    return nb


def hygiene_problems(nb: NotebookNode) -> list[str]:
    problems = []
    if dict(nb.metadata.get("kernelspec", {})) != KERNELSPEC:
        problems.append(f"kernelspec is not {KERNELSPEC}")
    extra = sorted(set(nb.metadata) - {"kernelspec", "language_info"})
    if extra:
        problems.append(f"notebook metadata has extra keys {extra}")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
            problems.append(f"cell {index} has committed outputs or an execution count")
        extra = sorted(set(cell.metadata) - set(CELL_METADATA_KEPT))
        if extra:
            problems.append(f"cell {index} has extra metadata {extra}")
    return problems
