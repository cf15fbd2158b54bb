-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, product_id)
-- ABC and XYZ per product, per marketplace and overall (marketplace = 'all'), over the
-- 13 weeks (91 days) ending on the last day with sales, or the full weeks there are.
--   ABC by revenue and by margin: products sorted by the measure; A while the share of
--   the products above it is below 80 %, B below 95 %, C beyond (and C for a measure ≤ 0).
--   Margin = payout (revenue − every marketplace fee, fct_finance) less the cost of goods
--   when 1C gives it (fct_cogs); before cost of goods for products 1C has no cost for.
--   XYZ by the variability of weekly units sold: coefficient of variation ≤ 0.10 → X,
--   ≤ 0.25 → Y, else Z (weeks without sales count as 0; no sales at all → Z).
WITH
    bounds AS
    (
        -- weeks = full weeks of history inside the window (a young shop has fewer than 13)
        SELECT max(sale_date) AS last_day, greatest(last_day - 90, min(sale_date)) AS first_day,
               greatest(intDiv(toUInt32(last_day - first_day) + 1, 7), 1) AS weeks
        FROM dwh.fct_sales
    ),
    sales AS
    (
        SELECT marketplace, product_id, sale_date AS date, units, amount
        FROM dwh.fct_sales
        WHERE sale_date BETWEEN (SELECT first_day FROM bounds) AND (SELECT last_day FROM bounds)
    ),
    fin AS
    (
        -- payout less the 1C cost of goods where 1C gives one (fct_cogs), else the payout
        SELECT f.marketplace AS marketplace, f.product_id AS product_id, f.payout - ifNull(c.cogs, 0) AS payout
        FROM
        (
            SELECT marketplace, product_id, sum(amount) AS payout
            FROM dwh.fct_finance
            WHERE product_id != '' AND op_date BETWEEN (SELECT first_day FROM bounds) AND (SELECT last_day FROM bounds)
            GROUP BY marketplace, product_id
        ) AS f
        LEFT JOIN
        (
            SELECT marketplace, product_id, sum(cogs) AS cogs
            FROM dwh.fct_cogs
            WHERE op_date BETWEEN (SELECT first_day FROM bounds) AND (SELECT last_day FROM bounds)
            GROUP BY marketplace, product_id
        ) AS c ON c.marketplace = f.marketplace AND c.product_id = f.product_id
    ),
    weekly AS
    (
        -- units sold per week, weeks counted back from the last day (0 … 12)
        SELECT marketplace, product_id, intDiv(toUInt32((SELECT last_day FROM bounds) - date), 7) AS week,
               sumIf(units, units > 0) AS units
        FROM sales
        GROUP BY marketplace, product_id, week
    ),
    variability AS
    (
        SELECT marketplace, product_id, sum(units) / any(n) AS weekly_mean,
               sqrt(greatest(sum(units * units) / any(n) - pow(sum(units) / any(n), 2), 0)) AS weekly_std
        FROM
        (
            SELECT marketplace, product_id, week, units FROM weekly
            UNION ALL
            SELECT 'all', product_id, week, sum(units) FROM weekly GROUP BY product_id, week
        ) AS w
        CROSS JOIN (SELECT weeks AS n FROM bounds) AS b
        WHERE week < b.n
        GROUP BY marketplace, product_id
    ),
    per_mp AS
    (
        SELECT s.marketplace AS marketplace, s.product_id AS product_id, sum(s.amount) AS revenue,
               sum(s.units) AS net_units, any(ifNull(f.payout, 0)) AS margin
        FROM sales AS s
        LEFT JOIN fin AS f ON f.marketplace = s.marketplace AND f.product_id = s.product_id
        GROUP BY marketplace, product_id
    ),
    measures AS
    (
        SELECT m.*, v.weekly_mean AS weekly_mean, v.weekly_std AS weekly_std
        FROM
        (
            SELECT marketplace, product_id, revenue, margin, net_units FROM per_mp
            UNION ALL
            SELECT 'all', product_id, sum(revenue), sum(margin), sum(net_units) FROM per_mp GROUP BY product_id
        ) AS m
        LEFT JOIN variability AS v ON v.marketplace = m.marketplace AND v.product_id = m.product_id
    ),
    ranked AS
    (
        SELECT *,
               -- the share of the products ranked above this one: A while it is below 80 %
               ifNull(sum(greatest(revenue, 0)) OVER (PARTITION BY marketplace ORDER BY revenue DESC, product_id
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                 / nullIf(sum(greatest(revenue, 0)) OVER (PARTITION BY marketplace), 0) AS revenue_share_above,
               ifNull(sum(greatest(margin, 0)) OVER (PARTITION BY marketplace ORDER BY margin DESC, product_id
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                 / nullIf(sum(greatest(margin, 0)) OVER (PARTITION BY marketplace), 0) AS margin_share_above
        FROM measures
    )
SELECT
    marketplace,
    product_id,
    (SELECT first_day FROM bounds) AS period_from,
    (SELECT last_day FROM bounds) AS period_to,
    toDecimal64(revenue, 2) AS revenue,
    toDecimal64(margin, 2) AS margin,
    toInt64(net_units) AS net_units,
    multiIf(revenue <= 0, 'C', revenue_share_above < 0.8, 'A', revenue_share_above < 0.95, 'B', 'C') AS abc_revenue,
    multiIf(margin <= 0, 'C', margin_share_above < 0.8, 'A', margin_share_above < 0.95, 'B', 'C') AS abc_margin,
    round(if(ifNull(weekly_mean, 0) > 0, weekly_std / weekly_mean, NULL), 3) AS weekly_cv,
    multiIf(ifNull(weekly_mean, 0) = 0, 'Z', weekly_std / weekly_mean <= 0.10, 'X', weekly_std / weekly_mean <= 0.25, 'Y', 'Z') AS xyz,
    concat(abc_revenue, xyz) AS abc_xyz
FROM ranked
