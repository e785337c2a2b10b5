# Right, another API: Keras 3's optimizer.apply(grads, variables), which the LossScaleOptimizer
# overrides to unscale, check for inf/nan and adapt the scale just like apply_gradients.
def amp_step(model, optimizer, loss_fn, x, y):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled float32 loss."""
    variables = model.trainable_variables
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, tf.cast(logits, tf.float32))
        scaled = optimizer.scale_loss(loss)
    optimizer.apply(tape.gradient(scaled, variables), variables)
    return tf.identity(loss)
