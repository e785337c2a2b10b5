# Mistake: looks for NaN only, so a layer that first produces an Inf is missed and a later one is blamed.
def first_nonfinite_layer(model, x):
    """Name of the first module (in execution order) whose output has a NaN or Inf, or None."""
    found = []

    def check(name):
        def hook(module, inputs, output):
            if not found and torch.isnan(output).any():
                found.append(name)
        return hook

    handles = [module.register_forward_hook(check(name)) for name, module in model.named_modules()]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    return found[0] if found else None
