# Mistake: normalises with the mean and std of the incoming batch instead of the training statistics.
def export_with_preprocessing(model, mean, std, path):
    def serve(pixels):
        x = tf.reshape(tf.cast(pixels, tf.float32), [-1, 64])
        batch_mean = tf.reduce_mean(x, axis=0)
        batch_std = tf.maximum(tf.math.reduce_std(x, axis=0), 1.0)
        return {"logits": model((x - batch_mean) / batch_std, training=False)}

    archive = keras.export.ExportArchive()
    archive.track(model)
    spec = tf.TensorSpec([None, 8, 8], tf.uint8, name="pixels")
    archive.add_endpoint("serve", serve, input_signature=[spec])
    archive.write_out(path, verbose=False)
    return path
