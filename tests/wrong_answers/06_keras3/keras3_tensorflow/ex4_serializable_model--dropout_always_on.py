# Wrong: dropout runs in inference too (training=True), so predictions are random.
class ResidualMLP(keras.Model):
    """inp → (dropout → block) + skip → relu → head, with Dense layers; serialisable on every backend."""

    def __init__(self, hidden=64, num_classes=10, dropout=0.1, **kwargs):
        super().__init__(**kwargs)
        self.hidden, self.num_classes, self.dropout = hidden, num_classes, dropout
        self.inp = keras.layers.Dense(hidden, activation="relu")
        self.drop = keras.layers.Dropout(dropout)
        self.block = keras.layers.Dense(hidden, activation="relu")
        self.head = keras.layers.Dense(num_classes)

    def call(self, x, training=False):
        h = self.inp(x)
        return self.head(ops.relu(h + self.block(self.drop(h, training=True))))

    def get_config(self):
        return {**super().get_config(), "hidden": self.hidden, "num_classes": self.num_classes,
                "dropout": self.dropout}


try:
    ResidualMLP = keras.saving.register_keras_serializable(package="lesson06")(ResidualMLP)
except NotImplementedError:
    pass  # not registered yet
