# Mistake: builds the example from the notebook's X_test_t instead of the example it is given, so a
# model with another number of features cannot be exported.
def export_dynamic_batch(model, example, path):
    model.eval()
    program = torch.export.export(model, (X_test_t[:2],), dynamic_shapes=({0: torch.export.Dim("batch")},))
    torch.export.save(program, path)
    return path
