"""What one infobase publishes: its ``$metadata`` (CSDL XML) read into names.

Configurations differ (УТ 11 keeps stock in ``AccumulationRegister_ТоварыНаСкладах``, БП 3.0
on accounts of ``AccountingRegister_Хозрасчетный``), and only the objects an administrator
added to the OData composition appear at all. So the connector reads ``$metadata`` once and
asks it: which entity sets exist, and which parameters a register's virtual-table function
takes (1C lists them as ``FunctionImport`` elements bound to the register).

The document is untrusted input: parsed with defusedxml, no DTD allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse


@dataclass(frozen=True)
class Metadata:
    """The names in one ``$metadata`` document."""

    entity_sets: frozenset[str]
    types: frozenset[str] = frozenset()
    """EntityType and ComplexType names (``AccumulationRegister_ТоварыНаСкладах_Balance``)."""
    functions: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    """``(bound type, function name)`` → parameter names, e.g.
    ``("AccountingRegister_Хозрасчетный", "Balance")`` → ``("Period", "AccountCondition", …)``."""

    def has(self, entity_set: str) -> bool:
        """True if the infobase publishes `entity_set`."""
        return entity_set in self.entity_sets

    def parameters(self, resource: str, function: str) -> tuple[str, ...] | None:
        """The parameters of `resource`'s virtual table `function`, or None if not listed."""
        return self.functions.get((resource, function))

    def pick(self, resource: str, function: str, candidates: Iterable[str], default: str) -> str:
        """The first of `candidates` the function declares; `default` if it lists none of them
        (or the document does not describe the function)."""
        params = self.parameters(resource, function) or ()
        return next((c for c in candidates if c in params), default)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _unqualified(type_name: str) -> str:
    """``StandardODATA.Catalog_Склады`` → ``Catalog_Склады``; ``Collection(…)`` unwrapped."""
    if type_name.startswith("Collection(") and type_name.endswith(")"):
        type_name = type_name[len("Collection(") : -1]
    return type_name.rsplit(".", 1)[-1]


def parse_metadata(body: bytes) -> Metadata:
    """The names in a CSDL document. Raises ValueError on a body that is not such XML
    (with defusedxml's reason for a DTD or entity trick)."""
    sets: set[str] = set()
    types: set[str] = set()
    functions: dict[tuple[str, str], tuple[str, ...]] = {}
    root_seen = False
    try:
        for _, elem in iterparse(BytesIO(body), events=("end",), forbid_dtd=True):
            tag = _local(elem.tag)
            if tag == "EntitySet":
                sets.add(elem.get("Name", ""))
            elif tag in ("EntityType", "ComplexType"):
                types.add(elem.get("Name", ""))
                elem.clear()  # properties are not needed: keep a 50 MB document small in memory
            elif tag == "FunctionImport":
                _function(elem, functions)
                elem.clear()
            elif tag == "Edmx":
                root_seen = True
    except DefusedXmlException as e:
        raise ValueError(f"refused: {type(e).__name__}: {e}") from None
    except SyntaxError as e:  # ParseError
        raise ValueError(f"not well-formed XML: {e}") from None
    if not root_seen and not sets:
        raise ValueError("not an OData CSDL document (no edmx:Edmx root, no EntitySet)")
    sets.discard("")
    types.discard("")
    return Metadata(frozenset(sets), frozenset(types), functions)


def _function(elem: Element, out: dict[tuple[str, str], tuple[str, ...]]) -> None:
    """Record a bound function import: its binding type and its other parameters."""
    name = elem.get("Name", "")
    params = [(p.get("Name", ""), p.get("Type", "")) for p in elem if _local(p.tag) == "Parameter"]
    if not name or not params:
        return
    # OData v3 binds a function through its first parameter ("bindingParameter" in 1C).
    if elem.get("IsBindable", "").lower() != "true" and params[0][0] != "bindingParameter":
        return
    out[(_unqualified(params[0][1]), name)] = tuple(n for n, _ in params[1:])
