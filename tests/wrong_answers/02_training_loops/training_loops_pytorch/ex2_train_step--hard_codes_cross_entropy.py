# Mistake: ignores the loss_fn it is given and hard-codes cross-entropy: right only for the
# notebook's own loss.
def train_step(model, loss_fn, optimizer, xb, yb):
    model.train()
    optimizer.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(xb), yb)
    loss.backward()
    optimizer.step()
    return loss.item()
