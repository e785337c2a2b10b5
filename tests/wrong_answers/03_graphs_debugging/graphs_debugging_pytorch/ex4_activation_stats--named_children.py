# Mistake: hooks model.named_children(), the top level only: a nested block is one entry, not its leaves.
def activation_stats(model, X):
    """{leaf module name: {"mean", "std", "dead"}} of each leaf's output, in eval mode, via hooks."""
    stats, handles = {}, []

    def record(name):
        def hook(module, inputs, output):
            values = output.detach().double()
            stats[name] = {"mean": values.mean().item(), "std": values.std(correction=0).item(),
                           "dead": (values == 0).double().mean().item()}
        return hook

    for name, module in model.named_children():
        handles.append(module.register_forward_hook(record(name)))
    modes = {module: module.training for module in model.modules()}
    model.eval()
    try:
        with torch.no_grad():
            model(X)
    finally:
        for module, training in modes.items():
            module.training = training
        for handle in handles:
            handle.remove()
    return stats
