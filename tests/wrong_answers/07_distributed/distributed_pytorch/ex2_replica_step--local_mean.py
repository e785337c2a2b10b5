# Mistake: takes the mean of this replica's own losses (the single-process habit), then sums the
# gradients over the replicas: the step is about R times too large.
def replica_step(model, optimizer, loss_fn, X, y, global_batch_size, all_reduce):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    optimizer.zero_grad()
    loss = loss_fn(model(X), y).mean()
    loss.backward()
    for parameter in model.parameters():
        all_reduce(parameter.grad)
    optimizer.step()
    return loss.item()
