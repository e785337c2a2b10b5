"""What a preloaded-kernel server may import ahead of a notebook (`preload_plan`): in-memory
notebooks, no kernel. The servers themselves are run in test_sandboxed_execute and test_batch."""

from __future__ import annotations

from nbformat.v4 import new_code_cell

from grader.batch.zygote import PreloadPlan, preload_plan
from tests.notebooks import notebook


def plan(*sources: str) -> PreloadPlan:
    return preload_plan(notebook(*(new_code_cell(s) for s in sources)))


def test_heavy_imports_are_preloaded_in_the_notebooks_order_and_light_ones_are_left():
    found = plan("import os\nimport numpy as np", "import torch\nfrom torch import nn\nimport json",
                 "from sklearn.datasets import load_digits")
    assert found == PreloadPlan((), ("numpy", "torch", "sklearn.datasets"))


def test_literal_environment_settings_before_an_import_are_done_first_and_in_order():
    found = plan('import os\nos.environ["KERAS_BACKEND"] = "torch"\n'
                 'os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")', "import keras")
    assert found.env == (("KERAS_BACKEND", "torch", False), ("TF_CPP_MIN_LOG_LEVEL", "2", True))
    assert found.modules == ("keras",)


def test_settings_after_the_last_preloaded_import_are_left_to_the_notebook():
    found = plan("import torch", 'import os\nos.environ["LATE"] = "1"')
    assert found == PreloadPlan((), ("torch",))


def test_a_computed_environment_change_stops_the_plan_before_the_imports_it_could_change():
    found = plan("import numpy", 'import os\nos.environ["KERAS_BACKEND"] = os.getenv("B", "jax")',
                 "import keras")
    assert found == PreloadPlan((), ("numpy",))


def test_a_path_change_stops_the_plan():
    assert plan("import sys\nsys.path.insert(0, 'vendored')", "import torch") == PreloadPlan()
    assert plan("import os\nos.chdir('elsewhere')", "import torch") == PreloadPlan()


def test_a_magic_or_a_shell_line_stops_the_plan():
    assert plan("!pip install torch==2.0", "import torch") == PreloadPlan()
    assert plan("import numpy", "%env KERAS_BACKEND=jax", "import keras").modules == ("numpy",)


def test_a_function_body_runs_nothing_at_definition_and_does_not_stop_the_plan():
    found = plan("import os\ndef device():\n    return os.environ.get('DEVICE', 'cpu')", "import torch")
    assert found.modules == ("torch",)


def test_a_relative_import_is_not_preloaded():
    assert plan("from .torch import thing").modules == ()
