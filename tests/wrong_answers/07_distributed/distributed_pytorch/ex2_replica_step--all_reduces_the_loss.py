# Mistake: all-reduces the loss value instead of the gradients: the logged loss is global, but
# every replica still steps along its own slice's gradient.
def replica_step(model, optimizer, loss_fn, X, y, global_batch_size, all_reduce):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    optimizer.zero_grad()
    loss = loss_fn(model(X), y).sum() / global_batch_size
    loss.backward()
    total = loss.detach().clone()
    all_reduce(total)
    optimizer.step()
    return loss.item()
