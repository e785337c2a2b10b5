# Mistake: clips each row to MAX_NORM instead of the global norm of all features.
def clip_features(x, w):
    h = x @ w
    norm = torch.linalg.vector_norm(h, dim=1, keepdim=True)
    return torch.tanh(h * torch.clamp(MAX_NORM / norm, max=1.0))
