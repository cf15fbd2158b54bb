"""A local MPStats API (competitor analytics for WB and Ozon) over the seller world."""

from svodka.sandbox.mpstats.gateway import MpstatsServer, MpstatsState
from svodka.sandbox.mpstats.routes import mpstats_mount
from svodka.sandbox.mpstats.truth import MpstatsTruth
from svodka.sandbox.mpstats.world import MpstatsWorld, build_mpstats

__all__ = ["MpstatsServer", "MpstatsState", "MpstatsTruth", "MpstatsWorld", "build_mpstats", "mpstats_mount"]
