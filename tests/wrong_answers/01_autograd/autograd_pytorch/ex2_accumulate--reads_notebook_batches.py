# Mistake: loops over the notebook's `batches` instead of the argument: right only for the visible
# test, which passes those very batches.
def accumulated_gradient(loss_fn, w, micro_batches):
    total = sum(len(yb) for _, yb in batches)
    w.grad = None
    for Xb, yb in batches:
        (loss_fn(w, Xb, yb) * (len(yb) / total)).backward()
    return w.grad
