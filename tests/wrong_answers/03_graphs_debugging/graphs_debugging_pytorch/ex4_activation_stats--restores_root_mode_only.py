# Mistake: restores the mode with model.train(was_training), which sets every submodule to the root's mode:
# a frozen block kept in eval() inside a model that trains comes back in training mode.
def activation_stats(model, X):
    """{leaf module name: {"mean", "std", "dead"}} of each leaf's output, in eval mode, via hooks."""
    stats, handles = {}, []

    def record(name):
        def hook(module, inputs, output):
            values = output.detach().double()
            stats[name] = {"mean": values.mean().item(), "std": values.std(correction=0).item(),
                           "dead": (values == 0).double().mean().item()}
        return hook

    for name, module in model.named_modules():
        if not list(module.children()):
            handles.append(module.register_forward_hook(record(name)))
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            model(X)
    finally:
        model.train(was_training)
        for handle in handles:
            handle.remove()
    return stats
