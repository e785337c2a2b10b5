# Wrong: NumPy on the tensors' values. It works eagerly, and fails inside tf.function, where a
# tensor has no value (and so inside a compiled fit).
class BalancedAccuracy(keras.metrics.Metric):
    """Mean recall over the classes present in y_true, accumulated over batches (keras.ops only)."""

    def __init__(self, num_classes, name="balanced_accuracy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.num_classes = num_classes
        self.confusion = self.add_variable(shape=(num_classes, num_classes), initializer="zeros",
                                           name="confusion")

    def update_state(self, y_true, y_pred, sample_weight=None):
        true = ops.convert_to_numpy(y_true).astype(int).ravel()
        predicted = ops.convert_to_numpy(y_pred).argmax(axis=-1)
        if sample_weight is None:
            weights = np.ones(len(true), np.float32)
        else:
            weights = ops.convert_to_numpy(sample_weight)
        counts = np.zeros((self.num_classes, self.num_classes), np.float32)
        np.add.at(counts, (true, predicted), weights)
        self.confusion.assign_add(counts)

    def result(self):
        support = ops.sum(self.confusion, axis=1)
        recall = ops.divide_no_nan(ops.diagonal(self.confusion), support)
        present = ops.cast(support > 0, recall.dtype)
        return ops.divide_no_nan(ops.sum(recall * present), ops.sum(present))
