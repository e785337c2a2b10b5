# Mistake: averages the replicas' own mean-loss gradients, as DistributedDataParallel does: right
# only when every replica holds the same number of examples, wrong for uneven slices.
def replica_step(model, optimizer, loss_fn, X, y, global_batch_size, all_reduce):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    optimizer.zero_grad()
    loss = loss_fn(model(X), y).mean()
    loss.backward()
    world_size = torch.ones(1)
    all_reduce(world_size)  # counts the replicas
    for parameter in model.parameters():
        all_reduce(parameter.grad)
        parameter.grad /= world_size
    optimizer.step()
    return loss.item() / world_size.item()
