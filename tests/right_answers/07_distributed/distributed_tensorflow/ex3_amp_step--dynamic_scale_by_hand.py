# Right, another API: multiplies by the optimizer's current dynamic_scale itself (what scale_loss
# does), building the optimizer first so that the scale variable exists, and casts with keras.ops.
def amp_step(model, optimizer, loss_fn, x, y):
    """One mixed-precision step with dynamic loss scaling; returns the unscaled float32 loss."""
    if not optimizer.built:
        optimizer.build(model.trainable_variables)
    with tf.GradientTape() as tape:
        loss = loss_fn(y, keras.ops.cast(model(x, training=True), "float32"))
        scaled_loss = loss * keras.ops.cast(optimizer.dynamic_scale, "float32")
    grads = tape.gradient(scaled_loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return loss
