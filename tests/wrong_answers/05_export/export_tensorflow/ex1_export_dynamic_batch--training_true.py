# Mistake: calls the model with training=True inside the signature, so dropout runs at serving time.
def export_dynamic_batch(model, example, path):
    n_features = np.asarray(example).shape[-1]
    archive = keras.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint(
        "serve",
        lambda features: {"logits": model(features, training=True)},
        input_signature=[tf.TensorSpec([None, n_features], tf.float32, name="features")],
    )
    archive.write_out(path, verbose=False)
    return path
