# Mistake: converts the model itself to bfloat16 (no scaler needed, it thinks): the weights and
# the optimizer's state lose their float32 precision, and small updates are rounded away.
def amp_step(model, optimizer, scaler, loss_fn, X, y, dtype=torch.float16):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled loss as a float."""
    model.to(torch.bfloat16)
    optimizer.zero_grad()
    loss = loss_fn(model(X.to(torch.bfloat16)), y)
    loss.backward()
    optimizer.step()
    return loss.item()
