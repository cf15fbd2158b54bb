-- materialized: table
-- engine: MergeTree ORDER BY (account, snapshot_date, ref_key, warehouse_key)
-- Stock in the seller's own warehouses per 1C item, per snapshot day (the day's last run
-- wins), from the stock register or, where the configuration keeps stock on accounts,
-- from account 41.01 (rows of other accounts a server failed to filter out are dropped).
WITH latest AS (SELECT account, snapshot_date, max(run_id) AS run_id FROM raw.stg_onec_stock GROUP BY account, snapshot_date)
SELECT
    s.account AS account,
    toDate(s.snapshot_date) AS snapshot_date,
    s.item_key AS ref_key,
    s.warehouse_key AS warehouse_key,
    w.name AS warehouse,
    s.register AS register,
    toDecimal64OrNull(s.quantity, 3) AS quantity,
    s.fetched_at AS fetched_at,
    s.run_id AS run_id
FROM raw.stg_onec_stock AS s
INNER JOIN latest AS l ON l.account = s.account AND l.snapshot_date = s.snapshot_date AND l.run_id = s.run_id
LEFT JOIN
(
    SELECT account, Ref_Key AS ref_key, any(Description) AS name FROM raw.stg_onec_warehouses GROUP BY account, ref_key
) AS w ON w.account = s.account AND w.ref_key = s.warehouse_key
WHERE s.item_key != ''
    AND (s.account_key = '' OR JSONExtractString(s.payload, 'Account_Key') IN ('', s.account_key))
