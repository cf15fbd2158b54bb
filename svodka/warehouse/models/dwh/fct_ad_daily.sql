-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, date, campaign_id, item_id) PARTITION BY toYYYYMM(date)
-- Advertising per marketplace, campaign, advertised item and Moscow day: views, clicks,
-- spend, and the orders and revenue the ad platform attributes to the campaign.
-- WB (advert-api fullstats): item = card (nmId), summed over app types. Ozon (Performance
-- statistics reports): item = SKU. product_id is filled where the item is one product
-- (an Ozon SKU); a WB card may hold several sizes, see mart_ads.
SELECT
    'wb' AS marketplace,
    s.account AS account,
    s.date AS date,
    toString(s.advert_id) AS campaign_id,
    any(c.name) AS campaign_name,
    toString(s.nm_id) AS item_id,
    '' AS product_id,
    toInt64(sum(s.views)) AS views,
    toInt64(sum(s.clicks)) AS clicks,
    toDecimal64(sum(ifNull(s.spend, 0)), 2) AS spend,
    toInt64(sum(s.orders)) AS orders,
    toDecimal64(sum(ifNull(s.revenue, 0)), 2) AS revenue
FROM ods.wb_ads_stats AS s
LEFT JOIN ods.wb_ads_campaigns AS c ON c.account = s.account AND c.advert_id = s.advert_id
GROUP BY s.account, s.date, s.advert_id, s.nm_id
UNION ALL
SELECT
    'ozon',
    s.account,
    s.date,
    s.campaign_id,
    any(c.name),
    toString(s.sku),
    any(if(l.product_id != '', l.product_id, concat('ozon:', toString(s.sku)))),
    toInt64(sum(ifNull(s.views, 0))),
    toInt64(sum(ifNull(s.clicks, 0))),
    toDecimal64(sum(ifNull(s.spend, 0)), 2),
    toInt64(sum(ifNull(s.orders, 0))),
    toDecimal64(sum(ifNull(s.revenue, 0)), 2)
FROM ods.ozon_perf_stats AS s
LEFT JOIN ods.ozon_perf_campaigns AS c ON c.account = s.account AND c.campaign_id = s.campaign_id
LEFT JOIN dwh.ozon_listing_map AS l ON l.item_id = toString(s.sku)
WHERE s.sku IS NOT NULL
GROUP BY s.account, s.date, s.campaign_id, s.sku
