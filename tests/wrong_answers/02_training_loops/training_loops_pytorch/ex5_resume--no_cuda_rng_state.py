# Mistake: saves torch's CPU random state only: exact on a CPU, but on a GPU dropout draws its masks
# from CUDA's generators, which the resumed run does not get back.
def save_checkpoint(path, model, optimizer, scheduler, epoch):
    """Write everything that decides the rest of training to one file at `path`."""
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "epoch": epoch, "rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore what save_checkpoint wrote; return the number of epochs already done."""
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    scheduler.load_state_dict(checkpoint["scheduler"])
    torch.set_rng_state(checkpoint["rng"])
    return checkpoint["epoch"]
