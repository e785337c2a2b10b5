# Mistake: reports the drop in percentage points (100 x), while the contract asks for a fraction.
def quantize_and_report(model, X_test, y_test):
    saved = tempfile.mkdtemp()
    model.export(saved, verbose=False)
    float_content = tf.lite.TFLiteConverter.from_saved_model(saved).convert()
    converter = tf.lite.TFLiteConverter.from_saved_model(saved)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    content = converter.convert()
    shutil.rmtree(saved, ignore_errors=True)
    y = np.asarray(y_test)
    float_acc = float((model(X_test, training=False).numpy().argmax(axis=1) == y).mean())
    int8_acc = float((litert_predict(content, X_test).argmax(axis=1) == y).mean())
    return content, {"size_ratio": len(float_content) / len(content),
                     "accuracy_drop": 100 * (float_acc - int8_acc)}
