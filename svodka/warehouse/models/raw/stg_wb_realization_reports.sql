-- materialized: view
-- finance-api POST /api/finance/v1/sales-reports/list: report headers with their totals.
-- The payload is parsed once per row (one tuple); numbers are kept as their exact text
-- and typed in ods. Fields as the API names them, plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    r.reportId AS reportId,
    r.reportType AS reportType,
    r.dateFrom AS dateFrom,
    r.dateTo AS dateTo,
    r.createDate AS createDate,
    r.currency AS currency,
    r.retailAmountSum AS retailAmountSum,
    r.forPaySum AS forPaySum,
    r.deliveryServiceSum AS deliveryServiceSum,
    r.paidStorageSum AS paidStorageSum,
    r.paidAcceptanceSum AS paidAcceptanceSum,
    r.penaltySum AS penaltySum,
    r.deductionSum AS deductionSum,
    r.additionalPaymentSum AS additionalPaymentSum,
    r.bankPaymentSum AS bankPaymentSum,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(reportId Nullable(Int64), reportType Nullable(Int64), dateFrom String, dateTo String, createDate String, currency String, retailAmountSum String, forPaySum String, deliveryServiceSum String, paidStorageSum String, paidAcceptanceSum String, penaltySum String, deductionSum String, additionalPaymentSum String, bankPaymentSum String)') AS r
    FROM raw.records FINAL WHERE stream = 'wb_realization_reports'
)
