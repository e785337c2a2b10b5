# Mistake: forgets converter.optimizations, so the "quantized" model is the float32 one.
def quantize_and_report(model, X_test, y_test):
    saved = tempfile.mkdtemp()
    model.export(saved, verbose=False)
    float_content = tf.lite.TFLiteConverter.from_saved_model(saved).convert()
    content = tf.lite.TFLiteConverter.from_saved_model(saved).convert()
    y = np.asarray(y_test)
    float_acc = float((model(X_test, training=False).numpy().argmax(axis=1) == y).mean())
    int8_acc = float((litert_predict(content, X_test).argmax(axis=1) == y).mean())
    return content, {"size_ratio": len(float_content) / len(content), "accuracy_drop": float_acc - int8_acc}
