# Mistake: a fixed scale of 2^15, undone by hand, applied with the inner optimizer: no dynamic
# scaling, so a step whose gradients overflow to inf is applied and ruins the weights.
def amp_step(model, optimizer, loss_fn, x, y):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled float32 loss."""
    scale = 2.0**15
    with tf.GradientTape() as tape:
        loss = loss_fn(y, tf.cast(model(x, training=True), tf.float32))
        scaled_loss = loss * scale
    grads = [g / scale for g in tape.gradient(scaled_loss, model.trainable_variables)]
    optimizer.inner_optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return loss
