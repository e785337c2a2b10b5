# Mistake: PyTorch's argument order, loss_fn(prediction, target); Keras losses take (y_true, y_pred).
def train_step(model, loss_fn, optimizer, xb, yb):
    """One optimisation step on one batch; returns the batch loss (before the update) as a float."""
    with tf.GradientTape() as tape:
        logits = model(xb, training=True)
        loss = loss_fn(logits, yb)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return float(loss)
