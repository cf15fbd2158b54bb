-- materialized: view
-- finance-api POST /api/finance/v1/sales-reports/detailed: realization report lines, money as strings.
-- The payload is parsed once per row (one tuple); numbers are kept as their exact text
-- and typed in ods. Fields as the API names them, plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    r.rrdId AS rrdId,
    r.reportId AS reportId,
    r.dateFrom AS dateFrom,
    r.dateTo AS dateTo,
    r.currency AS currency,
    r.nmId AS nmId,
    r.sku AS sku,
    r.vendorCode AS vendorCode,
    r.title AS title,
    r.docTypeName AS docTypeName,
    r.sellerOperName AS sellerOperName,
    r.bonusTypeName AS bonusTypeName,
    r.quantity AS quantity,
    r.deliveryAmount AS deliveryAmount,
    r.returnAmount AS returnAmount,
    r.rrDate AS rrDate,
    r.saleDt AS saleDt,
    r.orderDt AS orderDt,
    r.officeName AS officeName,
    r.srid AS srid,
    r.retailPrice AS retailPrice,
    r.retailPriceWithDisc AS retailPriceWithDisc,
    r.retailAmount AS retailAmount,
    r.forPay AS forPay,
    r.acquiringFee AS acquiringFee,
    r.vw AS vw,
    r.vwNds AS vwNds,
    r.ppvzReward AS ppvzReward,
    r.deliveryService AS deliveryService,
    r.rebillLogisticCost AS rebillLogisticCost,
    r.paidStorage AS paidStorage,
    r.paidAcceptance AS paidAcceptance,
    r.penalty AS penalty,
    r.deduction AS deduction,
    r.additionalPayment AS additionalPayment,
    r.cashbackAmount AS cashbackAmount,
    r.cashbackDiscount AS cashbackDiscount,
    r.cashbackCommissionChange AS cashbackCommissionChange,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(rrdId Nullable(Int64), reportId Nullable(Int64), dateFrom String, dateTo String, currency String, nmId Nullable(Int64), sku String, vendorCode String, title String, docTypeName String, sellerOperName String, bonusTypeName String, quantity Nullable(Int64), deliveryAmount Nullable(Int64), returnAmount Nullable(Int64), rrDate String, saleDt String, orderDt String, officeName String, srid String, retailPrice String, retailPriceWithDisc String, retailAmount String, forPay String, acquiringFee String, vw String, vwNds String, ppvzReward String, deliveryService String, rebillLogisticCost String, paidStorage String, paidAcceptance String, penalty String, deduction String, additionalPayment String, cashbackAmount String, cashbackDiscount String, cashbackCommissionChange String)') AS r
    FROM raw.records FINAL WHERE stream = 'wb_realization'
)
