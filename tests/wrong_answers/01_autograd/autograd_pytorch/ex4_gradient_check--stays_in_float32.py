# Mistake: keeps float32, where a step of 1e-6 is lost in rounding.
def gradient_check(f, x, eps=1e-6):
    x = x.detach().clone().requires_grad_(True)
    (analytic,) = torch.autograd.grad(f(x), x)
    x = x.detach()
    flat = x.reshape(-1)
    numeric = torch.zeros_like(flat)
    for i in range(flat.numel()):
        step = torch.zeros_like(flat)
        step[i] = eps
        numeric[i] = (f((flat + step).reshape(x.shape)) - f((flat - step).reshape(x.shape))) / (2 * eps)
    numeric = numeric.reshape(x.shape)
    scale = torch.maximum(torch.ones_like(numeric), torch.maximum(analytic.abs(), numeric.abs()))
    return float(((analytic - numeric).abs() / scale).max())
