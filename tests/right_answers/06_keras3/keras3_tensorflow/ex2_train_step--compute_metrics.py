# Right: updates the loss tracker by name, then lets compute_metrics update the compiled metrics
# and collect every result.
class StepModel(keras.Sequential):
    """A Sequential model whose training step is written out with a GradientTape."""

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        weights = self.trainable_weights
        grads = tape.gradient(loss, weights)
        self.optimizer.apply(grads, weights)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
        return self.compute_metrics(x, y, y_pred)
