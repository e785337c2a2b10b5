# Right: divides by ops.sqrt instead of multiplying by ops.rsqrt, and initialises the scale
# with an initializer object.
class RMSNorm(keras.layers.Layer):
    """Root-mean-square normalisation over the last axis, with a learned scale (keras.ops only)."""

    def __init__(self, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = epsilon

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), name="scale",
                                     initializer=keras.initializers.Ones())

    def call(self, x):
        rms = ops.sqrt(ops.mean(x * x, axis=-1, keepdims=True) + self.epsilon)
        return self.scale * (x / rms)
