"""Advertising in the sandbox: WB advert-api and the Ozon Performance API over one ads world.

`world.ads` (an `AdsWorld`) holds both marketplaces' campaigns and their daily statistics;
`truth.ads` is its exact ground truth; the routes serve WB under `/wb/advert-api` and Ozon
Performance under `/ozon/api-performance`. See docs/sandbox.md, "Advertising".
"""

from svodka.sandbox.ads.generate import build_ads
from svodka.sandbox.ads.model import AdsWorld, Campaigns, DailyStats

__all__ = ["AdsWorld", "Campaigns", "DailyStats", "build_ads"]
