# Right answer, other APIs: an ExportArchive with a named endpoint, both conversions from that
# SavedModel, and the int8 accuracy measured through LiteRT's signature runner.
def quantize_and_report(model, X_test, y_test):
    X, y = np.asarray(X_test, dtype=np.float32), np.asarray(y_test)
    folder = tempfile.mkdtemp(dir=WORKDIR)
    archive = keras.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint("serve", lambda x: {"logits": model(x, training=False)},
                         input_signature=[tf.TensorSpec([None, X.shape[1]], tf.float32, name="x")])
    archive.write_out(folder, verbose=False)
    sizes = {}
    for quantized in (False, True):
        converter = tf.lite.TFLiteConverter.from_saved_model(folder, signature_keys=["serving_default"])
        converter.optimizations = [tf.lite.Optimize.DEFAULT] if quantized else []
        sizes[quantized] = converter.convert()
    runner = Interpreter(model_content=sizes[True]).get_signature_runner("serving_default")
    int8_predictions = runner(x=X)["logits"].argmax(axis=1)
    float_predictions = model(X, training=False).numpy().argmax(axis=1)
    drop = np.mean(float_predictions == y) - np.mean(int8_predictions == y)
    return sizes[True], {"size_ratio": len(sizes[False]) / len(sizes[True]), "accuracy_drop": float(drop)}
