"""JupyterLab in a real browser, as a student uses it.

JupyterLab starts from this project's environment on loopback, with a random token and a
temporary root holding one released notebook. Debian's Chromium, driven headless by Playwright
(`executable_path`: Playwright's own browser download is never run), opens the notebook, runs all
its cells from the Run menu, and reads the outputs in the page. nbgrader's JupyterLab extension
must be there: its Nbgrader menu, and its Validate button, which is clicked and must report the
unsolved exercise. Screenshots go to build/browser/. JupyterLab and its kernels are shut down
whatever happens, and a test shows it.

The test installs Debian's chromium itself when it is missing (as root, through apt-get).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import psutil
import pytest

from grader.course import cells
from grader.course.layout import find_root
from tests.site.chromium import chromium_page, ensure_chromium

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

ROOT = find_root()
NOTEBOOK = ROOT / "notebooks" / "01_autograd" / "autograd_pytorch.ipynb"
SHOTS = ROOT / "build" / "browser"
JUPYTER = Path(sys.executable).parent / "jupyter"
# Lab settings of a fresh user: no news toast over the screenshots.
LAB_SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    url: str
    token: str
    process: subprocess.Popen
    log: Path
    killed: list[str] = field(default_factory=list)  # what would not stop when asked to

    def api(self, path: str, method: str = "GET", timeout: float = 5) -> dict:
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else {}

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""


@contextlib.contextmanager
def jupyterlab(root_dir: Path, state: Path) -> Iterator[Lab]:
    """JupyterLab on 127.0.0.1 with a random token; shut down on exit, however the body ended."""
    dirs = {name: state / name for name in ("config", "data", "runtime", "settings", "workspaces")}
    for name, values in LAB_SETTINGS.items():
        path = dirs["settings"] / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env = {**os.environ,  # a fresh user: none of this machine's Jupyter config, kernels or settings
           "JUPYTER_CONFIG_DIR": str(dirs["config"]), "JUPYTER_DATA_DIR": str(dirs["data"]),
           "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]), "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
           "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    port, token = free_port(), secrets.token_hex(16)
    log = state / "jupyterlab.log"
    command = [str(JUPYTER), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
               f"--ServerApp.token={token}", f"--ServerApp.root_dir={root_dir}",
               "--ServerApp.allow_root=True",  # CI runs as root
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=root_dir, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    lab = Lab(f"http://127.0.0.1:{port}", token, process, log)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, f"JupyterLab exited with {process.returncode}:\n{lab.tail()}"
            with contextlib.suppress(OSError):
                lab.api("status", timeout=2)
                break
            assert time.monotonic() < deadline, f"JupyterLab did not answer within 120 s:\n{lab.tail()}"
            time.sleep(0.5)
        yield lab
    finally:
        shut_down(lab)


def shut_down(lab: Lab) -> None:
    """Ask JupyterLab to stop (it shuts its kernels down), then force whatever is left: the server's
    process group, and the kernels, which run in sessions of their own."""
    try:
        started = psutil.Process(lab.process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        started = []
    with contextlib.suppress(OSError):
        lab.api("shutdown", method="POST")
    try:
        lab.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        lab.killed.append(f"jupyter-lab {lab.process.pid}")
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(lab.process.pid, sig)
            try:
                lab.process.wait(timeout=10)
                break
            except subprocess.TimeoutExpired:
                continue
    _, alive = psutil.wait_procs(started, timeout=15)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            lab.killed.append(f"{process.pid} {' '.join(process.cmdline())[:120]}")
            process.kill()
    psutil.wait_procs(alive, timeout=10)


def released_copy(folder: Path) -> Path:
    """The released notebook, alone in JupyterLab's root, with FAST=True as CI runs notebooks."""
    folder.mkdir()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    [params] = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    params.source, found = re.subn(r"^FAST = .*$", "FAST = True", params.source, flags=re.MULTILINE)
    assert found == 1, f"the parameters cell should set FAST once: {params.source}"
    nbformat.write(nb, folder / NOTEBOOK.name)
    return folder / NOTEBOOK.name


def visible_tests(notebook: Path) -> list[int]:
    """Indices of the test cells of a release that hold code (hidden ones are a comment until grading)."""
    return [i for i, c in enumerate(nbformat.read(notebook, as_version=4).cells)
            if cells.is_test(c) and cells.has_code(c.source)]


def code_cells_until(notebook: Path, index: int) -> int:
    """How many code cells Run All executes when cell `index` raises."""
    return sum(c.cell_type == "code" for c in nbformat.read(notebook, as_version=4).cells[:index + 1])


