# Mistake: returns the name scope as it appears in the node name, with its "_1" suffix.
def first_nonfinite_layer(model, x):
    """Name of the layer whose op first produces a NaN or Inf in model(x), or None."""
    tf.debugging.enable_check_numerics()
    try:
        tf.function(model)(x)
    except tf.errors.InvalidArgumentError as err:
        node = re.search(r"Detected at node (\S+)", str(err)).group(1)
        return node.split("/")[-3]  # model/layer/Op/CheckNumericsV2
    finally:
        tf.debugging.disable_check_numerics()
    return None
