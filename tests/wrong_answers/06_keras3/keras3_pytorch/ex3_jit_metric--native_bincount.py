# Wrong: torch.bincount builds the confusion matrix. It compiles here and fails where PyTorch is
# not (the hidden tests run the cell under TensorFlow).
class BalancedAccuracy(keras.metrics.Metric):
    """Mean recall over the classes present in y_true, accumulated over batches (keras.ops only)."""

    def __init__(self, num_classes, name="balanced_accuracy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.num_classes = num_classes
        self.confusion = self.add_variable(shape=(num_classes, num_classes), initializer="zeros",
                                           name="confusion")

    def update_state(self, y_true, y_pred, sample_weight=None):
        true = ops.cast(ops.reshape(y_true, (-1,)), "int64")
        predicted = ops.cast(ops.argmax(y_pred, axis=-1), "int64")
        weights = None if sample_weight is None else ops.cast(sample_weight, "float32")
        cells = true * self.num_classes + predicted
        counts = torch.bincount(cells, weights=weights, minlength=self.num_classes ** 2)
        counts = ops.reshape(ops.cast(counts, "float32"), (self.num_classes, self.num_classes))
        self.confusion.assign_add(counts)

    def result(self):
        support = ops.sum(self.confusion, axis=1)
        recall = ops.divide_no_nan(ops.diagonal(self.confusion), support)
        present = ops.cast(support > 0, recall.dtype)
        return ops.divide_no_nan(ops.sum(recall * present), ops.sum(present))
