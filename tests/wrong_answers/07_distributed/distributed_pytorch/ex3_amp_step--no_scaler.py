# Mistake: autocast without loss scaling: the float16 gradients of a small loss underflow to zero
# and the first layer does not learn.
def amp_step(model, optimizer, scaler, loss_fn, X, y, dtype=torch.float16):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled loss as a float."""
    optimizer.zero_grad()
    with torch.autocast(device_type=X.device.type, dtype=dtype):
        loss = loss_fn(model(X), y)
    loss.backward()
    optimizer.step()
    return loss.item()
