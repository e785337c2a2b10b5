# Mistake: turns on requires_grad on the caller's tensor and uses backward(): x is modified,
# x.grad accumulates across calls, and the value is returned still attached to the graph.
def value_and_grad(f, x):
    x.requires_grad_(True)
    value = f(x)
    value.backward()
    return value, x.grad
