# Right, another style: copy.deepcopy of the state dict as the snapshot, None as "no best yet",
# and a `wait` counter.
import copy


class EarlyStopper:
    """Stop when the validation loss has not improved for `patience` epochs; keep the best weights."""

    def __init__(self, patience, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = None
        self.best_epoch = None
        self.snapshot = None
        self.wait = 0

    def update(self, epoch, val_loss, model):
        """Record one epoch's validation loss; return True when training should stop."""
        if self.best_loss is None or val_loss < self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch, self.wait = val_loss, epoch, 0
            self.snapshot = copy.deepcopy(model.state_dict())
        else:
            self.wait += 1
        return self.wait >= self.patience

    def restore(self, model):
        """Load the best weights seen so far into `model`."""
        model.load_state_dict(self.snapshot)
