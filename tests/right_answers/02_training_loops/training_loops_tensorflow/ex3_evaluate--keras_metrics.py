# Right, another API: Keras metrics that average over the examples, the batch losses weighted by
# the batch size through sample_weight (both are float32).
def evaluate(model, dataset, loss_fn):
    mean_loss = keras.metrics.Mean()
    accuracy = keras.metrics.SparseCategoricalAccuracy()
    for xb, yb in dataset:
        logits = model(xb, training=False)
        mean_loss.update_state(loss_fn(yb, logits), sample_weight=tf.shape(yb)[0])
        accuracy.update_state(yb, logits)
    return float(mean_loss.result()), float(accuracy.result())
