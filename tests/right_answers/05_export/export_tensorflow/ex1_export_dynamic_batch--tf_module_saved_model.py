# Right answer, another API: a tf.Module holding the model and a tf.function with an explicit
# input_signature, saved by tf.saved_model.save with the signature named serving_default.
def export_dynamic_batch(model, example, path):
    n_features = int(np.shape(example)[-1])
    module = tf.Module()
    module.model = model  # tracked, so that the variables are saved

    @tf.function(input_signature=[tf.TensorSpec(shape=(None, n_features), dtype=tf.float32, name="features")])
    def serve(features):
        return {"logits": module.model(features, training=False)}

    tf.saved_model.save(module, path, signatures={"serving_default": serve})
    return path
