# Mistake: runs the model eagerly and returns the op type from the message ("Log"), not the layer's name.
def first_nonfinite_layer(model, x):
    """Name of the layer whose op first produces a NaN or Inf in model(x), or None."""
    tf.debugging.enable_check_numerics()
    try:
        model(x)
    except tf.errors.InvalidArgumentError as err:
        return re.search(r'op "(\w+)"', str(err)).group(1)
    finally:
        tf.debugging.disable_check_numerics()
    return None
