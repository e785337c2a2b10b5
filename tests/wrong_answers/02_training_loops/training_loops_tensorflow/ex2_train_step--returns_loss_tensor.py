# Mistake: returns the loss tensor instead of a Python float.
def train_step(model, loss_fn, optimizer, xb, yb):
    """One optimisation step on one batch; returns the batch loss (before the update) as a float."""
    with tf.GradientTape() as tape:
        logits = model(xb, training=True)
        loss = loss_fn(yb, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return loss
