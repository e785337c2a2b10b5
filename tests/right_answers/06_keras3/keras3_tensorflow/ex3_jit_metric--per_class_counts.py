# Right: two vectors instead of a confusion matrix: per class, the (weighted) number of examples
# and of correct predictions.
class BalancedAccuracy(keras.metrics.Metric):
    """Mean recall over the classes present in y_true, accumulated over batches (keras.ops only)."""

    def __init__(self, num_classes, name="balanced_accuracy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.num_classes = num_classes
        self.support = self.add_variable(shape=(num_classes,), initializer="zeros", name="support")
        self.correct = self.add_variable(shape=(num_classes,), initializer="zeros", name="correct")

    def update_state(self, y_true, y_pred, sample_weight=None):
        labels = ops.cast(ops.reshape(y_true, (-1,)), "int32")
        if sample_weight is None:
            weights = ops.ones_like(ops.cast(labels, "float32"))
        else:
            weights = ops.cast(ops.reshape(sample_weight, (-1,)), "float32")
        predicted = ops.cast(ops.argmax(y_pred, axis=-1), "int32")
        hits = ops.cast(ops.equal(labels, predicted), "float32") * weights
        one_hot = ops.one_hot(labels, self.num_classes)
        self.support.assign_add(ops.sum(one_hot * weights[:, None], axis=0))
        self.correct.assign_add(ops.sum(one_hot * hits[:, None], axis=0))

    def result(self):
        present = ops.greater(self.support, 0.0)
        recall = ops.where(present, self.correct / ops.maximum(self.support, 1e-12), 0.0)
        count = ops.sum(ops.cast(present, "float32"))
        return ops.where(count > 0, ops.sum(recall) / ops.maximum(count, 1.0), 0.0)
