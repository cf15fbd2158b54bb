"""1C stock by warehouse at the sync's instant, from whichever place the configuration keeps it.

* УТ 11, КА, ERP: ``AccumulationRegister_ТоварыНаСкладах/Balance(Period=…,
  Dimensions='Номенклатура,Склад')`` → ``Номенклатура_Key, Склад_Key, КоличествоBalance``
  (the other dimensions — characteristic, series, purpose — are summed away).
* БП 3.0 has no stock register: goods sit on account 41.01 of
  ``AccountingRegister_Хозрасчетный``. The account's ``Ref_Key`` comes from
  ``ChartOfAccounts_Хозрасчетный`` by ``Code eq '41.01'``, then
  ``AccountingRegister_Хозрасчетный/Balance(Period=…, AccountCondition='Account_Key eq
  guid''…''')`` → ``Account_Key, ExtDimension1…`` (the item, the warehouse as sub-accounts,
  with their ``_Type``) and the quantity and amount balances. If ``$metadata`` describes the
  function with ``Condition`` but no ``AccountCondition``, the account goes in ``Condition``.
* Neither published: the stream stores nothing and logs why.

Virtual tables are functions, not entity sets, and are read in one answer. ``meta`` says
where the numbers came from: ``register`` (and ``account``, ``account_key`` for БП), and
``period``, the 1C time of the balance, besides ``snapshot_date``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from svodka.errors import FatalSourceError
from svodka.sources.base import Page
from svodka.sources.onec import contracts, odata
from svodka.sources.onec.common import OneCStream
from svodka.sources.paginators import PageRequest
from svodka.sources.times import msk_date

log = logging.getLogger(__name__)

STOCK_REGISTER = "AccumulationRegister_ТоварыНаСкладах"
LEDGER = "AccountingRegister_Хозрасчетный"
CHART = "ChartOfAccounts_Хозрасчетный"
GOODS_ACCOUNT = "41.01"
"""«Товары на складах» in the chart of accounts of БП 3.0."""


class StockStream(OneCStream):
    """``onec_stock``: the stock balance per item and warehouse now (a snapshot)."""

    name = "onec_stock"
    entity = STOCK_REGISTER
    contract = contracts.STOCK_REGISTER

    def read(self, state: Mapping[str, Any] | None, now: datetime) -> Iterator[Page]:
        """One answer from the stock register or from the goods account (see the module doc)."""
        md = self.metadata()
        at = odata.onec_time(now)
        meta: dict[str, Any] = {"snapshot_date": msk_date(now).isoformat(), "period": odata.format_onec(at)}
        if md.has(STOCK_REGISTER):
            args = {"Period": odata.datetime_literal(at)}
            params = md.parameters(STOCK_REGISTER, "Balance")
            if params is None or "Dimensions" in params:
                args["Dimensions"] = odata.string_literal("Номенклатура,Склад")
            yield self._balance(
                STOCK_REGISTER, args, contracts.STOCK_REGISTER, {**meta, "register": STOCK_REGISTER}
            )
        elif md.has(LEDGER):
            key = self._account_key()
            param = md.pick(LEDGER, "Balance", ("AccountCondition", "Condition"), "AccountCondition")
            args = {
                "Period": odata.datetime_literal(at),
                param: odata.string_literal(f"Account_Key eq {odata.guid_literal(key)}"),
            }
            extra = {"register": LEDGER, "account": GOODS_ACCOUNT, "account_key": key}
            yield self._balance(LEDGER, args, contracts.STOCK_ACCOUNT, {**meta, **extra})
        else:
            log.warning(
                "%s: stream %s stores nothing: the infobase publishes neither %s (УТ, КА, ERP) nor %s "
                "(БП); add the stock register or the accounting register to the OData composition",
                self.ctx.source,
                self.name,
                STOCK_REGISTER,
                LEDGER,
            )

    def _balance(
        self, register: str, args: Mapping[str, str], contract: Any, meta: Mapping[str, Any]
    ) -> Page:
        resp = self.fetch(PageRequest("GET", odata.call(register, "Balance", args)))
        rows = self.rows(resp)
        self.check(rows, contract=contract)
        key = meta.get("account_key")
        if key is not None:
            foreign = sum(1 for r in rows if r.get("Account_Key") != key)
            if foreign:
                # Raw keeps the answer verbatim; the models keep the rows of meta.account_key.
                log.warning(
                    "%s: %d of %d balance rows are not on account %s: the server ignored the account "
                    "condition",
                    self.ctx.source,
                    foreign,
                    len(rows),
                    GOODS_ACCOUNT,
                )
        return self.page(resp, len(rows), meta=meta)

    def _account_key(self) -> str:
        """The ``Ref_Key`` of account 41.01 in the chart of accounts."""
        self.require(CHART)
        where = f"Code eq {odata.string_literal(GOODS_ACCOUNT)}"
        resp = self.fetch(PageRequest("GET", CHART, params={"$filter": where, "$select": "Ref_Key,Code"}))
        rows = self.rows(resp)
        self.check(rows, contract=contracts.CHART_OF_ACCOUNTS)
        keys = [r["Ref_Key"] for r in rows if r["Code"] == GOODS_ACCOUNT]
        if not keys:
            raise FatalSourceError(
                f"{CHART} has no account with Code {GOODS_ACCOUNT!r}, where БП keeps goods in stock",
                source=self.ctx.source,
                hint="The configuration keeps stock elsewhere; Svodka reads 41.01 (БП 3.0) or the "
                f"{STOCK_REGISTER} register (УТ, КА, ERP). Report the configuration.",
            )
        return keys[0]
