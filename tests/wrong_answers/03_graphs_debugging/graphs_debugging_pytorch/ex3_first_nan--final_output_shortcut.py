# Mistake: returns None when the final output is finite, but a later module can hide an Inf (tanh(inf) = 1).
def first_nonfinite_layer(model, x):
    """Name of the first module (in execution order) whose output has a NaN or Inf, or None."""
    with torch.no_grad():
        if torch.isfinite(model(x)).all():
            return None
    found = []

    def check(name):
        def hook(module, inputs, output):
            if not found and not torch.isfinite(output).all():
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
