# Wrong: updates with the notebook's global `optimizer` (section 3's) instead of the model's
# own self.optimizer.
class StepModel(keras.Sequential):
    """A Sequential model whose training step is written out with a GradientTape."""

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        weights = self.trainable_weights
        grads = tape.gradient(loss, weights)
        optimizer.apply(grads, weights)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {metric.name: metric.result() for metric in self.metrics}
