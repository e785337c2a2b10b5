# Mistake: snapshots the notebook's `model` instead of the model passed to update() (whose parameter
# it named `net`): restore() then loads the wrong weights.
class EarlyStopper:
    """Stop when the validation loss has not improved for `patience` epochs; keep the best weights."""

    def __init__(self, patience, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = math.inf
        self.best_epoch = -1
        self.best_state = None
        self.bad_epochs = 0

    def update(self, epoch, val_loss, net):
        """Record one epoch's validation loss; return True when training should stop."""
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch, self.bad_epochs = val_loss, epoch, 0
            self.best_state = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
            return False
        self.bad_epochs += 1
        return self.bad_epochs >= self.patience

    def restore(self, net):
        """Load the best weights seen so far into `net`."""
        net.load_state_dict(self.best_state)
