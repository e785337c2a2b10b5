# Mistake: never removes the hooks, so they stay on the model and fire on every later forward pass.
def first_nonfinite_layer(model, x):
    """Name of the first module (in execution order) whose output has a NaN or Inf, or None."""
    found = []

    def check(name):
        def hook(module, inputs, output):
            if not found and not torch.isfinite(output).all():
                found.append(name)
        return hook

    for name, module in model.named_modules():
        module.register_forward_hook(check(name))
    with torch.no_grad():
        model(x)
    return found[0] if found else None
