# Mistake: always reads model.module: right for a DDP-wrapped model, but a plain model has no
# .module attribute, and saving it fails.
def save_checkpoint(model, path, rank):
    """Rank 0 saves the unwrapped model's weights to `path` (CPU tensors); other ranks write nothing."""
    if rank != 0:
        return None
    torch.save({name: tensor.detach().cpu() for name, tensor in model.module.state_dict().items()}, path)
    return path
