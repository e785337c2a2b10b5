# Mistake: the hooks write into a dict at notebook level that is never emptied, so a second call (another
# model) returns the entries of the first call as well.
stats = {}


def record(name):
    def hook(module, inputs, output):
        values = output.detach().double()
        stats[name] = {"mean": values.mean().item(), "std": values.std(correction=0).item(),
                       "dead": (values == 0).double().mean().item()}
    return hook


def activation_stats(model, X):
    """{leaf module name: {"mean", "std", "dead"}} of each leaf's output, in eval mode, via hooks."""
    handles = [module.register_forward_hook(record(name)) for name, module in model.named_modules()
               if not list(module.children())]
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
