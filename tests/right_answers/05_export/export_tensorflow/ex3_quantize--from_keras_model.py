# Right answer, another API: both .tflite files converted straight from the Keras model
# (TFLiteConverter.from_keras_model), accuracies from model.predict.
import contextlib
import io


def quantize_and_report(model, X_test, y_test):
    with contextlib.redirect_stdout(io.StringIO()):  # the converter prints where it saved its export
        float_bytes = tf.lite.TFLiteConverter.from_keras_model(model).convert()
        converter = tf.lite.TFLiteConverter.from_keras_model(model)
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        int8_bytes = converter.convert()
    labels = np.asarray(y_test)
    float_acc = np.mean(np.argmax(model.predict(X_test, verbose=0), axis=1) == labels)
    int8_acc = np.mean(np.argmax(litert_predict(int8_bytes, X_test), axis=1) == labels)
    return int8_bytes, {"size_ratio": len(float_bytes) / len(int8_bytes),
                        "accuracy_drop": float(float_acc - int8_acc)}
