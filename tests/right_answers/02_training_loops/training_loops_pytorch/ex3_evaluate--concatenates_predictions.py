# Right, the common idiom: gathers every batch's logits and labels, concatenates them, and computes
# the loss once and the accuracy as a float32 mean.
def evaluate(model, loader, loss_fn):
    was_training = model.training
    model.eval()
    target = next(model.parameters()).device
    all_logits, all_labels = [], []
    with torch.no_grad():
        for xb, yb in loader:
            all_logits.append(model(xb.to(target)))
            all_labels.append(yb.to(target))
    model.train(was_training)
    logits, labels = torch.cat(all_logits), torch.cat(all_labels)
    mean_loss = loss_fn(logits, labels).item()
    accuracy = (logits.argmax(dim=1) == labels).float().mean().item()
    return mean_loss, accuracy
