# Mistake: scales the loss but applies the gradients with the inner optimizer, which does not
# unscale them: the update is 32,768 times too large, and inf gradients are applied, not skipped.
def amp_step(model, optimizer, loss_fn, x, y):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled float32 loss."""
    with tf.GradientTape() as tape:
        loss = loss_fn(y, tf.cast(model(x, training=True), tf.float32))
        scaled_loss = optimizer.scale_loss(loss)
    grads = tape.gradient(scaled_loss, model.trainable_variables)
    optimizer.inner_optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return loss
