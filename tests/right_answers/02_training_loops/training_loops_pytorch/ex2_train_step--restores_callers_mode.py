# Right, another style: trains in training mode, then puts the model back in the mode the caller
# left it in (the contract allows either); model.zero_grad() clears the stale gradients.
def train_step(model, loss_fn, optimizer, xb, yb):
    was_training = model.training
    model.train()
    model.zero_grad(set_to_none=True)
    loss = loss_fn(model(xb), yb)
    loss.backward()
    optimizer.step()
    model.train(was_training)
    return loss.item()
