# Right, another formula and API: the local mean weighted by len(X) / global_batch_size (the same
# number), gradients from torch.autograd.grad, all-reduced and set as .grad by hand.
def replica_step(model, optimizer, loss_fn, X, y, global_batch_size, all_reduce):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    parameters = list(model.parameters())
    share = loss_fn(model(X), y).mean() * (len(X) / global_batch_size)
    grads = torch.autograd.grad(share, parameters)
    for p, g in zip(parameters, grads, strict=True):
        all_reduce(g)  # in place
        p.grad = g
    optimizer.step()
    return share.item()
