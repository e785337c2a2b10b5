# Mistake: drops .item() but keeps a Python `if` on a tensor: Dynamo still has to know the
# value to pick a branch, so the graph breaks there.
def clip_features(x, w):
    h = x @ w
    norm = torch.linalg.vector_norm(h)
    scale = MAX_NORM / norm
    if scale < 1.0:
        h = h * scale
    return torch.tanh(h)
