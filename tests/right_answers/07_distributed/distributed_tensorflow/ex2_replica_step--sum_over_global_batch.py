# Right, the formula written out: the sum of the per-example losses divided by the global batch
# size, which is what compute_average_loss computes.
def replica_step(model, optimizer, loss_fn, x, y, global_batch_size):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    with tf.GradientTape() as tape:
        per_example = loss_fn(y, model(x, training=True))
        loss = tf.reduce_sum(per_example) / tf.cast(global_batch_size, per_example.dtype)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return loss
