# Mistake: averages the per-batch mean losses, which over-weights the examples of the small last batch.
def evaluate(model, dataset, loss_fn):
    """Mean loss and accuracy over every example of `dataset`, in inference mode."""
    batch_losses, correct, count = [], 0, 0
    for xb, yb in dataset:
        logits = model(xb, training=False)
        batch_losses.append(float(loss_fn(yb, logits)))
        correct += int(tf.reduce_sum(tf.cast(tf.argmax(logits, axis=1) == tf.cast(yb, tf.int64), tf.int32)))
        count += int(tf.shape(yb)[0])
    return sum(batch_losses) / len(batch_losses), correct / count
