# Mistake: divides by the number of replicas on top of compute_average_loss, "to average the
# replicas": the loss is already scaled by the global batch, so the step is R times too small.
def replica_step(model, optimizer, loss_fn, x, y, global_batch_size):
    """One data-parallel step on this replica's slice; returns its share of the global mean loss."""
    replicas = tf.distribute.get_strategy().num_replicas_in_sync
    with tf.GradientTape() as tape:
        per_example = loss_fn(y, model(x, training=True))
        loss = tf.nn.compute_average_loss(per_example, global_batch_size=global_batch_size) / replicas
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return loss
