# Wrong: epsilon is added after the square root, x / (rms + eps), not inside it.
# Only inputs with a small RMS show it, as in the hidden tests.
class RMSNorm(keras.layers.Layer):
    """Root-mean-square normalisation over the last axis, with a learned scale (keras.ops only)."""

    def __init__(self, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = epsilon

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")

    def call(self, x):
        rms = ops.sqrt(ops.mean(ops.square(x), axis=-1, keepdims=True))
        return x / (rms + self.epsilon) * self.scale
