# Wrong: the mean of squares is taken over the batch axis (axis=0), not the last one.
class RMSNorm(keras.layers.Layer):
    """Root-mean-square normalisation over the last axis, with a learned scale (keras.ops only)."""

    def __init__(self, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = epsilon

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")

    def call(self, x):
        mean_square = ops.mean(ops.square(x), axis=0, keepdims=True)
        return x * ops.rsqrt(mean_square + self.epsilon) * self.scale
