-- materialized: table
-- engine: MergeTree ORDER BY (account, price_type, ref_key, period)
-- 1C price records (InformationRegister_ЦеныНоменклатуры) by period, per price type and
-- item, with the type's name; the history and the SliceLast snapshots are the same
-- records, so both feed one table. A record re-posted with another price takes its
-- latest price, kept with the fetch that first saw that price (a re-read changes nothing).
-- A CommerceML offers.xml (`svodka onec import`) adds the prices it lists, valid from the
-- export's date (ДатаФормирования), with the price type named in the file.
WITH
    types AS
    (
        SELECT account, Ref_Key AS ref_key, any(Description) AS name
        FROM raw.stg_onec_price_types GROUP BY account, ref_key
    ),
    records AS
    (
        SELECT account, Period, `ВидЦены_Key`, `Номенклатура_Key`, price, fetched_at, run_id, page_id, record_index
        FROM raw.stg_onec_prices
        UNION ALL
        SELECT account, Period, `ВидЦены_Key`, `Номенклатура_Key`, price, fetched_at, run_id, page_id, record_index
        FROM raw.stg_onec_prices_current
    ),
    latest AS
    (
        SELECT account, Period, `ВидЦены_Key`, `Номенклатура_Key`, argMax(price, fetched_at) AS price
        FROM records GROUP BY account, Period, `ВидЦены_Key`, `Номенклатура_Key`
    ),
    cml AS
    (
        SELECT
            o.account AS account,
            JSONExtractString(p, 'ТипЦены') AS price_type,
            splitByChar('#', o.id)[1] AS ref_key,
            toDateTime(toStartOfDay(parseDateTime64BestEffort(o.generated_at, 0, 'Europe/Moscow')), 'UTC') AS period,
            toDate(parseDateTime64BestEffort(o.generated_at, 0, 'Europe/Moscow'), 'Europe/Moscow') AS period_date,
            toDecimal64OrNull(replaceOne(JSONExtractString(p, 'ЦенаЗаЕдиницу'), ',', '.'), 2) AS price,
            o.fetched_at AS fetched_at,
            o.run_id AS run_id
        FROM raw.stg_cml_offers AS o
        ARRAY JOIN JSONExtractArrayRaw(o.prices) AS p
        WHERE o.id != '' AND o.generated_at != ''
        ORDER BY account, price_type, ref_key, period, fetched_at
        LIMIT 1 BY account, price_type, ref_key, period
    )
SELECT
    p.account AS account,
    t.name AS price_type,
    p.`Номенклатура_Key` AS ref_key,
    toDateTime(parseDateTime64BestEffort(p.Period, 0, 'Europe/Moscow'), 'UTC') AS period,
    toDate(parseDateTime64BestEffort(p.Period, 0, 'Europe/Moscow'), 'Europe/Moscow') AS period_date,
    toDecimal64OrNull(p.price, 2) AS price,
    p.fetched_at AS fetched_at,
    p.run_id AS run_id
FROM records AS p
INNER JOIN latest AS l USING (account, Period, `ВидЦены_Key`, `Номенклатура_Key`, price)
LEFT JOIN types AS t ON t.account = p.account AND t.ref_key = p.`ВидЦены_Key`
WHERE p.`Номенклатура_Key` != '' AND p.Period != ''
ORDER BY account, price_type, ref_key, period, fetched_at, p.page_id, p.record_index
LIMIT 1 BY account, price_type, ref_key, period
UNION ALL
SELECT account, price_type, ref_key, period, period_date, price, fetched_at, run_id FROM cml
