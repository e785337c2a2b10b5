# Mistake: checkpoints the model and the optimizer but not dropout's seed state: the fresh Dropout layer
# replays the masks of the first epochs.
def save_checkpoint(directory, model, optimizer, epoch):
    """Save everything that decides the rest of training into `directory`."""
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer,
                                     epoch=tf.Variable(epoch, dtype=tf.int64))
    return tf.train.CheckpointManager(checkpoint, directory, max_to_keep=3).save(checkpoint_number=epoch)


def restore_checkpoint(directory, model, optimizer):
    """Restore the latest checkpoint of `directory`; return the number of epochs already done."""
    epoch = tf.Variable(0, dtype=tf.int64)
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer, epoch=epoch)
    checkpoint.restore(tf.train.latest_checkpoint(directory))
    return int(epoch)
