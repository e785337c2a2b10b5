# Seeds, device and versions. DEVICE="auto" picks CUDA, then a TPU (torch_xla), then Apple MPS,
# then the CPU; any torch device string ("cpu", "cuda:1", "mps") or "tpu" is taken as asked.
import importlib.util
import random

import numpy as np
import torch


def resolve_device(requested: str = "auto") -> torch.device:
    if requested == "tpu" or (requested == "auto" and not torch.cuda.is_available()
                              and importlib.util.find_spec("torch_xla") is not None):
        if importlib.util.find_spec("torch_xla") is None:
            raise RuntimeError("DEVICE='tpu' needs torch_xla: on Colab pick a TPU runtime, "
                               "or set DEVICE='auto' to fall back to GPU/CPU.")
        import torch_xla.core.xla_model as xm
        return xm.xla_device()
    if requested != "auto":
        return torch.device(requested)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


random.seed(SEED)
np.random.seed(SEED)
torch.manual_seed(SEED)
device = resolve_device(DEVICE)
print(f"torch {torch.__version__} | numpy {np.__version__} | device: {device}")
