-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, period)
-- Profit and loss per marketplace account and month (by operation date): revenue, every
-- fee type of the one taxonomy, the payout, and advertising.
--   Fees and payout come from the marketplaces' finance (fct_finance).
--   ad_spend comes from the advertising platforms (fct_ad_daily) by day. Part of it is
--   withheld from the payout (WB deducts «WB Продвижение» weekly: the `advertising` fee
--   column); Ozon Performance is prepaid from a separate account. So the result counts
--   ad_spend once and the advertising withholding not at all:
--     result_before_cogs = payout − advertising − ad_spend
--   (advertising is negative, so payout − advertising is the payout before ad withholdings).
-- cogs (fct_cogs: units sold net of returns × the 1C unit cost) and result = result_before_cogs
-- − cogs need 1C; NULL without it, or while a product sold that month has no cost.
WITH
    fin AS
    (
        SELECT marketplace, account, toStartOfMonth(op_date) AS period,
               sumIf(amount, fee_type IN ('sale', 'return')) AS revenue,
               sumIf(amount, fee_type = 'sale') AS sale,
               sumIf(amount, fee_type = 'return') AS return,
               sumIf(amount, fee_type = 'commission') AS commission,
               sumIf(amount, fee_type = 'acquiring') AS acquiring,
               sumIf(amount, fee_type = 'logistics') AS logistics,
               sumIf(amount, fee_type = 'return_logistics') AS return_logistics,
               sumIf(amount, fee_type = 'storage') AS storage,
               sumIf(amount, fee_type = 'acceptance') AS acceptance,
               sumIf(amount, fee_type = 'penalty') AS penalty,
               sumIf(amount, fee_type = 'advertising') AS advertising,
               sumIf(amount, fee_type = 'compensation') AS compensation,
               sumIf(amount, fee_type = 'other') AS other,
               sum(amount) AS payout
        FROM dwh.fct_finance
        GROUP BY marketplace, account, period
    ),
    cogs AS
    (
        SELECT marketplace, account, toStartOfMonth(op_date) AS period,
               if(countIf(cogs IS NULL) > 0, NULL, sum(cogs)) AS cogs
        FROM dwh.fct_cogs
        GROUP BY marketplace, account, period
    ),
    ads AS
    (
        -- an Ozon Performance connection counts with the Ozon seller connection of the same name
        SELECT marketplace, account, toStartOfMonth(date) AS period, sum(spend) AS ad_spend
        FROM dwh.fct_ad_daily
        GROUP BY marketplace, account, period
    )
SELECT
    if(f.marketplace != '', f.marketplace, a.marketplace) AS marketplace,
    if(f.marketplace != '', f.account, a.account) AS account,
    if(f.marketplace != '', f.period, a.period) AS period,
    toDecimal64(f.revenue, 2) AS revenue,
    toDecimal64(f.sale, 2) AS sale,
    toDecimal64(f.return, 2) AS return,
    toDecimal64(f.commission, 2) AS commission,
    toDecimal64(f.acquiring, 2) AS acquiring,
    toDecimal64(f.logistics, 2) AS logistics,
    toDecimal64(f.return_logistics, 2) AS return_logistics,
    toDecimal64(f.storage, 2) AS storage,
    toDecimal64(f.acceptance, 2) AS acceptance,
    toDecimal64(f.penalty, 2) AS penalty,
    toDecimal64(f.advertising, 2) AS advertising,
    toDecimal64(f.compensation, 2) AS compensation,
    toDecimal64(f.other, 2) AS other,
    toDecimal64(f.payout, 2) AS payout,
    toDecimal64(a.ad_spend, 2) AS ad_spend,
    toDecimal64(f.payout - f.advertising - a.ad_spend, 2) AS result_before_cogs,
    CAST(g.cogs AS Nullable(Decimal(18, 2))) AS cogs,
    CAST(result_before_cogs - g.cogs AS Nullable(Decimal(18, 2))) AS result,
    round(toFloat64(result) / nullIf(toFloat64(f.revenue), 0), 4) AS result_pct
FROM fin AS f
FULL OUTER JOIN ads AS a ON a.marketplace = f.marketplace AND a.account = f.account AND a.period = f.period
LEFT JOIN cogs AS g ON g.marketplace = if(f.marketplace != '', f.marketplace, a.marketplace)
    AND g.account = if(f.marketplace != '', f.account, a.account) AND g.period = if(f.marketplace != '', f.period, a.period)
