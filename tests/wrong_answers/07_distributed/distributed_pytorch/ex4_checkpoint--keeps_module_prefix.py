# Mistake: saves the DDP wrapper's state_dict: every key starts with "module.", which a plain,
# unwrapped model does not accept.
def save_checkpoint(model, path, rank):
    """Rank 0 saves the unwrapped model's weights to `path` (CPU tensors); other ranks write nothing."""
    if rank != 0:
        return None
    torch.save({name: tensor.detach().cpu() for name, tensor in model.state_dict().items()}, path)
    return path
