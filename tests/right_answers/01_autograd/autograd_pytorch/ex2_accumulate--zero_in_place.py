# Right, another style: zeroes a stale w.grad in place (as optimizer.zero_grad(set_to_none=False)
# does) and weights each micro-batch loss by its share of the examples, counted from Xb.
def accumulated_gradient(loss_fn, w, batches):
    if w.grad is not None:
        w.grad.zero_()
    n_total = sum(Xb.shape[0] for Xb, _ in batches)
    for Xb, yb in batches:
        loss = loss_fn(w, Xb, yb) * (Xb.shape[0] / n_total)
        loss.backward()
    return w.grad
