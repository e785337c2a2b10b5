# Mistake: scales the loss but calls optimizer.step() itself: the gradients are never unscaled, so
# the update is 65,536 times too large, and inf gradients are applied instead of skipped.
def amp_step(model, optimizer, scaler, loss_fn, X, y, dtype=torch.float16):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled loss as a float."""
    optimizer.zero_grad()
    with torch.autocast(device_type=X.device.type, dtype=dtype):
        loss = loss_fn(model(X), y)
    scaler.scale(loss).backward()
    optimizer.step()
    scaler.update()
    return loss.item()
