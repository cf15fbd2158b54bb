"""`$metadata`: the CSDL document (OData v3, EDMX 1.0) of the published entity sets.

Namespace `StandardODATA`, container `EnterpriseV8`, as the platform writes it: an EntityType per
entity set (same name), ComplexTypes for tabular-part rows (`…_RowType`) and for virtual-table
results (`…_Balance`, `…_SliceLast` …), NavigationProperties with their Associations for
references, and the virtual tables as bindable FunctionImports.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from svodka.sandbox.onec.schema import EntitySet, Prop

NS_EDMX = "http://schemas.microsoft.com/ado/2007/06/edmx"
NS_META = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
NS_EDM = "http://schemas.microsoft.com/ado/2009/11/edm"
NAMESPACE = "StandardODATA"
_PARAMS = {
    "Balance": (("Period", "Edm.DateTime"), ("Condition", "Edm.String"), ("Dimensions", "Edm.String")),
    "Turnovers": (
        ("StartPeriod", "Edm.DateTime"),
        ("EndPeriod", "Edm.DateTime"),
        ("Condition", "Edm.String"),
        ("Dimensions", "Edm.String"),
    ),
    "SliceLast": (("Period", "Edm.DateTime"), ("Condition", "Edm.String")),
    "SliceFirst": (("Period", "Edm.DateTime"), ("Condition", "Edm.String")),
}
_PARAMS["BalanceAndTurnovers"] = _PARAMS["Turnovers"]
_ACCOUNTING_BALANCE = (
    ("Period", "Edm.DateTime"),
    ("AccountCondition", "Edm.String"),
    ("Condition", "Edm.String"),
    ("ExtraDimensions", "Edm.String"),
    ("Dimensions", "Edm.String"),
)


def row_type(entity: str, part: str) -> str:
    """Name of the complex type of a tabular part's rows (a register's RecordSet: `<set>_RowType`)."""
    return f"{entity}_RowType" if part == "RecordSet" else f"{entity}_{part}_RowType"


def _properties(parent: ET.Element, entity: str, props: tuple[Prop, ...], key: tuple[str, ...] = ()) -> None:
    for p in props:
        if p.code == "T":
            kind = f"Collection({NAMESPACE}.{row_type(entity, p.name)})"
            ET.SubElement(parent, "Property", Name=p.name, Type=kind, Nullable="false")
        else:
            nullable = "false" if p.name in key else "true"
            ET.SubElement(parent, "Property", Name=p.name, Type=p.edm, Nullable=nullable)


def render_metadata(sets: dict[str, EntitySet]) -> bytes:
    """The CSDL XML of `sets` (UTF-8, with an XML declaration)."""
    ET.register_namespace("edmx", NS_EDMX)
    ET.register_namespace("m", NS_META)
    root = ET.Element(f"{{{NS_EDMX}}}Edmx", Version="1.0")
    services = ET.SubElement(root, f"{{{NS_EDMX}}}DataServices", {f"{{{NS_META}}}DataServiceVersion": "3.0"})
    schema = ET.SubElement(services, "Schema", xmlns=NS_EDM, Namespace=NAMESPACE)
    container = ET.Element(
        "EntityContainer",
        {"Name": "EnterpriseV8", f"{{{NS_META}}}IsDefaultEntityContainer": "true"},
    )
    associations = []
    for es in sets.values():
        et = ET.SubElement(schema, "EntityType", Name=es.name)
        key = ET.SubElement(et, "Key")
        for k in es.key:
            ET.SubElement(key, "PropertyRef", Name=k)
        _properties(et, es.name, es.props, es.key)
        for p in es.props:
            if p.ref and p.ref in sets:
                nav = p.name.removesuffix("_Key")
                assoc = f"{es.name}_{nav}"
                ET.SubElement(
                    et,
                    "NavigationProperty",
                    Name=nav,
                    Relationship=f"{NAMESPACE}.{assoc}",
                    FromRole="Begin",
                    ToRole="End",
                )
                associations.append((assoc, es.name, p.ref))
        ET.SubElement(container, "EntitySet", Name=es.name, EntityType=f"{NAMESPACE}.{es.name}")
        for part, rows in es.parts.items():
            ct = ET.SubElement(schema, "ComplexType", Name=row_type(es.name, part))
            _properties(ct, es.name, rows)
        for fn, rows in es.functions.items():
            ct = ET.SubElement(schema, "ComplexType", Name=f"{es.name}_{fn}")
            _properties(ct, es.name, rows)
            fi = ET.SubElement(
                container,
                "FunctionImport",
                {
                    "Name": fn,
                    "ReturnType": f"Collection({NAMESPACE}.{es.name}_{fn})",
                    "IsBindable": "true",
                    f"{{{NS_META}}}IsAlwaysBindable": "true",
                },
            )
            ET.SubElement(fi, "Parameter", Name="bindingParameter", Type=f"{NAMESPACE}.{es.name}")
            params = _ACCOUNTING_BALANCE if es.name.startswith("AccountingRegister_") else _PARAMS[fn]
            for name, edm in params:
                ET.SubElement(fi, "Parameter", Name=name, Type=edm)
    for assoc, source, target in associations:
        a = ET.SubElement(schema, "Association", Name=assoc)
        ET.SubElement(a, "End", Role="Begin", Type=f"{NAMESPACE}.{source}", Multiplicity="*")
        ET.SubElement(a, "End", Role="End", Type=f"{NAMESPACE}.{target}", Multiplicity="0..1")
        s = ET.SubElement(container, "AssociationSet", Name=assoc, Association=f"{NAMESPACE}.{assoc}")
        ET.SubElement(s, "End", Role="Begin", EntitySet=source)
        ET.SubElement(s, "End", Role="End", EntitySet=target)
    schema.append(container)
    # EDM elements are written unqualified under the Schema's default xmlns (as 1C writes them).
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
