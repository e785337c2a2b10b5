# Mistake: `<=` instead of `<`: a validation loss equal to the best one counts as an improvement, so
# a plateau resets the count forever and moves the best epoch along.
class EarlyStopper:
    """Stop when the validation loss has not improved for `patience` epochs; keep the best weights."""

    def __init__(self, patience, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = math.inf
        self.best_epoch = -1
        self.best_state = None
        self.bad_epochs = 0

    def update(self, epoch, val_loss, model):
        """Record one epoch's validation loss; return True when training should stop."""
        if val_loss <= self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch, self.bad_epochs = val_loss, epoch, 0
            self.best_state = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
            return False
        self.bad_epochs += 1
        return self.bad_epochs >= self.patience

    def restore(self, model):
        """Load the best weights seen so far into `model`."""
        model.load_state_dict(self.best_state)
