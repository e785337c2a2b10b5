# Right, another style: converts the inputs to tensors first, pairs the gradients with
# model.trainable_weights as a list, and reads the loss with .numpy().item().
def train_step(model, loss_fn, optimizer, xb, yb):
    weights = model.trainable_weights
    xb, yb = tf.convert_to_tensor(xb), tf.convert_to_tensor(yb)
    with tf.GradientTape() as tape:
        predictions = model(xb, training=True)
        batch_loss = loss_fn(yb, predictions)
    optimizer.apply_gradients(list(zip(tape.gradient(batch_loss, weights), weights, strict=True)))
    return batch_loss.numpy().item()
