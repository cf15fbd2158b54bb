-- materialized: view
-- api-performance statistics report (CSV, or a ZIP of one CSV per campaign), decoded by the
-- connector's decoder into one record per CSV row: the CSV's own Russian column names,
-- values verbatim (decimal comma), plus campaign_id. Renamed here, typed in ods.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(meta, 'date_from') AS date_from,
    JSONExtractString(meta, 'date_to') AS date_to,
    JSONExtractString(payload, 'campaign_id') AS campaign_id,
    JSONExtractString(payload, 'День') AS day,
    JSONExtractString(payload, 'sku') AS sku,
    JSONExtractString(payload, 'Название товара') AS product_name,
    JSONExtractString(payload, 'Показы') AS views,
    JSONExtractString(payload, 'Клики') AS clicks,
    JSONExtractString(payload, 'Расход, ₽, с НДС') AS spend,
    JSONExtractString(payload, 'Заказы') AS orders,
    JSONExtractString(payload, 'Выручка, ₽') AS revenue,
    payload
FROM raw.records FINAL WHERE stream = 'ozon_perf_stats'
