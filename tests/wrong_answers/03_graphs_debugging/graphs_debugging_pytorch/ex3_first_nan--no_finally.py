# Mistake: removes the hooks after the forward pass, not in a finally block: when model(x) raises, they stay.
def first_nonfinite_layer(model, x):
    """Name of the first module (in execution order) whose output has a NaN or Inf, or None."""
    found = []

    def check(name):
        def hook(module, inputs, output):
            if not found and not torch.isfinite(output).all():
                found.append(name)
        return hook

    handles = [module.register_forward_hook(check(name)) for name, module in model.named_modules()]
    with torch.no_grad():
        model(x)
    for handle in handles:
        handle.remove()
    return found[0] if found else None
