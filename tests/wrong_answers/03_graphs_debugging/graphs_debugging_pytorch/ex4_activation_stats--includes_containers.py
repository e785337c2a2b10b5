# Mistake: hooks every module, containers and the root ('') included, instead of the leaf modules.
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
