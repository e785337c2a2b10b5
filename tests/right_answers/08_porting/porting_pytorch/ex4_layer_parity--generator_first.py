# Right, another style: torch.testing-like comparison with torch tensors, and next() over a generator
# for the first divergence.
def layer_parity(source, ported, x, atol=ATOL):
    def as_tensors(activations):
        return {k: torch.from_numpy(np.asarray(v, dtype=np.float64)) for k, v in activations.items()}

    expected = as_tensors(keras_activations(source, x, LAYER_NAMES))
    got = as_tensors(torch_activations(ported, x, LAYER_NAMES))

    def delta(name):
        b = got[name].permute(0, 2, 3, 1) if got[name].dim() == 4 else got[name]
        if b.shape != expected[name].shape:
            return math.inf
        return (expected[name] - b).abs().max().item()

    deltas = {name: delta(name) for name in LAYER_NAMES}
    first = next((name for name, d in deltas.items() if math.isnan(d) or d > atol), None)
    return deltas, first
