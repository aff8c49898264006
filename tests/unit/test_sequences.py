"""infra.sequences.batches: the one way the build splits work into batches and lists into pages."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from infra.sequences import batches


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=20))
def test_batches_give_the_items_back_in_order_none_empty_none_above_size(items, size):
    parts = batches(items, size)
    assert [item for part in parts for item in part] == items
    assert all(1 <= len(part) <= size for part in parts)
    # only the last batch may be short
    assert all(len(part) == size for part in parts[:-1])
    assert len(parts) == -(-len(items) // size)


def test_batches_keep_the_sequence_type():
    assert batches("abcde", 2) == ["ab", "cd", "e"]
    assert batches((1, 2, 3), 3) == [(1, 2, 3)]
    assert batches([], 4) == []


@pytest.mark.parametrize("size", [0, -1])
def test_a_batch_size_below_one_is_refused(size):
    with pytest.raises(ValueError, match="at least 1"):
        batches([1, 2], size)
