# Right, the common idiom: gathers every batch's logits and labels, concatenates them, and applies
# loss_fn once; the accuracy is a float32 mean.
def evaluate(model, dataset, loss_fn):
    all_logits, all_labels = [], []
    for xb, yb in dataset:
        all_logits.append(model(xb, training=False))
        all_labels.append(yb)
    logits, labels = tf.concat(all_logits, axis=0), tf.concat(all_labels, axis=0)
    mean_loss = float(loss_fn(labels, logits))
    hits = tf.cast(tf.equal(tf.argmax(logits, axis=1), tf.cast(labels, tf.int64)), tf.float32)
    return mean_loss, float(tf.reduce_mean(hits))
