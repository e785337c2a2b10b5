# Right, another style: writes to a temporary name beside `path` and renames it into place (a crash
# while saving never leaves half a checkpoint), keeps the epoch as a tensor, and reads the random
# states through torch.random.
import os


def save_checkpoint(path, model, optimizer, scheduler, epoch):
    """Write everything that decides the rest of training to one file at `path`."""
    state = {
        "weights": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "schedule": scheduler.state_dict(),
        "epoch": torch.tensor(epoch),
        "random": {"cpu": torch.random.get_rng_state(),
                   "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else []},
    }
    temporary = f"{path}.partial"
    torch.save(state, temporary)
    os.replace(temporary, path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore what save_checkpoint wrote; return the number of epochs already done."""
    state = torch.load(path, weights_only=True, map_location="cpu")
    model.load_state_dict(state["weights"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["schedule"])
    torch.random.set_rng_state(state["random"]["cpu"])
    if state["random"]["cuda"]:
        torch.cuda.set_rng_state_all(state["random"]["cuda"])
    return int(state["epoch"])
