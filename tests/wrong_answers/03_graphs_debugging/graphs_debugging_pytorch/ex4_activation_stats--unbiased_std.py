# Mistake: uses torch's default std, which divides by N - 1 (unbiased), not by N as the contract says.
def activation_stats(model, X):
    """{leaf module name: {"mean", "std", "dead"}} of each leaf's output, in eval mode, via hooks."""
    stats, handles = {}, []

    def record(name):
        def hook(module, inputs, output):
            values = output.detach()
            stats[name] = {"mean": values.mean().item(), "std": values.std().item(),
                           "dead": (values == 0).float().mean().item()}
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
