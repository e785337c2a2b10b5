# Mistake: right numbers from the built-in softplus, but no custom gradient was written.
def log1pexp(x):
    return tf.nn.softplus(x)
