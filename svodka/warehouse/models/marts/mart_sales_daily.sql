-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, date, product_id) PARTITION BY toYYYYMM(date)
-- Orders and sales per marketplace, account, product and Moscow day. revenue = value of
-- goods sold minus value of goods returned, at the seller's price after the seller's
-- discount. Names are those of the product's version valid that day (dim_product, SCD2);
-- marts.mart_sales_daily_total adds the marketplaces up.
WITH
    o AS
    (
        SELECT marketplace, account, order_date AS date, product_id, any(item_id) AS item_id,
               sum(units) AS orders_units, sum(amount) AS orders_amount,
               sumIf(units, is_cancel = 1) AS cancelled_units
        FROM dwh.fct_orders
        GROUP BY marketplace, account, date, product_id
    ),
    s AS
    (
        SELECT marketplace, account, sale_date AS date, product_id, any(item_id) AS item_id,
               sumIf(units, kind = 'sale') AS sales_units,
               -sumIf(units, kind = 'return') AS returns_units,
               sum(amount) AS revenue,
               sum(for_pay) AS for_pay
        FROM dwh.fct_sales
        GROUP BY marketplace, account, date, product_id
    )
SELECT
    if(o.marketplace != '', o.marketplace, s.marketplace) AS marketplace,
    if(o.marketplace != '', o.account, s.account) AS account,
    if(o.marketplace != '', o.date, s.date) AS date,
    if(o.marketplace != '', o.product_id, s.product_id) AS product_id,
    if(o.marketplace != '', o.item_id, s.item_id) AS item_id,
    p.vendor_code AS vendor_code,
    p.title AS title,
    p.category AS category,
    p.brand AS brand,
    toUInt64(o.orders_units) AS orders_units,
    toDecimal64(o.orders_amount, 2) AS orders_amount,
    toUInt64(o.cancelled_units) AS cancelled_units,
    toUInt64(s.sales_units) AS sales_units,
    toUInt64(s.returns_units) AS returns_units,
    toInt64(s.sales_units) - toInt64(s.returns_units) AS net_units,
    toDecimal64(s.revenue, 2) AS revenue,
    toDecimal64(s.for_pay, 2) AS for_pay
FROM o
FULL OUTER JOIN s ON o.marketplace = s.marketplace AND o.account = s.account AND o.date = s.date
    AND o.product_id = s.product_id
-- the product's version in force at the end of that Moscow day
ASOF LEFT JOIN dwh.dim_product AS p
    ON p.product_id = if(o.marketplace != '', o.product_id, s.product_id)
    AND toTimeZone(toDateTime(if(o.marketplace != '', o.date, s.date) + 1, 'Europe/Moscow'), 'UTC') > p.valid_from
