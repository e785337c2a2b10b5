# Right, another style: collects one weighted gradient per micro-batch (each from its own tape)
# and adds them up at the end with tf.add_n.
def accumulated_gradient(loss_fn, w, batches):
    n_total = sum(int(tf.shape(Xb)[0]) for Xb, _ in batches)
    grads = []
    for Xb, yb in batches:
        with tf.GradientTape() as tape:
            share = int(tf.shape(Xb)[0]) / n_total
            loss = share * loss_fn(w, Xb, yb)
        grads.append(tape.gradient(loss, w))
    return tf.add_n(grads)
