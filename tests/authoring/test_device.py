"""DEVICE resolution, as the notebooks run it: each setup-device snippet is executed as the cell it
is (with SEED and DEVICE set, as the parameters cell does), then its resolving function is called
with every kind of hardware faked, since this machine has only a CPU.

PyTorch: CUDA, then a TPU when torch_xla is installed, then Apple's MPS, then the CPU.
TensorFlow: a TPUStrategy through TPUClusterResolver, then a GPU, then the CPU.
An explicit request for a device that is missing fails with a message saying what to do.
"""

from __future__ import annotations

import contextlib
import fnmatch
import importlib.machinery
import io
import re
import sys
import types

import pytest

from grader.authoring.opening import snippet


def run_cell(name: str, device: str) -> tuple[dict, str]:
    """Execute a setup snippet as its notebook cell; returns its namespace and what it printed."""
    namespace = {"SEED": 0, "DEVICE": device, "__name__": "__main__"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(snippet(name), f"grader/authoring/snippets/{name}.py", "exec"), namespace)
    return namespace, printed.getvalue()


def fake_module(name: str, **attributes) -> types.ModuleType:
    """A module that importlib finds in sys.modules, as if installed."""
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, loader=None)
    module.__dict__.update(attributes)
    return module


def attached_tpu(monkeypatch, namespace: dict, tpu_env=None, tpu_files=()) -> None:
    """What a cell's TPU detection sees: these environment variables and these /dev files only."""
    for var in ("TPU_NAME", "COLAB_TPU_ADDR"):
        monkeypatch.delenv(var, raising=False)
    for var, value in (tpu_env or {}).items():
        monkeypatch.setenv(var, value)
    files = list(tpu_files)
    fake_glob = types.SimpleNamespace(glob=lambda pattern: fnmatch.filter(files, pattern))
    monkeypatch.setitem(namespace, "glob", fake_glob)


# --------------------------------------------------------------------------- PyTorch


@pytest.fixture(scope="module")
def torch_cell():
    return run_cell("device_pytorch", "cpu")


@pytest.fixture
def torch_machine(torch_cell, monkeypatch):
    """Set what this fake machine has: machine(cuda=…, mps=…, xla=…, tpu_files=…); returns
    resolve_device."""
    import torch

    def machine(cuda=False, mps=False, xla=False, tpu_files=()):
        attached_tpu(monkeypatch, torch_cell[0], tpu_files=tpu_files)
        monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
        monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)
        # None in sys.modules makes find_spec report torch_xla as not installed, whatever is here.
        xla_module = fake_module("torch_xla", device=lambda: "xla:0") if xla else None
        monkeypatch.setitem(sys.modules, "torch_xla", xla_module)
        return torch_cell[0]["resolve_device"]

    return machine


def test_the_pytorch_cell_prints_the_device_it_uses(torch_cell):
    namespace, printed = torch_cell
    assert str(namespace["device"]) == "cpu"
    assert printed.startswith("torch ") and printed.rstrip().endswith("device: cpu"), printed


@pytest.mark.parametrize("cuda, xla, mps, expected", [
    (True, True, True, "cuda"),     # CUDA first, even with torch_xla installed
    (False, True, True, "xla:0"),   # then a TPU, only when torch_xla is installed
    (False, False, True, "mps"),    # then Apple's MPS
    (False, False, False, "cpu"),   # then the CPU
], ids=["cuda", "tpu", "mps", "cpu"])
def test_pytorch_auto_prefers_cuda_then_tpu_then_mps_then_cpu(torch_machine, cuda, xla, mps, expected):
    resolve_device = torch_machine(cuda=cuda, mps=mps, xla=xla)
    assert str(resolve_device("auto")) == expected
    assert str(resolve_device()) == expected, "auto is the default"


@pytest.mark.parametrize("requested, expected", [
    ("cpu", "cpu"), ("cuda", "cuda"), ("cuda:1", "cuda:1"), ("mps", "mps"), ("tpu", "xla:0"),
])
def test_pytorch_takes_an_available_device_as_asked(torch_machine, requested, expected):
    resolve_device = torch_machine(cuda=True, mps=True, xla=True)
    assert str(resolve_device(requested)) == expected


def test_pytorch_cpu_when_asked_even_if_a_gpu_is_there(torch_machine):
    assert str(torch_machine(cuda=True, xla=True)("cpu")) == "cpu"


@pytest.mark.parametrize("requested, message", [
    ("tpu", "needs torch_xla, which is not installed"),
    ("cuda", "torch sees no CUDA GPU"),
    ("cuda:0", "torch sees no CUDA GPU"),
    ("mps", "MPS is not available"),
])
def test_pytorch_explains_a_missing_device(torch_machine, requested, message):
    resolve_device = torch_machine()
    with pytest.raises(RuntimeError, match=message) as raised:
        resolve_device(requested)
    assert "DEVICE='auto'" in str(raised.value), "the message should offer the way out"


