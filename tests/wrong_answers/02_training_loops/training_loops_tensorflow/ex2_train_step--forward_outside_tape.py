# Mistake: runs the forward pass before opening the tape, so the tape records nothing and every gradient
# is None.
def train_step(model, loss_fn, optimizer, xb, yb):
    """One optimisation step on one batch; returns the batch loss (before the update) as a float."""
    logits = model(xb, training=True)
    with tf.GradientTape() as tape:
        loss = loss_fn(yb, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return float(loss)
