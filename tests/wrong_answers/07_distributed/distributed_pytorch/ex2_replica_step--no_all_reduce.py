# Mistake: never all-reduces: each replica follows the gradient of its own slice only, and the
# replicas drift apart.
def replica_step(model, optimizer, loss_fn, X, y, global_batch_size, all_reduce):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    optimizer.zero_grad()
    loss = loss_fn(model(X), y).sum() / global_batch_size
    loss.backward()
    optimizer.step()
    return loss.item()
