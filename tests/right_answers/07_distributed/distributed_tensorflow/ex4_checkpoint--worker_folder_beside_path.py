# Right, the TensorFlow tutorial's layout: a non-chief saves into a "workertemp_<id>" folder next
# to the checkpoint, then removes that folder; pathlib instead of os.path.
def save_checkpoint(model, path, task_type, task_id):
    """Every worker saves; only the chief's copy, at `path`, is kept. Returns where this worker saved."""
    import shutil

    path = Path(path)
    chief = task_type in (None, "chief") or (task_type == "worker" and task_id == 0)
    target = path if chief else path.parent / f"workertemp_{task_id}" / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    model.save(target)
    if not chief:
        shutil.rmtree(target.parent)
    return target
