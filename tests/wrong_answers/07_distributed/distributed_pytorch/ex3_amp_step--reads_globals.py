# Mistake: autocasts to the notebook's LOW (bfloat16 on a CPU) instead of the dtype it is given:
# the layers compute in the wrong precision, and loss scaling is applied to the wrong format.
def amp_step(model, optimizer, scaler, loss_fn, X, y, dtype=torch.float16):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled loss as a float."""
    optimizer.zero_grad()
    with torch.autocast(device_type=X.device.type, dtype=LOW):
        loss = loss_fn(model(X), y)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()
