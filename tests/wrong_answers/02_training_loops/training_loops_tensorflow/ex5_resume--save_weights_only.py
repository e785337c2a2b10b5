# Mistake: model.save_weights keeps the weights only (and the epoch in the file name): no optimizer state,
# no dropout seed state.
def save_checkpoint(directory, model, optimizer, epoch):
    """Save everything that decides the rest of training into `directory`."""
    path = Path(directory) / f"epoch_{epoch:04d}.weights.h5"
    model.save_weights(str(path))
    return str(path)


def restore_checkpoint(directory, model, optimizer):
    """Restore the latest checkpoint of `directory`; return the number of epochs already done."""
    latest = sorted(Path(directory).glob("epoch_*.weights.h5"))[-1]
    model.load_weights(str(latest))
    return int(latest.name.split("_")[1].split(".")[0])
