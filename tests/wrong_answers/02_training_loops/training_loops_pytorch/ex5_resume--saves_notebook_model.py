# Mistake: saves the notebook's `model` (the one trained in section 6) instead of the model passed
# in, whose parameter it named `net`: the resumed run starts from the wrong weights.
def save_checkpoint(path, net, optimizer, scheduler, epoch):
    """Write everything that decides the rest of training to one file at `path`."""
    checkpoint = {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                  "scheduler": scheduler.state_dict(), "epoch": epoch, "rng": torch.get_rng_state()}
    if torch.cuda.is_available():
        checkpoint["cuda_rng"] = torch.cuda.get_rng_state_all()
    torch.save(checkpoint, path)


def load_checkpoint(path, net, optimizer, scheduler):
    """Restore what save_checkpoint wrote; return the number of epochs already done."""
    checkpoint = torch.load(path, weights_only=True)
    net.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    torch.set_rng_state(checkpoint["rng"])
    if "cuda_rng" in checkpoint:
        torch.cuda.set_rng_state_all(checkpoint["cuda_rng"])
    return checkpoint["epoch"]
