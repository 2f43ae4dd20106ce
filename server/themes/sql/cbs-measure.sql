-- One CBS key figure per area (gemeente, wijk and buurt as CBS publishes them) and year; withheld
-- values stay NULL.
SELECT k.area_code, coalesce(a.name, k.area_code) AS area_name, k.period::VARCHAR AS period, k.value,
       CASE WHEN k.value IS NULL THEN 0.0 ELSE 1.0 END AS coverage
FROM main.area_key_figures k LEFT JOIN main.areas a ON a.code = k.area_code
WHERE k.measure = $measure AND (k.area_code = $gm OR k.area_code LIKE 'WK%' OR k.area_code LIKE 'BU%')
ORDER BY period, area_code
