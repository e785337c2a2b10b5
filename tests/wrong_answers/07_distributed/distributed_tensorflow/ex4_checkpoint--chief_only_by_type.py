# Mistake: takes only task_type "chief" as the chief: in a cluster of workers without a chief
# (the usual MultiWorkerMirroredStrategy setup), nobody writes the checkpoint.
def save_checkpoint(model, path, task_type, task_id):
    """Every worker saves; only the chief's copy, at `path`, is kept. Returns where this worker saved."""
    import shutil

    if task_type == "chief":
        model.save(path)
        return path
    folder = tempfile.mkdtemp()
    target = os.path.join(folder, os.path.basename(path))
    model.save(target)
    shutil.rmtree(folder)
    return target
