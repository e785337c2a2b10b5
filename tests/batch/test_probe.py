"""The patched-helper probe on plain namespaces and tiny in-memory notebooks: no kernel, no root.

`probe` runs in the student's kernel after every test cell; here it runs in-process against a
baseline taken in-process, which is what the preflight kernel does with the same interpreter.
"""

from __future__ import annotations

import builtins
import importlib
import linecache
import math
import sys

import nbformat
import numpy as np
import pytest

from grader.batch import probe


def cell(source: str, **nbgrader) -> nbformat.NotebookNode:
    c = nbformat.v4.new_code_cell(source)
    if nbgrader:
        c.metadata["nbgrader"] = nbgrader
    return c


COURSE = """import math
import numpy as np


def loss_fn(w):
    return float(np.sum(w ** 2))
"""
TEST = (
    "assert np.allclose(f(2.0), 4.0)\nassert math.isclose(loss_fn(np.ones(2)), 2.0)\nassert len([1]) == 1\n"
)


@pytest.fixture
def notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        cell(COURSE),
        cell("def f(x):\n    return x * x\n", solution=True, grade_id="ex1"),
        cell(TEST, grade=True, grade_id="ex1_test", points=1),
    ]
    return nb


def baseline_for(names: list[str]) -> dict:
    return {n: probe.fingerprint(probe.resolve(n)) for n in names}


@pytest.fixture
def spec(notebook) -> dict:
    relied = probe.reliance(notebook)
    return relied.spec(
        baseline_for([n for n in relied.names() if n.split(".")[0] in ("numpy", "math", "builtins")])
    )


def run_cell(source: str, ns: dict, name: str) -> None:
    """Execute as IPython does: the cell's source registered in linecache, so getsource works."""
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), ns)  # noqa: S102


@pytest.fixture
def namespace() -> dict:
    ns = {"np": np, "math": math}
    run_cell(COURSE, ns, "<course-cell>")
    return ns


def test_reliance_finds_aliases_helpers_builtins_and_dotted_calls(notebook):
    relied = probe.reliance(notebook)
    assert relied.aliases == {"np": "numpy", "math": "math"}
    assert {"numpy.allclose", "math.isclose"} <= relied.dotted
    assert "len" in relied.builtins and "loss_fn" in relied.helpers
    assert "f" not in relied.helpers, "the student's own function is not a course helper"


def test_a_pristine_namespace_has_no_problems(spec, namespace):
    assert probe.probe(spec, namespace) == []


@pytest.mark.parametrize(
    "patch, expected",
    [
        (lambda ns: setattr(np, "allclose", lambda *a, **k: True), "numpy.allclose was replaced"),
        (lambda ns: setattr(np, "allclose", np.array_equal), "numpy.allclose was replaced"),
        (lambda ns: setattr(math, "isclose", lambda *a, **k: True), "math.isclose was replaced"),
        (lambda ns: setattr(builtins, "len", lambda x: 1), "builtins.len was replaced"),
        (lambda ns: ns.update(len=lambda x: 1), "`len` shadows the builtin"),
        (
            lambda ns: ns.update(np=type("FakeNumpy", (), {"allclose": staticmethod(lambda *a: True)})()),
            "`np` no longer refers to the module numpy",
        ),
    ],
)
def test_each_kind_of_patch_is_found(spec, namespace, monkeypatch, patch, expected):
    with monkeypatch.context() as m:
        m.setattr(np, "allclose", np.allclose)  # undone after the test, whatever the patch did
        m.setattr(math, "isclose", math.isclose)
        m.setattr(builtins, "len", builtins.len)
        patch(namespace)
        found = probe.probe(spec, namespace)
    assert expected in found, found


def test_a_redefined_course_helper_is_found(spec, namespace):
    run_cell("def loss_fn(w):\n    return 2.0\n", namespace, "<student-cell>")
    found = probe.probe(spec, namespace)
    assert "course helper `loss_fn` was redefined" in found, found


def test_names_ipython_itself_put_in_the_namespace_are_not_the_students(spec, namespace):
    own_open = lambda *a, **k: None  # noqa: E731 - IPython's own `open` wrapper stands in
    spec = {**spec, "builtins": [*spec["builtins"], "open"]}
    namespace["open"] = own_open
    assert "`open` shadows the builtin" in probe.probe(spec, namespace)
    assert probe.probe(spec, namespace, pristine={"open": own_open}) == []


def test_the_kernel_cell_prints_one_marked_line_and_leaves_no_names(spec, namespace, capsys):

    class Shell:
        user_ns, user_ns_hidden = namespace, {}

    namespace["get_ipython"] = lambda: Shell
    source = probe.kernel_source(spec)
    exec(compile(source, "<probe>", "exec"), namespace)  # noqa: S102
    out = nbformat.v4.new_output("stream", name="stdout", text=capsys.readouterr().out)
    assert probe.marked_json(nbformat.v4.new_code_cell(outputs=[out])) == []
    assert "__grader_probe__" not in namespace


