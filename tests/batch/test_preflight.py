"""The preflight's own messages, without a kernel: each cause gets the fix that applies to it."""

from __future__ import annotations

from grader.batch.preflight import import_failure

PYTHON = "/home/ta/venvs/course/bin/python"
SPEC = "/home/ta/venvs/course/share/jupyter/kernels/python3"
WHOM = "uid 60001"


def test_a_missing_module_names_the_interpreter_the_kernel_spec_and_the_fix():
    message = import_failure("ModuleNotFoundError: No module named 'ipykernel_launcher'", PYTHON, SPEC, WHOM)
    assert message.startswith("preflight: the grading kernel cannot start")
    assert PYTHON in message and SPEC in message and WHOM in message
    assert "No module named 'ipykernel_launcher'" in message and "chmod -R o+rX" in message


def test_bubblewrap_refused_by_a_container_is_not_blamed_on_the_environment():
    cause = "bwrap: Creating new namespace failed: Operation not permitted"
    message = import_failure(cause, PYTHON, SPEC, WHOM)
    assert cause in message and "--no-sandbox" in message and "docs/scale-out.md" in message
    assert "ipykernel" not in message, "a sandbox that cannot start says nothing about ipykernel"
