# Mistake: calls compute_average_loss without global_batch_size: it then divides by this replica's
# batch size times the number of replicas, which is right only when every slice has the same size.
def replica_step(model, optimizer, loss_fn, x, y, global_batch_size):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    with tf.GradientTape() as tape:
        loss = tf.nn.compute_average_loss(loss_fn(y, model(x, training=True)))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return loss
