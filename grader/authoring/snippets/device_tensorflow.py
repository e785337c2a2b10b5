# Seeds, device and versions. DEVICE="auto" picks a TPU (a TPUStrategy through TPUClusterResolver),
# then a GPU, then the CPU; "tpu", "gpu" or "cpu" is taken as asked, and fails clearly if missing.
# Build models and optimizers inside `with strategy.scope():` so the same code runs on all three.
import glob
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TF's C++ notices off stderr
import random

import keras
import numpy as np
import tensorflow as tf


def find_tpu() -> str | None:
    """The TPU for TPUClusterResolver: its name or address from the environment, "local" for a
    TPU attached to this machine (Colab's TPU runtimes), or None when there is no TPU."""
    if os.environ.get("TPU_NAME"):
        return os.environ["TPU_NAME"]
    if os.environ.get("COLAB_TPU_ADDR"):  # Colab's older TPU-node runtimes
        return "grpc://" + os.environ["COLAB_TPU_ADDR"]
    if glob.glob("/dev/accel*") or glob.glob("/dev/vfio/[0-9]*"):
        return "local"
    return None


def resolve_strategy(requested: str = "auto") -> tf.distribute.Strategy:
    """The tf.distribute strategy that DEVICE names; "auto" is the best one this machine has."""
    if requested not in ("auto", "tpu", "gpu", "cuda", "cpu"):
        raise ValueError(f"DEVICE={requested!r}: use 'auto', 'tpu', 'gpu' or 'cpu'")
    tpu = find_tpu() if requested in ("auto", "tpu") else None
    if requested == "tpu" and tpu is None:
        raise RuntimeError("DEVICE='tpu' but this machine has no TPU: on Colab pick "
                           "Runtime > Change runtime type > a TPU, or set DEVICE='auto'.")
    if tpu is not None:
        try:
            resolver = tf.distribute.cluster_resolver.TPUClusterResolver(tpu=tpu)
            tf.config.experimental_connect_to_cluster(resolver)
            tf.tpu.experimental.initialize_tpu_system(resolver)
            return tf.distribute.TPUStrategy(resolver)
        except Exception as exc:  # a TPU that cannot be reached: say so, and fall back under "auto"
            if requested == "tpu":
                raise RuntimeError(f"DEVICE='tpu' but the TPU {tpu!r} could not be initialised "
                                   f"({exc}); set DEVICE='auto' to fall back to GPU/CPU.") from exc
            print(f"TPU {tpu!r} found but not usable ({type(exc).__name__}: {exc}); using GPU/CPU")
    gpus = tf.config.list_logical_devices("GPU")
    if requested in ("gpu", "cuda") and not gpus:
        raise RuntimeError(f"DEVICE={requested!r} but TensorFlow sees no GPU: on Colab pick "
                           "Runtime > Change runtime type > a GPU, or set DEVICE='auto'.")
    if requested != "cpu" and gpus:
        return tf.distribute.OneDeviceStrategy(gpus[0].name)
    return tf.distribute.OneDeviceStrategy("/cpu:0")


random.seed(SEED)
np.random.seed(SEED)
keras.utils.set_random_seed(SEED)
strategy = resolve_strategy(DEVICE)
device = strategy.extended.worker_devices[0]
print(f"tensorflow {tf.__version__} | keras {keras.__version__} | numpy {np.__version__} | "
      f"device: {device} | {type(strategy).__name__}, {strategy.num_replicas_in_sync} replica(s)")
