# Wrong: tf.math.confusion_matrix builds the counts. It compiles here and fails where TensorFlow
# is not (the hidden tests run the cell under PyTorch).
class BalancedAccuracy(keras.metrics.Metric):
    """Mean recall over the classes present in y_true, accumulated over batches (keras.ops only)."""

    def __init__(self, num_classes, name="balanced_accuracy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.num_classes = num_classes
        self.confusion = self.add_variable(shape=(num_classes, num_classes), initializer="zeros",
                                           name="confusion")

    def update_state(self, y_true, y_pred, sample_weight=None):
        counts = tf.math.confusion_matrix(tf.reshape(y_true, (-1,)), tf.argmax(y_pred, axis=-1),
                                          num_classes=self.num_classes, weights=sample_weight,
                                          dtype=tf.float32)
        self.confusion.assign_add(counts)

    def result(self):
        support = ops.sum(self.confusion, axis=1)
        recall = ops.divide_no_nan(ops.diagonal(self.confusion), support)
        present = ops.cast(support > 0, recall.dtype)
        return ops.divide_no_nan(ops.sum(recall * present), ops.sum(present))
