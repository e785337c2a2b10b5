# Mistake: dynamic=False "for speed": one compilation per new batch size and per new learning rate.
def make_sgd_step(w, backend="eager"):
    """A compiled step(X, y, lr) that updates w in place and compiles once for any batch size and lr."""

    def step(X, y, lr):
        return sgd_step(w, X, y, lr)

    return torch.compile(step, backend=backend, dynamic=False)
