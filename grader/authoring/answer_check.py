"""Answer check: the solution runs, right answers get full marks, wrong answers are rejected for the
right reason. One kernel per notebook, never a full re-run per answer.

The source notebook (hidden tests included) runs cell by cell in one kernel, with the parameters
of a headless run (`FAST=True`). At each exercise that has committed answers:

1. the kernel takes a snapshot of the state the solution would see (`kernel_state`: names,
   objects reachable from them, random generators, global switches, files);
2. for each committed answer, wrong and right alike: the snapshot is restored, the answer
   replaces the solution cell's source and runs, then every test cell of the exercise runs;
3. the snapshot is restored once more, the real solution and its test cells run, and the
   notebook carries on from there.

Every code cell runs once, in notebook order; test cells run once per answer and once for the
solution. A test cell's outcome is one of:

- `passed`: no error and nothing on stderr (nbgrader scores a test cell with stderr output 0);
- `assertion`: it raised an `AssertionError` or an instance of a subclass of it, which is how a
  test fails *on purpose* (a bare `assert`, `np.testing.assert_*`, `torch.testing.assert_close`,
  `unittest`'s assertions, or a custom `class Mismatch(AssertionError)` all do). The check is
  `isinstance(sys.last_value, AssertionError)` in the kernel, not a match on the name;
- `error`: any other exception (`NameError`, `TypeError`, a `ValueError` from deep inside a
  library...), which proves nothing about the answer;
- `stderr`: no exception, but output on stderr;
- `timeout`: the cell ran past the time limit and was interrupted.

Verdicts:

- a **wrong answer** is *rejected for the right reason* when its own cell ran without error and
  at least one test cell ended in `assertion`; anything else (its own cell raised, it passed every
  test, or it failed only by errors, stderr or timeouts) is a problem that names it;
- a **right answer**, and the **solution**, must run without error and pass every test cell;
- every non-test code cell of the notebook must run without error (this is the headless run of
  the solution: a notebook needs no separate run to prove it).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from grader.batch.model import Limits
from grader.course import cells
from grader.headless import DEFAULT_PARAMETERS

WRONG, RIGHT, SOLUTION = "wrong", "right", "solution"
PASSED, ASSERTION, ERROR, STDERR, TIMEOUT = "passed", "assertion", "error", "stderr", "timeout"
STATE_MODULE = "_answer_check_state"
INJECTED = "injected-parameters"  # papermill's tag on the cell it adds after the parameters
KERNEL_STATE_SOURCE = Path(__file__).with_name("kernel_state.py")


@dataclass(frozen=True)
class Answer:
    """One candidate for an exercise's solution cell: `kind` is 'wrong' or 'right'."""

    label: str
    source: str
    kind: str = WRONG


@dataclass(frozen=True)
class TestOutcome:
    grade_id: str
    outcome: str  # PASSED, ASSERTION, ERROR, STDERR or TIMEOUT
    detail: str = ""  # "AssertionError: message", "NameError: ...", the stderr text...

    def __str__(self) -> str:
        return f"{self.grade_id}: {self.outcome}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class Verdict:
    grade_id: str
    answer: str  # the answer's label, or "solution"
    kind: str  # WRONG, RIGHT or SOLUTION
    answer_error: str  # what the answer's own cell raised; "" when it ran
    tests: tuple[TestOutcome, ...]
    seconds: float = 0.0

    @property
    def failed_tests(self) -> tuple[str, ...]:
        return tuple(t.grade_id for t in self.tests if t.outcome != PASSED)

    @property
    def total_tests(self) -> int:
        return len(self.tests)

    @property
    def passed(self) -> bool:
        """Full marks: the cell ran and every test cell passed."""
        return not self.answer_error and all(t.outcome == PASSED for t in self.tests)

    @property
    def rejected(self) -> bool:
        return not self.passed

    @property
    def rejected_for_the_right_reason(self) -> bool:
        return not self.answer_error and any(t.outcome == ASSERTION for t in self.tests)

    def problem(self) -> str | None:
        """Why this verdict is not what its kind requires; None when it is."""
        name = (f"the solution of {self.grade_id}" if self.kind == SOLUTION
                else f"{self.kind} answer {self.answer}")
        failures = "; ".join(str(t) for t in self.tests if t.outcome != PASSED)
        if self.answer_error:
            return f"{name}: its own cell raised {self.answer_error}"
        if self.kind == WRONG:
            if self.passed:
                return f"{name} passes every test"
            if not self.rejected_for_the_right_reason:
                return f"{name} is rejected only by failures that are not assertions: {failures}"
            return None
        if not self.passed:
            return f"{name} does not get full marks: {failures}"
        return None


