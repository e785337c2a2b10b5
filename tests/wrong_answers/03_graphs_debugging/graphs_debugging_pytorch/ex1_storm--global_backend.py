# Mistake: copies the notebook's storm cell and compiles with its global `counter`, not with `backend`.
def make_sgd_step(w, backend="eager"):
    """A compiled step(X, y, lr) that updates w in place and compiles once for any batch size and lr."""
    return torch.compile(lambda X, y, lr, w=w: sgd_step(w, X, y, lr), backend=counter, dynamic=True)
