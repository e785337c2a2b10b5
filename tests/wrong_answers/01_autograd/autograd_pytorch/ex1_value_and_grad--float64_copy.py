# Mistake: always works on a float64 copy, so a float32 x gets a float64 gradient (the contract
# keeps x's dtype).
def value_and_grad(f, x):
    leaf = x.detach().to(torch.float64).requires_grad_(True)
    value = f(leaf)
    (grad,) = torch.autograd.grad(value, leaf)
    return value.detach(), grad
