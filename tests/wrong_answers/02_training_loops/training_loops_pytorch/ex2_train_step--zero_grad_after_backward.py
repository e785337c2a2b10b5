# Mistake: zero_grad() between backward() and step() wipes the fresh gradients: step() then updates nothing.
def train_step(model, loss_fn, optimizer, xb, yb):
    model.train()
    loss = loss_fn(model(xb), yb)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()
