# Setup. On Colab, install only what Colab lacks (never torch or tensorflow);
# locally the course environment (make setup) already has everything.
import importlib.util
import subprocess
import sys

COLAB_NEEDS = {}  # import name -> pip requirement, for what Colab does not ship


def running_on_colab() -> bool:
    try:
        return importlib.util.find_spec("google.colab") is not None
    except ModuleNotFoundError:
        return False


if running_on_colab():
    missing = [req for mod, req in COLAB_NEEDS.items() if importlib.util.find_spec(mod) is None]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *missing], check=True)
    print("Colab: installed", ", ".join(missing) if missing else "nothing (all present)")
