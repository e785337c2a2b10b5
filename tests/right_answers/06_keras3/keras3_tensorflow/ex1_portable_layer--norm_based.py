# Right: the mean of squares from the Euclidean norm, ||x||² / n, with the feature count kept
# from build().
class RMSNorm(keras.layers.Layer):
    """Root-mean-square normalisation over the last axis, with a learned scale (keras.ops only)."""

    def __init__(self, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = epsilon

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")
        self.features = input_shape[-1]

    def call(self, x):
        squared_norm = ops.square(ops.norm(x, axis=-1, keepdims=True))
        return x / ops.sqrt(squared_norm / self.features + self.epsilon) * self.scale
