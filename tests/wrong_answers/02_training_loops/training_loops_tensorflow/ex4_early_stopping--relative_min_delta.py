# Mistake: takes min_delta as a fraction of the best loss (val_loss < best_loss * (1 - min_delta))
# instead of an amount of loss: the two differ as soon as the best loss is not 1.
class EarlyStopper(keras.callbacks.Callback):
    """Stop when the validation loss has not improved for `patience` epochs; restore the best weights."""

    def __init__(self, patience, min_delta=0.0):
        super().__init__()
        self.patience = patience
        self.min_delta = min_delta

    def on_train_begin(self, logs=None):
        self.best_loss = math.inf
        self.best_epoch = -1
        self.best_weights = None
        self.bad_epochs = 0

    def on_epoch_end(self, epoch, logs=None):
        val_loss = logs["val_loss"]
        if val_loss < self.best_loss * (1 - self.min_delta):
            self.best_loss, self.best_epoch, self.bad_epochs = val_loss, epoch, 0
            self.best_weights = self.model.get_weights()
            return
        self.bad_epochs += 1
        if self.bad_epochs >= self.patience:
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.best_weights is not None:
            self.model.set_weights(self.best_weights)
