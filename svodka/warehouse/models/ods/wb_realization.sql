-- materialized: table
-- engine: MergeTree ORDER BY (account, rrd_id, fetched_at) PARTITION BY toYYYYMM(rr_date)
-- Realization report lines, typed: every distinct content of a line (rrdId) with the fetch
-- that first saw it, so a revised line keeps its history and a re-read changes nothing.
-- Money is NULL only when WB sent something that is not a number: a check fails on it.
SELECT
    account,
    assumeNotNull(rrdId)    AS rrd_id,
    assumeNotNull(reportId) AS report_id,
    toDate(parseDateTime64BestEffort(dateFrom, 0, 'Europe/Moscow'), 'Europe/Moscow') AS report_date_from,
    toDate(parseDateTime64BestEffort(dateTo, 0, 'Europe/Moscow'), 'Europe/Moscow')   AS report_date_to,
    currency,
    ifNull(nmId, 0) AS nm_id,
    sku AS barcode,
    vendorCode AS vendor_code,
    title,
    docTypeName AS doc_type,
    sellerOperName AS operation,
    bonusTypeName AS bonus_type,
    ifNull(quantity, 0)       AS quantity,
    ifNull(deliveryAmount, 0) AS delivery_amount,
    ifNull(returnAmount, 0)   AS return_amount,
    toDate(parseDateTime64BestEffort(rrDate, 0, 'Europe/Moscow'), 'Europe/Moscow') AS rr_date,
    toDate(parseDateTime64BestEffortOrNull(saleDt, 0, 'Europe/Moscow'), 'Europe/Moscow') AS sale_date,
    toDate(parseDateTime64BestEffortOrNull(orderDt, 0, 'Europe/Moscow'), 'Europe/Moscow') AS order_date,
    officeName AS office,
    srid,
    if(retailPrice = '', toDecimal64(0, 2), toDecimal64OrNull(retailPrice, 2))               AS retail_price,
    if(retailPriceWithDisc = '', toDecimal64(0, 2), toDecimal64OrNull(retailPriceWithDisc, 2)) AS retail_price_with_disc,
    if(retailAmount = '', toDecimal64(0, 2), toDecimal64OrNull(retailAmount, 2))             AS retail_amount,
    if(forPay = '', toDecimal64(0, 2), toDecimal64OrNull(forPay, 2))                         AS for_pay,
    if(acquiringFee = '', toDecimal64(0, 2), toDecimal64OrNull(acquiringFee, 2))             AS acquiring_fee,
    if(vw = '', toDecimal64(0, 2), toDecimal64OrNull(vw, 2))                                 AS vw,
    if(vwNds = '', toDecimal64(0, 2), toDecimal64OrNull(vwNds, 2))                           AS vw_nds,
    if(ppvzReward = '', toDecimal64(0, 2), toDecimal64OrNull(ppvzReward, 2))                 AS ppvz_reward,
    if(deliveryService = '', toDecimal64(0, 2), toDecimal64OrNull(deliveryService, 2))       AS delivery_service,
    if(rebillLogisticCost = '', toDecimal64(0, 2), toDecimal64OrNull(rebillLogisticCost, 2)) AS rebill_logistic_cost,
    if(paidStorage = '', toDecimal64(0, 2), toDecimal64OrNull(paidStorage, 2))               AS paid_storage,
    if(paidAcceptance = '', toDecimal64(0, 2), toDecimal64OrNull(paidAcceptance, 2))         AS paid_acceptance,
    if(penalty = '', toDecimal64(0, 2), toDecimal64OrNull(penalty, 2))                       AS penalty,
    if(deduction = '', toDecimal64(0, 2), toDecimal64OrNull(deduction, 2))                   AS deduction,
    if(additionalPayment = '', toDecimal64(0, 2), toDecimal64OrNull(additionalPayment, 2))   AS additional_payment,
    if(cashbackAmount = '', toDecimal64(0, 2), toDecimal64OrNull(cashbackAmount, 2))         AS cashback_amount,
    if(cashbackDiscount = '', toDecimal64(0, 2), toDecimal64OrNull(cashbackDiscount, 2))     AS cashback_discount,
    if(cashbackCommissionChange = '', toDecimal64(0, 2), toDecimal64OrNull(cashbackCommissionChange, 2))
        AS cashback_commission_change,
    -- the line's content as WB states it (hashing the fields, not the payload's text,
    -- which a ClickHouse server's JSON splitting may re-format)
    cityHash64(reportId, dateFrom, dateTo, nmId, sku, docTypeName, sellerOperName, bonusTypeName, quantity,
               deliveryAmount, returnAmount, rrDate, saleDt, orderDt, officeName, srid, retailPrice,
               retailPriceWithDisc, retailAmount, forPay, acquiringFee, vw, vwNds, ppvzReward, deliveryService,
               rebillLogisticCost, paidStorage, paidAcceptance, penalty, deduction, additionalPayment,
               cashbackAmount, cashbackDiscount, cashbackCommissionChange) AS content_hash,
    fetched_at,
    run_id
FROM raw.stg_wb_realization
WHERE rrdId IS NOT NULL AND reportId IS NOT NULL
ORDER BY account, rrd_id, content_hash, fetched_at, page_id, record_index
LIMIT 1 BY account, rrd_id, content_hash
