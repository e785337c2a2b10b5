# Right, another API: tf.train.Checkpoint.write / read with a prefix numbered by the epoch, no
# CheckpointManager; restore reads the newest prefix it finds.
import glob
import os


def save_checkpoint(directory, model, optimizer, epoch):
    """Save everything that decides the rest of training into `directory`."""
    state = tf.train.Checkpoint(model=model, optimizer=optimizer, seeds=list(model.non_trainable_variables),
                                epoch=tf.Variable(epoch, dtype=tf.int32))
    return state.write(os.path.join(directory, f"epoch-{epoch:05d}"))


def restore_checkpoint(directory, model, optimizer):
    """Restore the latest checkpoint of `directory`; return the number of epochs already done."""
    newest = max(glob.glob(os.path.join(directory, "epoch-*.index")), key=os.path.getmtime)
    epoch = tf.Variable(0, dtype=tf.int32)
    state = tf.train.Checkpoint(model=model, optimizer=optimizer, seeds=list(model.non_trainable_variables),
                                epoch=epoch)
    state.read(newest[:-len(".index")])
    return int(epoch.numpy())