def test_pytorch_tpu_message_says_how_to_get_torch_xla_for_this_torch(torch_machine):
    import torch

    version = torch.__version__.split("+")[0]
    with pytest.raises(RuntimeError, match=re.escape(f"pip install 'torch_xla[tpu]=={version}'")):
        torch_machine(cuda=True)("tpu")


@pytest.mark.parametrize("tpu_file", ["/dev/accel0", "/dev/vfio/0"])
def test_pytorch_auto_on_a_tpu_without_torch_xla_uses_the_cpu_and_says_why(torch_machine, capsys, tpu_file):
    assert str(torch_machine(tpu_files=[tpu_file])("auto")) == "cpu"
    assert "A TPU is attached, but PyTorch reaches it only through torch_xla: run `pip install" in (
        capsys.readouterr().out)


def test_pytorch_auto_says_nothing_without_a_tpu(torch_machine, capsys):
    assert str(torch_machine(tpu_files=["/dev/vfio/vfio"])("auto")) == "cpu"
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("requested", ["gpu", "GPU", "xla", "", "cuda0"])
def test_pytorch_rejects_unknown_names_listing_the_valid_ones(torch_machine, requested):
    with pytest.raises(ValueError, match="use 'auto', 'cuda', 'cuda:N', 'tpu', 'mps' or 'cpu'"):
        torch_machine(cuda=True)(requested)


# --------------------------------------------------------------------------- TensorFlow


@pytest.fixture(scope="module")
def tf_cell():
    """The TensorFlow cell, run once: importing TensorFlow costs seconds."""
    return run_cell("device_tensorflow", "cpu")


class FakeTPU:
    """Stands in for TPUClusterResolver, connect, initialize and TPUStrategy; records the calls."""

    def __init__(self, fails: bool = False):
        self.fails, self.calls = fails, []

    def resolver(self, tpu=None):
        self.calls.append(("resolve", tpu))
        if self.fails:
            raise ValueError("Please provide a TPU Name to connect to.")
        return ("resolver", tpu)

    def connect(self, resolver):
        self.calls.append(("connect", resolver))

    def initialize(self, resolver):
        self.calls.append(("initialize", resolver))

    def strategy(self, resolver):
        self.calls.append(("strategy", resolver))
        return types.SimpleNamespace(kind="TPUStrategy", resolver=resolver)


@pytest.fixture
def tf_machine(tf_cell, monkeypatch):
    """Set what this fake machine has: machine(tpu_env=…, tpu_files=…, gpus=…, tpu_fails=…);
    returns (resolve_strategy, the FakeTPU that records what was called)."""
    import tensorflow as tf

    namespace = tf_cell[0]

    def machine(tpu_env=None, tpu_files=(), gpus=0, tpu_fails=False):
        attached_tpu(monkeypatch, namespace, tpu_env, tpu_files)
        fake = FakeTPU(fails=tpu_fails)
        monkeypatch.setattr(tf.distribute.cluster_resolver, "TPUClusterResolver", fake.resolver)
        monkeypatch.setattr(tf.config, "experimental_connect_to_cluster", fake.connect)
        monkeypatch.setattr(tf.tpu.experimental, "initialize_tpu_system", fake.initialize)
        monkeypatch.setattr(tf.distribute, "TPUStrategy", fake.strategy)
        real = tf.config.list_logical_devices
        fake_gpus = [types.SimpleNamespace(name=f"/device:GPU:{i}", device_type="GPU") for i in range(gpus)]
        monkeypatch.setattr(tf.config, "list_logical_devices",
                            lambda kind=None: fake_gpus if kind == "GPU" else real(kind))
        return namespace["resolve_strategy"], fake

    return machine


def placed_on(strategy) -> str:
    return strategy.extended.worker_devices[0].rsplit("/", 1)[-1]


def test_the_tensorflow_cell_prints_the_device_and_strategy_it_uses(tf_cell):
    namespace, printed = tf_cell
    assert placed_on(namespace["strategy"]) == "device:CPU:0"
    assert printed.startswith("tensorflow "), printed
    assert "device: /job:localhost/replica:0/task:0/device:CPU:0" in printed, printed
    assert "OneDeviceStrategy, 1 replica(s)" in printed, printed


