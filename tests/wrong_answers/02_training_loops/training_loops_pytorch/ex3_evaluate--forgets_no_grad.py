# Mistake: switches to eval mode but forgets torch.no_grad(): autograd records a graph for nothing.
def evaluate(model, loader, loss_fn):
    was_training = model.training
    device_ = next(model.parameters()).device
    model.eval()
    total_loss, correct, count = 0.0, 0, 0
    for xb, yb in loader:
        xb, yb = xb.to(device_), yb.to(device_)
        logits = model(xb)
        total_loss += loss_fn(logits, yb).item() * len(yb)
        correct += (logits.argmax(dim=1) == yb).sum().item()
        count += len(yb)
    model.train(was_training)
    return total_loss / count, correct / count
