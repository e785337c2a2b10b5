# Right, another style: np.less for the comparison, a counter of epochs since the best one, and the
# state reset through a helper that on_train_begin calls.
class EarlyStopper(keras.callbacks.Callback):
    """Stop when the validation loss has not improved for `patience` epochs; restore the best weights."""

    def __init__(self, patience, min_delta=0.0):
        super().__init__()
        self.patience = patience
        self.min_delta = min_delta
        self._reset()

    def _reset(self):
        self.best_loss = np.inf
        self.best_epoch = 0
        self.best_weights = []
        self.since_best = 0

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        if np.less(logs["val_loss"], self.best_loss - self.min_delta):
            self.best_loss, self.best_epoch, self.since_best = logs["val_loss"], epoch, 0
            self.best_weights = [np.array(w) for w in self.model.get_weights()]
        else:
            self.since_best += 1
        self.model.stop_training = self.model.stop_training or self.since_best >= self.patience

    def on_train_end(self, logs=None):
        if self.best_weights:
            self.model.set_weights(self.best_weights)
