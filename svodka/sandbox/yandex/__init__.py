"""Yandex Market Partner API in the sandbox, over the same seller world as Wildberries and Ozon.

`world.ym` (a `YmWorld`) holds the Yandex Market side; the routes serve it under `/ym/api`
(host api.partner.market.yandex.ru); `truth.ym` is its exact ground truth.
"""

from svodka.sandbox.yandex.routes import ym_routes
from svodka.sandbox.yandex.world import YmWorld, build_ym

__all__ = ["YmWorld", "build_ym", "ym_routes"]
