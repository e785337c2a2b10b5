# Mistake: takes the argmax over axis 0 (the batch) instead of axis 1 (the classes).
def evaluate(model, dataset, loss_fn):
    """Mean loss and accuracy over every example of `dataset`, in inference mode."""
    total_loss, correct, count = 0.0, 0, 0
    for xb, yb in dataset:
        logits = model(xb, training=False)
        n = int(tf.shape(yb)[0])
        total_loss += float(loss_fn(yb, logits)) * n
        correct += int(tf.reduce_sum(tf.cast(tf.argmax(logits) == tf.cast(yb, tf.int64), tf.int32)))
        count += n
    return total_loss / count, correct / count
