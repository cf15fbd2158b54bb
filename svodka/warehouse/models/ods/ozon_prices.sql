-- materialized: table
-- engine: MergeTree ORDER BY (account, snapshot_date, product_id)
-- Daily price snapshots per Ozon product; the day's last snapshot wins as a whole.
-- old_price is the "before discount" price, price the seller's price after discounts.
WITH latest AS (SELECT account, snapshot_date, max(run_id) AS run_id FROM raw.stg_ozon_prices GROUP BY account, snapshot_date)
SELECT
    p.account AS account,
    toDate(p.snapshot_date) AS snapshot_date,
    assumeNotNull(p.product_id) AS product_id,
    p.offer_id AS offer_id,
    toDecimal64OrNull(p.price, 2) AS price,
    toDecimal64OrNull(p.old_price, 2) AS old_price,
    toDecimal64OrNull(p.min_price, 2) AS min_price,
    toDecimal64OrNull(p.marketing_seller_price, 2) AS marketing_seller_price,
    p.currency_code AS currency,
    p.fetched_at AS fetched_at,
    p.run_id AS run_id
FROM raw.stg_ozon_prices AS p
INNER JOIN latest AS l ON p.account = l.account AND p.snapshot_date = l.snapshot_date AND p.run_id = l.run_id
WHERE p.product_id IS NOT NULL
