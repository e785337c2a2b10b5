# Wrong: NumPy on the tensor's values. It works on eager tensors, and fails on the symbolic
# inputs of a functional model (and inside any compiled graph).
class RMSNorm(keras.layers.Layer):
    """Root-mean-square normalisation over the last axis, with a learned scale (keras.ops only)."""

    def __init__(self, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = epsilon

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")

    def call(self, x):
        values = ops.convert_to_numpy(x)
        inverse_rms = 1.0 / np.sqrt(np.mean(values ** 2, axis=-1, keepdims=True) + self.epsilon)
        return x * ops.convert_to_tensor(inverse_rms.astype("float32")) * self.scale
