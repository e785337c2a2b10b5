# Another correct approach: each hook raises a private exception at the first non-finite output, which stops
# the forward pass there; an ExitStack removes every hook, whatever happens.
class _NonFinite(Exception):
    def __init__(self, name):
        super().__init__(name)
        self.name = name


def first_nonfinite_layer(model, x):
    """Name of the first module (in execution order) whose output has a NaN or Inf, or None."""

    def make_hook(name):
        def hook(module, inputs, output):
            if not bool(torch.isfinite(output).all()):
                raise _NonFinite(name)
        return hook

    with contextlib.ExitStack() as stack:
        for name, module in model.named_modules():
            stack.callback(module.register_forward_hook(make_hook(name)).remove)
        try:
            with torch.no_grad():
                model(x)
        except _NonFinite as found:
            return found.name
    return None
