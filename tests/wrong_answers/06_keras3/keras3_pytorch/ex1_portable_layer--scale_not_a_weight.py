# Wrong: the scale is a constant tensor, not a trainable weight made with add_weight.
class RMSNorm(keras.layers.Layer):
    """Root-mean-square normalisation over the last axis, with a learned scale (keras.ops only)."""

    def __init__(self, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = epsilon

    def build(self, input_shape):
        self.scale = ops.ones((input_shape[-1],))

    def call(self, x):
        mean_square = ops.mean(ops.square(x), axis=-1, keepdims=True)
        return x * ops.rsqrt(mean_square + self.epsilon) * self.scale
