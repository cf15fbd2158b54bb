"""Manual product links (they always win) and the review queue of unsure matches."""

from __future__ import annotations

import pytest

from svodka.control import ControlStore
from svodka.errors import ConfigError


def test_manual_links_and_unlinks_are_stored_and_replaced(store: ControlStore) -> None:
    store.set_link("ozon:1918529678", "2044109822109", note="same goods, Ozon lists no barcode")
    store.set_link("pricelist:Альфа:A-1", None)  # a manual unlink: never auto-linked again
    assert store.manual_links() == {"ozon:1918529678": "2044109822109", "pricelist:Альфа:A-1": None}
    store.set_link("ozon:1918529678", "2040000000017")
    assert store.manual_links("ozon:") == {"ozon:1918529678": "2040000000017"}
    assert store.remove_link("pricelist:Альфа:A-1") is True
    assert store.remove_link("pricelist:Альфа:A-1") is False
    assert "pricelist:Альфа:A-1" not in store.manual_links()


def test_a_review_is_queued_once_and_accepting_it_makes_a_manual_link(store: ControlStore) -> None:
    store.queue_review("pricelist:Бета:X-9", "2041", "fuzzy", 0.86, {"name": "Крем 50 мл"})
    store.queue_review("pricelist:Бета:X-9", "2041", "fuzzy", 0.91)  # the same pair: not twice
    store.queue_review("pricelist:Бета:X-9", "2042", "fuzzy", 0.84)
    open_ = store.reviews()
    assert [(r.product_id, r.confidence) for r in open_] == [("2041", 0.86), ("2042", 0.84)]
    accepted = store.resolve_review(open_[0].id, accept=True)
    assert accepted.status == "accepted" and accepted.resolved_at is not None
    assert store.manual_links() == {"pricelist:Бета:X-9": "2041"}
    # the item is settled: its other candidate left the queue, and a decided pair stays decided
    assert store.reviews() == []
    store.queue_review("pricelist:Бета:X-9", "2042", "fuzzy", 0.99)
    assert store.reviews() == []
    assert {r.status for r in store.reviews(status=None)} == {"accepted", "rejected"}


def test_rejecting_a_review_links_nothing_and_an_unknown_review_is_a_clear_error(store: ControlStore) -> None:
    store.queue_review("wb:1:2", "3", "tokens", 0.8)
    [r] = store.reviews()
    assert store.resolve_review(r.id, accept=False).status == "rejected"
    assert store.manual_links() == {}
    with pytest.raises(ConfigError, match="no review 999"):
        store.resolve_review(999, accept=True)
