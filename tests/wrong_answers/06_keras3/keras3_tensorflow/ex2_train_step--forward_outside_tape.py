# Wrong: the forward pass runs before the tape starts recording, so the tape has no path from
# the weights to the loss and returns no gradients.
class StepModel(keras.Sequential):
    """A Sequential model whose training step is written out with a GradientTape."""

    def train_step(self, data):
        x, y = data
        y_pred = self(x, training=True)
        with tf.GradientTape() as tape:
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        weights = self.trainable_weights
        grads = tape.gradient(loss, weights)
        self.optimizer.apply(grads, weights)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {metric.name: metric.result() for metric in self.metrics}
