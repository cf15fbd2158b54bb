-- materialized: table
-- engine: MergeTree ORDER BY (account, date, accrual_id, line_index) PARTITION BY toYYYYMM(date)
-- Ozon accruals (/v1/finance/accrual/by-day) flattened to money lines, in their current
-- content: Ozon corrects an accrual in place (same accrual_id, new amounts) and publishes
-- some late into past dates, so the latest fetch of each accrual wins; raw keeps them all.
-- Line kinds: a posting's `sale_amount` (positive: a sale; negative: a buyer's return)
-- and `commission` (no type_id in by-day), its delivery services, item fees per SKU and
-- non-item fees, each with its type_id (names from /v1/finance/accrual/types).
-- quantity = units of a posting line (its sale amount over the unit seller price).
WITH current AS
(
    SELECT *
    FROM raw.stg_ozon_accruals
    WHERE accrual_id IS NOT NULL
    ORDER BY account, accrual_id, fetched_at DESC, page_id, record_index
    LIMIT 1 BY account, accrual_id
),
lines AS
(
    -- one pass over the accruals: each becomes groups of (sku, unit seller price, money parts),
    -- so the raw read, the JSON parsing and the dedup sort above happen once
    SELECT account, accrual_id, accrued_category, date, unit_number, fetched_at, run_id,
           JSONExtractString(posting, 'delivery_schema') AS delivery_schema,
           g.1 AS sku, g.2 AS seller_price, g.3 AS parts
    FROM current
    ARRAY JOIN multiIf(
        -- posting: per product, the sale amount, the commission and every delivery service
        accrued_category = 'POSTING',
        arrayMap(pr -> (
            JSONExtract(pr, 'sku', 'Int64'),
            toDecimal64OrNull(JSONExtractString(pr, 'commission', 'seller_price', 'amount'), 2),
            arrayConcat(
                [('sale_amount', toInt64(0), JSONExtractString(pr, 'commission', 'sale_amount', 'amount')),
                 ('commission', toInt64(0), JSONExtractString(pr, 'commission', 'commission', 'amount'))],
                arrayMap(s -> ('service', JSONExtract(s, 'type_id', 'Int64'), JSONExtractString(s, 'accrued', 'amount')),
                         JSONExtractArrayRaw(pr, 'delivery', 'services')))),
            JSONExtractArrayRaw(posting, 'products')),
        -- item fees: per SKU, each fee with its type
        accrued_category = 'ITEM',
        arrayMap(f -> (
            JSONExtract(f, 'sku', 'Int64'),
            CAST(NULL AS Nullable(Decimal(18, 2))),
            arrayMap(x -> ('fee', JSONExtract(x, 'type_id', 'Int64'), JSONExtractString(x, 'accrued', 'amount')),
                     JSONExtractArrayRaw(f, 'fees'))),
            JSONExtractArrayRaw(item_fees, 'fees')),
        -- non-item fees: the seller's, no SKU
        [(toInt64(0), CAST(NULL AS Nullable(Decimal(18, 2))),
          [('fee', JSONExtract(non_item_fee, 'type_id', 'Int64'), JSONExtractString(non_item_fee, 'accrued', 'amount'))])]
    ) AS g
)
SELECT
    account,
    assumeNotNull(accrual_id) AS accrual_id,
    accrued_category AS category,
    toDate(date) AS date,
    unit_number,
    delivery_schema,
    sku,
    toUInt32(part_index) AS line_index,
    part.1 AS kind,
    part.2 AS type_id,
    toDecimal64OrNull(part.3, 2) AS amount,
    toInt64(ifNull(if(kind = 'sale_amount' AND ifNull(seller_price, 0) != 0,
                      round(abs(toDecimal64OrZero(part.3, 2)) / seller_price), 0), 0)) AS quantity,
    fetched_at,
    run_id
FROM lines
ARRAY JOIN parts AS part, arrayEnumerate(parts) AS part_index
