# Another correct approach: one regular expression per layer, "<name>" or "<name>_<n>", matched against the
# scopes of the node name (read from "{{node ...}}" in the error) from the innermost out; the model is
# called with training=False in a lambda.
def first_nonfinite_layer(model, x):
    """Name of the layer whose op first produces a NaN or Inf in model(x), or None."""
    patterns = {layer.name: re.compile(re.escape(layer.name) + r"(_\d+)?") for layer in model.layers}
    tf.debugging.enable_check_numerics()
    try:
        tf.function(lambda inputs: model(inputs, training=False))(tf.convert_to_tensor(x))
        return None
    except tf.errors.InvalidArgumentError as err:
        node = re.search(r"\{\{node ([^}]+)\}\}", str(err))
        for scope in reversed(node.group(1).split("/") if node else []):
            hits = [name for name, pattern in patterns.items() if pattern.fullmatch(scope)]
            if hits:
                return max(hits, key=len)  # "grow_2" rather than "grow" if a model had both
        raise
    finally:
        tf.debugging.disable_check_numerics()