def menu(page, top: str, item: str | None = None) -> list[str]:
    """Open a menu of the menu bar; click `item` in it, or return its items' labels."""
    page.locator(".lm-MenuBar-itemLabel").get_by_text(top, exact=True).click()
    labels = page.locator(".lm-Menu-itemLabel")
    if item is None:
        return labels.all_inner_texts()
    labels.get_by_text(item, exact=True).click()
    return []


def test_a_released_notebook_runs_in_jupyterlab_in_chromium_with_nbgrader(tmp_path):
    from playwright.sync_api import expect

    chromium = ensure_chromium()
    notebook = released_copy(tmp_path / "root")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with jupyterlab(notebook.parent, tmp_path) as lab, chromium_page(chromium, tmp_path / "profile") as page:
        try:
            page.goto(f"{lab.url}/lab/tree/{notebook.name}?token={lab.token}")
            panel = page.locator(".jp-NotebookPanel")
            # The status bar, not the toolbar's indicator, which says idle before the kernel exists.
            idle = page.locator(".jp-StatusBar-Widget").get_by_text("Python 3 (ipykernel) | Idle")
            expect(idle).to_be_visible(timeout=90_000)  # the kernel started and is connected

            menu(page, "Run", "Run All Cells")
            prompts = panel.locator(".jp-InputArea-prompt")
            expect(prompts.filter(has_text="[1]:").first).to_be_attached(timeout=60_000)  # it runs
            outputs = panel.locator(".jp-OutputArea-output")
            # JupyterLab stops at the first error: the first visible test, calling the unsolved stub.
            expect(outputs.filter(has_text="NotImplementedError").first).to_be_attached(timeout=120_000)
            expect(idle).to_be_visible(timeout=60_000)
            device = outputs.filter(has_text="device: ").first
            expect(device).to_contain_text("device: cpu")
            shown = [p.strip() for p in prompts.all_text_contents()]
            executed = [p for p in shown if p.startswith("[") and p != "[ ]:"]
            ran = code_cells_until(notebook, visible_tests(notebook)[0])
            assert executed == [f"[{i}]:" for i in range(1, ran + 1)], (
                f"expected code cells 1-{ran} to run, up to the first test cell; prompts: {shown}")
            for text, shot in (("device: ", "run_all_device.png"),
                               ("NotImplementedError", "run_all_error.png")):
                output = page.locator(".jp-OutputArea-output", has_text=text)
                cell = panel.locator(".jp-Cell").filter(has=output).first
                cell.evaluate("node => node.scrollIntoView({block: 'start'})")
                page.screenshot(path=SHOTS / shot)

            # nbgrader's extension: its toolbar button, its menu, and a real validation round trip.
            validate = panel.locator(".validate-button")
            expect(validate).to_contain_text("Validate")
            items = menu(page, "Nbgrader")
            assert {"Assignment List", "Formgrader"} <= set(items), f"Nbgrader menu: {items}"
            page.screenshot(path=SHOTS / "nbgrader_menu.png")
            page.keyboard.press("Escape")
            validate.locator("button").first.click()
            dialog = page.locator(".jp-Dialog")
            expect(dialog).to_contain_text("Validation Results", timeout=120_000)
            expect(dialog).to_contain_text("NotImplementedError")
            # Unlike Run All, validation runs the whole notebook: every visible test fails, none else.
            failed = dialog.text_content().count("The following cell failed")
            assert failed == len(visible_tests(notebook)), f"validation reported {failed} failed cells"
            page.screenshot(path=SHOTS / "nbgrader_validate.png")
            assert lab.api("kernels"), "the notebook's kernel should still be running"
        except Exception:
            with contextlib.suppress(Exception):
                page.screenshot(path=SHOTS / "failure.png")
            print(f"JupyterLab log:\n{lab.tail()}")
            raise
    assert lab.process.returncode is not None and not lab.killed, (
        f"JupyterLab did not stop cleanly when asked; had to kill: {lab.killed}")


def test_jupyterlab_and_its_kernels_are_shut_down_even_when_the_test_fails(tmp_path):
    (tmp_path / "root").mkdir()
    with pytest.raises(RuntimeError, match="the test failed"), \
            jupyterlab(tmp_path / "root", tmp_path) as lab:
        kernel = lab.api("kernels", method="POST", timeout=60)
        deadline = time.monotonic() + 60
        while not (kernels := psutil.Process(lab.process.pid).children(recursive=True)):
            assert time.monotonic() < deadline, "the kernel process did not appear"
            time.sleep(0.2)
        assert kernel["id"]
        raise RuntimeError("the test failed")
    assert lab.process.returncode is not None, "the JupyterLab server is still running"
    survivors = [k for k in kernels if k.is_running() and k.status() != psutil.STATUS_ZOMBIE]
    assert not survivors, f"orphan processes after the shutdown: {survivors}"
    assert not lab.killed, f"JupyterLab did not stop cleanly when asked; had to kill: {lab.killed}"
