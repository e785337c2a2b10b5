# Mistake: evaluates with training=True (copied from the training step): dropout stays on and the numbers
# are noisy.
def evaluate(model, dataset, loss_fn):
    """Mean loss and accuracy over every example of `dataset`, in inference mode."""
    total_loss, correct, count = 0.0, 0, 0
    for xb, yb in dataset:
        logits = model(xb, training=True)
        n = int(tf.shape(yb)[0])
        total_loss += float(loss_fn(yb, logits)) * n
        correct += int(tf.reduce_sum(tf.cast(tf.argmax(logits, axis=1) == tf.cast(yb, tf.int64), tf.int32)))
        count += n
    return total_loss / count, correct / count
