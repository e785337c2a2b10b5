# Wrong: plain SGD by hand on the weights (v - 0.01 g) instead of the model's optimizer.
class StepModel(keras.Sequential):
    """A Sequential model whose training step is written out with a GradientTape."""

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        weights = self.trainable_weights
        grads = tape.gradient(loss, weights)
        for v, g in zip(weights, grads, strict=True):
            v.assign(v - 0.01 * g)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {metric.name: metric.result() for metric in self.metrics}
