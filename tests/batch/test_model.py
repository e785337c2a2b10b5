"""Every grading default has one source, Limits: the CLI, stock nbgrader's config and the sandbox agree."""

from __future__ import annotations

from traitlets.config.loader import PyFileConfigLoader

from grader.batch.model import Limits
from grader.batch.sandbox import SandboxKernelManager
from grader.cli import build_parser
from tests.conftest import ROOT


def test_the_cli_defaults_are_the_limits():
    args = build_parser().parse_args(["autograde", "x", "--assignment", "01_autograd"])
    limits = Limits()
    assert (args.cell_timeout, args.notebook_timeout, args.memory_limit, args.output_limit) == (
        limits.cell_timeout, limits.notebook_timeout, limits.memory_mb, limits.output_bytes)


def test_stock_nbgrader_and_the_sandbox_use_the_same_timeouts():
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    assert config.Execute.timeout == Limits().cell_timeout
    assert SandboxKernelManager().notebook_timeout == Limits().notebook_timeout
