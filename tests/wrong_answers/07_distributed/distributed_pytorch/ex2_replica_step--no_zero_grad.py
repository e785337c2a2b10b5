# Mistake: forgets optimizer.zero_grad(): backward() adds this step's gradient to whatever .grad
# held before, and the all-reduce then sums the stale parts too.
def replica_step(model, optimizer, loss_fn, X, y, global_batch_size, all_reduce):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    loss = loss_fn(model(X), y).sum() / global_batch_size
    loss.backward()
    for parameter in model.parameters():
        all_reduce(parameter.grad)
    optimizer.step()
    return loss.item()
