"""plan: the uid blocks kernels run in (no kernels here: plain arithmetic on pids and runs)."""

from __future__ import annotations

from grader.batch.model import UID_FIRST
from grader.batch.plan import MAX_JOBS, RUNS_PER_PROCESS, uid_block


def uids(block: int) -> set[int]:
    return set(range(block, block + MAX_JOBS))


def test_two_runs_in_one_process_get_disjoint_uid_blocks():
    first, second = uid_block(4242), uid_block(4242)  # make course: two lessons at once, one process
    assert not uids(first) & uids(second)


def test_blocks_of_nearby_processes_and_their_runs_never_overlap():
    blocks = [uid_block(pid, run) for pid in range(1000, 1050) for run in range(RUNS_PER_PROCESS)]
    seen: set[int] = set()
    for block in blocks:
        assert block >= UID_FIRST and not uids(block) & seen, f"block {block} overlaps another"
        seen |= uids(block)
    assert uid_block(1000, 0) == uid_block(1000, RUNS_PER_PROCESS), "runs cycle through the blocks"
