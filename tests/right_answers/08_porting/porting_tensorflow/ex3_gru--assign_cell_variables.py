# Right, another API: builds the layer by calling it on a dummy sequence, then assigns the cell's
# variables with tf ops (tf.split / tf.concat per gate).
def convert_gru(gru):
    def keras_order(t):  # last axis [r | z | n] -> [z | r | h]
        r, z, n = tf.split(tf.constant(t.detach().numpy()), 3, axis=-1)
        return tf.concat([z, r, n], axis=-1)

    converted = keras.layers.GRU(gru.hidden_size, reset_after=True, return_sequences=False)
    converted(np.zeros((1, 2, gru.input_size), np.float32))
    converted.cell.kernel.assign(keras_order(gru.weight_ih_l0.T))
    converted.cell.recurrent_kernel.assign(keras_order(gru.weight_hh_l0.T))
    converted.cell.bias.assign(tf.stack([keras_order(gru.bias_ih_l0), keras_order(gru.bias_hh_l0)]))
    return converted
