# Mistake: disables check_numerics on both normal paths but not in a finally: when the model's own code
# raises another error, check_numerics stays on for every later op.
def first_nonfinite_layer(model, x):
    """Name of the layer whose op first produces a NaN or Inf in model(x), or None."""
    names = {layer.name for layer in model.layers}
    tf.debugging.enable_check_numerics()
    try:
        tf.function(model)(x)
    except tf.errors.InvalidArgumentError as err:
        tf.debugging.disable_check_numerics()
        node = re.search(r"Detected at node (\S+)", str(err)).group(1)
        for scope in reversed(node.split("/")):
            for candidate in (scope, re.sub(r"_\d+$", "", scope)):
                if candidate in names:
                    return candidate
        raise
    tf.debugging.disable_check_numerics()
    return None
