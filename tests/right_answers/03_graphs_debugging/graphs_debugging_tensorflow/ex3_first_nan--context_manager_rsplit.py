# Another correct approach: check_numerics switched on and off by a context manager, the node path read
# with str.partition, and a scope's unique suffix removed with rsplit when it is all digits.
@contextlib.contextmanager
def numerics_checked():
    tf.debugging.enable_check_numerics()
    try:
        yield
    finally:
        tf.debugging.disable_check_numerics()


def first_nonfinite_layer(model, x):
    """Name of the layer whose op first produces a NaN or Inf in model(x), or None."""
    names = [layer.name for layer in model.layers]
    try:
        with numerics_checked():
            tf.function(model)(x)
    except tf.errors.InvalidArgumentError as err:
        path = str(err).partition("Detected at node ")[2].split()[0] if "Detected at node" in str(err) else ""
        for scope in path.split("/")[::-1]:
            base, _, suffix = scope.rpartition("_")
            for candidate in (scope, base if suffix.isdigit() else None):
                if candidate in names:
                    return candidate
        raise
    return None
