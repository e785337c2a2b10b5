# Mistake: removes the print but keeps the .item() branch: a graph break, and a device-to-host
# synchronisation on every call.
def clip_features(x, w):
    h = x @ w
    norm = torch.linalg.vector_norm(h)
    if norm.item() > MAX_NORM:
        h = h * (MAX_NORM / norm)
    return torch.tanh(h)
