# Mistake: divides by the notebook's GLOBAL_BATCH instead of the global_batch_size it is given:
# right only for global batches of 64.
def replica_step(model, optimizer, loss_fn, x, y, global_batch_size):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    with tf.GradientTape() as tape:
        per_example = loss_fn(y, model(x, training=True))
        loss = tf.nn.compute_average_loss(per_example, global_batch_size=GLOBAL_BATCH)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return loss
