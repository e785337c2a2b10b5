# Mistake: ignores the loss_fn it is given and hard-codes cross-entropy: right only for the
# notebook's own loss.
def evaluate(model, loader, loss_fn):
    was_training = model.training
    device_ = next(model.parameters()).device
    model.eval()
    total_loss, correct, count = 0.0, 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            xb, yb = xb.to(device_), yb.to(device_)
            logits = model(xb)
            total_loss += torch.nn.functional.cross_entropy(logits, yb).item() * len(yb)
            correct += (logits.argmax(dim=1) == yb).sum().item()
            count += len(yb)
    model.train(was_training)
    return total_loss / count, correct / count
