# Right, another mechanism: keeps a clone of every parameter (the models here have no buffers) and
# restores them with copy_() under no_grad, instead of going through state dicts.
class EarlyStopper:
    """Stop when the validation loss has not improved for `patience` epochs; keep the best weights."""

    def __init__(self, patience, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = float("inf")
        self.best_epoch = -1
        self.best_parameters = []
        self.epochs_without_improvement = 0

    def update(self, epoch, val_loss, model):
        """Record one epoch's validation loss; return True when training should stop."""
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch = val_loss, epoch
            self.best_parameters = [p.detach().clone() for p in model.parameters()]
            self.epochs_without_improvement = 0
            return False
        self.epochs_without_improvement += 1
        return self.epochs_without_improvement == self.patience

    def restore(self, model):
        """Load the best weights seen so far into `model`."""
        with torch.no_grad():
            for parameter, best in zip(model.parameters(), self.best_parameters, strict=True):
                parameter.copy_(best)
