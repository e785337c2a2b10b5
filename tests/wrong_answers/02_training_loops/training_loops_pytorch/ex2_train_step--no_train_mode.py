# Mistake: never calls model.train(): after an evaluation the model stays in eval mode and trains without
# dropout.
def train_step(model, loss_fn, optimizer, xb, yb):
    optimizer.zero_grad()
    loss = loss_fn(model(xb), yb)
    loss.backward()
    optimizer.step()
    return loss.item()
