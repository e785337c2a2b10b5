# Mistake: reads the number of features from the notebook's X_test instead of the example it is
# given, so any other model (another number of features) cannot be exported.
def export_dynamic_batch(model, example, path):
    archive = keras.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint(
        "serve",
        lambda features: {"logits": model(features, training=False)},
        input_signature=[tf.TensorSpec([None, X_test.shape[1]], tf.float32, name="features")],
    )
    archive.write_out(path, verbose=False)
    return path
