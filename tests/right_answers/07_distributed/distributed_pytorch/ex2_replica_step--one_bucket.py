# Right, another mechanism: all gradients flattened into one buffer and all-reduced in a single
# call (what DDP's buckets do), then copied back into each .grad.
def replica_step(model, optimizer, loss_fn, X, y, global_batch_size, all_reduce):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    optimizer.zero_grad()
    loss = loss_fn(model(X), y).sum() / global_batch_size
    loss.backward()
    parameters = [p for p in model.parameters() if p.grad is not None]
    bucket = torch.cat([p.grad.flatten() for p in parameters])
    all_reduce(bucket)
    offset = 0
    for p in parameters:
        p.grad.copy_(bucket[offset:offset + p.numel()].view_as(p))
        offset += p.numel()
    optimizer.step()
    return float(loss)
