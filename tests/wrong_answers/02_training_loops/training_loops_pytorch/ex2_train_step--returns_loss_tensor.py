# Mistake: returns the loss tensor, which keeps the whole autograd graph (and its activations) alive.
def train_step(model, loss_fn, optimizer, xb, yb):
    model.train()
    optimizer.zero_grad()
    loss = loss_fn(model(xb), yb)
    loss.backward()
    optimizer.step()
    return loss
