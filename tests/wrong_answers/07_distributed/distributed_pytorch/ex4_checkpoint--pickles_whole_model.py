# Mistake: pickles the whole module instead of its state_dict: torch.load(path, weights_only=True)
# refuses it, and loading it would need the class definition and run arbitrary code.
def save_checkpoint(model, path, rank):
    """Rank 0 saves the unwrapped model's weights to `path` (CPU tensors); other ranks write nothing."""
    if rank != 0:
        return None
    module = model.module if isinstance(model, DDP) else model
    torch.save(module, path)
    return path
