# Mistake: a purely relative error |a - n| / max(|a|, |n|), without the floor of 1: it exaggerates
# the error of small gradients (and divides by zero where both are 0).
def gradient_check(f, x, eps=1e-6):
    x = x.detach().to(torch.float64).requires_grad_(True)
    (analytic,) = torch.autograd.grad(f(x), x)
    x = x.detach()
    numeric = torch.zeros_like(x)
    flat, out = x.reshape(-1), numeric.reshape(-1)
    for i in range(flat.numel()):
        step = torch.zeros_like(flat)
        step[i] = eps
        out[i] = (f((flat + step).reshape(x.shape)) - f((flat - step).reshape(x.shape))) / (2 * eps)
    scale = torch.maximum(analytic.abs(), numeric.abs())
    return float(((analytic - numeric).abs() / scale).max())
