# Seeds, device and versions. DEVICE="auto" picks a TPU (TPUStrategy), then a GPU, then the CPU;
# "tpu", "gpu" or "cpu" is taken as asked. Build models inside `strategy.scope()`.
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TF's C++ notices off stderr
import random

import keras
import numpy as np
import tensorflow as tf


def tpu_present() -> bool:
    return bool(os.environ.get("TPU_NAME") or os.environ.get("COLAB_TPU_ADDR")
                or os.path.exists("/dev/accel0") or os.path.exists("/dev/vfio/0"))


def resolve_strategy(requested: str = "auto") -> tf.distribute.Strategy:
    if requested == "tpu" or (requested == "auto" and tpu_present()):
        try:
            resolver = tf.distribute.cluster_resolver.TPUClusterResolver()
            tf.config.experimental_connect_to_cluster(resolver)
            tf.tpu.experimental.initialize_tpu_system(resolver)
            return tf.distribute.TPUStrategy(resolver)
        except (ValueError, RuntimeError, tf.errors.NotFoundError) as exc:
            if requested == "tpu":
                raise RuntimeError(f"DEVICE='tpu' but no TPU could be reached ({exc}); "
                                   "on Colab pick a TPU runtime, or set DEVICE='auto'.") from exc
    gpus = tf.config.list_logical_devices("GPU")
    if requested in ("gpu", "cuda") and not gpus:
        raise RuntimeError(f"DEVICE={requested!r} but TensorFlow sees no GPU; set DEVICE='auto'.")
    if requested in ("auto", "gpu", "cuda") and gpus:
        return tf.distribute.OneDeviceStrategy(gpus[0].name)
    return tf.distribute.OneDeviceStrategy("/cpu:0")


random.seed(SEED)
np.random.seed(SEED)
keras.utils.set_random_seed(SEED)
strategy = resolve_strategy(DEVICE)
device = strategy.extended.worker_devices[0]
print(f"tensorflow {tf.__version__} | keras {keras.__version__} | numpy {np.__version__} | device: {device}")
