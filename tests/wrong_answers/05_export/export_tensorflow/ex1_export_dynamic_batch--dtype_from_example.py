# Mistake: copies the example's dtype into the input spec, so a float64 example gives a float64
# signature, while the contract says the input is float32 whatever the example.
def export_dynamic_batch(model, example, path):
    example = np.asarray(example)
    archive = keras.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint(
        "serve",
        lambda features: {"logits": model(features, training=False)},
        input_signature=[tf.TensorSpec((None, *example.shape[1:]), tf.as_dtype(example.dtype),
                                       name="features")],
    )
    archive.write_out(path, verbose=False)
    return path
