# Wrong: ten classes hard-coded (the digits' count) instead of the metric's num_classes.
class BalancedAccuracy(keras.metrics.Metric):
    """Mean recall over the classes present in y_true, accumulated over batches (keras.ops only)."""

    def __init__(self, num_classes, name="balanced_accuracy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.num_classes = num_classes
        self.confusion = self.add_variable(shape=(10, 10), initializer="zeros",
                                           name="confusion")

    def update_state(self, y_true, y_pred, sample_weight=None):
        true = ops.one_hot(ops.cast(ops.reshape(y_true, (-1,)), "int32"), 10)
        predicted = ops.one_hot(ops.argmax(y_pred, axis=-1), 10)
        if sample_weight is not None:
            true = true * ops.reshape(ops.cast(sample_weight, true.dtype), (-1, 1))
        self.confusion.assign_add(ops.matmul(ops.transpose(true), predicted))

    def result(self):
        support = ops.sum(self.confusion, axis=1)
        recall = ops.divide_no_nan(ops.diagonal(self.confusion), support)
        present = ops.cast(support > 0, recall.dtype)
        return ops.divide_no_nan(ops.sum(recall * present), ops.sum(present))
