"""The answer check itself, on tiny in-memory notebooks: what counts as rejected for the right
reason, what counts as full marks, and that no answer sees what an earlier one changed.

The kernel-state rules are tested in this process on plain namespaces (fast); the verdicts and the
isolation between answers with a real kernel (one kernel per notebook, Python and NumPy only).
"""

from __future__ import annotations

import random
from pathlib import Path

import nbformat
import numpy as np
import pytest

from grader.authoring import kernel_state
from grader.authoring.answer_check import (
    ASSERTION,
    ERROR,
    PASSED,
    RIGHT,
    STDERR,
    TIMEOUT,
    WRONG,
    Answer,
    check_notebook,
)

v4 = nbformat.v4


def solution_cell(grade_id: str, body: str) -> nbformat.NotebookNode:
    cell = v4.new_code_cell(f"### BEGIN SOLUTION\n{body}\n### END SOLUTION")
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": grade_id, "locked": False,
                                 "schema_version": 3}
    return cell


def graded_cell(grade_id: str, body: str) -> nbformat.NotebookNode:
    cell = v4.new_code_cell(body)
    cell.metadata["nbgrader"] = {"solution": False, "grade": True, "grade_id": grade_id, "points": 1,
                                 "locked": True, "schema_version": 3}
    return cell


