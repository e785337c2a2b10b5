# Mistake: divides by the notebook's GLOBAL_BATCH instead of the global_batch_size it is given:
# right only for global batches of 64.
def replica_step(model, optimizer, loss_fn, X, y, global_batch_size, all_reduce):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    optimizer.zero_grad()
    loss = loss_fn(model(X), y).sum() / GLOBAL_BATCH
    loss.backward()
    for parameter in model.parameters():
        all_reduce(parameter.grad)
    optimizer.step()
    return loss.item()
