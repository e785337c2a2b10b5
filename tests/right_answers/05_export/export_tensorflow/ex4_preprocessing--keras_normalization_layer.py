# Right answer, another API: Keras layers for the preprocessing (Flatten, and Normalization with a
# fixed mean and variance = std²), exported with ExportArchive.
def export_with_preprocessing(model, mean, std, path):
    flatten = keras.layers.Flatten()
    normalise = keras.layers.Normalization(mean=np.asarray(mean, np.float32),
                                           variance=np.square(np.asarray(std, np.float32)))
    normalise.build((None, 64))

    def serve(pixels):
        features = flatten(keras.ops.cast(pixels, "float32"))
        return {"logits": model(normalise(features), training=False)}

    archive = keras.export.ExportArchive()
    archive.track(model)
    archive.track(normalise)
    spec = tf.TensorSpec([None, 8, 8], tf.uint8, name="pixels")
    archive.add_endpoint("serve", serve, input_signature=[spec])
    archive.write_out(path, verbose=False)
    return path
