# Mistake: sums the per-example losses and never divides: the gradient is global_batch_size times
# too large.
def replica_step(model, optimizer, loss_fn, x, y, global_batch_size):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(loss_fn(y, model(x, training=True)))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return loss
