-- materialized: table
-- engine: MergeTree ORDER BY (account, snapshot_date, barcode, warehouse)
-- Daily stock snapshots per barcode and warehouse (warehouse_remains). When several syncs
-- ran on one day, the day's last complete snapshot (its run) wins as a whole.
WITH latest AS
(
    SELECT account, snapshot_date, max(run_id) AS run_id
    FROM raw.stg_wb_stocks
    GROUP BY account, snapshot_date
)
SELECT
    s.account AS account,
    toDate(s.snapshot_date) AS snapshot_date,
    assumeNotNull(s.nmId) AS nm_id,
    s.barcode AS barcode,
    s.vendorCode AS vendor_code,
    s.techSize AS tech_size,
    JSONExtractString(w, 'warehouseName') AS warehouse,
    multiIf(
        startsWith(JSONExtractString(w, 'warehouseName'), 'В пути до получател'), 'in_way_to_client',
        startsWith(JSONExtractString(w, 'warehouseName'), 'В пути возврат'), 'in_way_from_client',
        startsWith(JSONExtractString(w, 'warehouseName'), 'Всего'), 'total',
        'warehouse') AS location_type,
    JSONExtract(w, 'quantity', 'Int64') AS quantity,
    s.fetched_at AS fetched_at,
    s.run_id AS run_id
FROM raw.stg_wb_stocks AS s
INNER JOIN latest AS l ON s.account = l.account AND s.snapshot_date = l.snapshot_date AND s.run_id = l.run_id
ARRAY JOIN JSONExtractArrayRaw(s.warehouses) AS w
WHERE s.nmId IS NOT NULL
