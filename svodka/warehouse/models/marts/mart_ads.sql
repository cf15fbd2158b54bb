-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, date, campaign_id, item_id) PARTITION BY toYYYYMM(date)
-- Advertising per campaign, advertised item and day, with its efficiency:
--   CTR = clicks / views, CPC = spend / clicks, CPO = spend / ad orders,
--   ДРР (drr) = spend / ad revenue (what the ad platform attributes to the campaign),
--   drr_total = spend / everything the item was ordered for that day (fct_orders).
-- Ratios are NULL where the denominator is 0; when aggregating, add up the counts and
-- money and divide again (never average the ratios). An item is a WB card (nmId) or an
-- Ozon SKU; product_id is filled when the item is one product (an Ozon SKU, a one-size card).
WITH
    item_orders AS
    (
        -- by marketplace item, whatever seller connection it was ordered through (the ad
        -- connection, e.g. Ozon Performance, is not the seller connection)
        SELECT marketplace, order_date AS date, item_id, sum(amount) AS ordered_amount
        FROM dwh.fct_orders
        GROUP BY marketplace, date, item_id
    ),
    items AS
    (
        SELECT marketplace, item_id,
               if(uniqExact(product_id) = 1, any(product_id), '') AS product_id,
               any(vendor_code) AS vendor_code, any(title) AS title
        FROM dwh.dim_listing
        WHERE is_current = 1
        GROUP BY marketplace, item_id
    )
SELECT
    a.marketplace AS marketplace,
    a.account AS account,
    a.date AS date,
    a.campaign_id AS campaign_id,
    a.campaign_name AS campaign_name,
    a.item_id AS item_id,
    if(a.product_id != '', a.product_id, ifNull(i.product_id, '')) AS product_id,
    ifNull(i.vendor_code, '') AS vendor_code,
    ifNull(i.title, '') AS title,
    a.views AS views,
    a.clicks AS clicks,
    a.spend AS spend,
    a.orders AS orders,
    a.revenue AS ad_revenue,
    toDecimal64(ifNull(o.ordered_amount, 0), 2) AS item_ordered_amount,
    round(a.clicks / nullIf(a.views, 0), 4) AS ctr,
    round(a.spend / nullIf(a.clicks, 0), 2) AS cpc,
    round(a.spend / nullIf(a.orders, 0), 2) AS cpo,
    round(a.spend / nullIf(a.revenue, 0), 4) AS drr,
    round(a.spend / nullIf(o.ordered_amount, 0), 4) AS drr_total
FROM dwh.fct_ad_daily AS a
LEFT JOIN items AS i ON i.marketplace = a.marketplace AND i.item_id = a.item_id
LEFT JOIN item_orders AS o ON o.marketplace = a.marketplace AND o.item_id = a.item_id AND o.date = a.date