@dataclass
class AnswerReport:
    notebook: Path
    verdicts: list[Verdict] = field(default_factory=list)
    cell_errors: list[str] = field(default_factory=list)  # non-test cells that raised
    unknown: list[str] = field(default_factory=list)  # answers for grade ids that are not exercises
    notes: list[str] = field(default_factory=list)  # what the kernel could not restore
    seconds: float = 0.0

    def of_kind(self, kind: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.kind == kind]

    def problems(self) -> list[str]:
        found = [f"{self.notebook.name}: {e}" for e in self.cell_errors]
        found += [f"{self.notebook.name}: answers for {g}, which is not an exercise here"
                  for g in self.unknown]
        found += [f"{self.notebook.name}: {p}" for v in self.verdicts if (p := v.problem())]
        return found


def output_error(cell: nbformat.NotebookNode) -> str:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.ename}: {output.evalue}"[:300]
    return ""


def stderr_text(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stderr")


def first_line(cell: nbformat.NotebookNode) -> str:
    line = next((ln.strip() for ln in cell.source.splitlines() if ln.strip()), "")
    return line if len(line) <= 60 else line[:57] + "..."


def normalise(answers: Mapping[str, Iterable]) -> dict[str, list[Answer]]:
    """Answers per grade id; an item may be an Answer, anything with label/source/kind, or a
    (label, source) pair, which counts as a wrong answer."""
    found: dict[str, list[Answer]] = {}
    for grade_id, items in answers.items():
        for item in items:
            if isinstance(item, tuple):
                label, source = item
                found.setdefault(grade_id, []).append(Answer(label, source, WRONG))
            else:
                found.setdefault(grade_id, []).append(
                    Answer(item.label, item.source, getattr(item, "kind", WRONG)))
    return found


class KernelSession:
    """The notebook's one kernel, and the few things the answer check asks it."""

    def __init__(self, client, cell_timeout: int):
        self.client = client
        self.cell_timeout = cell_timeout

    def run(self, cell: nbformat.NotebookNode, store_history: bool = True) -> nbformat.NotebookNode:
        """Execute a copy of `cell`; a timed-out cell is interrupted and shows an error."""
        from nbclient.exceptions import DeadKernelError

        executed = copy.deepcopy(cell)
        start = time.perf_counter()
        try:
            self.client.execute_cell(executed, 0, store_history=store_history)
        except DeadKernelError as exc:
            raise RuntimeError(f"the kernel died running:\n{cell.source[:500]}") from exc
        if time.perf_counter() - start >= self.cell_timeout and "KeyboardInterrupt" in output_error(executed):
            executed.metadata["answer_check_timeout"] = True
        return executed

    def harness(self, source: str) -> str:
        """Run harness code (not part of the notebook): no history; it must not fail."""
        executed = self.run(nbformat.v4.new_code_cell(source), store_history=False)
        error = output_error(executed)
        if error:
            trace = "\n".join(o.get("traceback", []) for o in executed.outputs if o.output_type == "error")
            raise RuntimeError(f"answer_check's own kernel code failed: {error}\n{trace}")
        return "".join(o.get("text", "") for o in executed.outputs if o.get("output_type") == "stream")

    def install_state_module(self) -> None:
        source = KERNEL_STATE_SOURCE.read_text()
        self.harness(
            "def __answer_check_install(source):\n"
            "    import sys, types\n"
            f"    module = types.ModuleType({STATE_MODULE!r})\n"
            "    sys.modules[module.__name__] = module\n"
            "    exec(compile(source, '<grader.kernel_state>', 'exec'), module.__dict__)\n"
            f"__answer_check_install({source!r})\n"
            "del __answer_check_install\n")

    def state(self, call: str) -> list[str]:
        text = self.harness(f"__import__({STATE_MODULE!r}).{call}()")
        return [line for line in text.splitlines() if line.startswith("answer_check:")]

    def outcome(self, test: nbformat.NotebookNode) -> tuple[str, str]:
        """Run one test cell; its outcome and a detail."""
        executed = self.run(test)
        error = output_error(executed)
        if executed.metadata.get("answer_check_timeout"):
            return TIMEOUT, f"ran past {self.cell_timeout} s"
        if error:
            if error.startswith("AssertionError:") or error == "AssertionError":
                return ASSERTION, error
            probe = self.harness(f"__import__({STATE_MODULE!r}).kernel_last_error_is_assertion()")
            return (ASSERTION if probe.strip() == "ASSERTION" else ERROR), error
        stderr = stderr_text(executed)
        if stderr:
            return STDERR, stderr.strip()[:1000]
        return PASSED, ""


def check_notebook(notebook: Path, answers: Mapping[str, Iterable], workdir: Path,
                   parameters: dict | None = None, cell_timeout: int = Limits.cell_timeout,
                   isolate: bool = True) -> AnswerReport:
    """Run `notebook` once, judging every committed answer at its exercise (see the module doc).

    `isolate=False` skips the snapshot and restore: each answer then sees what the previous one
    left behind (only for showing, in a test, what the isolation prevents)."""
    from nbclient import NotebookClient
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    started = time.perf_counter()
    # papermill's loader adds the metadata its parameterizer expects (tags on every cell).
    nb = parameterize_notebook(load_notebook_node(str(notebook)),
                               {**DEFAULT_PARAMETERS, **(parameters or {})},
                               kernel_name="python3", language="python")
    by_grade = normalise(answers)
    found = cells.exercises(nb)
    by_solution = {e.solution_index: e for e in found}
    test_cells = {i for e in found for i in e.test_indices}
    report = AnswerReport(notebook, unknown=sorted(set(by_grade) - {e.grade_id for e in found}))
    workdir.mkdir(parents=True, exist_ok=True)
    source_cells = [copy.deepcopy(c) for c in nb.cells]
    # Cell numbers as in the source notebook, which has no cell of injected parameters.
    injected = [INJECTED in c.metadata.get("tags", []) for c in source_cells]
    source_index = [i - sum(injected[:i]) for i in range(len(source_cells))]
    client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                            interrupt_on_timeout=True, resources={"metadata": {"path": str(workdir)}})
    session = KernelSession(client, cell_timeout)

    def judge(exercise: cells.Exercise, label: str, kind: str, cell: nbformat.NotebookNode) -> Verdict:
        start = time.perf_counter()
        executed = session.run(cell)
        answer_error = output_error(executed)
        if executed.metadata.get("answer_check_timeout"):
            answer_error = f"a timeout (over {cell_timeout} s)"
        outcomes = []
        for i in exercise.test_indices:
            outcome, detail = session.outcome(source_cells[i])
            outcomes.append(TestOutcome(cells.grade_id(source_cells[i]) or str(i), outcome, detail))
        return Verdict(exercise.grade_id, label, kind, answer_error, tuple(outcomes),
                       time.perf_counter() - start)

    with client.setup_kernel():
        session.install_state_module()
        for index, cell in enumerate(source_cells):
            if cell.cell_type != "code" or index in test_cells:
                continue  # test cells run with their exercise, below
            exercise = by_solution.get(index)
            if exercise is None:
                executed = session.run(cell)
                if output_error(executed):
                    report.cell_errors.append(f"cell {source_index[index]} ({first_line(cell)}) raised "
                                              f"{output_error(executed)}")
                continue
            candidates = by_grade.get(exercise.grade_id, [])
            if candidates and isolate:
                report.notes += session.state("kernel_take")
            for answer in candidates:
                if isolate:
                    report.notes += session.state("kernel_restore")
                candidate = copy.deepcopy(cell)
                candidate.source = answer.source
                report.verdicts.append(judge(exercise, answer.label, answer.kind, candidate))
            if candidates and isolate:
                report.notes += session.state("kernel_restore")
                session.state("kernel_drop")
            report.verdicts.append(judge(exercise, SOLUTION, SOLUTION, cell))
    report.seconds = time.perf_counter() - started
    return report
