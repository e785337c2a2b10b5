# Right, another style: assembles one state_dict for the whole DigitsNet and loads it strictly, taking
# the BatchNorm and GRU tensors from the converted modules.
def port_model(model):
    port = DigitsNet()
    state = {}
    for prefix, (weight, bias) in {
        "conv": convert_conv(*model.get_layer("conv").get_weights()),
        "dense": convert_dense(*model.get_layer("dense").get_weights(),
                               feature_shape=model.get_layer("pool").output.shape[1:]),
        "head": convert_dense(*model.get_layer("head").get_weights()),
    }.items():
        state[f"{prefix}.weight"] = torch.tensor(np.asarray(weight, dtype=np.float32))
        state[f"{prefix}.bias"] = torch.tensor(np.asarray(bias, dtype=np.float32))
    bn = convert_batchnorm(model.get_layer("bn"))
    port.bn.eps, port.bn.momentum = bn.eps, bn.momentum
    state.update({f"bn.{k}": v for k, v in bn.state_dict().items()})
    state.update({f"gru.{k}": v for k, v in convert_gru(model.get_layer("gru")).state_dict().items()})
    port.load_state_dict(state, strict=True)
    port.eval()
    return port
