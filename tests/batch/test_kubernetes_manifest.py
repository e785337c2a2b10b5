"""deploy/kubernetes/*.yaml, validated offline: no cluster here, so the manifests are parsed and read
into the official `kubernetes` client's models, which must know every field they use, and the fields
that matter for sharded grading are checked."""

from __future__ import annotations

import json
import re

import pytest

from grader.batch import cluster
from tests.conftest import ROOT

yaml = pytest.importorskip("yaml")
kubernetes = pytest.importorskip("kubernetes")
DEPLOY = ROOT / "deploy" / "kubernetes"


def load_job(name: str):
    """The manifest as a V1Job; every field must survive the round trip (an unknown one is dropped)."""
    document = yaml.safe_load((DEPLOY / name).read_text())
    client = kubernetes.client.ApiClient()
    job = client.deserialize(json.dumps(document), "V1Job", "application/json")  # as from the API server
    assert isinstance(job, kubernetes.client.V1Job)
    assert client.sanitize_for_serialization(job) == document, \
        f"{name}: a field the kubernetes client does not know (a typo, or a newer field) was dropped"
    return job


def quantity(text: str) -> float:
    """Kubernetes quantities as used here: 2, 500m, 10Gi, 2G."""
    units = {"m": 1e-3, "": 1, "k": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    number, unit = re.fullmatch(r"([0-9.]+)([a-zA-Z]*)", str(text)).groups()
    return float(number) * units[unit]


def test_the_client_knows_the_fields_of_indexed_jobs():
    fields = kubernetes.client.V1JobSpec.openapi_types
    assert {"completion_mode", "backoff_limit_per_index", "max_failed_indexes", "pod_failure_policy",
            "active_deadline_seconds"} <= set(fields), kubernetes.__version__


def test_grade_job_is_an_indexed_job_whose_pods_find_their_shard():
    job = load_job("grade-job.yaml")
    spec = job.spec
    assert (job.api_version, job.kind) == ("batch/v1", "Job")
    assert spec.completion_mode == "Indexed"
    assert spec.completions >= 1 and 1 <= spec.parallelism <= spec.completions
    assert spec.backoff_limit_per_index >= 1, "a failed shard is retried, and resumes"
    assert spec.backoff_limit is None, "per-index retries, not one budget for the whole Job"
    assert spec.active_deadline_seconds > 0
    pod = spec.template.spec
    assert pod.restart_policy == "Never", "podFailurePolicy requires it"
    assert pod.automount_service_account_token is False
    (rule,) = spec.pod_failure_policy.rules
    assert rule.action == "FailIndex" and rule.on_exit_codes.operator == "In"
    assert rule.on_exit_codes.values == [2], "exit 2 is the grader's one-line configuration error"

    (container,) = pod.containers
    assert rule.on_exit_codes.container_name == container.name
    command = " ".join(container.command + container.args)
    assert "python -m grader autograde" in command and "--shard auto" in command
    assert '--out "/grading/out/task-$JOB_COMPLETION_INDEX"' in command, "a retried pod resumes its own"
    env = {e.name: e for e in container.env}
    assert env["GRADER_SHARD_COUNT"].value == str(spec.completions), "the count --shard auto reads"
    secret = env["GRADER_DB"].value_from.secret_key_ref
    assert (secret.name, secret.key) == ("gradebook-db", "url")
    assert "JOB_COMPLETION_INDEX" not in env, "Kubernetes sets it; the manifest must not"
    shards = [cluster.shard_from_environment({"JOB_COMPLETION_INDEX": str(k),
                                              "GRADER_SHARD_COUNT": env["GRADER_SHARD_COUNT"].value})
              for k in range(spec.completions)]
    assert shards == [(k, spec.completions) for k in range(1, spec.completions + 1)]

    resources = container.resources
    for name in ("cpu", "memory"):
        assert quantity(resources.requests[name]) <= quantity(resources.limits[name]), name
    assert quantity(resources.limits["cpu"]) >= int(env["GRADER_JOBS"].value), "a core per kernel"
    assert quantity(resources.limits["memory"]) >= int(env["GRADER_JOBS"].value) * 4096 * 2**20, \
        "room for GRADER_JOBS kernels at the default --memory-limit of 4096 MB"
    mounts = {m.mount_path: m.name for m in container.volume_mounts}
    claims = {v.name: v.persistent_volume_claim.claim_name for v in pod.volumes}
    assert claims[mounts["/grading"]] == "grading"
    assert container.security_context.run_as_user == 0, "the sandbox switches kernels to another uid"


def test_report_job_reads_every_shard_and_the_same_gradebook():
    grade, report = load_job("grade-job.yaml"), load_job("report-job.yaml")
    (container,) = report.spec.template.spec.containers
    (grading,) = grade.spec.template.spec.containers
    assert report.spec.completion_mode is None and report.spec.parallelism is None
    command = " ".join(container.command + container.args)
    assert "python -m grader report /grading/out" in command
    assert container.image == grading.image
    env = {e.name: e for e in grading.env}
    assert f"--assignment {env['GRADER_ASSIGNMENT'].value}" in command
    assert [e.to_dict() for e in container.env if e.name == "GRADER_DB"] == [env["GRADER_DB"].to_dict()]
