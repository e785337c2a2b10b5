# Right, another mechanism: strips the "module." prefix from the wrapper's state_dict with
# consume_prefix_in_state_dict_if_present, and writes atomically (a temporary file, then os.replace).
def save_checkpoint(model, path, rank):
    """Rank 0 saves the unwrapped model's weights to `path` (CPU tensors); other ranks write nothing."""
    from torch.nn.modules.utils import consume_prefix_in_state_dict_if_present

    if rank != 0:
        return None
    state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    consume_prefix_in_state_dict_if_present(state, "module.")
    partial = f"{path}.partial"
    torch.save(state, partial)
    os.replace(partial, path)
    return path
