# Mistake: does not store the epoch and derives it from the optimizer's step count (2 steps per
# epoch here): the same number only while every epoch has exactly that many steps and the caller
# counts the same way.
def save_checkpoint(directory, model, optimizer, epoch):
    """Save everything that decides the rest of training into `directory`."""
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer,
                                     dropout_rng=model.non_trainable_variables)
    return tf.train.CheckpointManager(checkpoint, directory, max_to_keep=3).save()


def restore_checkpoint(directory, model, optimizer):
    """Restore the latest checkpoint of `directory`; return the number of epochs already done."""
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer,
                                     dropout_rng=model.non_trainable_variables)
    checkpoint.restore(tf.train.latest_checkpoint(directory))
    return int(optimizer.iterations) // 2
