# Right answer, another API and algebra: a tf.Module saved with tf.saved_model.save; the
# normalisation is a multiply by 1/std after subtracting the mean, with float32 constants.
def export_with_preprocessing(model, mean, std, path):
    shift = tf.constant(np.asarray(mean, dtype=np.float32))
    scale = tf.constant(1.0 / np.asarray(std, dtype=np.float32))
    module = tf.Module()
    module.model = model

    @tf.function(input_signature=[tf.TensorSpec([None, 8, 8], tf.uint8, name="pixels")])
    def serve(pixels):
        features = tf.reshape(tf.cast(pixels, tf.float32), [tf.shape(pixels)[0], 64])
        return {"logits": module.model((features - shift) * scale, training=False)}

    tf.saved_model.save(module, path, signatures={"serving_default": serve})
    return path
