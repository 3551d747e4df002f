"""What the flow's tasks are given: large inputs passed whole, named without being pickled,
and the inputs of a task that runs in the flow's process left behind by a pickle."""

from __future__ import annotations

import pickle

import pytest

from flows.pipeline import InFlow, Whole


class Unpicklable:
    def __reduce__(self) -> tuple[object, ...]:
        raise AssertionError("pickled")


def test_dask_names_a_whole_input_without_pickling_it() -> None:
    from dask.base import tokenize

    whole = Whole(Unpicklable())
    assert tokenize(whole) == tokenize(whole)
    assert tokenize(whole) != tokenize(Whole(Unpicklable()))  # each task's input its own


def test_an_input_of_the_flows_process_is_left_behind_by_a_pickle() -> None:
    plan = ["the", "whole", "plan"]
    here = InFlow(plan)
    assert here.value is plan
    elsewhere = pickle.loads(pickle.dumps(here))
    assert len(pickle.dumps(here)) < 100
    with pytest.raises(RuntimeError, match="another process"):
        _ = elsewhere.value
