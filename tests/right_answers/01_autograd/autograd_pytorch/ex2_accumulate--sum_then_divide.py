# Right, another algorithm: accumulates the *summed* losses (mean loss times batch size) with one
# backward() per micro-batch, then divides w.grad by the number of examples once, at the end.
def accumulated_gradient(loss_fn, w, batches):
    w.grad = None
    count = 0
    for Xb, yb in batches:
        (loss_fn(w, Xb, yb) * len(yb)).backward()
        count += len(yb)
    w.grad /= count
    return w.grad
