# Mistake: registers the statistics with their own dtype: float64 arrays make float64 buffers, the
# normalised features become float64, and the float32 model refuses them.
def export_with_preprocessing(model, mean, std, path):
    class WithPreprocessing(nn.Module):
        def __init__(self, model, mean, std):
            super().__init__()
            self.model = model
            self.register_buffer("mean", torch.from_numpy(np.asarray(mean)))
            self.register_buffer("std", torch.from_numpy(np.asarray(std)))

        def forward(self, pixels):
            x = pixels.to(torch.float32).flatten(start_dim=1)
            return self.model((x - self.mean) / self.std)

    wrapped = WithPreprocessing(model, mean, std).eval()
    example = torch.zeros(2, 8, 8, dtype=torch.uint8)
    program = torch.export.export(wrapped, (example,), dynamic_shapes=({0: torch.export.Dim("batch")},))
    torch.export.save(program, path)
    return path
