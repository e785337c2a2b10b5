# Mistake: concatenates all micro-batches into one big batch: right numbers, but it defeats
# the point of accumulation (the whole batch must fit in memory at once).
def accumulated_gradient(loss_fn, w, batches):
    X_all = torch.cat([Xb for Xb, _ in batches])
    y_all = torch.cat([yb for _, yb in batches])
    w.grad = None
    loss_fn(w, X_all, y_all).backward()
    return w.grad
