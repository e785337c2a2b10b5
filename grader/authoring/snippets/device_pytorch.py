# Seeds, device and versions. DEVICE="auto" picks CUDA, then a TPU (only when torch_xla is
# installed: without it, a note says how to get it), then Apple's MPS, then the CPU.
# "cpu", "cuda", "cuda:1", "mps" or "tpu" is taken as asked, and fails clearly if it is missing.
import glob
import os
import random
from importlib.util import find_spec

import numpy as np
import torch


def tpu_attached() -> bool:
    """A TPU on this machine: Colab's TPU runtimes expose /dev/accel* or /dev/vfio/N."""
    return bool(os.environ.get("TPU_NAME") or glob.glob("/dev/accel*") or glob.glob("/dev/vfio/[0-9]*"))


def resolve_device(requested: str = "auto") -> torch.device:
    """The torch.device that DEVICE names; "auto" is the best one this machine has."""
    kind = requested.split(":")[0]
    if kind not in ("auto", "cuda", "tpu", "mps", "cpu"):
        raise ValueError(f"DEVICE={requested!r}: use 'auto', 'cuda', 'cuda:N', 'tpu', 'mps' or 'cpu'")
    has_xla = find_spec("torch_xla") is not None
    get_xla = f"pip install 'torch_xla[tpu]=={torch.__version__.split('+')[0]}'"  # same version as torch
    if kind == "auto":
        kind = requested = ("cuda" if torch.cuda.is_available() else "tpu" if has_xla
                            else "mps" if torch.backends.mps.is_available() else "cpu")
        if kind == "cpu" and tpu_attached():
            print(f"A TPU is attached, but PyTorch reaches it only through torch_xla: run `{get_xla}` "
                  "and restart to use it. Using the CPU for now.")
    if kind == "tpu":
        if not has_xla:
            raise RuntimeError(f"DEVICE='tpu' needs torch_xla, which is not installed: on a TPU runtime "
                               f"run `{get_xla}` and restart, or set DEVICE='auto'.")
        import torch_xla

        return torch_xla.device()
    if kind == "cuda" and not torch.cuda.is_available():
        raise RuntimeError(f"DEVICE={requested!r} but torch sees no CUDA GPU: on Colab pick "
                           "Runtime > Change runtime type > a GPU, or set DEVICE='auto'.")
    if kind == "mps" and not torch.backends.mps.is_available():
        raise RuntimeError("DEVICE='mps' but Apple's MPS is not available here; set DEVICE='auto'.")
    return torch.device(requested)


random.seed(SEED)
np.random.seed(SEED)
torch.manual_seed(SEED)  # seeds every device, CUDA included
device = resolve_device(DEVICE)
print(f"torch {torch.__version__} | numpy {np.__version__} | device: {device}"
      + (f" ({torch.cuda.get_device_name(device)})" if device.type == "cuda" else ""))
