"""nbgrader preprocessors for batch grading: small steps, each doing one thing, composed in lists.

- SandboxedExecute: nbgrader's Execute in a confined kernel; a killed or crashed kernel fails the
  cells it never finished instead of failing the whole submission.
- CapOutputBytes: drops single outputs over a size cap (huge images, megabytes of text).
- RedactHiddenTests: feedback shows neither hidden-test source nor hidden-test tracebacks.
- StderrNotScored: a warning on stderr stays visible but no longer zeroes a test cell.

SandboxedExecute also probes the kernel after every test cell (`probe`): a cell that passed on a
helper student code replaced loses its points and is held for manual grading.

What they see (status, flags, withheld points, timings) goes into the OutcomeLog given as their
`outcomes` trait (config.SandboxedExecute.outcomes, config.CapOutputBytes.outcomes): the caller
holds it and reads it after nbgrader returns.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_output
from nbgrader.preprocessors import ClearHiddenTests, Execute, NbGraderPreprocessor
from traitlets import Dict, Instance, Integer, Type, Unicode

from grader.batch import probe
from grader.batch.model import NotebookOutcome, OutcomeLog
from grader.batch.sandbox import SandboxKernelManager
from grader.batch.zygote import KernelForks, empty, give_back, lend
from grader.course import cells

LIMIT_ERROR = "GraderLimit"
WITHHELD_ERROR = "GraderIntegrity"
KERNEL_DIED = "kernel died"



def outcomes_trait():
    return Instance(OutcomeLog, args=(), help="Where what this preprocessor saw is recorded, per notebook "
                    "(shared with the caller, never copied).").tag(config=True)


def fail_unfinished(nb: NotebookNode, finished: set[int], reason: str) -> int:
    """Give every code cell that did not finish an error output, so nbgrader scores it 0."""
    failed = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and index not in finished:
            cell.outputs = [*cell.get("outputs", []),
                            new_output("error", ename=LIMIT_ERROR, evalue=reason, traceback=[])]
            failed += 1
    return failed


class SandboxedExecute(Execute):
    """Execute with SandboxKernelManager; kernel death and unanswered timeouts fail the rest."""

    kernel_manager_class = Type(SandboxKernelManager, config=True)
    outcomes = outcomes_trait()
    probe_specs = Dict(help="Per notebook name: what its tests rely on (probe.TestReliance.spec)."
                       ).tag(config=True)
    matplotlib_cache = Unicode("", help="A folder holding matplotlib's font list, built once per run and "
                               "copied into each confined kernel's config folder (else every kernel "
                               "rebuilds it, for seconds).").tag(config=True)
    forks = Instance(KernelForks, allow_none=True, help="This worker's preloaded-kernel servers "
                     "(None: every kernel starts cold).").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)

    def create_kernel_manager(self):
        """Point the kernel at this submission's folder: its only writable place, and its IPC sockets.

        With preloaded kernels the kernel is forked by the worker's server for this notebook; a
        confined server sees only the slot folder, so the submission's files are lent to it."""
        km = super().create_kernel_manager()
        self._managers.append(km)  # nbclient forgets it at cleanup; we need its limit_reason
        own = Path(self.resources.get("metadata", {}).get("path") or ".").resolve()
        km.own_dir = str(own)
        server = self.forks.server_for(km.kernel_spec.argv, self.nb) if self.forks is not None else None
        if server is not None:
            km.zygote = server
            self._lent.append((server, own))
        if km.confine:
            (own / ".home").mkdir(exist_ok=True)
            (own / ".ipc").mkdir(exist_ok=True)
            if self.matplotlib_cache and Path(self.matplotlib_cache).is_dir():
                shutil.copytree(self.matplotlib_cache, own / ".home" / "matplotlib", dirs_exist_ok=True)
            if server is not None:
                lend(own, server.confined.folder)
                km.own_dir = str(server.confined.folder)
                sockets = server.confined.socket_dir
            else:
                sockets = Path(tempfile.mkdtemp(prefix="gk-", dir="/tmp"))  # short: Unix paths <= 108 bytes
                self._socket_dirs.append(sockets)
            folder = Path(km.own_dir)
            for path in (folder, *folder.rglob("*"), sockets):
                os.chown(path, km.uid, km.uid)
            km.transport = "ipc"
            km.socket_dir = str(sockets)
            km.ip = str(sockets / f"k{len(self._managers)}")
            km.connection_file = str(folder / ".ipc" / "kernel.json")
        return km

    def return_lent(self) -> None:
        """After the kernel: clear what it left in its server's namespaces, give the files back."""
        for server, own in self._lent:
            if not server.clean():
                self.forks.retire(server)
            if server.confined is not None:
                give_back(server.confined.folder, own)
                empty(server.confined.socket_dir)
        self._lent.clear()

    # nbclient binds the sync names to its own async functions (run_sync), so hook the sync ones.
    def start_new_kernel_client(self):
        kc = super().start_new_kernel_client()
        self._clients.append(kc)
        self._kernel_ready = True  # it answered kernel_info: from here on, a death is the notebook's
        return kc

    def preprocess_cell(self, cell, resources, index):
        result = super().preprocess_cell(cell, resources, index)
        if any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
            self.outcomes.of(resources).flags.append(f"cell {index} timed out")
        self._finished.add(index)
        if cells.is_test(cell):
            self.withhold_if_patched(cell, resources, index)
        return result

    def withhold_if_patched(self, cell, resources, index) -> None:
        """Run the probe after a test cell; a pass earned on a replaced helper earns nothing."""
        spec = self.probe_specs.get(resources.get("unique_key") or "")
        if not spec:
            return
        check = new_code_cell(probe.kernel_source(spec))
        super().preprocess_cell(check, resources, index)
        self.nb.cells[index] = cell  # nbclient stores what it executed at `index`: put the test back
        problems = probe.marked_json(check)
        if problems is None:
            errors = [f"{o.get('ename')}: {o.get('evalue')}" for o in check.outputs if o.get("ename")]
            problems = [f"the integrity probe could not run ({'; '.join(errors) or 'no answer'})"]
        if not problems:
            return
        record = self.outcomes.of(resources)
        name = cells.grade_id(cell) or f"cell {index}"
        passed = not any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        if passed:
            record.withheld.append(name)
            cell.outputs = [*cell.outputs, new_output(
                "error", ename=WITHHELD_ERROR,
                evalue=f"points withheld for manual grading: {'; '.join(problems)}", traceback=[])]
        record.flags.append(f"{name}: {'; '.join(problems)}" + (" (points withheld)" if passed else ""))

    def close_sockets(self) -> None:
        """Close every zmq context of this run with linger 0.

        Left to the garbage collector, the context of a client whose kernel was killed blocks
        forever in Context.term(), waiting to deliver to a dead peer, and hangs the grader.
        """
        for kc in self._clients:
            kc.stop_channels()
            kc.context.destroy(linger=0)
        for km in self._managers:
            km.context.destroy(linger=0)
        for folder in self._socket_dirs:
            shutil.rmtree(folder, ignore_errors=True)
        self._clients.clear()

    def preprocess(self, nb, resources=None, km=None):
        self._finished: set[int] = set()
        self._clients: list = []
        self._managers: list = []
        self._socket_dirs: list[Path] = []
        self._lent: list[tuple] = []  # (server, submission folder) of each forked kernel
        self._kernel_ready = False
        record: NotebookOutcome = self.outcomes.of(resources)
        started = time.perf_counter()
        try:
            return super().preprocess(nb, resources, km)
        except (DeadKernelError, CellTimeoutError, RuntimeError, TimeoutError) as exc:
            reason = next((km.limit_reason for km in self._managers if km.limit_reason), None)
            if not self._kernel_ready:  # no student code ran: the grader's fault, never a zero
                record.fault = f"the kernel did not start ({reason or type(exc).__name__}: {exc})"[:400]
                reason = "grader fault"
            elif reason is None:
                reason = ("cell timeout (the cell ignored the interrupt)" if isinstance(exc, CellTimeoutError)
                          else KERNEL_DIED)
            record.status = reason
            unfinished = [i for i, c in enumerate(self.nb.cells)
                          if c.cell_type == "code" and i not in self._finished]
            record.died_at = unfinished[0] if unfinished else None
            fail_unfinished(self.nb, self._finished, reason)
            return self.nb, self.resources
        finally:
            record.seconds = round(time.perf_counter() - started, 2)
            self.close_sockets()
            self.return_lent()


