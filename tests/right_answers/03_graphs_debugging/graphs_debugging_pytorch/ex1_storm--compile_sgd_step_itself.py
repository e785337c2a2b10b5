# Another correct approach: compile sgd_step itself with dynamic=True, w being one more (tensor) input,
# and bind w in a plain Python wrapper.
def make_sgd_step(w, backend="eager"):
    """A compiled step(X, y, lr) that updates w in place and compiles once for any batch size and lr."""
    compiled_sgd_step = torch.compile(sgd_step, backend=backend, dynamic=True)
    return lambda X, y, lr: compiled_sgd_step(w, X, y, lr)
