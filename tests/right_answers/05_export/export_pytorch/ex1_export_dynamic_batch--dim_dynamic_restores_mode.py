# Right answer, another style: Dim.DYNAMIC keyed by the forward argument's name, a repeated example
# of two rows, and the caller's train/eval mode restored afterwards.
def export_dynamic_batch(model, example, path):
    was_training = model.training
    model.train(False)
    try:
        two_rows = example.repeat(2, *([1] * (example.dim() - 1)))[: max(2, len(example))]
        program = torch.export.export(model, (two_rows,),
                                      dynamic_shapes={"input": {0: torch.export.Dim.DYNAMIC}})
    finally:
        model.train(was_training)
    torch.export.save(program, path)
    return path
