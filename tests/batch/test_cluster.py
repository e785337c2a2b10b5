"""`--shard auto`: the shard from a Slurm job array or a Kubernetes Indexed Job (no engine needed)."""

from __future__ import annotations

import json

import pytest

from grader import cli
from grader.batch import cluster
from grader.batch.model import StudentResult
from grader.batch.plan import parse_shard, shard_of
from grader.errors import CourseError

STUDENTS = [f"student{k:03d}" for k in range(60)] + ["alice", "bob", "carol"]
ENGINE_VARIABLES = (*cluster.SLURM_VARIABLES, cluster.KUBERNETES_INDEX, cluster.COUNT_VARIABLE)


def slurm(task: int, first: int, count: int, step: int = 1, **extra: str) -> dict[str, str]:
    env = {"SLURM_ARRAY_TASK_ID": str(task), "SLURM_ARRAY_TASK_MIN": str(first),
           "SLURM_ARRAY_TASK_MAX": str(first + (count - 1) * step), "SLURM_ARRAY_TASK_COUNT": str(count),
           "SLURM_ARRAY_TASK_STEP": str(step), "SLURM_ARRAY_JOB_ID": "4242", "SLURM_JOB_ID": "4243"}
    return {**env, **extra}


@pytest.mark.parametrize(("array", "step", "expected"), [
    (range(0, 3), 1, [(1, 3), (2, 3), (3, 3)]),          # --array=0-2
    (range(1, 4), 1, [(1, 3), (2, 3), (3, 3)]),          # --array=1-3
    (range(5, 9), 1, [(1, 4), (2, 4), (3, 4), (4, 4)]),  # --array=5-8: ids start at MIN, not 0 or 1
    (range(0, 9, 4), 4, [(1, 3), (2, 3), (3, 3)]),       # --array=0-8:4
    (range(7, 8), 1, [(1, 1)]),                          # an array of one
])
def test_slurm_task_ids_map_onto_1_based_shards(array, step, expected):
    ids = list(array)
    found = [cluster.shard_from_environment(slurm(t, ids[0], len(ids), step)) for t in ids]
    assert found == expected


def test_slurm_without_max_or_step_still_maps():
    env = slurm(12, 10, 3)
    del env["SLURM_ARRAY_TASK_MAX"], env["SLURM_ARRAY_TASK_STEP"]
    assert cluster.shard_from_environment(env) == (3, 3)


def test_slurm_count_variable_must_agree_with_the_array():
    assert cluster.shard_from_environment(slurm(2, 1, 3, GRADER_SHARD_COUNT="3")) == (2, 3)
    # A lone task resubmitted with `sbatch --array=2`: an array of one, while the course has 3 shards.
    with pytest.raises(CourseError, match="GRADER_SHARD_COUNT=3 but the Slurm array has 1 task"):
        cluster.shard_from_environment(slurm(2, 2, 1, GRADER_SHARD_COUNT="3"))


@pytest.mark.parametrize(("env", "message"), [
    (slurm(2, 1, 3, SLURM_ARRAY_TASK_MAX="7"), "not one evenly spaced range"),  # --array=1,2,7
    (slurm(0, 1, 3), "not a task of that array"),        # below MIN
    (slurm(4, 1, 3), "not a task of that array"),        # past the last task
    (slurm(3, 0, 3, step=2), "not a task of that array"),  # between two steps
    (slurm(1, 1, 3, SLURM_ARRAY_TASK_ID="one"), "SLURM_ARRAY_TASK_ID='one' is not a whole number"),
    (slurm(1, 1, 3, SLURM_ARRAY_TASK_ID=""), "SLURM_ARRAY_TASK_ID is not set"),
    (slurm(1, 1, 3, SLURM_ARRAY_TASK_COUNT="0"), "SLURM_ARRAY_TASK_COUNT=0 must be at least 1"),
    (slurm(1, 1, 3, SLURM_ARRAY_TASK_STEP="0"), "SLURM_ARRAY_TASK_STEP=0 must be at least 1"),
    (slurm(-1, 1, 3), "SLURM_ARRAY_TASK_ID=-1 must be at least 0"),
    ({"SLURM_ARRAY_TASK_ID": "3"}, "SLURM_ARRAY_TASK_MIN is not set"),
    ({"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1"}, "SLURM_ARRAY_TASK_COUNT is not set"),
    # A plain (non-array) Slurm job has SLURM_JOB_ID but no array variables: not a shard.
    ({"SLURM_JOB_ID": "17"}, "neither SLURM_ARRAY_TASK_ID"),
    (slurm(1, 1, 3, GRADER_SHARD_COUNT="x"), "GRADER_SHARD_COUNT='x' is not a whole number"),
])
def test_slurm_bad_values_are_refused(env, message):
    with pytest.raises(CourseError, match=message):
        cluster.shard_from_environment(env)


