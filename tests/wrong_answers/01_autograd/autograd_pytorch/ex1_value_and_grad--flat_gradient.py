# Mistake: returns the gradient flattened to a vector (as an optimizer's flat parameter vector):
# right for a 1-D x only.
def value_and_grad(f, x):
    leaf = x.detach().clone().requires_grad_(True)
    value = f(leaf)
    (grad,) = torch.autograd.grad(value, leaf)
    return value.detach(), grad.reshape(-1)
