-- materialized: table
-- engine: MergeTree ORDER BY (account, report_id)
-- Realization report headers (totals as WB states them), latest fetch per report.
SELECT
    account,
    assumeNotNull(reportId) AS report_id,
    ifNull(reportType, 0) AS report_type,
    toDate(parseDateTime64BestEffort(dateFrom, 0, 'Europe/Moscow'), 'Europe/Moscow') AS date_from,
    toDate(parseDateTime64BestEffort(dateTo, 0, 'Europe/Moscow'), 'Europe/Moscow')   AS date_to,
    currency,
    toDecimal64OrNull(retailAmountSum, 2)      AS retail_amount_sum,
    toDecimal64OrNull(forPaySum, 2)            AS for_pay_sum,
    toDecimal64OrNull(deliveryServiceSum, 2)   AS delivery_service_sum,
    toDecimal64OrNull(paidStorageSum, 2)       AS paid_storage_sum,
    toDecimal64OrNull(paidAcceptanceSum, 2)    AS paid_acceptance_sum,
    toDecimal64OrNull(penaltySum, 2)           AS penalty_sum,
    toDecimal64OrNull(deductionSum, 2)         AS deduction_sum,
    toDecimal64OrNull(additionalPaymentSum, 2) AS additional_payment_sum,
    toDecimal64OrNull(bankPaymentSum, 2)       AS bank_payment_sum,
    fetched_at,
    run_id
FROM raw.stg_wb_realization_reports
WHERE reportId IS NOT NULL
ORDER BY account, report_id, fetched_at DESC, page_id, record_index
LIMIT 1 BY account, report_id
