# Mistake: x.detach().to(torch.float64) is not a copy when x is already float64, so perturbing it
# in place changes the caller's tensor, and `+= eps` then `-= eps` does not bring every value back.
def gradient_check(f, x, eps=1e-6):
    x64 = x.detach().to(torch.float64)
    leaf = x64.clone().requires_grad_(True)
    (analytic,) = torch.autograd.grad(f(leaf), leaf)
    numeric = torch.zeros_like(x64)
    flat, out = x64.view(-1), numeric.view(-1)
    for i in range(flat.numel()):
        flat[i] += eps
        plus = f(x64)
        flat[i] -= 2 * eps
        minus = f(x64)
        flat[i] += eps
        out[i] = (plus - minus) / (2 * eps)
    scale = torch.clamp(torch.maximum(analytic.abs(), numeric.abs()), min=1.0)
    return float(((analytic - numeric).abs() / scale).max())
