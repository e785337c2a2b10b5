"""The shipped deploy/slurm/grade.sbatch on a real, one-node Slurm cluster on loopback.

The test installs Debian's slurm-wlm and munge (as root) when they are missing, starts munged,
slurmctld and slurmd with a minimal slurm.conf in a temporary folder (no cgroups: proctrack/linuxproc,
task/none), and a throwaway PostgreSQL server (tests/postgres.py). It submits grade.sbatch as a
3-task array with ids 4-6 (SLURM_ARRAY_TASK_MIN is not 0 or 1) and the report job that waits for
it (deploy/slurm/submit.sh's pair), then checks nbgrader's export of the one gradebook: every
student exactly once, with the right score. Then it grades again into a fresh gradebook, cancels
one array task while it grades (scancel), requeues it, and checks that its results resume:
nothing lost, nothing doubled. Every daemon it started is stopped at the end, even on failure.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.batch import sandbox
from grader.batch.plan import shard_of
from grader.batch.results import nbgrader_export
from grader.course.nbgrader_api import database_url
from tests import postgres
from tests.conftest import ROOT

SBATCH = ROOT / "deploy" / "slurm" / "grade.sbatch"
SAMPLES = ROOT / "data" / "submissions"  # FAST=True: alice (all right), bob (mistakes), carol (blank)
STUDENTS = ("alice", "bob", "carol")
ASSIGNMENT = "01_autograd"
FIRST_TASK, TASKS = 4, 3  # --array=4-6
FINISHED = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY"}
# bob, lesson 01: 7 of 12 for PyTorch (stock nbgrader gives 7 too: tests/batch/test_nbgrader_cli.py) and
# 8 of 12 for TensorFlow, with the first committed wrong answers of ex1 and ex3 (data/submissions/bob).
BOB = 15.0
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("batch"),
              pytest.mark.skipif(os.geteuid() != 0, reason="starts Slurm's daemons: needs root"),
              pytest.mark.skipif(not sandbox.sandbox_support().available, reason="needs the sandbox")]
postgres_url = postgres.postgres_url  # the fixture: a throwaway server (tests/postgres.py)


def slurm_installed() -> bool:
    return all(shutil.which(name) for name in ("munged", "slurmctld", "slurmd", "sbatch", "scontrol"))


def install_slurm() -> None:
    if slurm_installed():
        return
    if not shutil.which("apt-get"):
        pytest.skip("Slurm is not installed and there is no apt-get to install it")
    install = "DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge"
    done = subprocess.run(f"{install} || (apt-get update -q && {install})", shell=True, capture_output=True,
                          text=True)
    if done.returncode != 0 or not slurm_installed():
        pytest.skip(f"cannot install slurm-wlm and munge with apt: {done.stderr.strip()[-300:]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def slurm_conf(folder: Path, host: str, munge_socket: Path) -> str:
    memory_mb = min(6000, os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20 // 2)
    cpus = min(2, os.cpu_count() or 1)
    return "\n".join([
        "ClusterName=gradertest",
        f"SlurmctldHost={host}(127.0.0.1)",
        f"SlurmctldPort={free_port()}",
        f"SlurmdPort={free_port()}",
        "AuthType=auth/munge",
        "CredType=cred/munge",
        f"AuthInfo=socket={munge_socket},cred_expire=20",  # a requeued job waits this long to restart
        "SlurmUser=root",
        "SlurmdUser=root",
        f"StateSaveLocation={folder / 'state'}",
        f"SlurmdSpoolDir={folder / 'spool'}",
        f"SlurmctldPidFile={folder / 'slurmctld.pid'}",
        f"SlurmdPidFile={folder / 'slurmd.pid'}",
        f"SlurmctldLogFile={folder / 'slurmctld.log'}",
        f"SlurmdLogFile={folder / 'slurmd.log'}",
        "SlurmctldDebug=info",
        "SlurmdDebug=info",
        # No cgroups: processes are tracked by parent pid, tasks are not confined by Slurm.
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "JobCompType=jobcomp/none",
        "MpiDefault=none",
        "SchedulerType=sched/backfill",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_CPU_Memory",
        "ReturnToService=2",
        "MailProg=/bin/true",
        "MinJobAge=3600",  # keep finished jobs' records: the test reads their states and requeues one
        "KillWait=5",
        f"NodeName={host} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={memory_mb} State=UNKNOWN",
        "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
        "",
    ])


class SlurmCluster:
    """munged + slurmctld + slurmd, in the foreground as our children, configured under `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.host = socket.gethostname().split(".")[0]
        self.conf = folder / "slurm.conf"
        self.env = {**os.environ, "SLURM_CONF": str(self.conf)}
        self.daemons: list[subprocess.Popen] = []

    def start(self) -> None:
        folder = self.folder
        for sub in ("state", "spool", "munge"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(folder / "munge", 0o700)
        key, munge_socket = folder / "munge" / "munge.key", folder / "munge" / "munge.socket"
        key.write_bytes(os.urandom(1024))
        os.chmod(key, 0o400)
        self.conf.write_text(slurm_conf(folder, self.host, munge_socket))
        self.spawn(["munged", "--foreground", "--force", f"--key-file={key}", f"--socket={munge_socket}",
                    f"--pid-file={folder / 'munge' / 'munged.pid'}", f"--log-file={folder / 'munged.log'}",
                    f"--seed-file={folder / 'munge' / 'munged.seed'}"], folder / "munged.out")
        self.wait_for(lambda: munge_socket.exists(), "munged's socket", folder / "munged.log")
        self.spawn(["slurmctld", "-D", "-i", "-f", str(self.conf)], folder / "slurmctld.out")
        self.wait_for(lambda: self.scontrol("ping").returncode == 0 and "UP" in self.scontrol("ping").stdout,
                      "slurmctld", folder / "slurmctld.log")
        self.spawn(["slurmd", "-D", "-N", self.host, "-f", str(self.conf)], folder / "slurmd.out")
        self.wait_for(lambda: self.node_state() in {"IDLE", "MIXED", "ALLOCATED"}, "the node to be idle",
                      folder / "slurmd.log")

    def spawn(self, command: list[str], log: Path) -> None:
        with open(log, "ab") as handle:
            self.daemons.append(subprocess.Popen(command, env=self.env, stdout=handle,
                                                 stderr=subprocess.STDOUT, start_new_session=True))

    def wait_for(self, ready, what: str, log: Path, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready():
                return
            dead = [d.args[0] for d in self.daemons if d.poll() is not None]
            if dead:
                break
            time.sleep(0.5)
        text = log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"
        raise RuntimeError(f"Slurm test cluster: {what} not ready (exited: {dead}): {text}")

    def stop(self) -> None:
        """Cancel every job (their processes end with them), then stop the daemons, last started first."""
        if self.daemons and self.daemons[-1].poll() is None:
            subprocess.run(["scancel", "--full", "--quiet", "--user=root"], env=self.env, capture_output=True,
                           timeout=30)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and self.squeue("%i"):
                time.sleep(1)
        for daemon in reversed(self.daemons):
            if daemon.poll() is None:
                daemon.send_signal(signal.SIGTERM)
                try:
                    daemon.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(daemon.pid, signal.SIGKILL)
                    daemon.wait(timeout=10)
        self.daemons.clear()

    def run(self, *command: str, env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(list(command), env={**self.env, **(env or {})}, capture_output=True, text=True,
                              timeout=60)

    def scontrol(self, *args: str) -> subprocess.CompletedProcess:
        return self.run("scontrol", *args)

    def squeue(self, fmt: str) -> list[str]:
        done = self.run("squeue", "--noheader", "--array", f"--format={fmt}")
        lines = done.stdout.splitlines() if done.returncode == 0 else []
        return [line.strip() for line in lines if line.strip()]

    def node_state(self) -> str:
        done = self.run("sinfo", "--noheader", "--format=%T")
        return done.stdout.strip().upper().rstrip("*") if done.returncode == 0 else ""

    def sbatch(self, *args: str, env: dict | None = None) -> str:
        done = self.run("sbatch", "--parsable", *args, env=env)
        assert done.returncode == 0, f"sbatch {' '.join(args)}: {done.stderr}"
        return done.stdout.strip().split(";")[0]

    def job_field(self, job: str, name: str) -> str:
        fields = self.scontrol("show", "job", "--oneliner", job).stdout.split()
        return next((f.split("=", 1)[1] for f in fields if f.startswith(f"{name}=")), "")

    def job_states(self, job: str) -> dict[str, str]:
        """Task id (or the job id) -> state, from slurmctld's records (no accounting database here)."""
        done = self.scontrol("show", "job", "--oneliner", job)
        states = {}
        for line in done.stdout.splitlines():
            fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
            states[fields.get("ArrayTaskId", fields.get("JobId", "?"))] = fields.get("JobState", "?")
        return states

    def wait_until_finished(self, job: str, timeout: float) -> dict[str, str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            states = self.job_states(job)
            if states and all(s in FINISHED for s in states.values()):
                return states
            time.sleep(3)
        raise AssertionError(f"job {job} still not finished after {timeout:.0f} s: {self.job_states(job)}")


@contextlib.contextmanager
def slurm_cluster(folder: Path):
    cluster = SlurmCluster(folder)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


def grading_env(submitted: Path, out: Path, db_url: str) -> dict[str, str]:
    """What an instructor exports before sbatch (grade.sbatch's header): no path is built in."""
    return {"GRADER_ENV": sys.prefix, "GRADER_COURSE": str(ROOT), "GRADER_SUBMISSIONS": str(submitted),
            "GRADER_ASSIGNMENT": ASSIGNMENT, "GRADER_DB": db_url, "GRADER_OUT": str(out), "GRADER_JOBS": "1"}


def submit(cluster: SlurmCluster, env: dict, logs: Path) -> tuple[str, str]:
    """deploy/slurm/submit.sh's pair, with this machine's sizes: the array, and the report after it."""
    logs.mkdir(parents=True, exist_ok=True)
    array = cluster.sbatch(f"--array={FIRST_TASK}-{FIRST_TASK + TASKS - 1}", "--cpus-per-task=1",
                           "--mem=2000", f"--output={logs}/grade-%A_%a.log", str(SBATCH), env=env)
    report = cluster.sbatch(f"--dependency=afterok:{array}", "--cpus-per-task=1", "--mem=1000",
                            f"--output={logs}/report-%j.log", str(SBATCH), "report", env=env)
    return array, report


def exported_scores(db_url: str, path: Path) -> dict[str, list[tuple[float, float]]]:
    """nbgrader's own export of the gradebook: student -> (score, max) of each of their rows."""
    nbgrader_export(database_url(db_url), path)
    with open(path) as handle:
        rows = [r for r in csv.DictReader(handle) if r["assignment"] == ASSIGNMENT]
    found: dict[str, list[tuple[float, float]]] = {}
    for row in rows:
        found.setdefault(row["student_id"], []).append((float(row["score"]), float(row["max_score"])))
    return found


def check_scores(scores: dict[str, list[tuple[float, float]]]) -> None:
    """Each student exactly once: alice full marks, carol (the blank release) 0, bob in between."""
    assert sorted(scores) == sorted(STUDENTS) and all(len(rows) == 1 for rows in scores.values()), scores
    (alice, maximum), = scores["alice"]
    assert maximum > 0 and alice == maximum, scores
    assert scores["carol"] == [(0.0, maximum)], scores
    assert scores["bob"] == [(BOB, maximum)], scores


def logs_of(folder: Path) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                     for p in sorted(folder.glob("*.log")))


def fresh_database(db_url: str, name: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url(db_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return db_url.rsplit("/", 1)[0] + f"/{name}"


def test_grade_sbatch_array_grades_every_student_once_and_a_cancelled_task_resumes(postgres_url, tmp_path):
    install_slurm()
    submitted = tmp_path / "submitted"
    for student in STUDENTS:
        shutil.copytree(SAMPLES / student / ASSIGNMENT, submitted / student / ASSIGNMENT)
    shards = {task: sorted(s for s in STUDENTS if shard_of(s, TASKS) == task - FIRST_TASK) for task in
              range(FIRST_TASK, FIRST_TASK + TASKS)}
    busiest = max(shards, key=lambda t: len(shards[t]))
    assert len(shards[busiest]) >= 2, f"one task must grade two students, to cancel it between them: {shards}"
    timings = {}
    with slurm_cluster(tmp_path / "slurm") as cluster:
        # 1. The array and its report job: every student once, with the right score.
        out, logs = tmp_path / "graded", tmp_path / "logs"
        started = time.monotonic()
        array, report = submit(cluster, grading_env(submitted, out, postgres_url), logs)
        states = cluster.wait_until_finished(array, timeout=1500)
        assert set(states.values()) == {"COMPLETED"}, f"{states}\n{logs_of(logs)}"
        report_state = cluster.wait_until_finished(report, timeout=300)
        timings["array"] = time.monotonic() - started
        assert set(report_state.values()) == {"COMPLETED"}, f"{report_state}\n{logs_of(logs)}"
        for task, students in shards.items():
            graded = sorted(p.stem for p in (out / f"task-{task}" / "results").glob("*.json"))
            assert graded == students, f"task {task} graded {graded}, expected {students}"
            assert f"shard {task - FIRST_TASK + 1}/{TASKS} (from the Slurm array task)" in \
                (logs / f"grade-{array}_{task}.log").read_text()
        scores = exported_scores(postgres_url, tmp_path / "export.csv")
        check_scores(scores)
        with open(out / "nbgrader_export.csv") as handle:  # the report job's own export
            assert sorted(r["student_id"] for r in csv.DictReader(handle)) == sorted(STUDENTS)
        summary = (out / "summary.md").read_text()
        assert all(student in summary for student in STUDENTS), summary

        # 2. Again into a fresh gradebook: cancel the busiest task between its two students, requeue it.
        db2 = fresh_database(postgres_url, "gradebook_resume")
        out2, logs2 = tmp_path / "graded-again", tmp_path / "logs-again"
        array2, report2 = submit(cluster, grading_env(submitted, out2, db2), logs2)
        results = out2 / f"task-{busiest}" / "results"
        deadline = time.monotonic() + 1200
        while not list(results.glob("*.json")):
            assert time.monotonic() < deadline, f"task {busiest} wrote no result\n{logs_of(logs2)}"
            assert cluster.job_states(f"{array2}_{busiest}").get(str(busiest)) in {"PENDING", "RUNNING"}, \
                logs_of(logs2)
            time.sleep(1)
        first = {p.name: p.stat().st_mtime_ns for p in results.glob("*.json")}
        cancelled = cluster.run("scancel", f"{array2}_{busiest}")
        assert cancelled.returncode == 0, cancelled.stderr
        cluster.wait_until_finished(f"{array2}_{busiest}", timeout=120)
        assert cluster.job_states(f"{array2}_{busiest}") == {str(busiest): "CANCELLED"}
        assert sorted(p.name for p in results.glob("*.json")) == sorted(first), "cancelled between students"
        others = cluster.wait_until_finished(array2, timeout=1200)
        assert others == {**{str(t): "COMPLETED" for t in shards}, str(busiest): "CANCELLED"}, others
        partial = exported_scores(db2, tmp_path / "export-partial.csv")
        missing = [s for s in STUDENTS if s not in partial]
        assert missing, f"the cancelled task's second student should be missing: {partial}"
        # The report waits on afterok: once a task is cancelled, it can never run.
        assert cluster.job_field(report2, "Reason") == "DependencyNeverSatisfied", cluster.job_states(report2)
        requeued = cluster.scontrol("requeue", f"{array2}_{busiest}")
        assert requeued.returncode == 0, requeued.stderr
        resumed_at = time.monotonic()
        assert cluster.run("scancel", report2).returncode == 0
        # Slurm 22.05 keeps afterok:<array> failed for good once a task was cancelled, even after the
        # requeued task succeeds; afterok on the requeued task itself works (docs/scale-out.md).
        report3 = cluster.sbatch(f"--dependency=afterok:{array2}_{busiest}", "--cpus-per-task=1",
                                 "--mem=1000", f"--output={logs2}/report-%j.log", str(SBATCH), "report",
                                 env=grading_env(submitted, out2, db2))
        cluster.wait_until_finished(f"{array2}_{busiest}", timeout=1200)
        timings["requeued task"] = time.monotonic() - resumed_at
        assert cluster.job_states(f"{array2}_{busiest}") == {str(busiest): "COMPLETED"}, logs_of(logs2)
        assert cluster.job_field(f"{array2}_{busiest}", "Restarts") == "1"
        assert sorted(p.stem for p in results.glob("*.json")) == shards[busiest]
        assert {p.name: p.stat().st_mtime_ns for p in results.glob("*.json") if p.name in first} == first, \
            "the student graded before the cancel was not graded again"
        assert cluster.wait_until_finished(report3, timeout=300) == {report3: "COMPLETED"}, logs_of(logs2)
        check_scores(exported_scores(db2, tmp_path / "export-resumed.csv"))
        with open(out2 / "nbgrader_export.csv") as handle:  # the new report job's export
            assert sorted(r["student_id"] for r in csv.DictReader(handle)) == sorted(STUDENTS)
        print(f"\nslurm test: shards {shards}; first array and report {timings['array']:.0f} s; cancelled "
              f"task {busiest} after {sorted(first)}, requeued, done in {timings['requeued task']:.0f} s; "
              f"scores {scores}")
