# Mistake: perturbs every coordinate at once, which measures a directional derivative, not each
# partial derivative.
def gradient_check(f, x, eps=1e-6):
    x = x.detach().to(torch.float64).requires_grad_(True)
    (analytic,) = torch.autograd.grad(f(x), x)
    x = x.detach()
    numeric = (f(x + eps) - f(x - eps)) / (2 * eps) * torch.ones_like(x)
    scale = torch.maximum(torch.ones_like(numeric), torch.maximum(analytic.abs(), numeric.abs()))
    return float(((analytic - numeric).abs() / scale).max())
