# Mistake: ignores the eps argument and always steps by a hard-coded 1e-6, so the caller cannot
# choose the step.
def gradient_check(f, x, eps=1e-6):
    step_size = 1e-6
    x = x.detach().to(torch.float64).requires_grad_(True)
    (analytic,) = torch.autograd.grad(f(x), x)
    x = x.detach()
    numeric = torch.zeros_like(x)
    flat, out = x.reshape(-1), numeric.reshape(-1)
    for i in range(flat.numel()):
        step = torch.zeros_like(flat)
        step[i] = step_size
        out[i] = (f((flat + step).reshape(x.shape)) - f((flat - step).reshape(x.shape))) / (2 * step_size)
    scale = torch.maximum(torch.ones_like(numeric), torch.maximum(analytic.abs(), numeric.abs()))
    return float(((analytic - numeric).abs() / scale).max())
