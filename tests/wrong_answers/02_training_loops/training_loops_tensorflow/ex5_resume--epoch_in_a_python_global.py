# Mistake: keeps the epoch in a Python global instead of the checkpoint: it works in this process,
# but a new process that restores the files has no epoch to start from.
LAST_SAVED_EPOCH = {}


def save_checkpoint(directory, model, optimizer, epoch):
    """Save everything that decides the rest of training into `directory`."""
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer,
                                     dropout_rng=model.non_trainable_variables)
    LAST_SAVED_EPOCH[directory] = epoch
    return tf.train.CheckpointManager(checkpoint, directory, max_to_keep=3).save(checkpoint_number=epoch)


def restore_checkpoint(directory, model, optimizer):
    """Restore the latest checkpoint of `directory`; return the number of epochs already done."""
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer,
                                     dropout_rng=model.non_trainable_variables)
    checkpoint.restore(tf.train.latest_checkpoint(directory))
    return LAST_SAVED_EPOCH[directory]
