# Another correct approach: torch.std_mean in float32 on the tensors, an ExitStack that removes the hooks
# and restores every module's own training flag, and leaves found by an empty _modules dict.
def activation_stats(model, X):
    """{leaf module name: {"mean", "std", "dead"}} of each leaf's output, in eval mode, via hooks."""
    stats = {}

    def hook_for(name):
        def hook(module, inputs, output):
            std, mean = torch.std_mean(output, correction=0)
            dead = float((output == 0).sum()) / output.numel()
            stats[name] = dict(mean=float(mean), std=float(std), dead=dead)
        return hook

    with contextlib.ExitStack() as stack:
        flags = [(module, module.training) for module in model.modules()]
        stack.callback(lambda: [setattr(module, "training", flag) for module, flag in flags])
        for name, module in model.named_modules():
            if not module._modules:
                stack.callback(module.register_forward_hook(hook_for(name)).remove)
        model.eval()
        with torch.no_grad():
            model(X)
    return stats
