# Mistake: checks each module's input with a forward pre-hook, which blames the module after the culprit.
def first_nonfinite_layer(model, x):
    """Name of the first module (in execution order) whose output has a NaN or Inf, or None."""
    found = []

    def check(name):
        def hook(module, inputs):
            if not found and not all(torch.isfinite(t).all() for t in inputs):
                found.append(name)
        return hook

    handles = [module.register_forward_pre_hook(check(name)) for name, module in model.named_modules()]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    return found[0] if found else None
