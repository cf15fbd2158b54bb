-- materialized: table
-- engine: MergeTree ORDER BY (account, snapshot_date, nm_id, size_id)
-- Daily price snapshots per card size; the day's last snapshot wins as a whole.
WITH latest AS
(
    SELECT account, snapshot_date, max(run_id) AS run_id
    FROM raw.stg_wb_prices
    GROUP BY account, snapshot_date
)
SELECT
    p.account AS account,
    toDate(p.snapshot_date) AS snapshot_date,
    assumeNotNull(p.nmID) AS nm_id,
    p.vendorCode AS vendor_code,
    ifNull(p.discount, 0) AS discount,
    p.currencyIsoCode4217 AS currency,
    JSONExtract(size, 'sizeID', 'Int64') AS size_id,
    JSONExtractString(size, 'techSizeName') AS tech_size,
    toDecimal64(JSONExtractRaw(size, 'price'), 2) AS price,
    toDecimal64OrNull(JSONExtractRaw(size, 'discountedPrice'), 2) AS discounted_price,
    toDecimal64OrNull(JSONExtractRaw(size, 'clubDiscountedPrice'), 2) AS club_discounted_price,
    p.fetched_at AS fetched_at,
    p.run_id AS run_id
FROM raw.stg_wb_prices AS p
INNER JOIN latest AS l ON p.account = l.account AND p.snapshot_date = l.snapshot_date AND p.run_id = l.run_id
ARRAY JOIN JSONExtractArrayRaw(p.sizes) AS size
WHERE p.nmID IS NOT NULL
