# Mistake: never calls scaler.update(): the scale never adapts after an overflow, and the next
# scaler.step() refuses to run ("step() has already been called since the last update()").
def amp_step(model, optimizer, scaler, loss_fn, X, y, dtype=torch.float16):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled loss as a float."""
    optimizer.zero_grad()
    with torch.autocast(device_type=X.device.type, dtype=dtype):
        loss = loss_fn(model(X), y)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    return loss.item()
