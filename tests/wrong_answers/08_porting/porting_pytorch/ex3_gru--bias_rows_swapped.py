# Mistake: takes bias row 0 for the recurrent bias and row 1 for the input bias.
def convert_gru(layer):
    kernel, recurrent_kernel, bias = (np.asarray(w, dtype=np.float32) for w in layer.get_weights())

    def reorder(a):
        z, r, h = np.split(a, 3, axis=-1)
        return np.ascontiguousarray(np.concatenate([r, z, h], axis=-1))

    converted = nn.GRU(kernel.shape[0], layer.units, batch_first=True)
    converted.load_state_dict({
        "weight_ih_l0": torch.from_numpy(reorder(kernel).T.copy()),
        "weight_hh_l0": torch.from_numpy(reorder(recurrent_kernel).T.copy()),
        "bias_ih_l0": torch.from_numpy(reorder(bias[1])),
        "bias_hh_l0": torch.from_numpy(reorder(bias[0])),
    })
    return converted
