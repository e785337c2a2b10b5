# Mistake: checkpoints the notebook's `model` (the one trained in section 6) instead of the model
# passed in, whose parameter it named `net`: the resumed run starts from the wrong weights.
def save_checkpoint(directory, net, optimizer, epoch):
    """Save everything that decides the rest of training into `directory`."""
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer,
                                     dropout_rng=net.non_trainable_variables,
                                     epoch=tf.Variable(epoch, dtype=tf.int64))
    return tf.train.CheckpointManager(checkpoint, directory, max_to_keep=3).save(checkpoint_number=epoch)


def restore_checkpoint(directory, net, optimizer):
    """Restore the latest checkpoint of `directory`; return the number of epochs already done."""
    epoch = tf.Variable(0, dtype=tf.int64)
    checkpoint = tf.train.Checkpoint(model=net, optimizer=optimizer, dropout_rng=net.non_trainable_variables,
                                     epoch=epoch)
    checkpoint.restore(tf.train.latest_checkpoint(directory))
    return int(epoch)
