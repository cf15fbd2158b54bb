-- materialized: table
-- engine: MergeTree ORDER BY (account, ref_key, fetched_at)
-- 1C catalog items (not folders) with their article, names, folder and barcodes, one row
-- per distinct content (DataVersion) with the fetch that first saw it.
WITH
    folders AS
    (
        SELECT account, Ref_Key AS ref_key, any(Description) AS folder
        FROM raw.stg_onec_nomenclature WHERE IsFolder GROUP BY account, ref_key
    ),
    barcodes AS
    (
        -- the barcodes of the latest snapshot, per item
        SELECT b.account AS account, b.`Номенклатура_Key` AS ref_key, arraySort(groupUniqArray(b.`Штрихкод`)) AS barcodes
        FROM raw.stg_onec_barcodes AS b
        INNER JOIN (SELECT account, max(run_id) AS run_id FROM raw.stg_onec_barcodes GROUP BY account) AS l
            ON l.account = b.account AND l.run_id = b.run_id
        WHERE b.`Штрихкод` != ''
        GROUP BY account, ref_key
    )
SELECT
    n.account AS account,
    n.Ref_Key AS ref_key,
    n.Code AS code,
    n.`Артикул` AS article,
    n.Description AS name,
    n.`НаименованиеПолное` AS full_name,
    f.folder AS folder,
    toUInt8(ifNull(n.DeletionMark, false)) AS deletion_mark,
    b.barcodes AS barcodes,
    n.DataVersion AS data_version,
    n.fetched_at AS fetched_at,
    n.run_id AS run_id
FROM
(
    SELECT * FROM raw.stg_onec_nomenclature
    WHERE Ref_Key != '' AND NOT ifNull(IsFolder, false)
    ORDER BY account, Ref_Key, DataVersion, fetched_at, page_id, record_index
    LIMIT 1 BY account, Ref_Key, DataVersion
) AS n
LEFT JOIN folders AS f ON f.account = n.account AND f.ref_key = n.Parent_Key
LEFT JOIN barcodes AS b ON b.account = n.account AND b.ref_key = n.Ref_Key