def notebook(tmp_path: Path, *cells: nbformat.NotebookNode) -> Path:
    parameters = v4.new_code_cell("FAST = False")
    parameters.metadata["tags"] = ["parameters"]
    nb = v4.new_notebook(cells=[parameters, *cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    return path


# ---------------------------------------------------------------------------------------------
# Verdicts, with a real kernel
# ---------------------------------------------------------------------------------------------

WARNS = "def shout(text):\n    print('careful', file=sys.stderr)\n    return text.upper()"


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """One notebook, one kernel, every kind of outcome."""
    tmp_path = tmp_path_factory.mktemp("verdicts")
    path = notebook(
        tmp_path,
        v4.new_code_cell("import sys\nvalues = [1, 2, 3]"),
        solution_cell("ex1_total", "def total(xs):\n    return sum(xs)"),
        graded_cell("ex1_total_visible", "assert total(values) == 6, f'expected 6, got {total(values)}'"),
        graded_cell("ex1_total_hidden",
                  "class Mismatch(AssertionError):\n    pass\n\n"
                  "if total([5]) != 5:\n    raise Mismatch('total([5]) should be 5')\n"
                  "if total([]) != 0:\n    raise ValueError('raised on purpose, but not an assertion')"),
        v4.new_code_cell("assert total([2, 2]) == 4  # the notebook goes on with the solution"),
        v4.new_code_cell("raise RuntimeError('a demo cell that fails')"),
        solution_cell("ex2_quiet", "def shout(text):\n    return text.upper()"),
        graded_cell("ex2_quiet_visible", "assert shout('a') == 'A', 'expected A'"),
    )
    answers = {
        "ex1_total": [
            Answer("off_by_one", "def total(xs):\n    return sum(xs) + 1", WRONG),
            Answer("own_cell_raises", "def total(xs):\n    return sum(xs)\nundefined_name", WRONG),
            Answer("type_error_only", "def total(xs):\n    return sum(xs, '')", WRONG),
            Answer("subclass_only", "def total(xs):\n    return sum(xs) if len(xs) != 1 else 0", WRONG),
            Answer("value_error_only", "def total(xs):\n    return sum(xs) if xs else 1", WRONG),
            Answer("passes", "def total(xs):\n    return sum(x for x in xs)", WRONG),
            Answer("loop", "def total(xs):\n    result = 0\n    for x in xs:\n        result += x\n"
                           "    return result", RIGHT),
            Answer("off_by_one_too", "def total(xs):\n    return sum(xs) - 1", RIGHT),
            Answer("hangs", "def total(xs):\n    while True:\n        pass", WRONG),
        ],
        "ex2_quiet": [
            Answer("warns", WARNS, RIGHT),
            Answer("stderr_only", WARNS, WRONG),
        ],
        "ex9_missing": [Answer("nowhere", "pass", WRONG)],
    }
    return check_notebook(path, answers, tmp_path / "work", cell_timeout=3)


def verdict(report, label):
    return next(v for v in report.verdicts if v.answer == label)


@pytest.mark.slow
def test_a_wrong_answer_failing_an_assertion_is_rejected_for_the_right_reason(verdicts):
    wrong = verdict(verdicts, "off_by_one")
    assert wrong.tests[0].outcome == ASSERTION and "expected 6, got 7" in wrong.tests[0].detail
    assert wrong.rejected_for_the_right_reason and wrong.problem() is None


@pytest.mark.slow
def test_an_assertion_error_subclass_raised_on_purpose_counts(verdicts):
    wrong = verdict(verdicts, "subclass_only")
    assert [t.outcome for t in wrong.tests] == [PASSED, ASSERTION]
    assert wrong.tests[1].detail.startswith("Mismatch")
    assert wrong.problem() is None


@pytest.mark.slow
def test_a_wrong_answer_whose_own_cell_raises_is_a_problem_naming_it(verdicts):
    wrong = verdict(verdicts, "own_cell_raises")
    assert "NameError" in wrong.answer_error
    assert "wrong answer own_cell_raises: its own cell raised NameError" in wrong.problem()


@pytest.mark.slow
def test_failures_that_are_not_assertions_prove_nothing(verdicts):
    for label, ename in (("type_error_only", "TypeError"), ("value_error_only", "ValueError")):
        wrong = verdict(verdicts, label)
        assert wrong.rejected and not wrong.rejected_for_the_right_reason
        assert ERROR in {t.outcome for t in wrong.tests} and ASSERTION not in {t.outcome for t in wrong.tests}
        assert f"wrong answer {label} is rejected only by failures that are not assertions" in wrong.problem()
        assert ename in wrong.problem()
    stderr = verdict(verdicts, "stderr_only")
    assert [t.outcome for t in stderr.tests] == [STDERR] and "not assertions" in stderr.problem()


@pytest.mark.slow
def test_a_wrong_answer_that_passes_and_one_that_hangs_are_problems(verdicts):
    assert verdict(verdicts, "passes").problem() == "wrong answer passes passes every test"
    hangs = verdict(verdicts, "hangs")
    assert {t.outcome for t in hangs.tests} == {TIMEOUT} and "not assertions" in hangs.problem()


@pytest.mark.slow
def test_right_answers_need_full_marks_without_stderr(verdicts):
    assert verdict(verdicts, "loop").passed and verdict(verdicts, "loop").problem() is None
    short = verdict(verdicts, "off_by_one_too")
    assert ("right answer off_by_one_too does not get full marks: ex1_total_visible: assertion"
            in short.problem())
    warns = verdict(verdicts, "warns")
    assert [t.outcome for t in warns.tests] == [STDERR] and "does not get full marks" in warns.problem()


@pytest.mark.slow
def test_the_solution_runs_once_its_errors_outside_tests_and_unknown_ids_are_reported(verdicts):
    solutions = verdicts.of_kind("solution")
    assert [v.grade_id for v in solutions] == ["ex1_total", "ex2_quiet"] and all(v.passed for v in solutions)
    assert verdicts.cell_errors == [
        "cell 6 (raise RuntimeError('a demo cell that fails')) raised RuntimeError: a demo cell that fails"]
    assert verdicts.unknown == ["ex9_missing"]
    problems = "\n".join(verdicts.problems())
    assert "cell 6 (raise RuntimeError" in problems and "answers for ex9_missing" in problems
    assert "the solution" not in problems and verdicts.notes == []


# ---------------------------------------------------------------------------------------------
# No state leaks between answers, with a real kernel
# ---------------------------------------------------------------------------------------------

LEAKY = {
    "ex1_scale": [
        # Wrong in place: doubles the caller's array and list, consumes the global random stream,
        # leaves a helper behind, writes a file, and changes the working directory.
        Answer("mutates_everything",
               "import os\n"
               "def scale(xs, factor):\n"
               "    xs *= factor\n"
               "    history.append(factor)\n"
               "    random.random()\n"
               "    open('cache.txt', 'w').write('stale')\n"
               "    os.makedirs('elsewhere', exist_ok=True)\n"
               "    os.chdir('elsewhere')\n"
               "    return xs\n"
               "def helper(xs):\n"
               "    return xs * 2\n", WRONG),
        # Right, but only in a clean kernel: it would pass on the leftovers (the helper, the file).
        Answer("copy_then_multiply",
               "def scale(xs, factor):\n"
               "    return np.array(xs, dtype=float) * factor\n", RIGHT),
        # Wrong: it relies on a helper that only an earlier answer defined.
        Answer("uses_leftover_helper", "def scale(xs, factor):\n    return helper(xs)\n", WRONG),
    ],
}


def leaky_notebook(tmp_path: Path) -> Path:
    return notebook(
        tmp_path,
        v4.new_code_cell("import random\nimport numpy as np\nrandom.seed(0)\n"
                         "xs = np.arange(3.0)\nhistory = []\nruns = []\n"
                         "expected_draw = random.Random(0).random()"),
        solution_cell("ex1_scale", "def scale(xs, factor):\n    return xs * factor"),
        graded_cell("ex1_scale_visible",
                  "runs.append(1)\n"
                  "assert np.array_equal(xs, [0.0, 1.0, 2.0]), f'the test starts from xs = {xs}'\n"
                  "assert history == [], f'the test starts from history = {history}'\n"
                  "import os\n"
                  "assert not os.path.exists('cache.txt') and os.path.basename(os.getcwd()) != 'elsewhere'\n"
                  "assert random.random() == expected_draw, 'the global random stream moved'\n"
                  "assert np.array_equal(scale(xs, 2), [0.0, 2.0, 4.0]), 'scale(xs, 2) should be [0, 2, 4]'\n"
                  "assert np.array_equal(xs, [0.0, 1.0, 2.0]), 'scale must not change its argument'"),
        v4.new_code_cell("assert runs == [1], f'the solution test ran {len(runs)} times'\n"
                         "assert 'helper' not in globals(), 'a wrong answer left its helper behind'"),
    )


@pytest.mark.slow
def test_each_answer_starts_from_the_state_the_solution_sees(tmp_path):
    report = check_notebook(leaky_notebook(tmp_path), LEAKY, tmp_path / "work")
    # The one problem: the helper an earlier answer defined is gone, so this answer fails on a
    # NameError, which proves nothing (as in a student's fresh kernel).
    assert report.problems() == ["tiny.ipynb: wrong answer uses_leftover_helper is rejected only by failures "
                                 "that are not assertions: ex1_scale_visible: error "
                                 "(NameError: name 'helper' is not defined)"], report.problems()
    outcomes = {v.answer: [t.outcome for t in v.tests] for v in report.verdicts}
    assert outcomes == {"mutates_everything": [ASSERTION], "copy_then_multiply": [PASSED],
                        "uses_leftover_helper": [ERROR], "solution": [PASSED]}
    assert "NameError" in report.verdicts[2].tests[0].detail  # the helper was gone


@pytest.mark.slow
def test_without_isolation_the_same_answers_leak(tmp_path):
    """The control: with the snapshot and restore switched off, the in-place mistake of the first
    answer makes the right answer fail and the notebook's later cell see leftovers."""
    report = check_notebook(leaky_notebook(tmp_path), LEAKY, tmp_path / "work", isolate=False)
    right = next(v for v in report.verdicts if v.answer == "copy_then_multiply")
    assert not right.passed and "the test starts from" in right.tests[0].detail
    assert report.cell_errors, "without isolation the last cell should have seen the leftovers"


# ---------------------------------------------------------------------------------------------
# Kernel-state rules, in this process
# ---------------------------------------------------------------------------------------------

class Counter:
    def __init__(self):
        self.count = 0
        self.seen = []


Counter.__module__ = "__main__"  # as if the notebook had defined it


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """The working directory is watched for files: use an empty one."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_restore_puts_back_names_containers_arrays_and_generators(in_tmp):
    generator, legacy = np.random.default_rng(1), random.Random(2)
    counter = Counter()
    nested = {"a": [1, 2], "b": {3}}
    array = np.zeros(3)
    namespace = {"nested": nested, "array": array, "generator": generator, "legacy": legacy,
                 "counter": counter, "alias": nested["a"], "_": "ipython output", "In": []}
    snapshot = kernel_state.take(namespace, hidden={"In"})
    expected = (generator.random(), legacy.random())
    nested["a"].append(3)
    nested["b"].add(4)
    nested["c"] = 0
    array += 1
    counter.count += 1
    counter.seen.append("x")
    counter.extra = True
    namespace["array"] = "rebound"
    namespace["leftover"] = 1
    assert kernel_state.restore(snapshot) == []
    assert namespace["nested"] is nested and nested == {"a": [1, 2], "b": {3}}
    assert namespace["alias"] is nested["a"], "aliases must survive: restore in place"
    assert namespace["array"] is array and not array.any()
    assert "leftover" not in namespace and namespace["_"] == "ipython output" and namespace["In"] == []
    assert (counter.count, counter.seen, hasattr(counter, "extra")) == (0, [], False)
    assert (generator.random(), legacy.random()) == expected


@pytest.mark.slow
def test_restore_puts_back_torch_state_in_place(in_tmp):
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.Dropout(0.5))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    x = torch.ones(3)
    loader = torch.utils.data.DataLoader(torch.arange(6), batch_size=2, shuffle=True,
                                         generator=torch.Generator().manual_seed(0))
    namespace = {"model": model, "optimizer": optimizer, "scheduler": scheduler, "x": x, "loader": loader}
    weight = model[0].weight.detach().clone()
    model.eval()
    snapshot = kernel_state.take(namespace, set())
    expected_draw, expected_order = torch.rand(1), [b.tolist() for b in loader]
    kernel_state.restore(snapshot)

    x.requires_grad_(True)
    x.grad = torch.ones(3)
    x.data.mul_(5)
    model.train()
    model.register_forward_hook(lambda *args: None)
    model(torch.ones(4, 3)).sum().backward()
    optimizer.step()
    scheduler.step()
    torch.set_grad_enabled(False)
    list(loader)
    torch.rand(5)
    assert kernel_state.restore(snapshot) == []
    assert torch.is_grad_enabled()
    assert torch.equal(x, torch.ones(3)) and not x.requires_grad and x.grad is None
    assert torch.equal(model[0].weight, weight) and model[0].weight.grad is None
    assert not model.training and not model[0].training and not model._forward_hooks
    assert optimizer.state_dict()["state"] == {} and optimizer.param_groups[0]["lr"] == 0.1
    assert optimizer.param_groups[0]["params"][0] is model[0].weight, "the optimizer must hold the same model"
    assert scheduler.last_epoch == 0
    assert torch.equal(torch.rand(1), expected_draw) and [b.tolist() for b in loader] == expected_order


def test_restore_leaves_namespaces_and_compiler_names_alone(in_tmp):
    scope = {}
    exec("a = 1", scope)  # an exec's globals hold __builtins__ (timeit makes such dicts)
    namespace = {"scope": scope, "module_globals": vars(random)}
    snapshot = kernel_state.take(namespace, set())
    scope["b"] = 2
    namespace["__compiled_fn_3"] = print  # torch.compile installs such names and deletes them itself
    namespace["__warningregistry__"] = {"version": 1}
    assert kernel_state.restore(snapshot) == []
    assert scope["b"] == 2 and "__builtins__" in scope, "an exec namespace must not be refilled"
    assert "__compiled_fn_3" in namespace, "a compiler's dunder name must be left to the compiler"
    assert "__warningregistry__" not in namespace, "a new answer must not inherit the warnings registry"


def test_restore_puts_back_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    private = tmp_path / "private"
    private.mkdir()
    (private / "keep.txt").write_text("original")
    (tmp_path / "gone.txt").write_text("still here")
    snapshot = kernel_state.take({"WORKDIR": private}, set())
    (private / "keep.txt").write_text("changed")
    (private / "new").mkdir()
    (private / "new" / "checkpoint.pt").write_bytes(b"x")
    (tmp_path / "gone.txt").unlink()
    monkeypatch.chdir(private)
    assert kernel_state.restore(snapshot) == []
    assert Path.cwd() == tmp_path
    assert (private / "keep.txt").read_text() == "original" and not (private / "new").exists()
    assert (tmp_path / "gone.txt").read_text() == "still here"


def test_only_private_folders_are_watched(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.chdir(tmp_path)
    snapshot = kernel_state.Snapshot({}, set())
    snapshot.bindings = {"root": "/", "temp": tempfile.gettempdir(), "parent": str(tmp_path.parent),
                         "own": str(tmp_path / "sub"), "missing": str(tmp_path / "missing"), "text": "hello"}
    (tmp_path / "sub").mkdir()
    assert kernel_state.watched_folders(snapshot) == [str(tmp_path.resolve())]


@pytest.mark.slow
def test_restore_puts_back_keras_state(in_tmp):
    keras = pytest.importorskip("keras")
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dropout(0.5, seed=1), keras.layers.Dense(2)])
    optimizer = keras.optimizers.Adam(0.1)
    namespace = {"model": model, "optimizer": optimizer}
    values = [v.numpy().copy() for v in model.variables]  # the kernel, the bias, dropout's seed state
    snapshot = kernel_state.take(namespace, set())
    model(np.ones((2, 3), np.float32), training=True)  # moves dropout's seed state
    optimizer.apply_gradients([(np.ones(v.shape, np.float32), v) for v in model.trainable_variables])
    model.stop_training = True
    assert not all(np.array_equal(v.numpy(), a) for v, a in zip(model.variables, values, strict=True))
    assert kernel_state.restore(snapshot) == []
    assert all(np.array_equal(v.numpy(), a) for v, a in zip(model.variables, values, strict=True))
    assert not optimizer.built and int(optimizer.iterations) == 0
    assert not getattr(model, "stop_training", False)
