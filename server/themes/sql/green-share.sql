-- Green share of each buurt's surface per year, percent; rolled up weighted by the buurten's surface
-- (the indicator's `weightBy`, from their boundaries).
SELECT g.buurt_code AS area_code, g.year::VARCHAR AS period, round(100 * g.green_share, 1) AS value
FROM main.green_heat g
ORDER BY period, area_code
