# Mistake: does not store the epoch and returns the scheduler's step count instead: the same number
# only while the scheduler is stepped exactly once per epoch and the caller counts the same way.
def save_checkpoint(path, model, optimizer, scheduler, epoch):
    """Write everything that decides the rest of training to one file at `path`."""
    checkpoint = {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                  "scheduler": scheduler.state_dict(), "rng": torch.get_rng_state()}
    if torch.cuda.is_available():
        checkpoint["cuda_rng"] = torch.cuda.get_rng_state_all()
    torch.save(checkpoint, path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore what save_checkpoint wrote; return the number of epochs already done."""
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    torch.set_rng_state(checkpoint["rng"])
    if "cuda_rng" in checkpoint:
        torch.cuda.set_rng_state_all(checkpoint["cuda_rng"])
    return scheduler.last_epoch
