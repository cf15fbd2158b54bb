-- materialized: table
-- engine: MergeTree ORDER BY (product_id, supplier)
-- Supplier prices per product: each supplier's newest offer, its age, and the product's
-- cheapest current offer. `stale` flags offers older than the supplier's staleness time
-- (svodka.toml [pricelists] stale_after_days, copied to meta.suppliers before each build).
SELECT
    s.product_id AS product_id,
    p.vendor_code AS vendor_code,
    p.title AS title,
    s.supplier AS supplier,
    s.article AS article,
    s.name AS name,
    s.price AS price,
    s.quantity AS quantity,
    s.loaded_at AS loaded_at,
    round(dateDiff('second', s.loaded_at, now('UTC')) / 86400, 2) AS age_days,
    ifNull(t.stale_after_days, 7) AS stale_after_days,
    toUInt8(dateDiff('second', s.loaded_at, now('UTC')) > stale_after_days * 86400) AS stale,
    min(s.price) OVER (PARTITION BY s.product_id) AS best_price,
    s.match_method AS match_method
FROM dwh.fct_supplier_price AS s
LEFT JOIN dwh.dim_product AS p ON p.product_id = s.product_id AND p.is_current = 1
LEFT JOIN (SELECT supplier, any(stale_after_days) AS stale_after_days FROM meta.suppliers GROUP BY supplier) AS t
    ON t.supplier = s.supplier
WHERE s.product_id != ''
