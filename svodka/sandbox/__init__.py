"""A faithful local Wildberries API over a deterministic synthetic seller world.

Nothing here imports from the rest of svodka: the connectors and the sandbox are written
independently from the same official documents, so a misunderstanding cannot hide in both.

    from svodka.sandbox import World, WorldSpec, SandboxServer
    world = World.generate(WorldSpec(skus=120, days=90))
    with SandboxServer(world) as srv:
        srv.wb_hosts["statistics-api"], srv.token
"""

from svodka.sandbox.faults import Faults
from svodka.sandbox.server import SandboxServer, run
from svodka.sandbox.spec import WorldSpec
from svodka.sandbox.truth import FEE_TYPES, GroundTruth
from svodka.sandbox.world import World

__all__ = ["FEE_TYPES", "Faults", "GroundTruth", "SandboxServer", "World", "WorldSpec", "run"]
