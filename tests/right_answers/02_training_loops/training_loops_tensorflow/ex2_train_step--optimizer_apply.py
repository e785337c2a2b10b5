# Right, another API: Keras 3's optimizer.apply(grads, variables), the list form of apply_gradients,
# and the loss read with .numpy().
def train_step(model, loss_fn, optimizer, xb, yb):
    variables = model.trainable_variables
    with tf.GradientTape() as tape:
        loss = loss_fn(yb, model(xb, training=True))
    optimizer.apply(tape.gradient(loss, variables), variables)
    return float(loss.numpy())
