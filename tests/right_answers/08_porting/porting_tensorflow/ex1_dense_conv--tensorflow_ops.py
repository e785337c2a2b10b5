# Right, another API: tf.transpose and tf.reshape on tensors, returned as tf tensors (np.asarray
# accepts them).
def convert_dense(weight, bias, feature_shape=None):
    kernel = tf.transpose(tf.constant(np.asarray(weight), dtype=tf.float32))
    if feature_shape is not None:
        c, h, w = feature_shape
        kernel = tf.reshape(tf.transpose(tf.reshape(kernel, (c, h, w, -1)), (1, 2, 0, 3)), (c * h * w, -1))
    return kernel, tf.constant(np.asarray(bias), dtype=tf.float32)


def convert_conv(weight, bias):
    return (tf.transpose(tf.constant(np.asarray(weight), dtype=tf.float32), (2, 3, 1, 0)),
            tf.constant(np.asarray(bias), dtype=tf.float32))
