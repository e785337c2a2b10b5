# Mistake: asks the process group for the rank instead of using the argument: in this one-process
# group that is always 0, so every "rank" writes.
def save_checkpoint(model, path, rank):
    """Rank 0 saves the unwrapped model's weights to `path` (CPU tensors); other ranks write nothing."""
    if dist.get_rank() != 0:
        return None
    module = model.module if isinstance(model, DDP) else model
    torch.save({name: tensor.detach().cpu() for name, tensor in module.state_dict().items()}, path)
    return path
