# Wrong: keeps the mean of each batch's balanced accuracy instead of accumulating counts,
# which differs as soon as batches differ in size or class mix.
class BalancedAccuracy(keras.metrics.Metric):
    """Mean recall over the classes present in y_true, accumulated over batches (keras.ops only)."""

    def __init__(self, num_classes, name="balanced_accuracy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.num_classes = num_classes
        self.total = self.add_variable(shape=(), initializer="zeros", name="total")
        self.batches = self.add_variable(shape=(), initializer="zeros", name="batches")

    def update_state(self, y_true, y_pred, sample_weight=None):
        true = ops.one_hot(ops.cast(ops.reshape(y_true, (-1,)), "int32"), self.num_classes)
        predicted = ops.one_hot(ops.argmax(y_pred, axis=-1), self.num_classes)
        if sample_weight is not None:
            true = true * ops.reshape(ops.cast(sample_weight, true.dtype), (-1, 1))
        confusion = ops.matmul(ops.transpose(true), predicted)
        support = ops.sum(confusion, axis=1)
        recall = ops.divide_no_nan(ops.diagonal(confusion), support)
        present = ops.cast(support > 0, recall.dtype)
        self.total.assign_add(ops.divide_no_nan(ops.sum(recall * present), ops.sum(present)))
        self.batches.assign_add(1.0)

    def result(self):
        return ops.divide_no_nan(self.total, self.batches)
