# Mistake: builds the input spec from the example tensor, which freezes the example's batch size.
def export_dynamic_batch(model, example, path):
    archive = keras.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint(
        "serve",
        lambda features: {"logits": model(features, training=False)},
        input_signature=[tf.TensorSpec.from_tensor(tf.constant(example, tf.float32), name="features")],
    )
    archive.write_out(path, verbose=False)
    return path
