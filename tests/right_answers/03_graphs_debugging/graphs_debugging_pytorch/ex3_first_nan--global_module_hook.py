# Another correct approach: one global forward hook (torch.nn.modules.module.register_module_forward_hook),
# which fires for every module call, with a module -> name table; NaN and Inf tested separately.
def first_nonfinite_layer(model, x):
    """Name of the first module (in execution order) whose output has a NaN or Inf, or None."""
    names = {module: name for name, module in model.named_modules()}
    order = []

    def hook(module, inputs, output):
        if module in names and (torch.isnan(output).any() or torch.isinf(output).any()):
            order.append(names[module])

    handle = torch.nn.modules.module.register_module_forward_hook(hook)
    try:
        with torch.inference_mode():
            model(x)
    finally:
        handle.remove()
    return order[0] if order else None
