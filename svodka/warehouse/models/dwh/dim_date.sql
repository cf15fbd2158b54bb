-- materialized: table
-- engine: MergeTree ORDER BY date
-- The one calendar (Moscow business dates), 2020–2035.
SELECT
    date,
    toYear(date) AS year,
    toQuarter(date) AS quarter,
    toMonth(date) AS month,
    toStartOfMonth(date) AS month_start,
    toISOWeek(date) AS iso_week,
    toMonday(date) AS week_start,
    toDayOfWeek(date) AS day_of_week,
    toUInt8(toDayOfWeek(date) >= 6) AS is_weekend
FROM (SELECT toDate('2020-01-01') + number AS date FROM numbers(5845))
