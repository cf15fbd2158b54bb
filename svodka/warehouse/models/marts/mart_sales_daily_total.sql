-- materialized: view
-- mart_sales_daily added up across marketplaces and accounts: one row per product and day,
-- marketplace = 'all'. Kept apart from the per-marketplace mart so that summing a mart
-- never counts a sale twice.
SELECT
    'all' AS marketplace,
    '' AS account,
    date,
    product_id,
    '' AS item_id,
    any(vendor_code) AS vendor_code,
    any(title) AS title,
    any(category) AS category,
    any(brand) AS brand,
    sum(orders_units) AS orders_units,
    sum(orders_amount) AS orders_amount,
    sum(cancelled_units) AS cancelled_units,
    sum(sales_units) AS sales_units,
    sum(returns_units) AS returns_units,
    sum(net_units) AS net_units,
    sum(revenue) AS revenue,
    sum(for_pay) AS for_pay
FROM marts.mart_sales_daily
GROUP BY date, product_id
