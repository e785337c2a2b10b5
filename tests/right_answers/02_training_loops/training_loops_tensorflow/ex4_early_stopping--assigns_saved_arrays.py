# Right, another mechanism: keeps NumPy copies of the weight variables and assigns them back one by
# one, instead of get_weights / set_weights; None means "no best yet".
class EarlyStopper(keras.callbacks.Callback):
    """Stop when the validation loss has not improved for `patience` epochs; restore the best weights."""

    def __init__(self, patience, min_delta=0.0):
        super().__init__()
        self.patience = patience
        self.min_delta = min_delta

    def on_train_begin(self, logs=None):
        self.best_loss, self.best_epoch, self.saved, self.wait = None, None, None, 0

    def on_epoch_end(self, epoch, logs=None):
        current = logs["val_loss"]
        if self.best_loss is None or current < self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch, self.wait = current, epoch, 0
            self.saved = [w.numpy().copy() for w in self.model.weights]
        else:
            self.wait += 1
            if self.wait >= self.patience:
                self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.saved is not None:
            for weight, value in zip(self.model.weights, self.saved, strict=True):
                weight.assign(value)
