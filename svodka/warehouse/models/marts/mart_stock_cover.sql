-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, date, product_id, warehouse)
-- Stock per product, warehouse and snapshot day, against what sold from that warehouse:
-- average daily sales over the 7 and 28 days before the snapshot, days of cover (stock
-- over the 28-day rate, or the 7-day one when the product is new) and the expected
-- stock-out date. Cover is NULL when nothing sold: no rate, no forecast.
WITH
    stock AS
    (
        SELECT marketplace, account, date, product_id, any(item_id) AS item_id, warehouse,
               sum(quantity) AS stock
        FROM dwh.fct_stock_daily
        WHERE location_type = 'warehouse'
        GROUP BY marketplace, account, date, product_id, warehouse
    ),
    daily AS
    (
        SELECT marketplace, account, product_id, warehouse, sale_date AS date, sum(units) AS units
        FROM dwh.fct_sales
        WHERE kind = 'sale'
        GROUP BY marketplace, account, product_id, warehouse, date
    ),
    rates AS
    (
        SELECT st.marketplace AS marketplace, st.account AS account, st.date AS date,
               st.product_id AS product_id, st.warehouse AS warehouse,
               sumIf(d.units, d.date >= st.date - 7 AND d.date < st.date) / 7 AS avg_7d,
               sumIf(d.units, d.date >= st.date - 28 AND d.date < st.date) / 28 AS avg_28d
        FROM stock AS st
        LEFT JOIN daily AS d ON d.marketplace = st.marketplace AND d.account = st.account
            AND d.product_id = st.product_id AND d.warehouse = st.warehouse
        GROUP BY marketplace, account, date, product_id, warehouse
    )
SELECT
    s.marketplace AS marketplace,
    s.account AS account,
    s.date AS date,
    s.product_id AS product_id,
    s.item_id AS item_id,
    s.warehouse AS warehouse,
    toInt64(s.stock) AS stock,
    round(r.avg_7d, 3) AS avg_daily_sales_7d,
    round(r.avg_28d, 3) AS avg_daily_sales_28d,
    if(r.avg_28d > 0, r.avg_28d, r.avg_7d) AS rate,
    if(rate > 0, round(s.stock / rate, 1), NULL) AS days_of_cover,
    if(rate > 0, s.date + toIntervalDay(toUInt32(floor(s.stock / rate))), NULL) AS stockout_date,
    p.vendor_code AS vendor_code,
    p.title AS title
FROM stock AS s
LEFT JOIN rates AS r ON r.marketplace = s.marketplace AND r.account = s.account AND r.date = s.date
    AND r.product_id = s.product_id AND r.warehouse = s.warehouse
ASOF LEFT JOIN dwh.dim_product AS p
    ON p.product_id = s.product_id AND toTimeZone(toDateTime(s.date + 1, 'Europe/Moscow'), 'UTC') > p.valid_from
