"""Clean notebook metadata, in the spirit of tensorflow/docs nbfmt: no outputs, no noise.

`clean` is what release applies. `hygiene_problems`, what check reports for a source notebook, is
the formatter used as its own checker (nbfmt --test): it cleans a copy and says what differs, so
clean and check can never disagree.
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
    """What `clean` would change, as readable lines (empty exactly when the notebook is clean)."""
    cleaned = clean(nb)
    if nb == cleaned:
        return []
    problems = []
    for key, want in cleaned.metadata.items():
        if nb.metadata.get(key) != want:
            problems.append(f"{key} is not {dict(want)}")
    extra = sorted(set(nb.metadata) - set(cleaned.metadata))
    if extra:
        problems.append(f"notebook metadata has extra keys {extra}")
    for index, (cell, clean_cell) in enumerate(zip(nb.cells, cleaned.cells, strict=True)):
        if cell.get("outputs") != clean_cell.get("outputs") or \
                cell.get("execution_count") != clean_cell.get("execution_count"):
            problems.append(f"cell {index} has committed outputs or an execution count")
        extra = sorted(set(cell.metadata) - set(clean_cell.metadata))
        if extra:
            problems.append(f"cell {index} has extra metadata {extra}")
        if "attachments" in cell and "attachments" not in clean_cell:
            problems.append(f"cell {index} has an empty attachments field")
    return problems or ["the notebook is not clean (run `python -m grader release`)"]
