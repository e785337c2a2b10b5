# Mistake: reshapes the (in, 3 units) kernels to torch's (3 units, in) instead of transposing them.
def convert_gru(layer):
    kernel, recurrent_kernel, bias = (np.asarray(w, dtype=np.float32) for w in layer.get_weights())

    def reorder(a):
        z, r, h = np.split(a, 3, axis=-1)
        return np.ascontiguousarray(np.concatenate([r, z, h], axis=-1))

    k, rk = reorder(kernel), reorder(recurrent_kernel)
    converted = nn.GRU(kernel.shape[0], layer.units, batch_first=True)
    converted.load_state_dict({
        "weight_ih_l0": torch.from_numpy(k.reshape(k.shape[1], k.shape[0])),
        "weight_hh_l0": torch.from_numpy(rk.reshape(rk.shape[1], rk.shape[0])),
        "bias_ih_l0": torch.from_numpy(reorder(bias[0])),
        "bias_hh_l0": torch.from_numpy(reorder(bias[1])),
    })
    return converted
