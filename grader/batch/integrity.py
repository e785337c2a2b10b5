"""Integrity flags for manual review: tampered graded cells, and code that games the tests.

Flags never change a score (nbgrader restores graded cells itself); they tell the instructor where
to look. Checksums are nbgrader's own (utils.compute_checksum against the gradebook's source cells).
"""

from __future__ import annotations

import ast

from nbformat import NotebookNode

from grader.course import cells

PATCHED_MODULES = {"np", "numpy", "torch", "tf", "tensorflow", "keras", "math", "builtins",
                   "sys", "os", "random", "nn", "F", "unittest", "pytest"}
FILE_CALLS = {"open", "Path", "pathlib.Path", "os.open", "os.listdir", "os.scandir", "glob.glob"}
SHELL_CALLS = {"system", "popen", "Popen", "run", "call", "check_output", "check_call"}


def released_cells(release: NotebookNode) -> dict[str, tuple[str, bool]]:
    """Locked cells of the release as students got them: grade_id -> (nbgrader checksum, is_test)."""
    return {cells.grade_id(c): (cells.nbgrader_meta(c).get("checksum", ""), cells.is_test(c))
            for c in release.cells if cells.is_locked(c) and cells.grade_id(c)}


def checksum_flags(nb: NotebookNode, release: NotebookNode) -> list[str]:
    """Graded or locked cells the student deleted, edited or re-pointed (nbgrader restores them)."""
    from nbgrader.utils import compute_checksum

    found = {cells.grade_id(c): c for c in nb.cells if cells.grade_id(c)}
    flags = []
    for name, (checksum, is_test) in released_cells(release).items():
        kind = "test cell" if is_test else "locked cell"
        cell = found.get(name)
        if cell is None:
            flags.append(f"deleted {kind} {name} (restored by nbgrader)")
        elif is_test and not cells.is_test(cell):
            flags.append(f"re-pointed {kind} {name}: its nbgrader metadata was changed (restored)")
        elif compute_checksum(cell) != checksum:
            flags.append(f"edited {kind} {name} (restored by nbgrader)")
    return flags


def restore_released_metadata(nb: NotebookNode, release: NotebookNode) -> bool:
    """Give re-pointed graded cells their released nbgrader metadata back; True if any changed.

    Stock nbgrader fails the whole submission ("Inconsistent checksums") when a student changed
    a test cell's metadata; with the metadata restored, OverwriteCells restores the source too.
    """
    released = {cells.grade_id(c): c for c in release.cells
                if cells.is_locked(c) and cells.grade_id(c)}
    changed = False
    for cell in nb.cells:
        original = released.get(cells.grade_id(cell))
        if original is not None and cells.nbgrader_meta(cell) != cells.nbgrader_meta(original):
            cell.metadata["nbgrader"] = dict(cells.nbgrader_meta(original))
            cell.cell_type = original.cell_type
            changed = True
    return changed


def locked_names(nb: NotebookNode) -> set[str]:
    """Top-level names the course's own cells define (helpers the tests rely on)."""
    names: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and not cells.is_solution(cell) and not cells.is_test(cell):
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                    names.add(node.name)
                elif isinstance(node, ast.Assign):
                    names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


class CodeScanner(ast.NodeVisitor):
    """Collects one flag per suspicious construct in a student's cell."""

    def __init__(self, course_names: set[str], own_definitions: set[str]):
        self.flags: list[str] = []
        self.course_names = course_names - own_definitions

    def top_level(self, tree: ast.Module) -> None:
        """Rebinding a course helper only matters at the top level of a cell, not inside a function."""
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id in self.course_names:
                    self.flags.append(f"redefines course helper {target.id}")

    def patched(self, target: ast.AST) -> None:
        if isinstance(target, ast.Attribute):
            base = target
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in PATCHED_MODULES:
                self.flags.append(f"monkeypatches {ast.unparse(target)}")
        elif isinstance(target, ast.Subscript) and "sys.modules" in ast.unparse(target.value):
            self.flags.append("rewrites sys.modules")

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self.patched(target)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.patched(node.target)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self.patched(target)
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name in ("builtins", "ctypes", "gc", "inspect"):
                self.flags.append(f"imports {alias.name}")
            if alias.name in ("socket", "urllib", "requests", "http"):
                self.flags.append(f"network module {alias.name}")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id == "__builtins__":
            self.flags.append("touches __builtins__")

    def visit_Call(self, node: ast.Call) -> None:
        name = ast.unparse(node.func)
        if name == "setattr" and node.args and isinstance(node.args[0], ast.Name) \
                and node.args[0].id in PATCHED_MODULES:
            self.flags.append(f"monkeypatches {node.args[0].id} via setattr")
        first = node.args[0] if node.args else None
        if name in FILE_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
            target = first.value
            if target.startswith(("/", "~")) or ".." in target:
                self.flags.append(f"file access outside the submission: {target!r}")
        if name.split(".")[-1] in SHELL_CALLS and name.split(".")[0] in ("os", "subprocess"):
            self.flags.append(f"runs a command ({name})")
        if name in ("os.fork", "os._exit", "os.kill", "signal.signal"):
            self.flags.append(f"process control ({name})")
        self.generic_visit(node)


def code_flags(nb: NotebookNode, release: NotebookNode) -> list[str]:
    """Flags for the code a student wrote: solution cells and cells they added or changed."""
    course_names = locked_names(release)
    as_released = {c.source for c in release.cells if c.cell_type == "code"}
    flags: list[str] = []
    for index, cell in enumerate(nb.cells):
        written_by_course = cells.is_locked(cell) or cells.is_test(cell) or cell.source in as_released
        if cell.cell_type != "code" or written_by_course:
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue  # nbgrader reports it as the cell's error
        own = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        scanner = CodeScanner(course_names if cells.is_solution(cell) else set(), own)
        scanner.top_level(tree)
        scanner.visit(tree)
        label = cells.grade_id(cell) or f"cell {index}"
        flags += [f"{label}: {flag}" for flag in dict.fromkeys(scanner.flags)]
    return flags
