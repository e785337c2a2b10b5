# Mistake: forgets to clear the stale w.grad before accumulating (the missing zero_grad).
def accumulated_gradient(loss_fn, w, batches):
    total = sum(len(yb) for _, yb in batches)
    for Xb, yb in batches:
        (loss_fn(w, Xb, yb) * (len(yb) / total)).backward()
    return w.grad
