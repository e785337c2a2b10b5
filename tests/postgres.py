"""A throwaway PostgreSQL server for tests: installed with apt when missing (as root), started on
loopback in a temporary folder, stopped and removed afterwards, even when the test fails.

Used by tests/batch/test_batch_postgres.py and tests/batch/test_slurm.py (import `postgres_url`: it is a
module-scoped fixture).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest


def postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run("apt-get install -y -q postgresql || (apt-get update -q && apt-get install -y -q "
                       "postgresql)", shell=True, check=True, capture_output=True)
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.skip("PostgreSQL server binaries are not installed and cannot be installed here")
    return Path(found[-1]).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    bin_dir = postgres_bin()
    home = Path(tempfile.mkdtemp(prefix="grader-pg-"))
    shutil.chown(home, "postgres", "postgres")
    data, port = home / "data", free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1"
    subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                    str(home / "log"), "-w", "start"], check=True, capture_output=True)
    try:
        subprocess.run([*as_postgres, str(bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-c",
                        "CREATE DATABASE gradebook"], check=True, capture_output=True)
        yield f"postgresql://postgres@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(home, ignore_errors=True)
