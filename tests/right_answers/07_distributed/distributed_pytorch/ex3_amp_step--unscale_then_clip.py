# Right, the longer GradScaler recipe: unscale_ the gradients explicitly (so that they could be
# inspected or clipped in true units), clip them with an infinite norm, then step and update.
def amp_step(model, optimizer, scaler, loss_fn, X, y, dtype=torch.float16):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled loss as a float."""
    for p in model.parameters():
        p.grad = None
    with torch.autocast(X.device.type, dtype):
        logits = model(X)
        loss = loss_fn(logits, y)
    scaler.scale(loss).backward()
    scaler.unscale_(optimizer)
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=float("inf"))
    scaler.step(optimizer)
    scaler.update()
    return float(loss.detach())
