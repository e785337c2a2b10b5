# Right, another placement: only the forward pass under autocast; the loss is computed outside it
# on float32 logits, and gradients are zeroed in place (set_to_none=False).
def amp_step(model, optimizer, scaler, loss_fn, X, y, dtype=torch.float16):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled loss as a float."""
    optimizer.zero_grad(set_to_none=False)
    with torch.autocast(device_type=X.device.type, dtype=dtype):
        logits = model(X)
    loss = loss_fn(logits.float(), y)
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return loss.item()