class CapOutputBytes(NbGraderPreprocessor):
    """Replace any single output larger than `max_bytes` by a short note."""

    max_bytes = Integer(2_000_000, help="Largest output kept, in bytes of its JSON text.").tag(config=True)
    outcomes = outcomes_trait()

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        kept = []
        for output in cell.get("outputs", []):
            size = len(str(output))
            if size > self.max_bytes:
                self.outcomes.of(resources).flags.append(f"cell {index}: {size / 1e6:.1f} MB output removed")
                kept.append(new_output("stream", name="stdout",
                                       text=f"[output of {size / 1e6:.1f} MB removed by the grader]\n"))
            else:
                kept.append(output)
        cell.outputs = kept
        return cell, resources


class RedactHiddenTests(NbGraderPreprocessor):
    """For feedback: hidden tests lose their source and traceback, keeping only name, message, points."""

    def preprocess(self, nb, resources):
        self._clear = ClearHiddenTests(parent=self)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if not (cells.is_test(cell) and cells.BEGIN_HIDDEN in cell.source):
            return cell, resources
        cell, resources = self._clear.preprocess_cell(cell, resources, index)
        redacted = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                redacted.append(new_output("error", ename=output.ename, evalue=output.evalue,
                                           traceback=[f"{output.ename}: {output.evalue}",
                                                      f"(hidden test {cells.grade_id(cell)})"]))
        cell.outputs = redacted
        return cell, resources


class StderrNotScored(NbGraderPreprocessor):
    """A warning is not a failure: stderr in a graded cell is kept as text, and costs no points.

    Stock nbgrader scores any graded cell with stderr output 0, so a correct answer that calls a
    deprecated API (a UserWarning, NumPy 2's DeprecationWarning) loses every test that calls it.
    Here only an error fails a test. The text stays in the feedback, capped at `max_chars`.
    """

    max_chars = Integer(2000, help="Most characters of stderr kept per cell.").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cells.is_grade(cell):
            return cell, resources
        kept, text = [], ""
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                text += output.get("text", "")
            else:
                kept.append(output)
        if text:
            if len(text) > self.max_chars:
                text = text[: self.max_chars] + f"\n[... {len(text) - self.max_chars} more characters]\n"
            kept.append(new_output("stream", name="stdout",
                                   text=f"[stderr, not counted against you]\n{text}"))
        cell.outputs = kept
        return cell, resources
