# Mistake: every rank writes the file: several processes write the same path at once (a corrupt
# or half-written file), and ranks other than 0 write when they should not.
def save_checkpoint(model, path, rank):
    """Rank 0 saves the unwrapped model's weights to `path` (CPU tensors); other ranks write nothing."""
    module = model.module if isinstance(model, DDP) else model
    torch.save({name: tensor.detach().cpu() for name, tensor in module.state_dict().items()}, path)
    return path if rank == 0 else None
