-- Green share of each buurt's surface per year, percent.
SELECT g.buurt_code AS area_code, coalesce(a.name, g.buurt_code) AS area_name, g.year::VARCHAR AS period,
       round(100 * g.green_share, 1) AS value, 1.0 AS coverage
FROM main.green_heat g LEFT JOIN main.areas a ON a.code = g.buurt_code
ORDER BY period, area_code
