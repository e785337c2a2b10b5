# Mistake: removes the branch by always rescaling: no graph break, but features whose norm is
# already below MAX_NORM are scaled up, so the outputs change.
def clip_features(x, w):
    h = x @ w
    norm = torch.linalg.vector_norm(h)
    return torch.tanh(h * (MAX_NORM / norm))