def test_kubernetes_index_is_0_based_and_the_count_comes_from_the_manifest():
    found = [cluster.shard_from_environment({"JOB_COMPLETION_INDEX": str(k), "GRADER_SHARD_COUNT": "4"})
             for k in range(4)]
    assert found == [(1, 4), (2, 4), (3, 4), (4, 4)]


@pytest.mark.parametrize(("env", "message"), [
    ({"JOB_COMPLETION_INDEX": "0"}, "GRADER_SHARD_COUNT is not"),
    ({"JOB_COMPLETION_INDEX": "4", "GRADER_SHARD_COUNT": "4"}, "the index must be below the count"),
    ({"JOB_COMPLETION_INDEX": "9", "GRADER_SHARD_COUNT": "2"},
     "JOB_COMPLETION_INDEX=9 but GRADER_SHARD_COUNT=2"),
    ({"JOB_COMPLETION_INDEX": "-1", "GRADER_SHARD_COUNT": "2"}, "must be at least 0"),
    ({"JOB_COMPLETION_INDEX": "a", "GRADER_SHARD_COUNT": "2"}, "is not a whole number"),
    ({"JOB_COMPLETION_INDEX": "0", "GRADER_SHARD_COUNT": "0"}, "GRADER_SHARD_COUNT=0 must be at least 1"),
    ({**slurm(1, 1, 2), "JOB_COMPLETION_INDEX": "0", "GRADER_SHARD_COUNT": "2"}, "both"),
    ({}, "neither SLURM_ARRAY_TASK_ID .* nor JOB_COMPLETION_INDEX"),
    ({"GRADER_SHARD_COUNT": "3"}, "neither"),
])
def test_kubernetes_and_no_engine_bad_values_are_refused(env, message):
    with pytest.raises(CourseError, match=message):
        cluster.shard_from_environment(env)


def selected(i: int, n: int) -> set[str]:
    """The students `run_batch` keeps for shard i of n."""
    return {s for s in STUDENTS if shard_of(s, n) == i - 1}


@pytest.mark.parametrize("envs", [
    [slurm(t, 5, 3) for t in (5, 6, 7)],
    [slurm(t, 0, 3, step=10) for t in (0, 10, 20)],
    [{"JOB_COMPLETION_INDEX": str(k), "GRADER_SHARD_COUNT": "3"} for k in range(3)],
])
def test_auto_picks_the_same_students_as_the_explicit_shard(envs, monkeypatch, capsys):
    chosen = []
    for k, env in enumerate(envs, start=1):
        for name in ENGINE_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        i, n = parse_shard("auto")
        assert (i, n) == parse_shard(f"{k}/3") == (k, 3)
        chosen.append(selected(i, n))
        assert cli.main(["shard"]) == 0
        assert capsys.readouterr().out.strip() == f"{k}/3", "`grader shard` says what auto picks"
    assert set().union(*chosen) == set(STUDENTS), "every student in some shard"
    assert sum(len(c) for c in chosen) == len(STUDENTS), "no student in two shards"


def test_cli_says_one_error_line_and_exits_2_without_an_engine(monkeypatch, capsys, tmp_path):
    for name in ENGINE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    code = cli.main(["autograde", str(tmp_path), "--assignment", "01_autograd", "--shard", "auto",
                     "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and err[0].startswith("error: --shard auto: neither SLURM_ARRAY_TASK_ID"), err
    assert not (tmp_path / "out").exists(), "nothing is written before the shard is known"


def test_cluster_shard_command_prints_the_shard(monkeypatch, capsys):
    for name in ENGINE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in slurm(11, 10, 3).items():
        monkeypatch.setenv(name, value)
    assert cli.main(["shard"]) == 0
    assert capsys.readouterr().out.strip() == "2/3"
    monkeypatch.setenv("SLURM_ARRAY_TASK_ID", "13")
    assert cli.main(["shard"]) == 2
    assert capsys.readouterr().err.startswith("error: --shard auto: SLURM_ARRAY_TASK_ID=13")


def test_gather_results_refuses_a_student_in_two_task_folders(tmp_path):
    def result(student: str) -> str:
        return json.dumps(StudentResult(student, "digest", [], 1.0, {}).to_json())

    for task, student in (("task-1", "alice"), ("task-2", "bob")):
        (tmp_path / task / "results").mkdir(parents=True)
        (tmp_path / task / "results" / f"{student}.json").write_text(result(student))
    assert [r.student for r in cluster.gather_results(tmp_path)] == ["alice", "bob"]
    (tmp_path / "task-2" / "results" / "alice.json").write_text(result("alice"))
    with pytest.raises(CourseError, match="alice has results in two task folders"):
        cluster.gather_results(tmp_path)
    with pytest.raises(CourseError, match="no result files"):
        cluster.gather_results(tmp_path / "empty")
    (tmp_path / "task-1" / "results" / "alice.json").write_text(json.dumps({"student": "alice"}))
    with pytest.raises(CourseError, match="unreadable result file"):
        cluster.gather_results(tmp_path)
