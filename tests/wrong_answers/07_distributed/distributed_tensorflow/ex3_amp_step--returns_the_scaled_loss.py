# Mistake: returns the scaled loss: the logged loss is 32,768 times too large (and changes every
# time the scale does).
def amp_step(model, optimizer, loss_fn, x, y):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled float32 loss."""
    with tf.GradientTape() as tape:
        loss = loss_fn(y, tf.cast(model(x, training=True), tf.float32))
        scaled_loss = optimizer.scale_loss(loss)
    grads = tape.gradient(scaled_loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return scaled_loss
