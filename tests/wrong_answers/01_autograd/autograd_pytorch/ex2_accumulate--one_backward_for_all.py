# Mistake: calls loss_fn once per micro-batch but adds the weighted losses into one graph and calls
# backward() once: the right numbers, but every micro-batch's graph stays in memory until the end,
# which is what accumulation is for avoiding.
def accumulated_gradient(loss_fn, w, batches):
    total = sum(len(yb) for _, yb in batches)
    w.grad = None
    loss = sum(loss_fn(w, Xb, yb) * (len(yb) / total) for Xb, yb in batches)
    loss.backward()
    return w.grad
