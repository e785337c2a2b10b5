# Mistake: keeps the scaler but forgets autocast: everything computes in float32, so the step is
# correct but slow, and nothing runs in low precision.
def amp_step(model, optimizer, scaler, loss_fn, X, y, dtype=torch.float16):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled loss as a float."""
    optimizer.zero_grad()
    loss = loss_fn(model(X), y)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()
