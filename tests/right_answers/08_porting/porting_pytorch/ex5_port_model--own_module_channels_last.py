# Right, another architecture: a module of its own that flattens in Keras's (h, w, c) order, so the
# dense kernel needs a plain transpose, and pads with F.pad in forward.
class ChannelsLastFlattenNet(nn.Module):
    def __init__(self, conv, bn, dense, gru, head):
        super().__init__()
        self.conv, self.bn, self.dense, self.gru, self.head = conv, bn, dense, gru, head

    def forward(self, pixels):
        x = F.pad(pixels.unsqueeze(1), (0, 1, 0, 1))
        x = F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)
        x = F.relu(self.dense(x.permute(0, 2, 3, 1).flatten(1)))  # (h, w, c), as Keras's Flatten
        rows, _ = self.gru(pixels)
        return self.head(torch.cat([x, rows[:, -1]], dim=1))  # dropout is the identity at inference


def port_model(model):
    conv_w, conv_b = convert_conv(*model.get_layer("conv").get_weights())
    conv = nn.Conv2d(conv_w.shape[1], conv_w.shape[0], conv_w.shape[2:], stride=2)
    load_weights(conv, conv_w, conv_b)
    dense_w, dense_b = convert_dense(*model.get_layer("dense").get_weights())
    dense = nn.Linear(dense_w.shape[1], dense_w.shape[0])
    load_weights(dense, dense_w, dense_b)
    head_w, head_b = convert_dense(*model.get_layer("head").get_weights())
    head = nn.Linear(head_w.shape[1], head_w.shape[0])
    load_weights(head, head_w, head_b)
    net = ChannelsLastFlattenNet(conv, convert_batchnorm(model.get_layer("bn")), dense,
                                 convert_gru(model.get_layer("gru")), head)
    return net.eval()
