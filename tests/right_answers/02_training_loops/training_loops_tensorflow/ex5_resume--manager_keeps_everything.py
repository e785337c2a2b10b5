# Right, another style: a CheckpointManager that keeps every checkpoint under its own name, the
# dropout layers' seed generators tracked one by one, and manager.latest_checkpoint to restore.
def _tracked(model, optimizer, epoch):
    seed_states = [layer.seed_generator.state for layer in model.layers if hasattr(layer, "seed_generator")]
    return tf.train.Checkpoint(weights=model, adam=optimizer, seed_states=seed_states, epoch=epoch)


def save_checkpoint(directory, model, optimizer, epoch):
    """Save everything that decides the rest of training into `directory`."""
    state = _tracked(model, optimizer, tf.Variable(epoch, dtype=tf.int64))
    return tf.train.CheckpointManager(state, directory, max_to_keep=None, checkpoint_name="resume").save()


def restore_checkpoint(directory, model, optimizer):
    """Restore the latest checkpoint of `directory`; return the number of epochs already done."""
    epoch = tf.Variable(-1, dtype=tf.int64)
    state = _tracked(model, optimizer, epoch)
    manager = tf.train.CheckpointManager(state, directory, max_to_keep=None, checkpoint_name="resume")
    state.restore(manager.latest_checkpoint)
    return int(epoch)
