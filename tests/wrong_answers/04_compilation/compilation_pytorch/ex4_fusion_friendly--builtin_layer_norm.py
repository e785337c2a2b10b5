# Mistake: calls the built-in F.layer_norm, a hand-written kernel: right numbers, but the exercise
# is to write the fusion-friendly form yourself (as for a normalisation with no built-in).
def layer_norm(x, weight, bias, eps=1e-5):
    return F.layer_norm(x, x.shape[-1:], weight, bias, eps)
