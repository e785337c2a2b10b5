# Mistake: strips every trailing _<digits> from the scope, so a layer whose own name ends in digits
# ("grow_2", scope "grow_2_1") becomes "grow" and is not found.
def first_nonfinite_layer(model, x):
    """Name of the layer whose op first produces a NaN or Inf in model(x), or None."""
    names = {layer.name for layer in model.layers}
    tf.debugging.enable_check_numerics()
    try:
        tf.function(model)(x)
    except tf.errors.InvalidArgumentError as err:
        node = re.search(r"Detected at node (\S+)", str(err)).group(1)
        for scope in reversed(node.split("/")):
            if re.sub(r"(_\d+)+$", "", scope) in names:
                return re.sub(r"(_\d+)+$", "", scope)
    finally:
        tf.debugging.disable_check_numerics()
    return None
