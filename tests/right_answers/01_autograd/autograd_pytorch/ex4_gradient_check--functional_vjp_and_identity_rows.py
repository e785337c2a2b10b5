# Right, another API: torch.autograd.functional.vjp for autograd's gradient, and the rows of an
# identity matrix, scaled by eps, as the perturbations (still one coordinate at a time).
def gradient_check(f, x, eps=1e-6):
    x64 = x.detach().to(torch.float64).clone()
    _, analytic = torch.autograd.functional.vjp(f, x64)
    steps = torch.eye(x64.numel(), dtype=torch.float64) * eps
    rows = [(f(x64 + s.view(x64.shape)) - f(x64 - s.view(x64.shape))) / (2 * eps) for s in steps]
    numeric = torch.stack(rows).view(x64.shape)
    scale = torch.clamp(torch.maximum(analytic.abs(), numeric.abs()), min=1.0)
    return ((analytic - numeric).abs() / scale).max().item()
