# Right, another way to unwrap: getattr(model, "module", model) works for any wrapper with a
# .module (DDP, FSDP1, DataParallel), and copies the tensors to the CPU.
def save_checkpoint(model, path, rank):
    """Rank 0 saves the unwrapped model's weights to `path` (CPU tensors); other ranks write nothing."""
    if rank == 0:
        inner = getattr(model, "module", model)
        torch.save({k: v.to("cpu", copy=True) for k, v in inner.state_dict().items()}, path)
        return path
    return None
