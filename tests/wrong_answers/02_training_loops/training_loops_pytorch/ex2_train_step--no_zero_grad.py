# Mistake: forgets optimizer.zero_grad(): backward() adds to the gradients already in .grad, so every step
# uses the sum of all the gradients so far.
def train_step(model, loss_fn, optimizer, xb, yb):
    model.train()
    loss = loss_fn(model(xb), yb)
    loss.backward()
    optimizer.step()
    return loss.item()
