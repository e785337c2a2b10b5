# Right, another layout: one list instead of a dict, the CUDA states as a list that is empty without
# a GPU.
def save_checkpoint(path, model, optimizer, scheduler, epoch):
    """Write everything that decides the rest of training to one file at `path`."""
    cuda_states = list(torch.cuda.get_rng_state_all()) if torch.cuda.is_available() else []
    torch.save([epoch, model.state_dict(), optimizer.state_dict(), scheduler.state_dict(),
                torch.get_rng_state(), cuda_states], path)


def load_checkpoint(path, model, optimizer, scheduler):
    """Restore what save_checkpoint wrote; return the number of epochs already done."""
    saved = torch.load(path, weights_only=True)
    epoch, weights, optimizer_state, scheduler_state, cpu_state, cuda_states = saved
    model.load_state_dict(weights)
    optimizer.load_state_dict(optimizer_state)
    scheduler.load_state_dict(scheduler_state)
    torch.set_rng_state(cpu_state)
    if cuda_states:
        torch.cuda.set_rng_state_all(cuda_states)
    return epoch
