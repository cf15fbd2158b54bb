-- materialized: view
-- finance-api POST /api/finance/v1/sales-reports/list: report headers with their totals.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtract(payload, 'reportId', 'Nullable(Int64)') AS reportId,
    JSONExtract(payload, 'reportType', 'Nullable(Int64)') AS reportType,
    JSONExtractString(payload, 'dateFrom')   AS dateFrom,
    JSONExtractString(payload, 'dateTo')     AS dateTo,
    JSONExtractString(payload, 'createDate') AS createDate,
    JSONExtractString(payload, 'currency')   AS currency,
    JSONExtractString(payload, 'retailAmountSum')      AS retailAmountSum,
    JSONExtractString(payload, 'forPaySum')            AS forPaySum,
    JSONExtractString(payload, 'deliveryServiceSum')   AS deliveryServiceSum,
    JSONExtractString(payload, 'paidStorageSum')       AS paidStorageSum,
    JSONExtractString(payload, 'paidAcceptanceSum')    AS paidAcceptanceSum,
    JSONExtractString(payload, 'penaltySum')           AS penaltySum,
    JSONExtractString(payload, 'deductionSum')         AS deductionSum,
    JSONExtractString(payload, 'additionalPaymentSum') AS additionalPaymentSum,
    JSONExtractString(payload, 'bankPaymentSum')       AS bankPaymentSum,
    payload
FROM raw.records FINAL
WHERE stream = 'wb_realization_reports'
