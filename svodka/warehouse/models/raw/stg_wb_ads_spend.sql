-- materialized: view
-- advert-api GET /adv/v1/upd: spend history, one row per charge.
-- Fields as the API names them (nested objects kept as JSON text for ods), plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    r.updNum AS updNum,
    r.updTime AS updTime,
    r.advertId AS advertId,
    r.campName AS campName,
    r.advertType AS advertType,
    r.paymentType AS paymentType,
    r.advertStatus AS advertStatus,
    JSONExtractRaw(payload, 'updSum') AS updSum,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(updNum Nullable(Int64), updTime String, advertId Nullable(Int64), campName String, advertType Nullable(Int64), paymentType String, advertStatus Nullable(Int64))') AS r
    FROM raw.records FINAL WHERE stream = 'wb_ads_spend'
)
