# Right, another formula and API: the local mean weighted by this slice's share of the global
# batch, gradients taken with respect to trainable_weights, and optimizer.apply.
def replica_step(model, optimizer, loss_fn, x, y, global_batch_size):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    weights = model.trainable_weights
    with tf.GradientTape() as tape:
        local_mean = tf.reduce_mean(loss_fn(y, model(x, training=True)))
        share = local_mean * tf.cast(tf.shape(x)[0], tf.float32) / tf.cast(global_batch_size, tf.float32)
    optimizer.apply(tape.gradient(share, weights), weights)
    return share
