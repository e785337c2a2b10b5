# Mistake: divides the quantized size by the float size, reporting 0.28 instead of 3.6.
def quantize_and_report(model, X_test, y_test):
    saved = tempfile.mkdtemp()
    model.export(saved, verbose=False)
    float_content = tf.lite.TFLiteConverter.from_saved_model(saved).convert()
    converter = tf.lite.TFLiteConverter.from_saved_model(saved)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    content = converter.convert()
    y = np.asarray(y_test)
    float_acc = float((model(X_test, training=False).numpy().argmax(axis=1) == y).mean())
    int8_acc = float((litert_predict(content, X_test).argmax(axis=1) == y).mean())
    return content, {"size_ratio": len(content) / len(float_content), "accuracy_drop": float_acc - int8_acc}
