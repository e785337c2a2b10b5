# Right, another API: torch.func.grad_and_value turns f into a function that returns both the
# gradient and the value, without touching x or any .grad.
def value_and_grad(f, x):
    grad, value = torch.func.grad_and_value(f)(x.detach())
    return value.detach(), grad.detach()
