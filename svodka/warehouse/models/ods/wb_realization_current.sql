-- materialized: view
-- The current content of every realization line: a revised line replaces the earlier one.
SELECT *
FROM ods.wb_realization
ORDER BY account, rrd_id, fetched_at DESC, content_hash
LIMIT 1 BY account, rrd_id
