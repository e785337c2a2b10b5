# Wrong: returns this batch's loss instead of the loss tracker's running mean, so fit's
# history reports the last batch of the epoch, not the epoch.
class StepModel(keras.Sequential):
    """A Sequential model whose training step is written out with PyTorch's autograd."""

    def train_step(self, data):
        x, y = data
        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        loss.backward()
        weights = self.trainable_weights
        grads = [v.value.grad for v in weights]
        with torch.no_grad():
            self.optimizer.apply(grads, weights)
        logs = {}
        for metric in self.metrics:
            if metric.name != "loss":
                metric.update_state(y, y_pred)
                logs[metric.name] = metric.result()
        return {"loss": loss, **logs}
