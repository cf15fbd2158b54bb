"""What the server mounts: WB advert-api routes and the Ozon Performance API routes."""

from svodka.sandbox.ads.perf_http import perf_credentials
from svodka.sandbox.ads.perf_routes import perf_routes
from svodka.sandbox.ads.wb_routes import wb_routes

__all__ = ["perf_credentials", "perf_routes", "wb_routes"]
