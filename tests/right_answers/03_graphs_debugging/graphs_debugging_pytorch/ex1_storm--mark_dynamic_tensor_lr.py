# Another correct approach: keep the default dynamic=None, mark the batch dimension dynamic before each call
# and pass lr as a 0-d tensor, so that no size or Python number is specialised.
def make_sgd_step(w, backend="eager"):
    """A compiled step(X, y, lr) that updates w in place and compiles once for any batch size and lr."""
    compiled = torch.compile(lambda X, y, lr: sgd_step(w, X, y, lr), backend=backend)

    def step(X, y, lr):
        torch._dynamo.mark_dynamic(X, 0)
        torch._dynamo.mark_dynamic(y, 0)
        return compiled(X, y, torch.tensor(lr, dtype=X.dtype))

    return step
