# Mistake: takes gradients of the unscaled loss: the float16 gradients of a small loss underflow
# to zero and the first layer does not learn.
def amp_step(model, optimizer, loss_fn, x, y):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled float32 loss."""
    with tf.GradientTape() as tape:
        loss = loss_fn(y, tf.cast(model(x, training=True), tf.float32))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return loss