@pytest.mark.parametrize("env, files, expected", [
    ({}, (), None),
    ({"TPU_NAME": "my-tpu"}, (), "my-tpu"),
    ({"COLAB_TPU_ADDR": "10.0.0.2:8470"}, (), "grpc://10.0.0.2:8470"),
    ({}, ("/dev/accel0",), "local"),            # TPU VM, v2 to v4
    ({}, ("/dev/vfio/0",), "local"),            # TPU VM, v5e and later
    ({}, ("/dev/vfio/vfio",), None),            # VFIO's control node alone is no TPU
    ({"TPU_NAME": "my-tpu"}, ("/dev/accel0",), "my-tpu"),
], ids=["none", "tpu-name", "colab-tpu-node", "accel", "vfio", "vfio-control-only", "name-wins"])
def test_find_tpu_reads_the_environment_then_the_attached_devices(tf_machine, tf_cell, env, files, expected):
    tf_machine(tpu_env=env, tpu_files=files)
    assert tf_cell[0]["find_tpu"]() == expected


def test_tensorflow_auto_builds_a_tpu_strategy_through_the_cluster_resolver(tf_machine):
    resolve_strategy, fake = tf_machine(tpu_files=["/dev/accel0"], gpus=1)
    strategy = resolve_strategy("auto")
    assert strategy.kind == "TPUStrategy", "a TPU comes first, before a GPU"
    resolver = ("resolver", "local")
    assert fake.calls == [("resolve", "local"), ("connect", resolver), ("initialize", resolver),
                          ("strategy", resolver)]


@pytest.mark.parametrize("gpus, expected", [(2, "device:GPU:0"), (0, "device:CPU:0")])
def test_tensorflow_auto_without_tpu_uses_a_gpu_then_the_cpu(tf_machine, gpus, expected):
    resolve_strategy, fake = tf_machine(gpus=gpus)
    strategy = resolve_strategy()
    assert type(strategy).__name__ == "OneDeviceStrategy" and placed_on(strategy) == expected
    assert fake.calls == [], "no TPU: TPUClusterResolver must not be asked (it would look for a cloud TPU)"


def test_tensorflow_auto_falls_back_when_the_tpu_cannot_be_reached(tf_machine, capsys):
    resolve_strategy, fake = tf_machine(tpu_env={"TPU_NAME": "gone"}, gpus=1, tpu_fails=True)
    assert placed_on(resolve_strategy("auto")) == "device:GPU:0"
    assert "TPU 'gone' found but not usable (ValueError" in capsys.readouterr().out


@pytest.mark.parametrize("requested, expected", [("gpu", "device:GPU:0"), ("cuda", "device:GPU:0"),
                                                 ("cpu", "device:CPU:0")])
def test_tensorflow_takes_a_device_as_asked_even_with_a_tpu_there(tf_machine, requested, expected):
    resolve_strategy, fake = tf_machine(tpu_files=["/dev/accel0"], gpus=1)
    assert placed_on(resolve_strategy(requested)) == expected
    assert fake.calls == []


def test_tensorflow_tpu_as_asked(tf_machine):
    resolve_strategy, fake = tf_machine(tpu_env={"TPU_NAME": "my-tpu"})
    assert resolve_strategy("tpu").kind == "TPUStrategy"
    assert fake.calls[0] == ("resolve", "my-tpu")


@pytest.mark.parametrize("requested, machine, message", [
    ("tpu", {}, "this machine has no TPU"),
    ("tpu", {"tpu_env": {"TPU_NAME": "gone"}, "tpu_fails": True}, "the TPU 'gone' could not be initialised"),
    ("gpu", {}, "TensorFlow sees no GPU"),
    ("cuda", {}, "TensorFlow sees no GPU"),
])
def test_tensorflow_explains_a_missing_device(tf_machine, requested, machine, message):
    resolve_strategy, fake = tf_machine(**machine)
    with pytest.raises(RuntimeError, match=message) as raised:
        resolve_strategy(requested)
    assert "DEVICE='auto'" in str(raised.value), "the message should offer the way out"


@pytest.mark.parametrize("requested", ["mps", "GPU", "", "/gpu:0"])
def test_tensorflow_rejects_unknown_names_listing_the_valid_ones(tf_machine, requested):
    resolve_strategy, _ = tf_machine(gpus=1)
    with pytest.raises(ValueError, match="use 'auto', 'tpu', 'gpu' or 'cpu'"):
        resolve_strategy(requested)


def test_a_model_built_in_the_strategy_scope_trains_on_the_resolved_device(tf_cell):
    """The notebooks' pattern: build and compile under `strategy.scope()`, then fit as usual."""
    import keras
    import numpy as np

    strategy = tf_cell[0]["strategy"]
    with strategy.scope():
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
        model.compile(optimizer="sgd", loss="mse")
    placed = [v.value.device for v in model.weights]
    assert placed and all(d.endswith("CPU:0") for d in placed), placed
    X, y = np.ones((8, 4), "float32"), np.zeros((8, 1), "float32")
    history = model.fit(X, y, epochs=1, batch_size=4, verbose=0)
    assert np.isfinite(history.history["loss"][0])
