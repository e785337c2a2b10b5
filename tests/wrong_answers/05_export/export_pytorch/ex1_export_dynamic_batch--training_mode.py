# Mistake: never calls model.eval(), so a model still in training mode is exported with dropout on.
def export_dynamic_batch(model, example, path):
    if example.shape[0] < 2:
        example = torch.cat([example, example])
    program = torch.export.export(model, (example,), dynamic_shapes=({0: torch.export.Dim("batch")},))
    torch.export.save(program, path)
    return path
