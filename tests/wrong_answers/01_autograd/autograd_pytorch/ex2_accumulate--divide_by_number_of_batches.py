# Mistake: averages the micro-batch means, which is wrong when micro-batches differ in size.
def accumulated_gradient(loss_fn, w, batches):
    w.grad = None
    for Xb, yb in batches:
        (loss_fn(w, Xb, yb) / len(batches)).backward()
    return w.grad
