# Mistake: approximates the gradient with finite differences instead of using autograd.
def value_and_grad(f, x):
    eps = 1e-6
    flat = x.detach().reshape(-1).clone()
    grad = torch.zeros_like(flat)
    for i in range(flat.numel()):
        step = torch.zeros_like(flat)
        step[i] = eps
        grad[i] = (f((flat + step).reshape(x.shape)) - f((flat - step).reshape(x.shape))) / (2 * eps)
    return f(x).detach(), grad.reshape(x.shape)
