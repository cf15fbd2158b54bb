-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, date, item_id, size_id) PARTITION BY toYYYYMM(date)
-- Seller prices per listing and snapshot day: list price (WB price before the seller's
-- discount; Ozon old_price), the discount, and the seller's price after it.
SELECT
    'wb' AS marketplace,
    p.account AS account,
    p.snapshot_date AS date,
    toString(p.nm_id) AS item_id,
    toString(p.size_id) AS size_id,
    ifNull(l.product_id, '') AS product_id,
    p.price AS list_price,
    p.discount AS discount_percent,
    ifNull(p.discounted_price, p.price) AS price,
    p.currency AS currency
FROM ods.wb_prices AS p
LEFT JOIN dwh.dim_listing AS l
    ON l.marketplace = 'wb' AND l.is_current = 1 AND l.account = p.account AND l.item_id = toString(p.nm_id)
    AND l.size_id = toString(p.size_id)
UNION ALL
SELECT
    'ozon' AS marketplace,
    p.account AS account,
    p.snapshot_date AS date,
    l.item_id AS item_id,
    toString(p.product_id) AS size_id,
    l.product_id AS product_id,
    ifNull(p.old_price, 0) AS list_price,
    toInt64(if(ifNull(p.old_price, 0) > 0, round((1 - ifNull(p.price, 0) / p.old_price) * 100), 0)) AS discount_percent,
    ifNull(p.price, 0) AS price,
    p.currency AS currency
FROM ods.ozon_prices AS p
LEFT JOIN dwh.ozon_listing_map AS l ON l.ozon_product_id = toString(p.product_id)
