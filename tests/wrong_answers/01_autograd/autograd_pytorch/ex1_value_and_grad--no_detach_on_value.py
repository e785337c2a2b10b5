# Mistake: the gradient is right, but the returned value is still attached to the graph.
def value_and_grad(f, x):
    x = x.detach().clone().requires_grad_(True)
    value = f(x)
    (grad,) = torch.autograd.grad(value, x, retain_graph=True)
    return value, grad
