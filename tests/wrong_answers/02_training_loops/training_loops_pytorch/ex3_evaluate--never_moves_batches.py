# Mistake: never moves the batches to the model's device: fine on a CPU, a device mismatch error on
# a GPU, where the loader yields CPU tensors.
def evaluate(model, loader, loss_fn):
    was_training = model.training
    model.eval()
    total_loss, correct, count = 0.0, 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            logits = model(xb)
            total_loss += loss_fn(logits, yb).item() * len(yb)
            correct += (logits.argmax(dim=1) == yb).sum().item()
            count += len(yb)
    model.train(was_training)
    return total_loss / count, correct / count
