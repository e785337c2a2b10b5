# Right: updates the loss tracker by name, then lets compute_metrics update the compiled metrics
# and collect every result; clears the gradients with set_to_none.
class StepModel(keras.Sequential):
    """A Sequential model whose training step is written out with PyTorch's autograd."""

    def train_step(self, data):
        x, y = data
        self.zero_grad(set_to_none=True)
        y_pred = self(x, training=True)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        loss.backward()
        weights = self.trainable_weights
        grads = [v.value.grad for v in weights]
        with torch.no_grad():
            self.optimizer.apply(grads, weights)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
        return self.compute_metrics(x, y, y_pred)
