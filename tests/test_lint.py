"""ruff is clean on the package, the tests, the config and every notebook."""

import subprocess
import sys
from pathlib import Path

from grader.course.layout import find_root


def test_ruff_is_clean():
    ruff = Path(sys.executable).parent / "ruff"
    targets = ["grader", "tests", "solutions", "notebooks", "nbgrader_config.py"]
    result = subprocess.run([str(ruff), "check", *targets], cwd=find_root(), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
