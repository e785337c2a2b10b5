# Mistake: pickles the model, optimizer and scheduler objects themselves: it resumes exactly in this
# process, but the file needs the notebook's classes to load, cannot be read with
# weights_only=True, and breaks when the code changes.
def save_checkpoint(path, model, optimizer, scheduler, epoch):
    """Write everything that decides the rest of training to one file at `path`."""
    torch.save({"model": model, "optimizer": optimizer, "scheduler": scheduler, "epoch": epoch,
                "rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore what save_checkpoint wrote; return the number of epochs already done."""
    checkpoint = torch.load(path, weights_only=False)
    model.load_state_dict(checkpoint["model"].state_dict())
    optimizer.load_state_dict(checkpoint["optimizer"].state_dict())
    scheduler.load_state_dict(checkpoint["scheduler"].state_dict())
    torch.set_rng_state(checkpoint["rng"])
    return checkpoint["epoch"]
