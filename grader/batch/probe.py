"""Patched helpers earn nothing: find test helpers that student code replaced, at grading time.

A test cell that calls `np.allclose` trusts numpy's function. Student code can replace it
(`np.allclose = lambda *a, **k: True`), shadow a builtin, rebind `np` or redefine a course helper,
and a wrong answer then passes. The static scan in `integrity` flags such code; this module
checks what the kernel really holds after each test cell ran, so the points of a cell graded on
a patched helper can be withheld.

How: the preflight kernel (pristine, same interpreter) records a fingerprint of every helper the
lesson's tests call (`baseline`). After each test cell the grader runs `probe` in the student's
kernel, silently, and compares. `probe` and `fingerprint` are sent to the kernel as source, so
they use nothing but the standard library.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import threading
from dataclasses import dataclass, field

from nbformat import NotebookNode

from grader.course import cells

# Comparison and assertion helpers a test may reach for, checked whether or not a test names them.
COMPARISON_HELPERS = (
    "numpy.allclose",
    "numpy.isclose",
    "numpy.array_equal",
    "numpy.all",
    "numpy.abs",
    "numpy.testing.assert_allclose",
    "numpy.testing.assert_array_equal",
    "numpy.testing.assert_equal",
    "numpy.testing.assert_array_almost_equal",
    "numpy.testing.assert_almost_equal",
    "torch.allclose",
    "torch.equal",
    "torch.isclose",
    "torch.testing.assert_close",
    "torch.Tensor.allclose",
    "torch.Tensor.__eq__",
    "torch.Tensor.item",
    "tensorflow.debugging.assert_near",
    "tensorflow.debugging.assert_equal",
    "math.isclose",
    "builtins.isinstance",
    "builtins.abs",
    "builtins.all",
    "builtins.any",
    "builtins.len",
    "builtins.float",
    "builtins.max",
    "builtins.min",
    "builtins.round",
    "builtins.sum",
)
MARKER = "@@grader-probe@@ "


def fingerprint(obj) -> list:
    """What identifies a function across processes of one interpreter: its type, name and code."""
    code = getattr(obj, "__code__", None)
    return [
        type(obj).__qualname__,
        getattr(obj, "__qualname__", None),
        getattr(obj, "__module__", None),
        getattr(code, "co_filename", None),
        getattr(code, "co_firstlineno", None),
    ]


def canonical(obj, root: str):
    """`obj` without the wrappers its own library put around it, which are not a student's patch.

    Importing `torch._dynamo` (which `torch.compile` and the optimisers do lazily) rebinds
    `torch.manual_seed` to a `functools.wraps` wrapper, so the same helper fingerprints differently
    before and after. A `__wrapped__` layer is peeled only when its code lies in the folder of the
    library `root` itself: a wrapper written in a notebook or in a file beside it never is.
    """
    import os
    import sys

    folder = os.path.dirname(getattr(sys.modules.get(root), "__file__", None) or "")
    while folder and hasattr(obj, "__wrapped__"):
        filename = getattr(getattr(obj, "__code__", None), "co_filename", None) or ""
        if not os.path.abspath(filename).startswith(folder + os.sep):
            break
        obj = obj.__wrapped__
    return obj


MISSING = "@@not-imported@@"


def resolve(dotted: str):
    """`numpy.testing.assert_allclose` as a test reaches it: the module, then attribute by attribute.

    Returns MISSING when a submodule on the way was never imported in this kernel (nothing to
    patch there); an attribute missing from a module that is imported is a replaced one.
    """
    import sys

    root, *rest = dotted.split(".")
    obj, prefix = sys.modules[root], root
    for part in rest:
        prefix = f"{prefix}.{part}"
        if not hasattr(obj, part) and prefix not in sys.modules:
            return MISSING
        obj = getattr(obj, part)
    return canonical(obj, root)


def import_along(dotted: str) -> None:
    """Import every module on the way to `dotted` (`ai_edge_litert.interpreter` for its `Interpreter`)."""
    import importlib

    parts = dotted.split(".")
    for end in range(1, len(parts)):
        try:
            importlib.import_module(".".join(parts[:end]))
        except ImportError:
            if end == 1:
                raise
            return


def definition_digest(source: str) -> str:
    """A digest of a function or class definition that ignores layout, comments and line numbers."""
    import ast
    import hashlib
    import textwrap

    node = ast.parse(textwrap.dedent(source)).body[0]
    return hashlib.sha256(ast.dump(node).encode()).hexdigest()


def probe(spec: dict, user_ns: dict, pristine: dict | None = None) -> list[str]:
    """Problems found in the kernel's namespace against `spec` (empty when nothing was replaced).

    `pristine` holds what the kernel itself put in the namespace before any cell ran (IPython's
    `user_ns_hidden`: its own `open`, `exit`, ...), which is not the student's doing.
    """
    import inspect
    import sys

    pristine = pristine or {}
    problems = []
    baseline = spec.get("baseline", {})
    for alias, target in spec.get("aliases", {}).items():
        if alias not in user_ns:
            continue
        if target in sys.modules or target not in baseline:
            if user_ns[alias] is not sys.modules.get(target):
                problems.append(f"`{alias}` no longer refers to the module {target}")
        elif fingerprint(canonical(user_ns[alias], target.split(".")[0])) != baseline[target]:
            problems.append(f"`{alias}` no longer refers to {target}")
    for dotted, expected in baseline.items():
        if dotted.split(".")[0] not in sys.modules:
            continue  # never imported in this kernel: nothing to patch
        try:
            found = resolve(dotted)
        except Exception:  # noqa: BLE001 - a missing attribute is a replaced one
            found = None
        if found is MISSING:
            continue
        if found is None or fingerprint(found) != expected:
            problems.append(f"{dotted} was replaced")
    for name in spec.get("builtins", []):
        value = user_ns.get(name)
        if name in pristine and pristine[name] is value:
            continue
        if callable(value) and value is not getattr(sys.modules["builtins"], name, None):
            problems.append(f"`{name}` shadows the builtin")
    for name, digest in spec.get("helpers", {}).items():
        if name not in user_ns:
            continue  # a test calling it fails with NameError on its own
        try:
            found = definition_digest(inspect.getsource(user_ns[name]))
        except Exception:  # noqa: BLE001 - no source (a lambda, a builtin): not the course's helper
            found = None
        if found != digest:
            problems.append(f"course helper `{name}` was redefined")
    return problems


def kernel_source(spec: dict) -> str:
    """A cell that runs `probe` in the kernel and prints one marked line, leaving no names behind."""
    functions = "\n\n".join(inspect.getsource(f)
                            for f in (fingerprint, canonical, resolve, definition_digest, probe))
    return (
        f"def __grader_probe__():\n"
        f"    import json\n"
        f"    MISSING = {MISSING!r}\n"
        f"{indent(functions)}\n"
        f"    shell = get_ipython()\n"
        f"    return json.dumps(probe({spec!r}, shell.user_ns, shell.user_ns_hidden))\n"
        f"print({MARKER!r} + __grader_probe__())\n"
        f"del __grader_probe__\n"
    )


def baseline_source(names: list[str]) -> str:
    """A cell for the pristine preflight kernel: the fingerprint of each helper that imports here."""
    functions = "\n\n".join(inspect.getsource(f) for f in (fingerprint, canonical, resolve, import_along))
    return (
        f"def __grader_baseline__():\n"
        f"    import json\n"
        f"    MISSING = {MISSING!r}\n"
        f"{indent(functions)}\n"
        f"    found = {{}}\n"
        f"    for dotted in {names!r}:\n"
        f"        try:\n"
        f"            import_along(dotted)\n"
        f"            helper = resolve(dotted)\n"
        f"            if helper is not MISSING:\n"
        f"                found[dotted] = fingerprint(helper)\n"
        f"        except Exception:\n"
        f"            continue\n"
        f"    return json.dumps(found)\n"
        f"print({MARKER!r} + __grader_baseline__())\n"
        f"del __grader_baseline__\n"
    )


def indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())


def marked_json(cell: NotebookNode):
    """The JSON a probe or baseline cell printed, or None when it printed none.

    The kernel may deliver one long line in several stream messages: join them first.
    """
    import json

    text = "".join(
        o.get("text", "")
        for o in cell.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stdout"
    )
    for line in text.split("\n"):
        if line.startswith(MARKER):
            try:
                return json.loads(line.removeprefix(MARKER))
            except ValueError:
                return None
    return None


# ---------------------------------------------------------------- what a lesson's tests rely on


@dataclass
class TestReliance:
    """Names a notebook's test cells call: module aliases, dotted helpers, builtins, course helpers."""

    # alias -> what it was imported as: a module ("np" -> "numpy") or a function
    # ("assert_close" -> "torch.testing.assert_close")
    aliases: dict[str, str] = field(default_factory=dict)
    dotted: set[str] = field(default_factory=set)  # canonical names ("numpy.testing.assert_allclose")
    builtins: set[str] = field(default_factory=set)
    helpers: dict[str, str] = field(default_factory=dict)  # course function/class name -> digest

    def spec(self, baseline: dict[str, list]) -> dict:
        """The probe's input: only helpers the pristine kernel could fingerprint."""
        names = set(COMPARISON_HELPERS) | self.dotted | {f"builtins.{b}" for b in self.builtins}
        return {
            "aliases": dict(self.aliases),
            "builtins": sorted(self.builtins),
            "helpers": dict(self.helpers),
            "baseline": {n: baseline[n] for n in sorted(names) if n in baseline},
        }

    def names(self) -> list[str]:
        return sorted(set(COMPARISON_HELPERS) | self.dotted | {f"builtins.{b}" for b in self.builtins})