def test_marked_json_joins_a_line_split_over_stream_messages():
    text = probe.MARKER + '["numpy.allclose was replaced"]\n'
    outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=text[:7]),
        nbformat.v4.new_output("stream", name="stdout", text=text[7:]),
    ]
    assert probe.marked_json(nbformat.v4.new_code_cell(outputs=outputs)) == ["numpy.allclose was replaced"]
    assert probe.marked_json(nbformat.v4.new_code_cell()) is None


@pytest.fixture
def library(tmp_path, monkeypatch):
    """A tiny installed library whose import of a submodule wraps one of its own functions, as
    `import torch._dynamo` wraps `torch.manual_seed`, and whose `lazy` submodule is not imported."""
    package = tmp_path / "site" / "wrapping_lib"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("def seed(n):\n    return n\n")
    (package / "_compile.py").write_text(
        "import functools\n\nimport wrapping_lib\n\n\n"
        "def disable(fn):\n    @functools.wraps(fn)\n    def inner(*args, **kwargs):\n"
        "        return fn(*args, **kwargs)\n    return inner\n\n\n"
        "wrapping_lib.seed = disable(wrapping_lib.seed)\n")
    (package / "lazy.py").write_text("class Interpreter:\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    yield "wrapping_lib"
    for name in [m for m in sys.modules if m.startswith("wrapping_lib")]:
        del sys.modules[name]


def test_a_wrapper_the_library_puts_on_its_own_helper_is_not_a_patch(library):
    importlib.import_module(library)
    spec = {"baseline": {"wrapping_lib.seed": probe.fingerprint(probe.resolve("wrapping_lib.seed"))}}
    importlib.import_module("wrapping_lib._compile")
    assert sys.modules[library].seed.__wrapped__, "the library wrapped its helper"
    assert probe.probe(spec, {}) == []


def test_a_students_wrapper_that_claims_to_wrap_the_helper_is_still_a_patch(library):
    lib = importlib.import_module(library)
    spec = {"baseline": {"wrapping_lib.seed": probe.fingerprint(probe.resolve("wrapping_lib.seed"))}}
    ns = {"lib": lib}
    run_cell("import functools\nlib.seed = functools.wraps(lib.seed)(lambda n: 0)\n", ns, "<student-cell>")
    assert probe.probe(spec, ns) == ["wrapping_lib.seed was replaced"]
    importlib.import_module("wrapping_lib._compile")  # a library layer over the student's: still found
    assert probe.probe(spec, ns) == ["wrapping_lib.seed was replaced"]


def test_a_helper_in_a_submodule_is_fingerprinted_and_skipped_where_never_imported(library):
    importlib.import_module(library)
    assert probe.resolve("wrapping_lib.lazy.Interpreter") is probe.MISSING
    spec = {"aliases": {"Interpreter": "wrapping_lib.lazy.Interpreter"}, "baseline": {}}
    probe.import_along("wrapping_lib.lazy.Interpreter")
    helper = probe.resolve("wrapping_lib.lazy.Interpreter")
    spec["baseline"]["wrapping_lib.lazy.Interpreter"] = probe.fingerprint(helper)
    assert probe.probe(spec, {"Interpreter": helper}) == []
    assert probe.probe(spec, {"Interpreter": type("Interpreter", (), {})}) == [
        "`Interpreter` no longer refers to wrapping_lib.lazy.Interpreter"]


def test_the_baseline_cell_imports_submodules_and_fingerprints_through_library_wrappers(library, capsys):
    importlib.import_module(library)
    importlib.import_module("wrapping_lib._compile")
    source = probe.baseline_source(["wrapping_lib.seed", "wrapping_lib.lazy.Interpreter", "no_such_lib.f"])
    exec(compile(source, "<baseline>", "exec"), {})  # noqa: S102
    out = nbformat.v4.new_output("stream", name="stdout", text=capsys.readouterr().out)
    found = probe.marked_json(nbformat.v4.new_code_cell(outputs=[out]))
    assert set(found) == {"wrapping_lib.seed", "wrapping_lib.lazy.Interpreter"}
    assert found["wrapping_lib.seed"][3].endswith("__init__.py"), "fingerprinted the unwrapped helper"


def test_reliance_parses_one_notebook_at_a_time_across_threads(notebook):
    """CPython 3.11's parser fails when two threads parse at once: `reliance` takes the lock."""
    import threading

    done = threading.Event()
    worker = threading.Thread(target=lambda: (probe.reliance(notebook), done.set()))
    with probe.PARSE_LOCK:
        worker.start()
        assert not done.wait(0.5), "reliance parsed while another thread held the parse lock"
    assert done.wait(30)
    worker.join()
