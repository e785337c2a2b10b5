# Mistake: hard-codes this notebook's 64 features instead of reading them from the example.
def export_dynamic_batch(model, example, path):
    archive = keras.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint(
        "serve",
        lambda features: {"logits": model(features, training=False)},
        input_signature=[tf.TensorSpec([None, 64], tf.float32, name="features")],
    )
    archive.write_out(path, verbose=False)
    return path
