# Mistake: takes the float model's accuracy and .tflite size from the notebook's globals
# (float_accuracy, tflite_float) instead of measuring the model it is given.
def quantize_and_report(model, X_test, y_test):
    saved = tempfile.mkdtemp()
    model.export(saved, verbose=False)
    converter = tf.lite.TFLiteConverter.from_saved_model(saved)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    content = converter.convert()
    shutil.rmtree(saved, ignore_errors=True)
    int8_acc = float((litert_predict(content, X_test).argmax(axis=1) == np.asarray(y_test)).mean())
    return content, {"size_ratio": len(tflite_float) / len(content),
                     "accuracy_drop": float_accuracy - int8_acc}
