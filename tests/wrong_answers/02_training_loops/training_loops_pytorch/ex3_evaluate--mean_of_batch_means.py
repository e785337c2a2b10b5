# Mistake: averages the per-batch mean losses, which over-weights the examples of the small last batch.
def evaluate(model, loader, loss_fn):
    was_training = model.training
    device_ = next(model.parameters()).device
    model.eval()
    batch_losses, correct, count = [], 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            xb, yb = xb.to(device_), yb.to(device_)
            logits = model(xb)
            batch_losses.append(loss_fn(logits, yb).item())
            correct += (logits.argmax(dim=1) == yb).sum().item()
            count += len(yb)
    model.train(was_training)
    return sum(batch_losses) / len(batch_losses), correct / count