def python_source(source: str) -> str:
    """A cell's source as the kernel compiles it (IPython magics turned into calls)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def parsed(cell: NotebookNode) -> ast.Module | None:
    try:
        return ast.parse(python_source(cell.source))
    except SyntaxError:
        return None


def dotted_name(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


# CPython 3.11's parser keeps its recursion-depth check in shared state: two threads parsing at
# once can fail with "SystemError: AST constructor recursion depth mismatch" (the course job grades
# two lessons at once from threads). One parse at a time.
PARSE_LOCK = threading.Lock()


def reliance(nb: NotebookNode) -> TestReliance:
    """What the test cells of `nb` (the source, hidden tests included) call and trust."""
    with PARSE_LOCK:
        return _reliance(nb)


def _reliance(nb: NotebookNode) -> TestReliance:
    found = TestReliance()
    course_defs: dict[str, str] = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or cells.is_solution(cell):
            continue
        tree = parsed(cell)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.aliases[alias.asname or alias.name.split(".")[0]] = (
                        alias.name if alias.asname else alias.name.split(".")[0]
                    )
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:  # `from numpy.testing import assert_allclose`
                    found.aliases.setdefault(alias.asname or alias.name, f"{node.module}.{alias.name}")
        if not cells.is_test(cell):
            source = python_source(cell.source)
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    course_defs[node.name] = definition_digest(ast.get_source_segment(source, node) or "")
    modules = dict(found.aliases)
    used: set[str] = set()
    for cell in nb.cells:
        if not cells.is_test(cell):
            continue
        tree = parsed(cell)
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.Name):
                used.add(node.id)
            if isinstance(node, ast.Call):
                name = dotted_name(node.func)
                if name is None:
                    continue
                root, _, rest = name.partition(".")
                if root in modules and rest:
                    found.dotted.add(f"{modules[root]}.{rest}")
                elif not rest and hasattr(builtins, root):
                    found.builtins.add(root)
                elif not rest and root in course_defs:
                    found.helpers[root] = course_defs[root]
    found.aliases = {a: t for a, t in found.aliases.items() if a in used}  # only what the tests use
    found.dotted |= {t for t in found.aliases.values() if "." in t}  # `from m import f`: fingerprint f
    return found
