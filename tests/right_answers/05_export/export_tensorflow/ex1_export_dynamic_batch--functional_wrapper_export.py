# Right answer, another style: a functional Keras wrapper whose output is named by a dict, exported
# with Keras's own model.export and an input signature that names the input.
def export_dynamic_batch(model, example, path):
    n_features = example.shape[-1]
    features = keras.Input(shape=(n_features,), name="features")
    wrapper = keras.Model(features, {"logits": model(features)})
    wrapper.export(path, verbose=False,
                   input_signature=[tf.TensorSpec([None, n_features], "float32", name="features")])
    return path
